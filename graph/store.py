"""Storage and serialisation: the Oxigraph store (in memory, or on disk for large
corpora), rdflib on top of it (oxrdflib), and byte-stable, atomically written files.

Serialisations are sorted, so the same graph always gives the same bytes, whatever
the order the articles came in; every file is written to a temporary name and renamed,
so an interrupted build never leaves half a file behind. A named graph is replaced in
one transaction (staged, then moved over the old one), so a build killed at any moment
leaves each article's graph old or new, never half or missing.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .iri import BASE
from .spool import DEFAULT_GRAPH, GraphFiles
from .vocab import PREFIXES

STAGING = BASE + "staging/"  # graphs being replaced; never in an output
FILLING_MARKER = ".govkg-filling"  # in a store directory while an empty store is bulk-loaded

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"trig", "nq"}


class StoreError(Exception):
    """The on-disk store can't be used; the message says why."""


def open_store(path: Path | None = None) -> ox.Store:
    """An Oxigraph store: in memory, or on disk at `path` (created when missing).

    Refuses a directory that holds other files (a mistyped --store must not fill the
    user's folder with database files) and a store another process has open."""
    if path is None:
        return ox.Store()
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a directory")
    if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").is_file():
        raise StoreError(f"{path}: the directory holds other files and no Oxigraph store; not touching it")
    try:
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as err:
        raise StoreError(f"{path}: cannot open the store ({err}); is another build using it?") from err


def rdflib_dataset(store: ox.Store, default_union: bool = True) -> Dataset:
    """rdflib's API over the Oxigraph store; SPARQL runs in Oxigraph. The default graph
    is the union of the named graphs (one per article); with default_union=False it is
    the store's own default graph (see union_store)."""
    from oxrdflib import OxigraphStore

    ds = Dataset(store=OxigraphStore(store=store), default_union=default_union)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def replace_graphs(store: ox.Store, quads: Iterable[ox.Quad], changes: Counter | None = None) -> int:
    """Load quads, replacing every named graph they belong to: re-sending an article
    replaces its graph and leaves the others alone. Returns the number of quads loaded;
    `changes` counts the graphs "added", "replaced" and "unchanged"."""
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name, []).append(quad)
    for graph, items in by_graph.items():
        status = replace_graph(store, graph, items)
        if changes is not None:
            changes[status] += 1
    return sum(len(v) for v in by_graph.values())


def replace_graph(store: ox.Store, graph: ox.NamedNode, quads: list[ox.Quad]) -> str:
    """Make `graph` hold exactly `quads`, atomically: "added", "replaced" or "unchanged".

    Each step is one transaction: the new quads go into a staging graph, then one SPARQL
    update (MOVE: drop the old graph, copy the staged one, drop it) swaps them. Killed
    before the MOVE, the old graph is intact and a stale staging graph is left, which
    drop_staging() removes. The update text holds only the two graph names, written by
    pyoxigraph's own N-Triples serialisation of validated IRIs."""
    old = set(store.quads_for_pattern(None, None, None, graph))
    if old == set(quads):
        return "unchanged"
    if not old:
        store.extend(quads)
        return "added"
    staging = ox.NamedNode(STAGING + hashlib.sha1(graph.value.encode()).hexdigest()[:20])
    store.remove_graph(staging) if store.contains_named_graph(staging) else None
    store.extend(ox.Quad(q.subject, q.predicate, q.object, staging) for q in quads)
    store.update(f"MOVE {staging} TO {graph}")
    return "replaced"


def drop_staging(store: ox.Store) -> int:
    """Remove staging graphs left by a killed build; returns how many."""
    stale = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING)]
    for g in stale:
        store.remove_graph(g)
    return len(stale)


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


def graph_files_from_store(store: ox.Store, work: Path) -> GraphFiles:
    """The store's graphs spooled to work files, one graph at a time (bounded memory),
    for the writers in export.py. Staging graphs are left out."""
    files = GraphFiles.create(work, f"store-{len(list(work.iterdir()))}")
    for graph in store.named_graphs():
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(STAGING):
            continue
        name = graph.value if isinstance(graph, ox.NamedNode) else f"_:{graph.value}"
        statements = [f"{q.subject} {q.predicate} {q.object}" for q in store.quads_for_pattern(None, None, None, graph)]
        files.add(name, files.write(name, statements)[0])
    default = [f"{q.subject} {q.predicate} {q.object}"
               for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    if default:
        files.add(DEFAULT_GRAPH, files.write(DEFAULT_GRAPH, default)[0])
    return files


def serialize(store: ox.Store, fmt: str) -> bytes:
    """The store in one format, byte-stable: Turtle, N-Triples and JSON-LD hold the
    union of the named graphs; TriG and N-Quads keep one named graph per article."""
    from . import export

    with tempfile.TemporaryDirectory(prefix="govkg-export-") as tmp:
        out = io.BytesIO()
        export.write(graph_files_from_store(store, Path(tmp)), fmt if fmt != "turtle" else "ttl", out, Path(tmp))
        return out.getvalue()


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush to disk, then rename over it."""
    commit(stage(path, data), path)


def stage(path: Path, data: bytes) -> Path:
    """`data` in a temporary file beside `path` (same file system, so the rename is
    atomic), flushed to disk. A killed process leaves only this hidden file behind."""
    return stage_stream(path, lambda f: f.write(data))


def stage_stream(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Like stage(), with the content written by write(file) (a large file is never
    whole in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; outputs are for sharing
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or what a plain open() would give."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def commit(tmp: Path, path: Path) -> None:
    """Rename the staged file over `path`, and make the rename itself durable."""
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # some file systems don't open directories
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def directory_lock(directory: Path):
    """Hold an exclusive lock on `directory` (flock on the directory itself: no lock file
    is left behind) so that two builds never write the same outputs at once."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise StoreError(f"{directory}: another build is writing here") from err
        except OSError:  # a file system without locks (some network mounts): go on unlocked
            pass
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_stale_temporaries(directory: Path, names: Iterable[str]) -> list[Path]:
    """Temporary files of `names` left by a killed writer (only ours: '.NAME.*.tmp')."""
    removed = []
    for name in names:
        pattern = re.compile(r"^\." + re.escape(name) + r"\.[A-Za-z0-9_]+\.tmp$")
        for f in directory.glob(f".{name}.*.tmp") if directory.is_dir() else ():
            if pattern.match(f.name) and f.is_file():
                f.unlink(missing_ok=True)
                removed.append(f)
    return removed


__all__ = ["open_store", "rdflib_dataset", "union_store", "replace_graphs", "replace_graph", "drop_staging", "load_file",
           "serialize", "atomic_write", "stage", "commit", "remove_stale_temporaries", "directory_lock",
           "StoreError", "DATASET_DEFAULT_GRAPH_ID"]
