"""Storage and serialisation: the Oxigraph store (in memory, or on disk for large
corpora), rdflib on top of it (oxrdflib), and byte-stable, atomically written files.

Serialisations are sorted, so the same graph always gives the same bytes, whatever
the order the articles came in; every file is written to a temporary name and renamed,
so an interrupted build never leaves half a file behind.
"""
from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .vocab import PREFIXES

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"trig", "nq"}


def open_store(path: Path | None = None) -> ox.Store:
    """An Oxigraph store: in memory, or on disk at `path` (created when missing)."""
    if path is None:
        return ox.Store()
    path.mkdir(parents=True, exist_ok=True)
    return ox.Store(str(path))


def rdflib_dataset(store: ox.Store, default_union: bool = True) -> Dataset:
    """rdflib's API over the Oxigraph store; SPARQL runs in Oxigraph. The default graph
    is the union of the named graphs (one per article); with default_union=False it is
    the store's own default graph (see union_store)."""
    from oxrdflib import OxigraphStore

    ds = Dataset(store=OxigraphStore(store=store), default_union=default_union)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def replace_graphs(store: ox.Store, quads: Iterable[ox.Quad]) -> int:
    """Load quads, replacing every named graph they belong to: re-sending an article
    replaces its graph and leaves the others alone. Returns the number of quads loaded."""
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name, []).append(quad)
    for graph, items in by_graph.items():
        store.remove_graph(graph) if store.contains_named_graph(graph) else None
        store.bulk_extend(items) if hasattr(store, "bulk_extend") else store.extend(items)
    return sum(len(v) for v in by_graph.values())


def load_file(path: Path, store: ox.Store | None = None) -> ox.Store:
    """Read a Turtle, TriG, N-Triples, N-Quads or JSON-LD file into a store."""
    store = store or open_store()
    fmt = FORMATS.get(path.suffix.lower().lstrip("."))
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF format {path.suffix!r}; expected one of .ttl .trig .nt .nq .jsonld")
    if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        store.bulk_load(path=str(path), format=fmt)
    else:
        store.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
    return store


def union_store(path: Path) -> ox.Store:
    """A store for querying: every triple of the file in the default graph, once.

    Oxigraph's union default graph is a bag: a triple stated in n article graphs (the
    label of an actor every article describes) comes back n times, and a join of k such
    patterns yields up to n^k rows before DISTINCT, so that a query on a few thousand
    triples takes seconds and on a large corpus never ends. The default graph of a store
    is a set; query it with rdflib_dataset(store, default_union=False)."""
    fmt = FORMATS.get(path.suffix.lower().lstrip("."))
    if fmt not in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        return load_file(path)
    store = open_store()
    default = ox.DefaultGraph()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in ox.parse(path=str(path), format=fmt))
    return store


def sorted_triples_nt(store: ox.Store) -> bytes:
    """The union of all graphs as N-Triples, one line per distinct triple, sorted."""
    lines = {f"{q.subject} {q.predicate} {q.object} ." for q in store}
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""


def sorted_quads_nq(store: ox.Store) -> bytes:
    """All quads as N-Quads, sorted by graph, then triple."""
    keyed = sorted((str(q.graph_name), f"{q.subject} {q.predicate} {q.object}") for q in store)
    lines = [f"{t} {g} ." if g != "DEFAULT" else f"{t} ." for g, t in keyed]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def serialize(store: ox.Store, fmt: str) -> bytes:
    """The store in one format, byte-stable: Turtle, N-Triples and JSON-LD hold the
    union of the named graphs; TriG and N-Quads keep one named graph per article."""
    rdf_format = FORMATS[fmt]
    if fmt in QUAD_FORMATS:
        data, src = sorted_quads_nq(store), ox.RdfFormat.N_QUADS
    else:
        data, src = sorted_triples_nt(store), ox.RdfFormat.N_TRIPLES
    if rdf_format == src or not data:
        return data
    out = io.BytesIO()
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    ox.serialize(ox.parse(data, format=src), out, rdf_format, prefixes=prefixes)
    return out.getvalue()


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush to disk, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def count_triples(store: ox.Store) -> int:
    res = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
                      use_default_graph_as_union=True)
    return int(next(iter(res))["n"].value)


__all__ = ["open_store", "rdflib_dataset", "union_store", "replace_graphs", "load_file", "serialize", "atomic_write",
           "count_triples", "DATASET_DEFAULT_GRAPH_ID"]
