"""Extraction speed on one core: articles per second, normalised to 300-word articles.

    python bench/extract_bench.py [FILES ...] [--repeat N]

Default input: the bundled sample corpus and the annotated fixture articles. Each
article is extracted `--repeat` times (the lexicon and the spaCy tokenizer are
loaded once before timing, as in a real build). Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.articles import read_inputs  # noqa: E402
from graph.extract import extract  # noqa: E402
from graph.lexicon import load  # noqa: E402
from graph.nlp import pipeline  # noqa: E402

DEFAULT = [ROOT / "data" / "sample", ROOT / "tests" / "fixtures" / "annotated" / "articles.jsonl"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="print the 25 most expensive functions")
    a = ap.parse_args()
    articles = read_inputs(a.inputs).articles
    words = sum(len((x.title + " " + x.text).split()) for x in articles)
    lex = load()
    pipeline()
    extract(articles[0], lex)  # warm caches
    prof = cProfile.Profile() if a.profile else None
    t0, c0 = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    for _ in range(a.repeat):
        for art in articles:
            extract(art, lex)
    if prof:
        prof.disable()
    wall, dt = time.perf_counter() - t0, time.process_time() - c0
    n = len(articles) * a.repeat
    wps = words * a.repeat / dt
    # CPU time of this one process: the figure for one core, whatever else the machine runs
    print(f"{n} articles, {words * a.repeat} words in {dt:.2f} s CPU on one core ({wall:.2f} s wall)")
    print(f"{n / dt:.1f} articles/s as they are ({words / len(articles):.0f} words each on average)")
    print(f"{wps / 300:.1f} articles/s normalised to 300 words ({wps:.0f} words/s)")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
