"""Validation of a graph against ontology/shapes.ttl (pySHACL)."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .lexicon import ontology_dir


def shapes() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "shapes.ttl", format="turtle")
    return g


def validate_graph(data: Graph) -> tuple[bool, str]:
    """(conforms, readable report). Subclass reasoning uses the rdfs:subClassOf
    triples of the ontology (gov:Jurisdiction is an org:Organization)."""
    from pyshacl import validate

    ont = Graph()
    ont.parse(ontology_dir() / "govkg.ttl", format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes(), ont_graph=ont, inference="none",
                                 allow_warnings=True, advanced=False)
    return bool(conforms), text


def validate_file(path: Path) -> tuple[bool, str]:
    fmt = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}.get(path.suffix)
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF format {path.suffix!r}")
    if fmt in ("trig", "nquads"):
        from rdflib import Dataset
        ds = Dataset()
        ds.parse(path, format=fmt)
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        g = Graph()
        g.parse(path, format=fmt)
    return validate_graph(g)
