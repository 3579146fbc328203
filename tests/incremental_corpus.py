"""Two runs over the sample corpus for the incremental and kill tests: run A builds
articles 1-20 into a store; run B brings articles 15-28, of which 15-17 have new text
(the same ids: they replace A's) and 18-20 are unchanged."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from graph import iri as iris
from tests.conftest import SAMPLE

CHANGED = range(14, 17)  # 0-based: articles 15-17


def sample_records() -> list[dict]:
    lines = (SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def write_runs(directory: Path) -> tuple[Path, Path, list[str], list[str]]:
    """(run A file, run B file, ids of A, ids of B)."""
    recs = sample_records()
    a, b = recs[:20], [dict(r) for r in recs[14:]]
    for k in CHANGED:
        b[k - 14]["text"] += "\n\nNachtrag: Bundes-CIO Markus Richter begrüßte die Entscheidung am Folgetag."
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, recs_ in (("a.jsonl", a), ("b.jsonl", b)):
        path = directory / name
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs_), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], [r["id"] for r in a], [r["id"] for r in b]


def graphs(store: ox.Store) -> dict[str, frozenset[str]]:
    """Every named graph of the store as a set of N-Triples lines."""
    out: dict[str, set[str]] = {}
    for q in store:
        out.setdefault(q.graph_name.value, set()).add(str(ox.Triple(q.subject, q.predicate, q.object)))
    return {k: frozenset(v) for k, v in out.items()}


def union(graphs_: dict[str, frozenset[str]]) -> set[str]:
    return set().union(*graphs_.values())


def graphs_of(path: Path) -> dict[str, frozenset[str]]:
    store = ox.Store(str(path)) if path.is_dir() else _load(path)  # read-write: replays the log after a kill
    try:
        return graphs(store)
    finally:
        del store


def _load(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def article_graph(article_id: str) -> str:
    return iris.graph_iri(article_id)
