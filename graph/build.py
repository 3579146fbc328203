"""The main job: inputs -> articles -> extractions -> resolved entities -> RDF in the
store -> graph.ttl, graph.trig and network.html. I/O happens here and nowhere in
the steps it calls.

With a store directory the build is incremental: each article's named graph is added
or replaced, every other article already in the store stays, and the outputs are
written from the whole store. Resolution (one node per actor) only sees the articles
of the current run: an actor named "Wissing" in this run and "Volker Wissing" in an
earlier one may stay two nodes until both articles are built together.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from . import iri as iris
from . import rdf
from .articles import Article, Problem, read_inputs
from .extract import extract
from .lexicon import load, ontology_dir
from .model import ArticleExtraction
from .problems import summarize
from .resolve import resolve
from .store import (commit, count_triples, directory_lock, drop_staging, open_store,
                    remove_stale_temporaries, replace_graphs, serialize, stage)

SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "data" / "sample"
OUTPUTS = ("graph.ttl", "graph.trig", "network.html")
BATCH_QUADS = 200_000  # quads per store transaction when filling an empty store
PAUSE_ENV = "GOVKG_TEST_PAUSE_AT"  # tests: sleep at this phase, so a kill lands there


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
                         f"{ch['unchanged']} unchanged; {self.stored_articles} article(s) in the store")
        lines.append(f"triples    {self.triples}")
        lines += [f"wrote      {p}" for p in self.outputs]
        return "\n".join(lines)


def checkpoint(phase: str) -> None:
    """A named moment of the build. Tests set GOVKG_TEST_PAUSE_AT=phase to hold the build
    there and kill it; otherwise this does nothing."""
    if os.environ.get(PAUSE_ENV) == phase:
        print(f"govkg: paused at {phase}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("GOVKG_TEST_PAUSE_SECONDS", "60")))


def extract_all(articles: list[Article], progress: bool, workers: int = 1) -> list[ArticleExtraction]:
    """Extract every article, in input order, in `workers` processes. The output does not
    depend on the number of workers: each article is extracted on its own, and the
    results come back in order."""
    lex = load()
    extract(Article("warm-up", "", "Bundes-CIO Markus Richter sprach in Berlin."), lex)  # caches, matcher
    if workers > 1 and len(articles) > 4 * CHUNK:
        import multiprocessing
        # fork: the workers share the loaded lexicon and tokenizer with this process
        pool = multiprocessing.get_context("fork").Pool(workers)
        results = pool.imap(_extract_for_rdf, articles, chunksize=CHUNK)
    else:
        pool, results = None, map(_extract_for_rdf, articles)
    try:
        if progress:
            from tqdm import tqdm
            results = tqdm(results, total=len(articles), desc="extracting", unit="article", file=sys.stderr,
                           leave=False, smoothing=0.1)
        return list(results)
    finally:
        if pool is not None:
            pool.close()
            pool.join()


CHUNK = 32  # articles a worker takes at a time


def _extract_for_rdf(article: Article) -> ArticleExtraction:
    """An extraction with only what the writers need: the article without its text, and
    only the sentences that are evidence (the rest would only be pickled and kept)."""
    ex = extract(article, load())
    used = {p.sentence for p in ex.posts} | {r.sentence for r in ex.relations}
    ex.sentences = [s if k in used else "" for k, s in enumerate(ex.sentences)]
    ex.article = replace(article, text="")
    return ex


def build(inputs: list[Path], out_dir: Path, *, progress: bool = False, network: bool = True,
          store_dir: Path | None = None, strict: bool = False, workers: int = 1) -> BuildResult:
    """Build the graph. Nothing is written when no article could be read, or with
    `strict` when anything was wrong (errors or warnings). Raises StoreError when the
    store directory can't be used."""
    result = BuildResult(store=store_dir)
    read = read_inputs(inputs)
    result.problems = list(read.problems)
    result.files_read, result.files_skipped, result.read = read.files_read, read.files_skipped, len(read.articles)
    checkpoint("read")
    store = open_store(store_dir)
    drop_staging(store)
    articles = [a for a in read.articles if _fits_store(store, a, result.problems)]
    result.articles = len(articles)
    if not articles:
        result.stopped = "no article could be read"
        return result
    if not _strict_ok(strict, result):
        return result
    extracted = _extract(articles, result, progress, workers)
    if not _strict_ok(strict, result):  # the extractor may have added warnings
        return result
    with directory_lock(out_dir):
        _store(store, *extracted, result)
        _write_outputs(store, out_dir, network, result)
    return result


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


def _extract(articles: list[Article], result: BuildResult, progress: bool, workers: int):
    """Extraction and resolution: pure, nothing is written yet."""
    lex = load()
    extractions = extract_all(articles, progress, workers)
    resolved = resolve(extractions, lex)
    _count(result, extractions, resolved)
    checkpoint("extracted")
    return extractions, resolved, rdf.posting_orgs(extractions, resolved, lex)


def _store(store: ox.Store, extractions, resolved, default_orgs, result: BuildResult) -> None:
    """Each article's named graph added or replaced, one transaction per graph; into an
    empty store, new graphs go in batches, one transaction per batch."""
    lex = load()
    fresh = not any(True for _ in store.named_graphs())
    replace_graphs(store, rdf.vocabulary_quads(ontology_dir()))
    batch: list[ox.Quad] = []
    for k, ex in enumerate(extractions):
        quads = rdf.article_quads(ex, resolved, lex, default_orgs)
        if fresh:
            batch.extend(quads)
            result.changes["added"] += 1
            if len(batch) > BATCH_QUADS:
                store.extend(batch)
                batch = []
        else:
            replace_graphs(store, quads, result.changes)
        if k == len(extractions) // 2:
            checkpoint("store-half")
    store.extend(batch)
    checkpoint("stored")
    result.triples = count_triples(store)
    result.stored_articles = sum(1 for g in store.named_graphs()
                                 if g.value.startswith(iris.GRAPH) and g.value != rdf.VOCABULARY_GRAPH)


def _write_outputs(store: ox.Store, out_dir: Path, network: bool, result: BuildResult) -> None:
    """Both graph files are staged before either is renamed, so the window in which one
    is new and the other old is two renames long; each file is always whole."""
    remove_stale_temporaries(out_dir, OUTPUTS)
    staged = [(stage(out_dir / name, serialize(store, fmt)), out_dir / name)
              for name, fmt in (("graph.ttl", "ttl"), ("graph.trig", "trig"))]
    checkpoint("staged")
    for tmp, path in staged:
        commit(tmp, path)
        result.outputs.append(path)
        checkpoint(f"committed-{path.name}")
    if network:
        from viz.network import write_network
        path = out_dir / "network.html"
        write_network(store, path)
        result.outputs.append(path)
    checkpoint("done")


def _count(result: BuildResult, extractions, resolved) -> None:
    seen = {}
    for ent in resolved.values():
        seen[ent.iri] = ent.type
    result.entities = Counter(seen.values())
    kinds = Counter()
    for ex in extractions:
        kinds["postings"] += len(rdf.merge_posts(ex.posts, load()))
        for rel in ex.relations:
            kinds[rel.kind] += 1
    result.relations = kinds
