"""Hostile text: property-based tests (hypothesis) feed arbitrary Unicode, control
characters, very long tokens, unbalanced quotes and brackets, bidi marks, and strings
shaped like IRIs, SPARQL and HTML to the readers, the extractor and the writers.
Nothing crashes; every output parses back as RDF, conforms to the shapes, and
round-trips (Turtle / TriG -> parse -> isomorphic to what the store holds).

Run sizes (max_examples) are chosen to keep the suite fast; they are the numbers
reported in the README."""
from __future__ import annotations

import functools
import json
import os
import re

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.compare import graph_diff, to_isomorphic

from graph import rdf
from graph.articles import Article, read_inputs
from graph.build import build
from graph.extract import extract
from graph.lexicon import load, ontology_dir
from graph.model import ArticleExtraction, EntityRecord, Post, Relation
from graph.resolve import resolve
from graph.store import replace_graphs, serialize
from graph.validate import validate_graph

# max_examples of each property; GOVKG_HYPOTHESIS_SCALE=10 searches ten times longer.
SCALE = int(os.environ.get("GOVKG_HYPOTHESIS_SCALE", "1"))
RUNS = {"extractor": 100 * SCALE, "writers": 100 * SCALE, "readers": 40 * SCALE}
# In CI the examples are derandomized, so that a run fails only on a change of the code;
# locally each run explores new examples (and replays failures from .hypothesis/).
SETTINGS = dict(deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# ------------------------------------------------------------------ strategies

IRI_LIKE = ["<https://w3id.org/govkg/id/person/x>", "https://w3id.org/govkg/graph/sample-01", "_:b0", "urn:x:y",
            "<http://evil.example/> <p> \"o\" .", "file:///etc/passwd", "../../etc", "%00%2F", "a:b#c?d=e"]
SPARQL_LIKE = ["} ; DROP ALL ; INSERT DATA { <a> <b> <c> } #", "SELECT * WHERE { ?s ?p ?o }", '"""', "'''",
               "@prefix x: <y> .", "\\u0022", "\\", "?name", "$param", "GRAPH <g> {"]
HTML_LIKE = ["<script>alert(1)</script>", "</script><img src=x onerror=alert(1)>", "<!--<script>", "]]>",
             "&amp;&lt;&#0;", "<b>fett</b>", "javascript:alert(1)", "<style>*{}</style>", "<"]
MARKS = ["„", "“", "”", "»", "«", "‚", "‘", "(", ")", "[", "]", "{", "}", '"', "'", "\u200f", "\u200e", "\u202e",
         "\u2066", "\u2069", "\ufeff", "\u00ad", "\u200b", "\x00", "\x1b[31m", "\x7f", "\x85", "\u2028", "\r",
         "\t", "\x0b", "\ufffd", "\U0001F600", "e\u0301", "ﬁ", "Ⅻ", "٣"]
GERMAN = ["Bundes-CIO Markus Richter", "Staatssekretärin Anna Müller", "Senatskanzlei", "Hamburg", "Bezirksamt",
          "Behörde für Wissenschaft, Forschung, Gleichstellung und Bezirke (BWFGB)", "Nachfolger von",
          "als neuer CDO der", "sagte", "Onlinezugangsgesetz", "OZG", "IT-Planungsrat", "FITKO", "Dr.", ".", ",",
          ":", "Thüringen:", "der bayerische Digitalminister Fabian Mehring", "Landrätin", "wurde zum"]

# Text a real file can hold: anything but surrogates (UTF-8 cannot encode them).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
long_token = st.builds(lambda c, n: c * n, st.sampled_from(["a", "(", "-", "ä", ".", "„", "x-"]),
                       st.integers(50, 400))
piece = st.one_of(any_text, st.sampled_from(IRI_LIKE + SPARQL_LIKE + HTML_LIKE + MARKS), st.sampled_from(GERMAN),
                  st.sampled_from(GERMAN), long_token)
hostile_text = st.lists(piece, max_size=25).flatmap(
    lambda parts: st.sampled_from([" ", "\n\n", "", ". "]).map(lambda sep: sep.join(parts)))
hostile_id = st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30),
                       st.sampled_from(["../../etc", "a b", "<x>", "%00", "id\nnewline", "ä/ö", "-", "\u202e"]))
hostile_url = st.one_of(st.none(), st.sampled_from(["javascript:alert(1)", "https://example.org/ok",
                                                    "https://example.org/a b", 'http://x.org/"><script>',
                                                    "data:text/html,<script>", "//host/x", "https://ä.de/ü"]),
                        any_text)


def articles(text=hostile_text):
    return st.builds(Article, id=hostile_id, title=hostile_text, text=text, url=hostile_url,
                     date=st.sampled_from([None, "2024-02-29", "1999-12-31"]))  # readers give ISO dates only


# ------------------------------------------------------------------ checks


def store_of(quads: list[ox.Quad]) -> ox.Store:
    """The article's quads alone: the vocabulary graph is the same in every example, so
    it is only added for validation (vocabulary_graph)."""
    store = ox.Store()
    replace_graphs(store, quads)
    return store


@functools.lru_cache(maxsize=1)
def vocabulary_graph() -> Graph:
    return nt_graph(rdf.vocabulary_quads(ontology_dir()))


def nt_graph(quads) -> Graph:
    return Graph().parse(data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads), format="nt")


def same(got: Graph, want: Graph, what: str) -> None:
    """Isomorphic. Our graphs have no blank nodes (asserted), so isomorphism is equality
    of the triple sets; rdflib's canonical-form check gives the same answer slower."""
    assert not any(isinstance(t, BNode) for triple in got for t in triple), f"{what}: blank node"
    if set(got) != set(want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(f"{what} does not round-trip: {sorted(only_got)[:3]} vs {sorted(only_want)[:3]}")


def check_round_trip(store: ox.Store) -> None:
    """Turtle and TriG parse back (rdflib), are isomorphic to the store, and conform."""
    got = Graph().parse(data=serialize(store, "ttl").decode("utf-8"), format="turtle")
    same(got, nt_graph(store), "Turtle")
    ds = Dataset()
    ds.parse(data=serialize(store, "trig").decode("utf-8"), format="trig")
    assert len(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == 0  # every statement is in a named graph
    for name in {q.graph_name.value for q in store}:
        same(ds.graph(URIRef(name)), nt_graph(store.quads_for_pattern(None, None, None, ox.NamedNode(name))),
             f"TriG graph {name}")
    conforms, report = validate_graph(got + vocabulary_graph())
    assert conforms, report


def check_iris_minted_from_keys(store: ox.Store) -> None:
    """Every govkg IRI of an article's graph is base + lower-case ASCII key: nothing of the
    text gets into an IRI raw."""
    minted = re.compile(r"^https://w3id\.org/govkg/(ontology#\w+|[a-z0-9-]+/[a-z0-9/-]+)$")
    for q in store:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode) and term.value.startswith("https://w3id.org/govkg/"):
                assert minted.match(term.value), term.value


# ------------------------------------------------------------------ properties


@settings(max_examples=RUNS["extractor"], **SETTINGS)
@given(art=articles())
@example(art=Article(id="../../etc", title="", text="Bundes-CIO Markus Richter."))
@example(art=Article(id="x", title="<script>", text="„Zitat (unbalanced [ { « " + "(" * 300, url="javascript:x"))
def test_extractor_and_writers_survive_hostile_articles(art):
    lex = load()
    ex = extract(art, lex)
    event(f"entities: {min(len(ex.entities), 3)}, postings: {min(len(ex.posts), 1)}")
    resolved = resolve([ex], lex)
    store = store_of(rdf.article_quads(ex, resolved, lex, rdf.posting_orgs([ex], resolved, lex)))
    check_iris_minted_from_keys(store)
    check_round_trip(store)


names = st.one_of(st.sampled_from(GERMAN + HTML_LIKE + SPARQL_LIKE + IRI_LIKE + MARKS), any_text.filter(str.strip))


@settings(max_examples=RUNS["writers"], **SETTINGS)
@given(art=articles(text=st.just("Text.")), person=names, org=names, wording=names, sentence=hostile_text,
       alias=names)
def test_writers_escape_any_label_and_sentence(art, person, org, wording, sentence, alias):
    """The writers alone, without the extractor: any string as a name, alias, role
    wording, evidence sentence, article id, title or URL."""
    lex = load()
    p, o = ("Person", person), ("Organization", org)
    ex = ArticleExtraction(
        article=art, sentences=[art.title, sentence],
        entities={p: EntityRecord("Person", person, sentences={1}),
                  o: EntityRecord("Organization", org, aliases={alias}, generic={alias}, sentences={1})},
        posts=[Post(p, wording, lex.role_concept("Bundes-CIO"), o, 1)],
        relations=[Relation("part_of", o, o, 1), Relation("succession", p, p, 1)] if person != org else [])
    resolved = resolve([ex], lex)
    store = store_of(rdf.article_quads(ex, resolved, lex, rdf.posting_orgs([ex], resolved, lex)))
    check_iris_minted_from_keys(store)
    check_round_trip(store)


@settings(max_examples=RUNS["readers"], **SETTINGS)
@given(records=st.lists(st.fixed_dictionaries({"id": hostile_id, "title": hostile_text, "text": hostile_text,
                                               "url": hostile_url, "date": st.one_of(st.none(), any_text)}),
                        min_size=1, max_size=3),
       page=hostile_text, raw=st.binary(max_size=200))
def test_readers_and_build_survive_hostile_files(tmp_path_factory, records, page, raw):
    d = tmp_path_factory.mktemp("hostile")
    (d / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                               encoding="utf-8")
    (d / "b.txt").write_text(page, encoding="utf-8")
    (d / "c.html").write_text(f"<html><body><article><p>{page}</p></article></body></html>", encoding="utf-8")
    (d / "d.jsonl").write_bytes(raw)
    read = read_inputs([d])
    assert all(p.source.startswith(str(d)) for p in read.problems)
    res = build([d], d / "out", network=False)
    assert res.articles == len(read.articles)
    event(f"articles built: {min(res.articles, 3)}")
    if res.articles:
        store = ox.Store()
        store.load(path=str(d / "out" / "graph.trig"), format=ox.RdfFormat.TRIG)
        store.remove_graph(ox.NamedNode(rdf.VOCABULARY_GRAPH))  # checked once, in vocabulary_graph()
        check_iris_minted_from_keys(store)
        check_round_trip(store)


# ------------------------------------------------------------------ found by these tests


def test_extractor_records_every_actor_it_names():
    """'Bundes-CIO Markus Richter.' without a title names the Bund only through the role
    word; the posting's organisation must still be an entity of the article (it once
    was not, and the build died on a KeyError)."""
    ex = extract(Article(id="a", title="", text="Bundes-CIO Markus Richter."), load())
    named = {post.org for post in ex.posts if post.org} | {post.person for post in ex.posts}
    named |= {r.a for r in ex.relations} | {r.b for r in ex.relations}
    assert ("Jurisdiction", "Bund") in named
    assert named <= set(ex.entities)


def test_build_keeps_the_actor_named_only_by_a_role_word(tmp_path):
    """The posting keeps its organisation (the Bund, from the gazetteer) and the graph is valid."""
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "", "text": "Bundes-CIO Markus Richter."}) + "\n", encoding="utf-8")
    res = build([src], tmp_path / "out", network=False)
    assert res.problems == []
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    orgs = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/org#organization"))}
    assert orgs == {"https://w3id.org/govkg/id/jurisdiction/bund"}
    assert validate_graph(g)[0]
