"""Incremental builds over an on-disk store (`govkg build --store DIR`): a build adds new
articles and replaces changed ones, and never drops an article it is not replacing."""
import json
import shutil

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from graph.build import build
from graph.cli import main
from graph.store import STAGING, StoreError, open_store, replace_graph
from tests.incremental_corpus import CHANGED, article_graph, graphs_of, union, write_runs


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Run A into a store, snapshot, then run B over it; and run B alone (no store)."""
    d = tmp_path_factory.mktemp("incremental")
    a, b, ids_a, ids_b = write_runs(d / "in")
    store, out = d / "store", d / "out"
    res_a = build([a], out, network=False, store_dir=store)
    after_a = graphs_of(store)
    trig_a = (out / "graph.trig").read_bytes()
    res_b = build([b], out, network=False, store_dir=store)
    after_b = graphs_of(store)
    build([b], d / "b-alone", network=False)
    return dict(dir=d, a=a, b=b, ids_a=ids_a, ids_b=ids_b, store=store, out=out, res_a=res_a, res_b=res_b,
                after_a=after_a, after_b=after_b, trig_a=trig_a, b_alone=graphs_of(d / "b-alone" / "graph.trig"))


def test_articles_not_replaced_keep_every_statement(two_runs):
    kept = [i for i in two_runs["ids_a"] if i not in two_runs["ids_b"]]
    assert len(kept) == 14
    before, after = two_runs["after_a"], two_runs["after_b"]
    for art in kept:
        g = article_graph(art)
        assert len(after[g]) == len(before[g]) > 0, art  # by counting
        assert after[g] == before[g], art  # and statement by statement


def test_kept_named_graphs_are_isomorphic_to_the_first_build(two_runs):
    """The same check through rdflib: each kept article's named graph, parsed from the
    outputs of the two builds, is isomorphic."""
    from rdflib import Dataset, URIRef

    def named(trig: bytes, name: str) -> Graph:
        ds = Dataset()
        ds.parse(data=trig, format="trig")
        return to_isomorphic(ds.graph(URIRef(name)))

    trig_b = (two_runs["out"] / "graph.trig").read_bytes()
    for art in [i for i in two_runs["ids_a"] if i not in two_runs["ids_b"]]:
        g = article_graph(art)
        assert named(trig_b, g) == named(two_runs["trig_a"], g), art


def test_replaced_articles_hold_exactly_the_new_statements(two_runs):
    after, alone = two_runs["after_b"], two_runs["b_alone"]
    for art in two_runs["ids_b"]:
        assert after[article_graph(art)] == alone[article_graph(art)], art
    changed = [two_runs["ids_a"][k] for k in CHANGED]
    for art in changed:
        assert after[article_graph(art)] != two_runs["after_a"][article_graph(art)]


def test_the_store_holds_the_union(two_runs):
    after = two_runs["after_b"]
    articles = {g for g in after if g.startswith("https://w3id.org/govkg/graph/") and not g.endswith("/vocabulary")}
    assert articles == {article_graph(i) for i in set(two_runs["ids_a"]) | set(two_runs["ids_b"])}
    assert len(articles) == 28
    assert not any(g.startswith(STAGING) for g in after)
    res = two_runs["res_b"]
    assert res.changes["added"] == 8 and res.changes["added"] + res.changes["replaced"] + res.changes["unchanged"] == 14
    assert res.changes["replaced"] >= len(CHANGED)
    assert res.stored_articles == 28
    assert res.triples == len(union(after))


def test_outputs_are_written_from_the_whole_store(two_runs):
    assert graphs_of(two_runs["out"] / "graph.trig") == two_runs["after_b"]
    g = Graph().parse(two_runs["out"] / "graph.ttl")
    assert len(g) == len(union(two_runs["after_b"]))


def test_rerun_with_the_same_input_changes_nothing(two_runs, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    shutil.copytree(two_runs["store"], store)
    shutil.copytree(two_runs["out"], out)
    before = (out / "graph.ttl").read_bytes(), (out / "graph.trig").read_bytes()
    res = build([two_runs["b"]], out, network=False, store_dir=store)
    assert res.changes == {"unchanged": 14}
    assert graphs_of(store) == two_runs["after_b"]
    assert ((out / "graph.ttl").read_bytes(), (out / "graph.trig").read_bytes()) == before


def test_an_id_that_clashes_with_a_stored_article_is_not_built(two_runs, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(two_runs["store"], store)
    first = two_runs["ids_a"][0]  # "sample-01"
    clash = tmp_path / "clash.jsonl"
    clash.write_text(json.dumps({"id": first.upper().replace("-", " "), "title": "Anders",
                                 "text": "Ein ganz anderer Text über das Onlinezugangsgesetz."}) + "\n", encoding="utf-8")
    res = build([clash], tmp_path / "out", network=False, store_dir=store)
    assert res.articles == 0 and res.stopped
    assert "gives the same IRI as the stored article 'sample-01'" in res.problems[0].message
    assert graphs_of(store)[article_graph(first)] == two_runs["after_b"][article_graph(first)]


def test_a_folder_that_is_no_store_is_refused(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "thesis.tex").write_text("x", encoding="utf-8")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Text."}) + "\n", encoding="utf-8")
    assert main(["build", str(src), "--store", str(folder), "--out", str(tmp_path / "o")]) == 2
    assert "holds other files and no Oxigraph store" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.tex"]


def test_a_store_in_use_is_refused(tmp_path):
    held = open_store(tmp_path / "store")
    try:
        with pytest.raises(StoreError, match="is another build using it"):
            open_store(tmp_path / "store")
    finally:
        del held


def test_replace_graph_is_added_replaced_unchanged_and_leaves_no_staging():
    store = ox.Store()
    g, other = ox.NamedNode("https://w3id.org/govkg/graph/a"), ox.NamedNode("https://w3id.org/govkg/graph/b")
    p = ox.NamedNode("http://example.org/p")

    def quads(value, graph=g):
        return [ox.Quad(graph, p, ox.Literal(value), graph)]

    replace_graph(store, other, quads("b", other))
    assert replace_graph(store, g, quads("1")) == "added"
    assert replace_graph(store, g, quads("1")) == "unchanged"
    assert replace_graph(store, g, quads("2")) == "replaced"
    assert set(store) == set(quads("2")) | set(quads("b", other))
    assert [n.value for n in store.named_graphs()].count(g.value) == 1
    assert not any(n.value.startswith(STAGING) for n in store.named_graphs())
