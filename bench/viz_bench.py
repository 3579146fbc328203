"""Benchmark of the network view at scale (not a test; prints figures).

A synthetic projection of N actors (default 5,000; about 1.4 edges per actor, hubs and
a long tail, evidence from made-up articles) is
  1. written as the RDF a build holds and projected back (what `govkg viz` does first),
  2. turned into the HTML page (targets: <= 2 s for 5,000 nodes),
  3. opened from disk in headless Chromium with every other request blocked, timed
     until it has settled (`window.govkgReady`; target <= 15 s), then used: a search
     that selects and centres an actor, a click that fills the details panel, one
     redraw of the whole canvas.
Each step runs --runs times; the median and the best are printed and written to
bench/results/viz.json.

    .venv/bin/python bench/viz_bench.py
    .venv/bin/python bench/viz_bench.py --nodes 20000 --runs 1
    .venv/bin/python bench/viz_bench.py --no-browser
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from viz.network import page  # noqa: E402
from viz.projection import projection  # noqa: E402
from viz.synthetic import synthetic_projection, synthetic_quads  # noqa: E402


def timed(fn, runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times, result


def summary(name: str, times: list[float], unit: str = "s") -> dict:
    med, best = statistics.median(times), min(times)
    print(f"{name:<44} median {med:7.2f} {unit}   best {best:7.2f} {unit}   ({len(times)} runs)")
    return {"median": round(med, 3), "best": round(best, 3), "runs": [round(t, 3) for t in times]}


def browser_figures(path: Path, g, runs: int) -> dict:
    from tests.browser import chromium, open_page

    hub = max(g.degree, key=lambda nd: (nd[1], nd[0]))[0]
    label = g.nodes[hub]["label"]
    settle, search, click, redraw = [], [], [], []
    with chromium() as browser:
        for _ in range(runs):
            t = time.perf_counter()
            pg, trouble = open_page(browser, path, timeout_ms=120_000)
            settle.append(time.perf_counter() - t)
            counts = pg.evaluate("() => govkg.visibleCounts()")
            assert counts == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}, counts
            t = time.perf_counter()
            pg.fill("#search", label)
            pg.press("#search", "Enter")
            pg.wait_for_function("""(id) => { const net = govkg.network, v = net.getViewPosition(),
                                    p = net.getPositions([id])[id];
                                    return net.getSelectedNodes()[0] === id && Math.abs(v.x - p.x) < 1
                                           && Math.abs(v.y - p.y) < 1; }""", arg=hub)
            search.append(time.perf_counter() - t)
            pos = pg.evaluate("""(id) => { const net = govkg.network, d = net.canvasToDOM(net.getPositions([id])[id]),
                                           r = document.getElementById("network").getBoundingClientRect();
                                           return [r.left + d.x, r.top + d.y]; }""", hub)
            pg.evaluate("() => { document.getElementById('details').textContent = ''; }")
            t = time.perf_counter()
            pg.mouse.click(*pos)
            pg.wait_for_function("() => document.querySelector('#details h2') !== null")
            click.append(time.perf_counter() - t)
            pg.evaluate("() => govkg.network.fit({animation: false})")
            redraw.append(pg.evaluate("""() => { const t = performance.now(); govkg.network.renderer._redraw();
                                                 return (performance.now() - t) / 1000; }"""))
            pg.close()
            assert not trouble, trouble
    return {"settle": summary("page settled in Chromium (load to ready)", settle),
            "search": summary("search: select and centre an actor", search),
            "click": summary("click a node: details panel filled", click),
            "redraw": summary("one redraw of the whole network", redraw)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = ap.parse_args()

    print(f"synthetic projection: {args.nodes} nodes")
    g = synthetic_projection(args.nodes)
    print(f"  {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {len(g.graph['articles'])} articles")
    figures = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}

    quads = synthetic_quads(g)
    store = ox.Store()
    store.bulk_extend(quads)
    print(f"  as RDF: {len(quads)} quads in {len(g.graph['articles']) + 2} named graphs")
    times, back = timed(lambda: projection(store), args.runs)
    figures["projection"] = summary("projection of the RDF store (networkx)", times)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()

    times, html = timed(lambda: page(g).encode("utf-8"), args.runs)
    figures["html"] = summary(f"HTML generation ({len(html) / 1e6:.1f} MB)", times)
    figures["html_bytes"] = len(html)

    if not args.no_browser:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "network.html"
            path.write_bytes(html)
            figures.update(browser_figures(path, g, args.runs))

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "viz.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'viz.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
