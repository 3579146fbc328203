"""The query library: every query has its header, parses, and runs on the sample graph;
the five evaluation queries return exactly the columns the scorer reads."""
import pytest
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from graph import queries
from graph.store import load_file, rdflib_dataset, union_store

LIBRARY = queries.library()
EVAL_COLUMNS = {
    "entities": ["entity", "type", "label"],
    "posts": ["person", "personLabel", "roleLabel", "org", "orgLabel"],
    "part_of": ["child", "childLabel", "parent", "parentLabel"],
    "involvement": ["actor", "actorLabel", "initiative", "initiativeLabel"],
    "succession": ["successor", "successorLabel", "predecessor", "predecessorLabel"],
}


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_query_has_header(name):
    header = LIBRARY[name].header
    for key in ("summary", "question", "parameters", "columns"):
        assert header.get(key), f"{name}.rq lacks '#+ {key}:'"


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_query_parses_in_rdflib(name):
    prepareQuery(LIBRARY[name].text)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_query_runs_on_the_sample_graph(name, sample_build):
    # as `govkg query --graph` runs it: the union of the article graphs as one set (Oxigraph's
    # own union default graph is a bag, in which these joins blow up)
    ds = rdflib_dataset(union_store(sample_build / "graph.trig"), default_union=False)
    table = queries.run_local(LIBRARY[name], ds)
    assert table.columns
    if name in EVAL_COLUMNS:
        assert table.rows, f"{name} returns nothing on the sample corpus"


@pytest.mark.parametrize("name,columns", sorted(EVAL_COLUMNS.items()))
def test_eval_queries_return_the_scorer_columns(name, columns, seed_build):
    g = Graph().parse(seed_build / "graph.ttl")  # the scorer reads graph.ttl with plain rdflib
    res = g.query(LIBRARY[name].text)
    assert [str(v) for v in res.vars] == columns


def test_posts_gives_one_row_per_posting(seed_build):
    g = Graph().parse(seed_build / "graph.ttl")
    rows = list(g.query(LIBRARY["posts"].text))
    postings = list(g.query("SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/govkg/ontology#Posting> }"))
    assert len(rows) == len(postings)


def test_entities_types_are_the_four_names(seed_build):
    g = Graph().parse(seed_build / "graph.ttl")
    types = {str(r["type"]) for r in g.query(LIBRARY["entities"].text)}
    assert types == {"Person", "Organization", "Initiative", "Jurisdiction"}


def test_formats(seed_build):
    ds = rdflib_dataset(load_file(seed_build / "graph.ttl"))
    table = queries.run_local(LIBRARY["succession"], ds)
    csv = queries.format_table(table, "csv")
    assert csv.splitlines()[0] == "successor,successorLabel,predecessor,predecessorLabel"
    tsv = queries.format_table(table, "tsv")
    assert tsv.splitlines()[0].split("\t")[0] == "?successor"
    assert '"Steffen Schütz"@de' in tsv
    import json
    data = json.loads(queries.format_table(table, "json"))
    assert data["head"]["vars"][0] == "successor"
    assert data["results"]["bindings"][0]["successorLabel"]["xml:lang"] == "de"
