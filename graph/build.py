"""The main job: inputs -> articles -> extractions -> resolved entities -> RDF in the
store -> graph.ttl, graph.trig and network.html. I/O happens here and nowhere in
the steps it calls."""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import rdf
from .articles import Problem, read_inputs
from .extract import extract
from .lexicon import load, ontology_dir
from .model import ArticleExtraction
from .resolve import resolve
from .store import atomic_write, count_triples, open_store, replace_graphs, serialize

SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "data" / "sample"


@dataclass
class BuildResult:
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        ents = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        rels = ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())) or "none"
        errors = sum(p.severity == "error" for p in self.problems)
        warnings = len(self.problems) - errors
        lines = [f"articles   {self.articles}",
                 f"entities   {sum(self.entities.values())} ({ents})",
                 f"relations  {sum(self.relations.values())} ({rels})",
                 f"triples    {self.triples}",
                 f"problems   {errors} errors, {warnings} warnings"]
        lines += [f"wrote      {p}" for p in self.outputs]
        return "\n".join(lines)


def extract_all(articles, progress: bool) -> list[ArticleExtraction]:
    lex = load()
    items = articles
    if progress:
        from tqdm import tqdm
        items = tqdm(articles, desc="extracting", unit="article", file=sys.stderr, leave=False)
    return [extract(a, lex) for a in items]


def build(inputs: list[Path], out_dir: Path, *, progress: bool = False, network: bool = True) -> BuildResult:
    result = BuildResult()
    read = read_inputs(inputs)
    result.problems = read.problems
    result.articles = len(read.articles)
    if not read.articles:
        return result
    lex = load()
    extractions = extract_all(read.articles, progress)
    resolved = resolve(extractions, lex)
    default_orgs = rdf.posting_orgs(extractions, resolved, lex)

    store = open_store()
    replace_graphs(store, rdf.vocabulary_quads(ontology_dir()))
    for ex in extractions:
        replace_graphs(store, rdf.article_quads(ex, resolved, lex, default_orgs))
    _count(result, extractions, resolved)
    result.triples = count_triples(store)

    for name, fmt in (("graph.ttl", "ttl"), ("graph.trig", "trig")):
        path = out_dir / name
        atomic_write(path, serialize(store, fmt))
        result.outputs.append(path)
    if network:
        from viz.network import write_network
        path = out_dir / "network.html"
        write_network(store, path)
        result.outputs.append(path)
    return result


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
