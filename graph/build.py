"""The main job: inputs -> articles -> extractions -> resolved entities -> RDF ->
graph.ttl, graph.trig and network.html, and the store. I/O happens here and nowhere in
the steps it calls.

A corpus of any size is built in bounded memory, in three passes through work files
(see spool.py) in a temporary directory:
1. read and extract, article by article (in worker processes with --workers); each
   extraction is pickled to a work file, and only what resolution needs stays here;
2. resolve once (one node per actor); then write each article's named graph as sorted
   N-Quads to a work file (again in the workers);
3. fill the store and write the files from the work files.
Nothing depends on the number of workers: each article is extracted and written on
its own, and the files are sorted.

With a store directory the build is incremental: each article's named graph is added
or replaced, every other article already in the store stays, and the outputs are
written from the whole store. Resolution (one node per actor) only sees the articles
of the current run: an actor named "Wissing" in this run and "Volker Wissing" in an
earlier one may stay two nodes until both articles are built together.
"""
from __future__ import annotations

import itertools
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from . import export
from . import iri as iris
from . import rdf
from .articles import Article, Problem, ReadResult, iter_inputs
from .extract import extract
from .lexicon import load, ontology_dir
from .model import EntityRecord, EntityRef
from .problems import summarize
from .resolve import NameKey, Resolver, resolved_in
from .spool import LENIENT, BlobReader, GraphFiles, Ref, Spool, work_directory
from .store import (FILLING_MARKER, commit, directory_lock, drop_staging, graph_files_from_store, open_store,
                    remove_stale_temporaries, replace_graph, stage_stream)

SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "data" / "sample"
OUTPUTS = ("graph.ttl", "graph.trig", "network.html")
PAUSE_ENV = "GOVKG_TEST_PAUSE_AT"  # tests: sleep at this phase, so a kill lands there
CHUNK = 32  # articles a worker takes at a time
WINDOW = 64 * CHUNK  # articles in flight at once: the pool would otherwise read the whole input ahead
# network.html of 10,000 articles takes 20 s and 1 GB; at 100,000 it would take many GB
# and show a hairball. Above this, the build leaves the view to `govkg viz --focus`.
MAX_VIEW_ARTICLES = 20_000


@dataclass
class BuildResult:
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)
    files_read: int = 0
    files_skipped: int = 0
    read: int = 0  # articles read, before the store's checks
    store: Path | None = None
    changes: Counter = field(default_factory=Counter)  # article graphs added / replaced / unchanged
    stored_articles: int = 0
    stopped: str = ""  # why nothing was written, when nothing was
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each pass
    written: dict[str, tuple[int, float]] = field(default_factory=dict)  # file -> (statements, seconds)
    store_seconds: float = 0.0  # filling or updating the store (beside writing the files when filling)

    def summary(self) -> str:
        ents = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        rels = ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())) or "none"
        lines = [f"read       {self.files_read} file(s), {self.read} article(s)"
                 + (f"; {self.files_skipped} file(s) gave none" if self.files_skipped else "")]
        lines += summarize(self.problems)
        lines += [f"articles   {self.articles}",
                  f"entities   {sum(self.entities.values())} ({ents})",
                  f"relations  {sum(self.relations.values())} ({rels})"]
        if self.store is not None:
            ch = self.changes
            lines.append(f"store      {self.store}: {ch['added']} added, {ch['replaced']} replaced, "
                         f"{ch['unchanged']} unchanged; {self.stored_articles} article(s) in the store"
                         + (f" ({self.store_seconds:.1f} s)" if self.store_seconds else ""))
        lines.append(f"triples    {self.triples}")
        for p in self.outputs:
            n, seconds = self.written.get(p.name, (None, None))
            unit = "triples" if p.suffix == ".ttl" else "quads"
            lines.append(f"wrote      {p}" + (f" ({n:,} {unit}, {seconds:.1f} s)" if n is not None else ""))
        if self.seconds:
            lines.append("time       " + ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items()))
        return "\n".join(lines)


def checkpoint(phase: str) -> None:
    """A named moment of the build. Tests set GOVKG_TEST_PAUSE_AT=phase to hold the build
    there and kill it; otherwise this does nothing."""
    if os.environ.get(PAUSE_ENV) == phase:
        print(f"govkg: paused at {phase}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("GOVKG_TEST_PAUSE_SECONDS", "60")))


@dataclass
class Extracted:
    """What the main process keeps of one article's extraction; the rest is in a work file."""
    article_id: str
    ref: Ref
    entities: dict[EntityRef, EntityRecord]
    claims: list[tuple[NameKey, str, NameKey]]
    counts: Counter


@dataclass
class Corpus:
    """What the passes need of the whole corpus: small, whatever its size."""
    extractions: list[tuple[str, Ref]] = field(default_factory=list)  # (article id, pickled extraction)
    resolver: Resolver = field(default_factory=Resolver)
    claims: dict[tuple[NameKey, str], set[NameKey]] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    def add(self, item: Extracted) -> None:
        self.extractions.append((item.article_id, item.ref))
        self.resolver.add(item.article_id, item.entities)
        for person, office, org in item.claims:
            self.claims.setdefault((person, office), set()).add(org)
        self.counts.update(item.counts)


class _Job:
    """What the worker functions use. Set before the worker processes are forked, so
    that they inherit it (with the loaded lexicon) instead of receiving it each time."""
    extractions: Spool
    graphs: GraphFiles
    entities: dict = {}
    default_orgs: dict = {}


def _extract_one(article: Article) -> Extracted:
    """Pass 1 for one article: extract, spool the extraction without what the graph does
    not need (the text, sentences that are no evidence)."""
    lex = load()
    ex = extract(article, lex)
    used = {p.sentence for p in ex.posts} | {r.sentence for r in ex.relations}
    ex.sentences = [s if k in used else "" for k, s in enumerate(ex.sentences)]
    ex.article = replace(article, text="")
    ref = _Job.extractions.append(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))
    counts = Counter({"postings": len(rdf.merge_posts(ex.posts, lex))})
    counts.update(rel.kind for rel in ex.relations)
    return Extracted(article.id, ref, ex.entities, rdf.office_claims(ex, lex), counts)


def _render_one(item: tuple[str, Ref]) -> tuple[str, Ref, int]:
    """Pass 2 for one article: its named graph, spooled as sorted N-Quads."""
    ex = pickle.loads(_Job.extractions.read(item[1]))
    resolved = resolved_in(ex.article.id, ex.entities, _Job.entities)
    graph, statements = rdf.article_statements(ex, resolved, load(), _Job.default_orgs)
    ref, n = _Job.graphs.write(graph, statements)
    return graph, ref, n


def _map(func: Callable, items: Iterable, workers: int, bar) -> Iterator:
    """func over items, results in input order, in `workers` forked processes. Items are
    handed out a window at a time, so that a generator is never read far ahead."""
    if workers <= 1:
        for item in items:
            yield func(item)
            bar.update()
        return
    import multiprocessing
    pool = multiprocessing.get_context("fork").Pool(workers)
    done = False
    try:
        it = iter(items)
        while window := list(itertools.islice(it, WINDOW)):
            for result in pool.imap(func, window, chunksize=CHUNK):
                yield result
                bar.update()
        done = True
    finally:
        pool.close() if done else pool.terminate()
        pool.join()


def _bar(progress: bool, desc: str, total: int | None = None):
    if not progress:
        return _NoBar()
    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit=" articles", file=sys.stderr, leave=False, smoothing=0.05,
                dynamic_ncols=True)


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def build(inputs: list[Path], out_dir: Path, *, progress: bool = False, network: bool = True,
          store_dir: Path | None = None, strict: bool = False, workers: int = 1) -> BuildResult:
    """Build the graph. Nothing is written when no article could be read, or with
    `strict` when anything was wrong (errors or warnings). Raises StoreError when the
    store directory can't be used."""
    result = BuildResult(store=store_dir)
    store = open_store(store_dir) if store_dir is not None else None
    if store is not None:
        _recover(store, store_dir, result)
    filled = store is not None and _holds_articles(store)
    with work_directory() as tmp:
        work = Path(tmp)
        clock = _Clock(result.seconds)
        corpus = _extract_corpus(inputs, store if filled else None, work, result, progress, workers)
        clock.lap("reading and extracting")
        checkpoint("read")
        if not corpus.extractions:
            result.stopped = "no article could be read"
            return result
        if not _strict_ok(strict, result):
            return result
        graphs = _render_corpus(corpus, work, result, progress, workers)
        clock.lap("resolving and writing graphs")
        checkpoint("extracted")
        with directory_lock(out_dir):
            loader = None
            if store is not None and filled:
                start = time.monotonic()
                graphs = _replace_in_store(store, graphs, work, result)
                result.store_seconds = time.monotonic() - start
                clock.lap("storing")
            elif store is not None:
                loader = _Loader(store, store_dir, graphs, result)  # fills the store while the files are written
            _write_outputs(graphs, store, loader, out_dir, work, network, result, clock)
    return result


class _Clock:
    def __init__(self, laps: dict[str, float]):
        self.laps = laps
        self.start = time.monotonic()

    def lap(self, name: str) -> None:
        now = time.monotonic()
        self.laps[name] = now - self.start
        self.start = now


def _extract_corpus(inputs, store: ox.Store | None, work: Path, result: BuildResult, progress: bool,
                    workers: int) -> Corpus:
    """Pass 1: read, check against the store, extract."""
    lex = load()
    extract(Article("warm-up", "", "Bundes-CIO Markus Richter sprach in Berlin."), lex)  # caches, matcher
    _Job.extractions = Spool(work, "extractions")
    read = ReadResult(problems=result.problems)

    def articles() -> Iterator[Article]:
        for art in iter_inputs(inputs, read):
            result.read += 1
            if store is None or _fits_store(store, art, read.problems):
                yield art

    corpus = Corpus()
    bar = _bar(progress, "extracting")
    for item in _map(_extract_one, articles(), workers, bar):
        corpus.add(item)
    bar.close()
    result.files_read, result.files_skipped = read.files_read, read.files_skipped
    result.articles = len(corpus.extractions)
    return corpus


def _render_corpus(corpus: Corpus, work: Path, result: BuildResult, progress: bool, workers: int) -> GraphFiles:
    """Resolution, then pass 2: every article's named graph, and the vocabulary's."""
    lex = load()
    _Job.entities = corpus.resolver.entities(lex)
    _Job.default_orgs = rdf.unique_orgs(
        (_Job.entities.get(person), office, _Job.entities.get(org))
        for (person, office), orgs in corpus.claims.items() for org in orgs)
    result.entities = Counter(ent.type for ent in {e.iri: e for e in _Job.entities.values()}.values())
    result.relations = corpus.counts
    graphs = _Job.graphs = GraphFiles.create(work, "graphs")
    bar = _bar(progress, "writing graphs", total=len(corpus.extractions))
    for graph, ref, _ in _map(_render_one, corpus.extractions, workers, bar):
        graphs.add(graph, ref)
    bar.close()
    graph, statements = rdf.vocabulary_statements(ontology_dir())
    graphs.add(graph, graphs.write(graph, statements)[0])
    return graphs


def _strict_ok(strict: bool, result: BuildResult) -> bool:
    if strict and any(p.severity in ("error", "warning") for p in result.problems):
        result.stopped = "--strict and there were problems"
        return False
    return True


def _fits_store(store: ox.Store, art: Article, problems: list[Problem]) -> bool:
    """An article whose IRI is held in the store by an article of another id ("a b" built
    earlier, "a-b" now) would replace it: report it and keep the stored one."""
    graph = ox.NamedNode(iris.graph_iri(art.id))
    node = ox.NamedNode(iris.article_iri(art.id))
    for q in store.quads_for_pattern(node, ox.NamedNode(str(DCTERMS.identifier)), None, graph):
        if q.object.value != art.id:
            problems.append(Problem(art.source, f"article id {art.id!r} gives the same IRI as the stored article "
                                                f"{q.object.value!r}; this one skipped",
                                    reason="id clashes with the store", skipped="article"))
            return False
    return True


def _holds_articles(store: ox.Store) -> bool:
    return any(g.value.startswith(iris.GRAPH) and g.value != rdf.VOCABULARY_GRAPH for g in store.named_graphs())


def _recover(store: ox.Store, store_dir: Path, result: BuildResult) -> None:
    """Undo what a killed build left in the store: staging graphs of a replacement (the
    old graphs are intact), or a half-filled store (it was empty before that build)."""
    drop_staging(store)
    marker = store_dir / FILLING_MARKER
    if marker.exists():
        store.clear()
        marker.unlink()
        result.problems.append(Problem(str(store_dir), "the first build into this store was interrupted; "
                                                       "the half-filled store was emptied and is filled anew",
                                       "warning", "interrupted build"))


def _bulk_load(store: ox.Store, graphs: GraphFiles) -> None:
    """All graphs into the store in one call (leniently: see spool.LENIENT)."""
    store.bulk_load(BlobReader(graphs.in_order()), format=ox.RdfFormat.N_QUADS, lenient=LENIENT)


class _Loader:
    """Fills an empty store in a thread (Oxigraph's bulk loader releases the GIL, so the
    files are written on the other core meanwhile). The bulk loader is three times
    faster than transactions but not atomic: while it runs, a marker in the store
    directory tells a later build that the store is half-filled (see _recover)."""

    def __init__(self, store: ox.Store, store_dir: Path, graphs: GraphFiles, result: BuildResult):
        import threading
        self.store, self.marker, self.graphs = store, store_dir / FILLING_MARKER, graphs
        self.error: BaseException | None = None
        self.seconds = 0.0
        self.marker.touch()
        self.thread = threading.Thread(target=self._run, name="store-loader", daemon=True)
        self.thread.start()
        result.changes["added"] = result.stored_articles = len(graphs.graphs) - 1  # less the vocabulary

    def _run(self) -> None:
        start = time.monotonic()
        try:
            checkpoint("filling")
            _bulk_load(self.store, self.graphs)
            self.store.flush()
        except BaseException as err:  # handed to the main thread by join()
            self.error = err
        self.seconds = time.monotonic() - start

    def join(self) -> float:
        self.thread.join()
        if self.error is not None:
            raise self.error
        self.marker.unlink()
        checkpoint("stored")
        return self.seconds


def _replace_in_store(store: ox.Store, graphs: GraphFiles, work: Path, result: BuildResult) -> GraphFiles:
    """Replace the run's graphs in a store that holds other articles, one transaction per
    graph; returns the whole store, which the files are then written from."""
    ordered = sorted(graphs.graphs.items())
    for k, (graph, ref) in enumerate(ordered):
        quads = list(ox.parse(graphs.quads.read(ref), format=ox.RdfFormat.N_QUADS))
        status = replace_graph(store, ox.NamedNode(graph), quads)
        if graph != rdf.VOCABULARY_GRAPH:
            result.changes[status] += 1
        if k == len(ordered) // 2:
            checkpoint("store-half")
    checkpoint("stored")
    whole = graph_files_from_store(store, work)
    result.stored_articles = sum(1 for g in whole.graphs if g.startswith(iris.GRAPH) and g != rdf.VOCABULARY_GRAPH)
    return whole


def _write_outputs(graphs: GraphFiles, store: ox.Store | None, loader: _Loader | None, out_dir: Path,
                   work: Path, network: bool, result: BuildResult, clock: _Clock) -> None:
    """Both graph files are staged before either is renamed, so the window in which one
    is new and the other old is two renames long; each file is always whole. They are
    renamed only when the store is filled: the files never show more than the store."""
    remove_stale_temporaries(out_dir, OUTPUTS)

    def writer(name: str, fmt: str):
        def write(f) -> None:
            start = time.monotonic()
            memory = export.SORT_MEMORY if loader is None else export.SORT_MEMORY_BESIDE_STORE
            result.written[name] = (export.write(graphs, fmt, f, work, memory), time.monotonic() - start)
        return write

    staged = [(stage_stream(out_dir / name, writer(name, fmt)), out_dir / name)
              for name, fmt in (("graph.ttl", "ttl"), ("graph.trig", "trig"))]
    result.triples = result.written["graph.ttl"][0]
    clock.lap("writing files")
    if loader is not None:
        result.store_seconds = loader.join()
        clock.lap("waiting for the store")
    checkpoint("staged")
    for tmp, path in staged:
        commit(tmp, path)
        result.outputs.append(path)
        checkpoint(f"committed-{path.name}")
    if network:
        _write_network(graphs, store, out_dir, result)
        clock.lap("network view")
    checkpoint("done")


def _write_network(graphs: GraphFiles, store: ox.Store | None, out_dir: Path, result: BuildResult) -> None:
    path = out_dir / "network.html"
    articles = len(graphs.graphs) - 1
    if articles > MAX_VIEW_ARTICLES:
        path.unlink(missing_ok=True)  # it would show an older graph
        result.problems.append(Problem(str(path), f"not written: the graph has {articles:,} articles, the view is "
                                                  f"made for up to {MAX_VIEW_ARTICLES:,} (`govkg viz` shows a "
                                                  "part of a graph: see --focus)", "info", "graph too large to view"))
        return
    from viz.network import write_network
    if store is None:
        store = ox.Store()
        _bulk_load(store, graphs)
    write_network(store, path)
    result.outputs.append(path)
