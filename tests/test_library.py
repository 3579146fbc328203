"""Every library query gives the same rows, in the same order, on the three engines a
researcher may use: the local Oxigraph store (what `govkg query --graph` runs), rdflib's
pure-Python memory store (what the scorer runs), and a real Oxigraph server reached over
HTTP (what `govkg query --endpoint` runs). Parameters are bound in all three, locally as
engine bindings and remotely as a VALUES block, and must mean the same."""
import re

import pytest
from rdflib import Dataset

from graph import queries
from graph.remote import run_remote
from graph.store import rdflib_dataset, union_store

LIBRARY = queries.library()
EVAL_QUERIES = {"entities", "posts", "part_of", "involvement", "succession"}

# Parameter sets per query, on the bundled sample corpus. Every parameter of every query
# is exercised; a query whose parameters are all optional also runs without any.
PARAM_CASES = {
    "role_holders": [{"role": "CDO"}, {"role": "minister", "wording": "digital"}],
    "actor_profile": [{"name": "Markus Richter"}, {"name": "FITKO"}],
    "org_hierarchy": [{"top": "Senatskanzlei Hamburg"}],
    "initiative_actors": [{"initiativeName": "OZG"}],
    "succession_chains": [{"name": "Martina Klement"}],
    "appointments_timeline": [{"from": "2023", "to": "2024-06"}, {"place": "Bund"}],
    "jurisdiction_actors": [{"level": "land"}],
    "most_connected": [{"type": "Person"}],
    "co_mentions": [{"name": "OZG"}],
    "co_mention_articles": [{"name1": "Markus Richter", "name2": "IT-Planungsrat"}],
    "statement_evidence": [{"name": "Markus Richter"}, {"statement": "a posting of Markus Richter"}],
    "aliases": [{"name": "OZG"}],
    "initiatives_by_level": [{"level": "bund"}],
    "articles_about": [{"name": "FITKO"}],
    "jurisdiction_offices": [{"place": "Hamburg"}],
}


def _cases():
    for name, q in sorted(LIBRARY.items()):
        params = q.parameters or []
        if not any(p.required for p in params):
            yield name, {}
        for case in PARAM_CASES.get(name, []):
            yield name, case


CASES = list(_cases())


def _rows(table) -> list[tuple]:
    return [tuple(None if v is None else str(v) for v in row) for row in table.rows]


@pytest.fixture(scope="session")
def engines(sample_build):
    trig = sample_build / "graph.trig"
    memory = Dataset(default_union=True)
    memory.parse(trig, format="trig")
    return {"oxigraph": rdflib_dataset(union_store(trig), default_union=False), "memory": memory}


def test_every_parameter_of_every_query_is_exercised():
    for name, q in LIBRARY.items():
        declared = {p.name for p in q.parameters or []}
        used = set().union(*PARAM_CASES.get(name, [{}]))
        assert declared == used, f"{name}: parameters {declared} but PARAM_CASES exercise {used}"


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}-{'-'.join(p) or 'noparams'}" for n, p in CASES])
def test_same_rows_locally_in_memory_and_on_the_server(name, params, engines, loaded_server):
    q = LIBRARY[name]
    if params.get("statement") == "a posting of Markus Richter":  # posting IRIs are hashes: look one up
        params = {"statement": _posting_of(engines["memory"], "Markus Richter")}
    bindings = queries.bind(q, params)
    local = queries.run_local(q, engines["oxigraph"], bindings)
    memory = queries.run_local(q, engines["memory"], bindings)
    remote = run_remote(q, loaded_server.query_url, bindings, timeout=60)
    assert local.columns == memory.columns == remote.columns
    assert _rows(local), f"{name} {params} returns nothing on the sample corpus"
    assert _rows(local) == _rows(memory), "local Oxigraph store and rdflib memory store differ"
    assert _rows(local) == _rows(remote), "local Oxigraph store and the Oxigraph server differ"


def _posting_of(dataset, name: str) -> str:
    rows = list(dataset.query(
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?p WHERE { ?p org:member ?m . ?m skos:prefLabel ?n . FILTER(STR(?n) = '%s') } ORDER BY ?p" % name))
    assert rows, f"no posting of {name} in the sample"
    return str(rows[0][0])


@pytest.mark.parametrize("name", sorted(set(LIBRARY) - EVAL_QUERIES))
def test_library_query_parameters_are_echoed_as_columns(name):
    """Oxigraph substitutes only projected variables, so each parameter is a column."""
    q = LIBRARY[name]
    select = re.search(r"SELECT(.*?)WHERE", q.text, re.S).group(1)
    for p in q.parameters:
        assert re.search(rf"\?{p.name}\b", select), f"{name}: ?{p.name} is not projected"


def test_parameters_filter(engines):
    holders = queries.run_local(LIBRARY["role_holders"], engines["memory"],
                                queries.bind(LIBRARY["role_holders"], {"role": "cdo"}))
    all_holders = queries.run_local(LIBRARY["role_holders"], engines["memory"], {})
    col = holders.columns.index("roleType")
    assert {str(r[col]) for r in holders.rows} == {"https://w3id.org/govkg/id/role/cdo"}
    assert len(all_holders.rows) > len(holders.rows)
    assert {str(r[0]) for r in holders.rows} == {"cdo"}  # the parameter, echoed

    tl = LIBRARY["appointments_timeline"]
    rows = queries.run_local(tl, engines["memory"], queries.bind(tl, {"from": "2023", "to": "2024-06"})).rows
    table = queries.run_local(tl, engines["memory"], {})
    col = table.columns.index("date")
    dates = [str(r[col]) for r in rows]
    everything = [str(r[col]) for r in table.rows]
    assert dates == [d for d in everything if "2023" <= d[:4] and d[:7] <= "2024-06"]
    assert len(dates) < len(everything)


def test_current_role_holders_leave_out_the_succeeded(engines):
    """Ralf Kleindiek was succeeded by Martina Klement (sample-09): only she is current."""
    q = LIBRARY["role_holders"]
    table = queries.run_local(q, engines["oxigraph"], {})
    col = table.columns.index("personLabel")
    persons = {str(r[col]) for r in table.rows}
    assert "Martina Klement" in persons and "Ralf Kleindiek" not in persons


def test_every_library_query_is_in_the_readme():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## SPARQL: queries, servers, loading"):]
    missing = [name for name in LIBRARY if f"`{name}`" not in section]
    assert not missing, f"not in the README's query table: {missing}"
