"""Benchmark (not a test): govkg on synthetic corpora of growing size, against the plain
rdflib path, in one run.

    .venv/bin/python bench/scale_bench.py                          # 1,000 / 10,000 / 100,000 articles
    .venv/bin/python bench/scale_bench.py --sizes 1000 5000        # a quick look

For each size N it writes a synthetic corpus (bench/synthetic.py, fixed seed) and measures
- the build as a user runs it, `govkg build CORPUS --workers W --no-network`: wall time,
  articles/s, peak memory of the whole process tree (the sum of the resident sets of the
  build and its workers, sampled every 0.2 s: an upper bound, since forked workers share
  pages), distinct triples and quads, and the Turtle export (writing graph.ttl: the
  sorted, deduplicated union) in seconds and triples/s;
- the same build into an on-disk store (`--store DIR`, first build into an empty store);
- every library query on the built graph in Oxigraph, the engine of `govkg query`,
  `govkg serve` and a pushed server (the union as a set, in memory; parameters as
  initial bindings; every row fetched), with the parameters shown;
- for sizes up to --rdflib-max, the same steps on rdflib's plain memory store: loading
  the article graphs (graph.trig) into an rdflib Dataset, writing their union as Turtle
  with rdflib, and the library queries on rdflib's SPARQL engine; and the build's
  articles/s had rdflib stored and written the graph (extraction time + rdflib's).
Each query runs in a forked child that is stopped after --timeout seconds. Between
consecutive sizes it reports the articles added per second added: the cost per article
without the fixed start-up, which shows whether that cost grows with the corpus.

Results go to bench/results/scale.json and scale.md (a Markdown table, also printed).
Every measurement runs in a fresh process, so one size's memory never counts in another's.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from forked import timed_in_child  # noqa: E402

RESULTS = ROOT / "bench" / "results"


# ------------------------------------------------------------------ measuring a process tree


def _children(pid: int) -> list[int]:
    out = []
    try:  # the process may end while it is looked at
        for task in Path(f"/proc/{pid}/task").iterdir():
            out += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass
    return out


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, summed."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _rss_kib(p)
        todo += _children(p)
    return total


def run_measured(cmd: list[str]) -> tuple[dict, float, float]:
    """Run a child that prints one JSON object last; (that object, wall seconds, peak MiB
    of the process tree)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_kib(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    wall = time.monotonic() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with exit {proc.returncode}")
    return json.loads(out.strip().splitlines()[-1]), wall, peak[0] / 1024


# ------------------------------------------------------------------ child: one build


def child_build(args) -> None:
    from graph.build import build

    res = build([Path(args.corpus)], Path(args.out), network=False, workers=args.workers,
                store_dir=Path(args.store) if args.store else None)
    print(json.dumps({"articles": res.articles, "triples": res.triples, "quads": res.written["graph.trig"][0],
                      "ttl_seconds": res.written["graph.ttl"][1], "trig_seconds": res.written["graph.trig"][1],
                      "store_seconds": res.store_seconds, "phases": res.seconds,
                      "problems": len(res.problems)}))


# ------------------------------------------------------------------ child: queries


def pick_parameters(query) -> dict[str, dict[str, str]]:
    """Parameter values a researcher would use on this graph: its most mentioned person,
    organisation, initiative and Land. `query(text)` returns rows of terms."""
    def top(cls: str, extra: str = "") -> str:
        rows = list(query(f"""
            PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX gov: <https://w3id.org/govkg/ontology#>
            SELECT ?label (COUNT(?a) AS ?n) WHERE {{ ?a schema:mentions ?e . ?e a <{cls}> ;
              skos:prefLabel ?label . {extra} }} GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1"""))
        label = rows[0][0]
        return str(label) if isinstance(label, str) else label.value  # rdflib's Literal is a str; Oxigraph's not

    person = top("http://xmlns.com/foaf/0.1/Person")
    org = top("http://www.w3.org/ns/org#Organization")
    initiative = top("https://w3id.org/govkg/ontology#Initiative")
    land = top("https://w3id.org/govkg/ontology#Jurisdiction", "?e gov:level <https://w3id.org/govkg/id/level/land>")
    return {
        "role_holders": {"role": "minister"},
        "actor_profile": {"name": person},
        "co_mentions": {"name": person},
        "co_mention_articles": {"name1": person, "name2": org},
        "articles_about": {"name": org},
        "jurisdiction_offices": {"place": land},
        "appointments_timeline": {"from": "2023", "to": "2023"},
        "statement_evidence": {"name": person},
        "aliases": {"name": initiative},
        "jurisdiction_actors": {"level": "land"},
        "initiative_actors": {"initiativeName": initiative},
    }


def ox_term(term):
    """An rdflib term (as queries.bind makes them) as a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


def child_queries(args) -> None:
    """Each library query on Oxigraph, the engine `govkg query`, `serve` and a pushed
    server run: the union of the graph as a set (store.union_store), parameters bound
    as the query's initial bindings, every row fetched. Not timed: converting rows to
    rdflib terms and printing them."""
    import pyoxigraph as ox

    from graph import queries
    from graph.store import union_store

    t0 = time.perf_counter()
    store = union_store(Path(args.graph))
    load = time.perf_counter() - t0
    params = pick_parameters(store.query)
    out = {"load_seconds": load, "triples": len(store), "queries": {}}
    for name, q in sorted(queries.library().items()):
        bindings = {ox.Variable(k): ox_term(v) for k, v in queries.bind(q, params.get(name, {})).items()}
        best = None, None
        for _ in range(2):  # the better of two runs (the first warms caches), unless slow anyway
            seconds, rows = timed_in_child(lambda: sum(1 for _ in store.query(q.text, substitutions=bindings)),
                                           args.timeout)
            if seconds is None or seconds > 5:
                best = (seconds, rows) if seconds is not None else best
                break
            best = (seconds, rows) if best[0] is None or seconds < best[0] else best
        out["queries"][name] = {"params": params.get(name, {}), "seconds": best[0], "rows": best[1]}
    print(json.dumps(out))


# ------------------------------------------------------------------ child: rdflib


def child_rdflib(args) -> None:
    """The store, Turtle and query steps on rdflib's plain memory store."""
    import resource

    from rdflib import Dataset, Graph

    from graph import queries
    from graph.vocab import PREFIXES

    out_dir = Path(args.out)
    t0 = time.perf_counter()
    ds = Dataset()
    ds.parse(out_dir / "graph.trig", format="trig")
    fill = time.perf_counter() - t0
    t0 = time.perf_counter()
    union = Graph()
    for prefix, ns in PREFIXES.items():
        union.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    with tempfile.NamedTemporaryFile(suffix=".ttl") as f:
        union.serialize(f.name, format="turtle")
    ttl = time.perf_counter() - t0
    del ds
    result = {"fill_seconds": fill, "ttl_seconds": ttl, "triples": len(union), "queries": {},
              "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    params = pick_parameters(union.query)
    for name, q in sorted(queries.library().items()):
        bindings = queries.bind(q, params.get(name, {}))
        seconds, rows = timed_in_child(lambda: len(list(union.query(q.text, initBindings=bindings))),
                                       args.rdflib_timeout)
        result["queries"][name] = {"params": params.get(name, {}), "seconds": seconds, "rows": rows}
    print(json.dumps(result))


# ------------------------------------------------------------------ the run


def me(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def measure_size(n: int, work: Path, args) -> dict:
    import synthetic

    corpus = work / f"corpus-{n}.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for art in synthetic.corpus(n, args.seed):
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    row: dict = {"articles": n}
    out = work / f"out-{n}"
    log(f"{n:,} articles: build")
    res, wall, peak = run_measured(me("_build", str(corpus), str(out), "--workers", str(args.workers)))
    row["build"] = {**res, "wall_seconds": wall, "articles_per_second": n / wall, "peak_mib": peak,
                    "ttl_triples_per_second": res["triples"] / res["ttl_seconds"]}
    log(f"{n:,} articles: build into an empty store")
    res, wall, peak = run_measured(me("_build", str(corpus), str(work / f"out-store-{n}"), "--workers",
                                      str(args.workers), "--store", str(work / f"store-{n}")))
    row["build_store"] = {**res, "wall_seconds": wall, "articles_per_second": n / wall, "peak_mib": peak}
    log(f"{n:,} articles: queries")
    res, _, peak = run_measured(me("_queries", str(out / "graph.ttl"), "--timeout", str(args.timeout)))
    row["queries"] = {**res, "peak_mib": peak}
    if n <= args.rdflib_max:
        log(f"{n:,} articles: the rdflib path")
        res, _, peak = run_measured(me("_rdflib", str(out), "--rdflib-timeout", str(args.rdflib_timeout)))
        extract = row["build"]["phases"]["reading and extracting"] + row["build"]["phases"][
            "resolving and writing graphs"]
        rdflib_build = extract + res["fill_seconds"] + res["ttl_seconds"]
        row["rdflib"] = {**res, "peak_mib_tree": peak, "build_seconds": rdflib_build,
                         "articles_per_second": n / rdflib_build,
                         "ttl_triples_per_second": res["triples"] / res["ttl_seconds"]}
    return row


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fmt_s(x: float | None, timeout: float) -> str:
    return f"> {timeout:.0f}" if x is None else f"{x:.2f}" if x < 10 else f"{x:.0f}"


def marginal_rates(rows: list[dict], key: str = "build") -> list[tuple[int, int, float]]:
    """(from N, to N, articles/s) between consecutive sizes: the articles added over the
    time they added. Fixed costs (imports, the lexicon, starting the workers: a few
    seconds) fall out, so this shows whether the cost per article grows with the corpus."""
    out = []
    for a, b in zip(rows, rows[1:]):
        seconds = b[key]["wall_seconds"] - a[key]["wall_seconds"]
        if seconds > 0:
            out.append((a["articles"], b["articles"], (b["articles"] - a["articles"]) / seconds))
    return out


def markdown(report: dict) -> str:
    rows, timeout = report["sizes"], report["timeout"]
    m = report["machine"]
    lines = [f"Machine: {m['cores']} cores, {m['memory_gib']:.0f} GiB, {m['cpu']}, Python {m['python']}; "
             f"{report['workers']} workers; {report['date']}.", "",
             "| articles | build s | articles/s | peak RSS MiB | triples | quads | Turtle export s | "
             "Turtle triples/s | with --store: s | articles/s | peak RSS MiB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        b, s = r["build"], r["build_store"]
        lines.append(f"| {r['articles']:,} | {b['wall_seconds']:.0f} | {b['articles_per_second']:.0f} | "
                     f"{b['peak_mib']:,.0f} | {b['triples']:,} | {b['quads']:,} | {b['ttl_seconds']:.1f} | "
                     f"{b['ttl_triples_per_second']:,.0f} | {s['wall_seconds']:.0f} | "
                     f"{s['articles_per_second']:.0f} | {s['peak_mib']:,.0f} |")
    if len(rows) > 1:
        lines += ["", "Cost per article as the corpus grows (articles added / seconds added, without the "
                  "fixed start-up): " + "; ".join(
                      f"{a:,} to {b:,}: {rate:.0f} articles/s" for a, b, rate in marginal_rates(rows))
                  + " (with --store: " + "; ".join(
                      f"{a:,} to {b:,}: {rate:.0f}" for a, b, rate in marginal_rates(rows, "build_store")) + ")."]
    with_rdflib = [r for r in rows if "rdflib" in r]
    if with_rdflib:
        lines += ["", "The same steps on rdflib's memory store (ratio: govkg's figure over rdflib's):", "",
                  "| articles | store fill s: Oxigraph / rdflib | Turtle triples/s: govkg / rdflib (ratio) | "
                  "build articles/s: govkg / with rdflib (ratio) | rdflib peak RSS MiB |",
                  "|---:|---:|---:|---:|---:|"]
        for r in with_rdflib:
            b, s, x = r["build"], r["build_store"], r["rdflib"]
            lines.append(
                f"| {r['articles']:,} | {s['store_seconds']:.1f} / {x['fill_seconds']:.1f} | "
                f"{b['ttl_triples_per_second']:,.0f} / {x['ttl_triples_per_second']:,.0f} "
                f"({b['ttl_triples_per_second'] / x['ttl_triples_per_second']:.0f}x) | "
                f"{b['articles_per_second']:.0f} / {x['articles_per_second']:.0f} "
                f"({b['articles_per_second'] / x['articles_per_second']:.1f}x) | {x['peak_mib']:,.0f} |")
    names = sorted(rows[0]["queries"]["queries"])
    head = " | ".join(f"{r['articles']:,}" for r in rows)
    rhead = " | ".join(f"rdflib {r['articles']:,}" for r in with_rdflib)
    lines += ["", "Library queries, seconds (all rows fetched; `> N`: stopped after N s). Graph loaded in "
              + ", ".join(f"{r['queries']['load_seconds']:.0f} s" for r in rows) + ".", "",
              f"| query | parameters (largest size) | rows (largest) | {head}" + (f" | {rhead}" if rhead else "") + " |",
              "|---|---|---:|" + "---:|" * (len(rows) + len(with_rdflib))]
    for name in names:
        last = rows[-1]["queries"]["queries"][name]
        shown = ", ".join(f"{k}={v}" for k, v in last["params"].items()) or "–"
        cells = [fmt_s(r["queries"]["queries"][name]["seconds"], timeout) for r in rows]
        cells += [fmt_s(r["rdflib"]["queries"][name]["seconds"], report["rdflib_timeout"]) for r in with_rdflib]
        lines.append(f"| {name} | {shown} | {last['rows'] if last['rows'] is not None else '–'} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def machine() -> dict:
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cores": os.cpu_count(), "memory_gib": mem / 2**20, "cpu": cpu, "python": platform.python_version()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="child")
    b = sub.add_parser("_build")
    b.add_argument("corpus")
    b.add_argument("out")
    b.add_argument("--workers", type=int, default=2)
    b.add_argument("--store")
    q = sub.add_parser("_queries")
    q.add_argument("graph")
    q.add_argument("--timeout", type=float, default=120)
    r = sub.add_parser("_rdflib")
    r.add_argument("out")
    r.add_argument("--rdflib-timeout", type=float, default=30)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000], metavar="N")
    ap.add_argument("--workers", type=int, default=2, help="build workers (default 2)")
    ap.add_argument("--rdflib-max", type=int, default=10000, metavar="N",
                    help="largest size also run on rdflib (default 10,000)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds one query may take (default 60)")
    ap.add_argument("--rdflib-timeout", type=float, default=30,
                    help="seconds one query may take on rdflib (default 30)")
    ap.add_argument("--work", type=Path, help="keep corpora, graphs and stores here (default: a temporary "
                                              "directory, removed)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--results", type=Path, default=RESULTS, help=f"directory for scale.json and scale.md "
                                                                   f"(default {RESULTS.relative_to(ROOT)})")
    args = ap.parse_args()
    if args.child:
        {"_build": child_build, "_queries": child_queries, "_rdflib": child_rdflib}[args.child](args)
        return 0
    report = {"date": time.strftime("%Y-%m-%d"), "machine": machine(), "workers": args.workers,
              "timeout": args.timeout, "rdflib_timeout": args.rdflib_timeout, "sizes": []}
    args.results.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govkg-scale-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            report["sizes"].append(measure_size(n, work, args))
            (args.results / "scale.json").write_text(json.dumps(report, indent=1) + "\n")
            (args.results / "scale.md").write_text(markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
