"""Graph files from spooled graphs: TriG and N-Quads keep one named graph per article,
Turtle, N-Triples and JSON-LD hold their union.

Every file is sorted, so the same graph gives the same bytes whatever order the
articles came in, and streamed, so a graph of any size takes little memory: the
quads go from the work files through Oxigraph's parser and serializer, and the
union's duplicates (an actor is described in every article that names it) are
removed by an external sort (`sort -u` in the C locale: byte order, which for UTF-8
is code point order).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .spool import LENIENT, BlobReader, GraphFiles
from .vocab import PREFIXES

UNION_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
QUAD_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
# sort's buffer at most (it takes what the input needs); beyond it, sort merges temporary
# files. The union of 100,000 articles is ~1 GB of lines: sorted in memory, within 3 GB.
SORT_MEMORY = "1536M"
SORT_MEMORY_BESIDE_STORE = "512M"  # while Oxigraph's bulk loader fills a store: both in 3 GB


def write(graphs: GraphFiles, fmt: str, out: BinaryIO, work: Path, sort_memory: str = SORT_MEMORY) -> int:
    """Write the spooled dataset in `fmt` to `out`; returns the number of statements
    written (quads for TriG and N-Quads, distinct triples for the union formats)."""
    if fmt in QUAD_FORMATS:
        return _write_quads(graphs.in_order(), QUAD_FORMATS[fmt], out)
    with sorted_union(graphs, work, sort_memory) as union:
        return _write_triples(union, UNION_FORMATS[fmt], out)


def _write_quads(blobs: Iterator[bytes], rdf_format: ox.RdfFormat, out: BinaryIO) -> int:
    if rdf_format == ox.RdfFormat.N_QUADS:
        return _copy_lines(blobs, out)
    counter = _Counter()
    ox.serialize(counter(ox.parse(BlobReader(blobs), format=ox.RdfFormat.N_QUADS, lenient=LENIENT)), out,
                 rdf_format, prefixes=PREFIXES)
    return counter.n


def _write_triples(union: Path, rdf_format: ox.RdfFormat, out: BinaryIO) -> int:
    if rdf_format == ox.RdfFormat.N_TRIPLES:
        with union.open("rb") as f:
            return _copy_lines(iter(lambda: f.read(1 << 20), b""), out)
    counter = _Counter()
    prefixes = PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
    ox.serialize(counter(ox.parse(path=str(union), format=ox.RdfFormat.N_TRIPLES, lenient=LENIENT)), out,
                 rdf_format, prefixes=prefixes)
    return counter.n


def _copy_lines(chunks: Iterable[bytes], out: BinaryIO) -> int:
    n = 0
    for chunk in chunks:
        out.write(chunk)
        n += chunk.count(b"\n")
    return n


class _Counter:
    """Counts the statements that pass on their way to the serializer."""

    def __init__(self):
        self.n = 0

    def __call__(self, items):
        for item in items:
            self.n += 1
            yield item


class sorted_union:
    """Context manager: a file of the distinct N-Triples lines of all graphs, sorted;
    removed on exit."""

    def __init__(self, graphs: GraphFiles, work: Path, memory: str = SORT_MEMORY):
        self.inputs = graphs.triples.files()
        self.memory = memory
        self.path = work / f"union-{os.getpid()}-{id(self)}.nt"
        self.work = work

    def __enter__(self) -> Path:
        if not self.inputs:
            self.path.write_bytes(b"")
            return self.path
        sort = shutil.which("sort")
        if sort is None:
            raise RuntimeError("the 'sort' program (coreutils) is needed to write the union of the graphs")
        env = {**os.environ, "LC_ALL": "C"}
        subprocess.run([sort, "-u", "-S", self.memory, "-T", str(self.work), "-o", str(self.path),
                        *map(str, self.inputs)], env=env, check=True)
        return self.path

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)
