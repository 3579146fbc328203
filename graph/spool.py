"""Work files of a build: what would not fit in memory for a large corpus.

A Spool is an append-only file of byte blobs (pickled extractions, N-Quads of article
graphs), one file per process: worker processes append without locks, and a blob is
found again by its Ref. Writes are unbuffered, so nothing is lost when a worker
process ends with os._exit, as pool workers do.

GraphFiles holds a dataset in two spools: each named graph's sorted N-Quads (read back
in graph order for TriG, N-Quads and the store) and every statement as an N-Triples
line (sorted and deduplicated once, for the Turtle union).

work_directory() makes the temporary directory they live in.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

WORK_PREFIX = "govkg-build-"
# The work files hold N-Triples/N-Quads that govkg wrote itself (rdf.py escapes every
# literal and mints IRIs only from checked keys), so whoever reads them back (the
# writers, the store's bulk loader) need not validate IRIs and language tags again:
# parsing twice as fast, loading 20 % faster. The tests parse every output strictly.
LENIENT = True


def work_directory() -> tempfile.TemporaryDirectory:
    """A temporary directory (in $TMPDIR) for a build's work files, named after the
    build's process, so that a later build can remove those of builds that were killed:
    a killed build cannot clean up, and on a large corpus its work files run to gigabytes."""
    remove_abandoned_work_directories(Path(tempfile.gettempdir()))
    return tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-")


def remove_abandoned_work_directories(root: Path) -> list[Path]:
    """Work directories in `root` whose build process no longer runs, removed."""
    removed = []
    for d in root.glob(f"{WORK_PREFIX}*"):
        m = re.fullmatch(rf"{re.escape(WORK_PREFIX)}(\d+)-\w+", d.name)
        if m and d.is_dir() and not d.is_symlink() and not _running(int(m.group(1))):
            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


@dataclass(frozen=True)
class Ref:
    file: str  # name of the spool file in the work directory
    offset: int
    length: int


class Spool:
    def __init__(self, directory: Path, name: str):
        self.directory = directory
        self.name = name
        self._write: dict[int, tuple[str, int]] = {}  # pid -> (file name, fd)
        self._read: dict[tuple[int, str], int] = {}  # (pid, file name) -> fd

    def append(self, data: bytes) -> Ref:
        pid = os.getpid()
        if pid not in self._write:  # first write in this process (a fresh worker)
            fname = f"{self.name}-{pid}"
            fd = os.open(self.directory / fname, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self._write[pid] = (fname, fd)
        fname, fd = self._write[pid]
        offset = os.lseek(fd, 0, os.SEEK_END)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return Ref(fname, offset, len(data))

    def read(self, ref: Ref) -> bytes:
        key = (os.getpid(), ref.file)
        if key not in self._read:
            self._read[key] = os.open(self.directory / ref.file, os.O_RDONLY)
        return os.pread(self._read[key], ref.length, ref.offset)

    def files(self) -> list[Path]:
        return sorted(self.directory.glob(f"{self.name}-*"))

    def close(self) -> None:
        """Closes this process's files (the work directory is removed after the build)."""
        pid = os.getpid()
        for p, (_, fd) in list(self._write.items()):
            if p == pid:
                os.close(fd)
                del self._write[p]
        for (p, name), fd in list(self._read.items()):
            if p == pid:
                os.close(fd)
                del self._read[(p, name)]


DEFAULT_GRAPH = ""  # the name GraphFiles uses for the default graph; "_:b1" names a blank node
# Union lines a process remembers having spooled: an actor's label and type come again in
# every article that names it, and the recent ones cover nearly all repeats (10,000
# synthetic articles: 1,276,000 lines spooled without it, 699,000 with it, 681,000
# distinct), so the sort that deduplicates the union gets half the input.
RECENT_UNION_LINES = 50_000


def graph_term(graph: str) -> str:
    """The graph's N-Quads term."""
    return graph if graph.startswith("_:") else f"<{graph}>"


def graph_sort_key(graph: str) -> str:
    """Graphs are written in the order of their N-Quads form, the default graph last."""
    return graph_term(graph) if graph else "DEFAULT"


@dataclass
class GraphFiles:
    quads: Spool
    triples: Spool
    graphs: dict[str, Ref] = field(default_factory=dict)  # graph IRI -> its N-Quads blob
    # Per process: a forked worker works on its own copy.
    recent: OrderedDict[str, None] = field(default_factory=OrderedDict)

    @classmethod
    def create(cls, directory: Path, name: str) -> GraphFiles:
        return cls(Spool(directory, f"{name}-quads"), Spool(directory, f"{name}-triples"))

    def write(self, graph: str, statements: Iterable[str]) -> tuple[Ref, int]:
        """Spool one named graph; returns its blob's Ref and its number of statements.
        Safe in a worker process: the caller records the Ref with add()."""
        lines = sorted(set(statements))
        self.triples.append("".join(f"{line} .\n" for line in self._not_recent(lines)).encode("utf-8"))
        ending = " .\n" if graph == DEFAULT_GRAPH else f" {graph_term(graph)} .\n"
        return self.quads.append("".join(line + ending for line in lines).encode("utf-8")), len(lines)

    def _not_recent(self, lines: list[str]) -> Iterator[str]:
        """The lines this process has not spooled lately (the others are in the union
        already: leaving them out changes nothing but the size of the sort)."""
        recent = self.recent
        for line in lines:
            if line in recent:
                recent.move_to_end(line)
                continue
            recent[line] = None
            if len(recent) > RECENT_UNION_LINES:
                recent.popitem(last=False)
            yield line

    def add(self, graph: str, ref: Ref) -> None:
        self.graphs[graph] = ref

    def in_order(self) -> Iterator[bytes]:
        """Each graph's N-Quads, graphs in sorted order."""
        for graph in sorted(self.graphs, key=graph_sort_key):
            yield self.quads.read(self.graphs[graph])


class BlobReader:
    """A binary file object over a stream of byte blobs, for parsers that read files
    (Oxigraph's parser asks for a kilobyte or two at a time)."""

    def __init__(self, blobs: Iterable[bytes]):
        self._blobs = iter(blobs)
        self._blob = b""
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            rest = self._blob[self._pos:] + b"".join(self._blobs)
            self._blob, self._pos = b"", 0
            return rest
        while self._pos >= len(self._blob):
            blob = next(self._blobs, None)
            if blob is None:
                return b""
            self._blob, self._pos = blob, 0
        out = self._blob[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def readable(self) -> bool:
        return True
