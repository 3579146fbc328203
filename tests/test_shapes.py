"""SHACL shapes: every valid example conforms, every invalid example (one broken
constraint each) does not; and every term the shapes and the ontology use exists."""
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from graph.lexicon import ontology_dir
from graph.validate import validate_graph
from graph.vocab import GOV

HERE = Path(__file__).resolve().parent / "shapes"
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_examples_conform(path):
    conforms, report = validate_graph(Graph().parse(path))
    assert conforms, report


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_examples_fail(path):
    conforms, report = validate_graph(Graph().parse(path))
    assert not conforms, f"{path.name} should violate a shape"


def _terms(path: Path):
    g = Graph().parse(path)
    for triple in g:
        for t in triple:
            if isinstance(t, URIRef):
                yield str(t)


@pytest.mark.parametrize("ttl", sorted(ontology_dir().glob("*.ttl")), ids=lambda p: p.name)
def test_every_term_of_a_closed_vocabulary_exists(ttl):
    """'sh:severity:' parses as a new predicate; catch such typos for sh:, skos:,
    rdf:, rdfs:, owl: and our own gov: terms."""
    closed = {str(SH): SH, str(SKOS): SKOS, str(RDF): RDF, str(RDFS): RDFS, str(OWL): OWL, str(GOV._NS): GOV}
    for iri in _terms(ttl):
        for ns, dn in closed.items():
            if iri.startswith(ns) and iri != ns.rstrip("#"):
                local = iri[len(ns):]
                try:
                    getattr(dn, local)
                except AttributeError:
                    pytest.fail(f"{ttl.name}: {iri} is not a term of {ns}")


def test_gov_namespace_matches_the_ontology():
    g = Graph().parse(ontology_dir() / "govkg.ttl")
    declared = {str(s)[len(str(GOV._NS)):] for s in g.subjects() if str(s).startswith(str(GOV._NS))}
    in_python = {k for k in GOV.__annotations__}
    assert declared == in_python
    for term in declared:
        s = GOV[term]
        assert (s, RDFS.label, None) in g and (s, RDFS.comment, None) in g, term
        langs = {o.language for o in g.objects(s, RDFS.label)}
        assert {"de", "en"} <= langs, term
