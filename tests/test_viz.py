"""The network view without a browser: the projection of the RDF graph, the views
(focus, types, min-degree), the page as a file, the GraphML/GEXF export and the CLI."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from rdflib import Graph

from graph.cli import main
from graph.store import load_file
from tests.conftest import FIXTURES
from viz.export import to_gexf, to_graphml
from viz.layout import force_layout
from viz.network import page, page_data, write_network
from viz.projection import projection
from viz.synthetic import synthetic_projection
from viz.view import ViewError, find_actor, parse_types, select

SMALL = FIXTURES / "viz" / "small.trig"
ID = "https://w3id.org/govkg/id/"


@pytest.fixture(scope="module")
def small() -> nx.MultiDiGraph:
    return projection(load_file(SMALL))


def labelled_edges(g) -> set[tuple]:
    return {(g.nodes[a]["label"], g.nodes[b]["label"], d["relation"], d["label"]) for a, b, d in g.edges(data=True)}


# ------------------------------------------------------------------ projection


def test_small_graph_projects_to_its_actors_and_edges(small):
    assert {(d["label"], d["type"]) for _, d in small.nodes(data=True)} == {
        ("Anna Beispiel", "Person"), ("Bernd Muster", "Person"), ("Clara Probe", "Person"),
        ("Amt für Beispiele", "Organization"), ("Ministerium für Proben", "Organization"),
        ("Musterland", "Jurisdiction"), ("Stadt Nirgendwo", "Jurisdiction"), ("Beispielportal", "Initiative")}
    assert labelled_edges(small) == {
        ("Anna Beispiel", "Amt für Beispiele", "posting", "Amtsleiterin"),
        ("Bernd Muster", "Musterland", "posting", "Staatssekretär"),
        ("Amt für Beispiele", "Ministerium für Proben", "part_of", "Teil von"),
        ("Ministerium für Proben", "Beispielportal", "involved_in", "steuert"),
        ("Bernd Muster", "Clara Probe", "succession", "folgt auf")}
    assert small.number_of_edges() == 5


def test_a_posting_stated_by_two_articles_is_one_edge_with_both_sentences(small):
    (_, _, d), = small.edges(ID + "person/anna-beispiel", data=True)
    assert d["labels"] == ["Amtsleiterin", "Leiterin des Amtes"]
    assert d["label"] == "Amtsleiterin"  # the wording the evidence uses
    assert d["start"] == "2024-02" and d["role"] == "Leiter/in"
    assert [art for _, art in d["evidence"]] == [ID + "article/t1", ID + "article/t2"]  # by date
    assert d["evidence"][0][0].startswith("Amtsleiterin Anna Beispiel übernimmt")


def test_a_posting_without_organisation_stays_on_the_person(small):
    clara = small.nodes[ID + "person/clara-probe"]
    assert [(p["label"], p["role"]) for p in clara["postings"]] == [("Beraterin", "Berater/in")]
    assert "Beraterin" in clara["postings"][0]["evidence"][0][0]


def test_other_names_and_articles(small):
    assert small.nodes[ID + "organization/amt-fuer-beispiele"]["aliases"] == ["AfB"]
    arts = small.graph["articles"]
    assert arts[ID + "article/t1"] == {"id": "t1", "title": "Musterland: Neue Amtsleiterin </script><b>fett</b>",
                                       "date": "2024-02-01", "url": "https://example.org/t1"}


def test_articles_are_nodes_on_request():
    g = projection(load_file(SMALL), articles=True)
    arts = [n for n, d in g.nodes(data=True) if d["type"] == "Article"]
    assert sorted(arts) == [ID + "article/t1", ID + "article/t2"]
    mentioned = {g.nodes[b]["label"] for _, b, d in g.out_edges(ID + "article/t1", data=True)}
    assert mentioned == {"Anna Beispiel", "Amt für Beispiele", "Musterland", "Stadt Nirgendwo"}


def test_sample_projection_has_one_edge_per_relation_node(sample_build):
    """Oxigraph's union graph repeats a triple once per article; the projection must not
    multiply (the first version drew 161,000 Richter-Bund edges). Counted independently
    with rdflib on the union file."""
    g = projection(load_file(sample_build / "graph.trig"))
    rdf = Graph().parse(sample_build / "graph.ttl")
    q = """
    PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?r ?a ?b WHERE {
      { ?r a gov:Posting ; org:member ?a ; org:organization ?b } UNION
      { ?r a gov:UnitPlacement ; gov:unit ?a ; gov:parentOrganization ?b } UNION
      { ?r a gov:Involvement ; gov:actor ?a ; gov:initiative ?b } UNION
      { ?r a gov:Succession ; gov:successor ?a ; gov:predecessor ?b }
      ?a skos:prefLabel ?la . ?b skos:prefLabel ?lb . } }"""
    expected = int(next(iter(rdf.query(q)))[0])
    assert g.number_of_edges() == expected > 20
    keys = [(a, b, k) for a, b, k in g.edges(keys=True)]
    assert len(keys) == len(set(keys))
    richter = find_actor(g, "Markus Richter")
    assert g.number_of_edges(richter, ID + "jurisdiction/bund") == 1


# ------------------------------------------------------------------ views


def test_focus_and_depth(small):
    def labels(v):
        return {d["label"] for _, d in v.nodes(data=True)}
    assert labels(select(small, focus="Anna Beispiel")) == {"Anna Beispiel", "Amt für Beispiele"}
    assert labels(select(small, focus="anna beispiel", depth=2)) == {"Anna Beispiel", "Amt für Beispiele",
                                                                      "Ministerium für Proben"}
    v = select(small, focus="AfB", depth=3)
    assert "Beispielportal" in labels(v) and "Bernd Muster" not in labels(v)
    assert v.graph["focus"] == ID + "organization/amt-fuer-beispiele"
    assert find_actor(small, ID + "person/clara-probe") == ID + "person/clara-probe"


def test_unknown_focus_suggests_close_names(small):
    with pytest.raises(ViewError, match=r"no actor named 'Ana Beispil'; did you mean: Anna Beispiel"):
        select(small, focus="Ana Beispil")
    with pytest.raises(ViewError, match="did you mean: Ministerium für Proben"):
        select(small, focus="Ministerium")  # a part of the name
    with pytest.raises(ViewError, match="no close match"):
        select(small, focus="Zzzyx")


def test_types_and_min_degree(small):
    persons = select(small, types=["Person"])
    assert {d["type"] for _, d in persons.nodes(data=True)} == {"Person"}
    assert labelled_edges(persons) == {("Bernd Muster", "Clara Probe", "succession", "folgt auf")}
    linked = select(small, min_degree=1)
    assert "Stadt Nirgendwo" not in {d["label"] for _, d in linked.nodes(data=True)}
    assert linked.number_of_nodes() == 7 and linked.number_of_edges() == 5
    assert parse_types(["person,ORGANIZATION", "Initiative"]) == ["Person", "Organization", "Initiative"]
    with pytest.raises(ViewError, match="unknown type 'Persons'; choose from Person, "):
        parse_types(["Persons"])


def test_bad_views_are_errors(small):
    with pytest.raises(ViewError, match="--depth must be 1 or more"):
        select(small, focus="Anna Beispiel", depth=0)
    with pytest.raises(ViewError, match="--depth needs --focus"):
        select(small, depth=2)
    with pytest.raises(ViewError, match="which --types Organization leaves out"):
        select(small, types=["Organization"], focus="Anna Beispiel")


# ------------------------------------------------------------------ the page as a file


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_page_is_one_self_contained_file(small):
    html = page(small)
    parser = _Tags()
    parser.feed(html)
    tags = parser.tags
    assert [t for t, a in tags if t in ("link", "iframe", "img", "object", "embed", "base")] == []
    assert [a for t, a in tags if "src" in a or "href" in a] == []  # no script src, no stylesheet link
    assert not re.search(r"""url\(\s*(?!['"]?data:)""", html)  # CSS loads nothing but data: URIs
    assert "@import" not in html
    assert "bootstrap" not in html.lower() and "cdn.jsdelivr" not in html and "cdnjs" not in html
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src" not in csp
    assert [t for t, a in tags if t == "script"] == ["script", "script", "script"]


def test_text_from_articles_cannot_leave_the_data_element(small):
    html = page(small)
    assert "window.__pwned" in html  # the payloads are there ...
    for raw in ("<img src=x", "<script>window", "</script><b>", "<b>fett"):
        assert raw not in html  # ... but never as markup
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    data = json.loads(m.group(1))
    ministry = next(n for n in data["nodes"] if n["label"] == "Ministerium für Proben")
    assert '<img src=x onerror="window.__pwned=2">' in ministry["aliases"]
    titles = [a["title"] for a in data["articles"]]
    assert "Musterland: Neue Amtsleiterin </script><b>fett</b>" in titles


def test_only_http_links_are_links(small):
    data = page_data(small)
    by_id = {a["id"]: a for a in data["articles"]}
    assert by_id["t1"]["url"] == "https://example.org/t1"
    assert "url" not in by_id["t2"] and by_id["t2"]["rawurl"] == "javascript:alert(1)"


def test_page_is_deterministic_and_written_atomically_as_utf8(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_network(load_file(SMALL), a)
    write_network(load_file(SMALL), b)
    assert a.read_bytes() == b.read_bytes()
    text = a.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in text and "Gebietskörperschaft" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]  # no temporary file left


def test_every_node_has_a_position(small):
    data = page_data(small)
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == len(data["nodes"])
    assert force_layout(small) == force_layout(small)


def test_large_graph_goes_straight_to_the_lists():
    """5,000 nodes: node and edge lists built directly (pyvis's add_node is O(n^2)),
    positions computed, every node and edge in the data."""
    g = synthetic_projection(5000)
    data = page_data(g)
    assert len(data["nodes"]) == 5000 and len(data["edges"]) == g.number_of_edges()
    assert all(isinstance(n["x"], float) for n in data["nodes"])


# ------------------------------------------------------------------ export


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_for_gephi_parses_back(fmt, read, tmp_path, capsys):
    out = tmp_path / f"n.{fmt}"
    assert main(["export", str(SMALL), "--format", fmt, "-o", str(out)]) == 0
    g = read(out)
    assert g.number_of_nodes() == 8 and g.number_of_edges() == 5
    anna = g.nodes[ID + "person/anna-beispiel"]
    assert anna["label"] == "Anna Beispiel" and anna["type"] == "Person"
    edge = next(iter(g.get_edge_data(ID + "person/anna-beispiel", ID + "organization/amt-fuer-beispiele").values())) \
        if g.is_multigraph() else g.edges[ID + "person/anna-beispiel", ID + "organization/amt-fuer-beispiele"]
    assert edge["relation"] == "posting" and edge["label"] == "Amtsleiterin"
    assert edge["evidence"].splitlines()[0].startswith("Amtsleiterin Anna Beispiel")
    assert edge["url"].splitlines() == ["https://example.org/t1", "javascript:alert(1)"]
    assert g.nodes[ID + "person/clara-probe"]["postings"] == "Beraterin"
    again = tmp_path / f"again.{fmt}"
    assert main(["export", str(SMALL), "--format", fmt, "-o", str(again)]) == 0
    assert out.read_bytes() == again.read_bytes()


def test_gexf_has_no_date_of_writing_and_colours_by_type(small):
    data = to_gexf(small).decode("utf-8")
    assert "lastmodifieddate" not in data and "<creator>govkg</creator>" in data
    assert 'r="213" g="94" b="0"' in data  # Person, #D55E00
    assert b"<graphml" in to_graphml(small)


# ------------------------------------------------------------------ CLI


def test_viz_cli_writes_a_focus_view(tmp_path, capsys):
    out = tmp_path / "anna.html"
    assert main(["viz", str(SMALL), "-o", str(out), "--focus", "Anna Beispiel", "--depth", "2"]) == 0
    assert "(3 nodes, 2 edges)" in capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    assert "<title>govkg – Umfeld von Anna Beispiel (Tiefe 2)</title>" in html


@pytest.mark.parametrize("args,message", [
    (["--focus", "Ana Beispil"], "govkg viz: no actor named 'Ana Beispil'; did you mean: Anna Beispiel"),
    (["--types", "Persons"], "govkg viz: unknown type 'Persons'; choose from"),
    (["--focus", "Anna Beispiel", "--depth", "-1"], "govkg viz: --depth must be 1 or more, not -1"),
    (["--min-degree", "-2"], "govkg viz: --min-degree must be 0 or more"),
])
def test_viz_cli_errors_are_one_clean_line(args, message, tmp_path, capsys):
    out = tmp_path / "x.html"
    assert main(["viz", str(SMALL), "-o", str(out), *args]) != 0
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_viz_cli_missing_graph(tmp_path, capsys):
    assert main(["viz", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "x.html")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_build_writes_the_network_page(tmp_path):
    from graph.build import build

    build([FIXTURES / "articles" / "fixtures.jsonl"], tmp_path)
    html = (tmp_path / "network.html").read_text(encoding="utf-8")
    assert "Petra Vogelsang" in html and 'id="graph-data"' in html


def test_projection_recovers_a_synthetic_graph_from_its_rdf():
    """The synthetic graph, written as the RDF a build holds (one graph per article,
    actors restated in each), projects back to itself."""
    import pyoxigraph as ox

    from viz.synthetic import synthetic_quads

    g = synthetic_projection(300, seed=3)
    store = ox.Store()
    store.bulk_extend(synthetic_quads(g))
    back = projection(store)
    assert {n: (d["type"], d["label"], d["aliases"]) for n, d in back.nodes(data=True)} == \
        {n: (d["type"], d["label"], d["aliases"]) for n, d in g.nodes(data=True)}

    def edges(x):
        return sorted((a, b, k, d["relation"], d["label"], sorted(d["evidence"])) for a, b, k, d in x.edges(keys=True, data=True))
    assert edges(back) == edges(g)
