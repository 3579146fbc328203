"""End to end: a build writes valid, provenance-rich, byte-stable graphs."""
import json
import random

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from graph.build import build
from graph.validate import validate_file
from graph.vocab import GOV
from tests.conftest import FIXTURES


def test_seed_page_graph_validates(seed_build):
    conforms, report = validate_file(seed_build / "graph.ttl")
    assert conforms, report


def test_seed_page_named_persons_are_one_node_each_with_a_posting(seed_build):
    g = Graph().parse(seed_build / "graph.ttl")
    for name in ("Benjamin Schock", "Christian Pfromm", "Katharina Fegebank"):
        nodes = set(g.subjects(SKOS.prefLabel, Literal(name, lang="de")))
        assert len(nodes) == 1, (name, nodes)
        person = nodes.pop()
        postings = [p for p in g.subjects(ORG.member, person) if (p, RDF.type, GOV.Posting) in g]
        assert postings, f"{name} has no posting"


def test_seed_page_has_sixteen_articles_with_dates(seed_build):
    g = Graph().parse(seed_build / "graph.ttl")
    arts = set(g.subjects(RDF.type, URIRef("https://schema.org/NewsArticle")))
    assert len(arts) == 16
    dated = [a for a in arts if g.value(a, URIRef("http://purl.org/dc/terms/date"))]
    assert len(dated) == 15


def test_trig_has_one_named_graph_per_article_plus_vocabulary(seed_build):
    ds = Dataset()
    ds.parse(seed_build / "graph.trig", format="trig")
    names = {str(c.identifier) for c in ds.contexts() if len(c)}
    article_graphs = {n for n in names if n.startswith("https://w3id.org/govkg/graph/") and not n.endswith("vocabulary")}
    assert len(article_graphs) == 16
    assert "https://w3id.org/govkg/graph/vocabulary" in names


def test_every_posting_and_relation_has_article_and_sentence(seed_build):
    g = Graph().parse(seed_build / "graph.ttl")
    for cls in (GOV.Posting, GOV.Involvement, GOV.Succession, GOV.UnitPlacement):
        for node in g.subjects(RDF.type, cls):
            ev = g.value(node, GOV.evidence)
            assert ev is not None, node
            text = g.value(ev, URIRef("https://schema.org/text"))
            assert text and len(str(text)) > 10, node


def test_no_blank_nodes(seed_build):
    g = Graph().parse(seed_build / "graph.ttl")
    from rdflib import BNode
    assert not any(isinstance(t, BNode) for triple in g for t in triple)


def test_same_input_in_any_order_is_byte_identical(tmp_path):
    src = FIXTURES / "articles" / "fixtures.jsonl"
    lines = src.read_text(encoding="utf-8").splitlines()
    outs = []
    for k in range(3):
        random.Random(k).shuffle(lines)
        f = tmp_path / f"in{k}" / "c.jsonl"
        f.parent.mkdir()
        f.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = tmp_path / f"out{k}"
        build([f], out, network=False)
        outs.append(((out / "graph.ttl").read_bytes(), (out / "graph.trig").read_bytes()))
    assert outs[0] == outs[1] == outs[2]


def test_same_actor_same_iri_from_any_article(tmp_path):
    """An actor's IRI does not depend on which article (or which build) names it."""
    rec = {"title": "Bund: Termin", "date": "2024-01-01", "url": None,
           "text": "Bundes-CIO Markus Richter sprach über das Onlinezugangsgesetz."}
    iris = []
    for k in range(2):
        f = tmp_path / f"{k}.jsonl"
        f.write_text(json.dumps({**rec, "id": f"article-{k}"}) + "\n", encoding="utf-8")
        build([f], tmp_path / f"o{k}", network=False)
        g = Graph().parse(tmp_path / f"o{k}" / "graph.ttl")
        iris.append(sorted(str(s) for s in g.subjects(SKOS.prefLabel, Literal("Markus Richter", lang="de"))))
    assert iris[0] == iris[1] == ["https://w3id.org/govkg/id/person/markus-richter"]


def test_build_writes_network_page(tmp_path):
    out = tmp_path / "o"
    res = build([FIXTURES / "articles" / "fixtures.jsonl"], out)
    page = (out / "network.html").read_text(encoding="utf-8")
    assert res.articles == 3
    assert "Markus Richter" in page
    assert "https://" not in page.split('id="graph-data"')[0].replace("https://w3id.org", "")


def test_nothing_readable_builds_nothing(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    res = build([empty], tmp_path / "o", network=False)
    assert res.articles == 0
    assert not (tmp_path / "o" / "graph.ttl").exists()
    assert "empty file" in str(res.problems[0])


def test_sample_corpus_graph_validates(sample_build):
    conforms, report = validate_file(sample_build / "graph.ttl")
    assert conforms, report


def test_sample_corpus_is_connected_around_recurring_actors(sample_build):
    """Several actors recur across the sample articles, so the network hangs together."""
    g = Graph().parse(sample_build / "graph.ttl")
    mentions = URIRef("https://schema.org/mentions")
    counts = {}
    for _, _, ent in g.triples((None, mentions, None)):
        counts[ent] = counts.get(ent, 0) + 1
    recurring = [e for e, n in counts.items() if n >= 3]
    assert len(recurring) >= 8, sorted(map(str, recurring))


def test_outputs_are_readable_like_any_new_file(tmp_path):
    import os
    import stat
    build([FIXTURES / "articles" / "fixtures.jsonl"], tmp_path / "o")
    mask = os.umask(0)
    os.umask(mask)
    for name in ("graph.ttl", "graph.trig", "network.html"):
        mode = stat.S_IMODE((tmp_path / "o" / name).stat().st_mode)
        assert mode == 0o666 & ~mask, (name, oct(mode))
