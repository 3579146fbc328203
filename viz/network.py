"""The network view: one self-contained, offline HTML page of the projection.

vis-network (shipped inside the pyvis package) and the data are inlined, so the page
opens from disk and makes no network request; a Content-Security-Policy forbids any.
The node and edge lists are built here directly: pyvis's Network.add_node checks every
new node against all earlier ones (O(n^2), 40 s for 20,000 nodes) and its template
loads Bootstrap from a CDN and sets tooltips through innerHTML.

Text from articles reaches the page only as JSON inside <script type="application/json">
(with <, > and & escaped, so no string can close the element) and is put on screen with
textContent, or as a plain-string vis-network tooltip, which vis sets with innerText.
Links are made only from http(s) URLs.

The same graph gives the same bytes: nodes and edges sorted, JSON keys sorted, the
layout seeded.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.store import atomic_write

from .layout import force_layout
from .projection import STYLE, projection
from .view import select

HERE = Path(__file__).resolve().parent
VIS = "lib/vis-9.1.2"
_PLACEHOLDER = re.compile(r"\{\{(TITLE|VIS_CSS|VIS_JS|APP_JS|DATA)\}\}")
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def _json_for_script(value) -> str:
    """JSON that cannot end or alter the <script> element it sits in: <, > and & as
    \\u escapes (valid JSON; these characters only occur inside strings)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_data(g: nx.MultiDiGraph) -> dict:
    """The page's data: compact lists; evidence points into one list of articles."""
    arts = g.graph.get("articles", {})
    art_index: dict[str, int] = {}
    art_list: list[dict] = []

    def article(iri: str) -> int:
        if iri not in art_index:
            rec = arts.get(iri, {})
            item = {"id": rec.get("id", ""), "title": rec.get("title", ""), "date": rec.get("date", "")}
            url = rec.get("url", "")
            item["url" if _SAFE_URL.match(url) else "rawurl"] = url
            art_index[iri] = len(art_list)
            art_list.append(item)
        return art_index[iri]

    def ev(items) -> list:
        return [[text, article(art)] for text, art in items]

    degree = Counter(n for edge in g.edges() for n in edge)
    pos = force_layout(g)
    nodes = []
    for n, d in sorted(g.nodes(data=True)):
        node = {"id": n, "label": d["label"], "type": d["type"], "degree": degree.get(n, 0),
                "x": pos[n][0], "y": pos[n][1]}
        if d.get("aliases"):
            node["aliases"] = list(d["aliases"])
        if d.get("postings"):
            node["postings"] = [{"label": p["label"], "labels": p["labels"], "role": p["role"],
                                 "start": p["start"], "ev": ev(p["evidence"])} for p in d["postings"]]
        if d["type"] == "Article":
            node["date"] = d.get("date", "")
            url = d.get("url", "")
            node["url" if _SAFE_URL.match(url) else "rawurl"] = url
        nodes.append(node)
    edges = []
    for k, (a, b, key, d) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        edge = {"id": k, "from": a, "to": b, "key": key, "rel": d["relation"], "label": d["label"]}
        for attr in ("role", "start"):
            if d.get(attr):
                edge[attr] = d[attr]
        if len(d.get("labels", ())) > 1:
            edge["labels"] = list(d["labels"])
        if d.get("evidence"):
            edge["ev"] = ev(d["evidence"])
        edges.append(edge)
    # lists, not objects: the legend keeps the order of style.json though the keys are sorted
    types = [{"name": t, **{k: v for k, v in s.items() if not k.startswith("_")}} for t, s in STYLE["types"].items()]
    relations = [{"name": r, **s} for r, s in STYLE["relations"].items()]
    return {"types": types, "relations": relations, "articles": art_list, "nodes": nodes,
            "edges": edges, "focus": g.graph.get("focus")}


def page(g: nx.MultiDiGraph, title: str = "govkg – Netzwerk") -> str:
    """The HTML page of a projection (or a view of it)."""
    lib = resources.files("pyvis").joinpath(VIS)
    parts = {
        "TITLE": html.escape(title),
        "VIS_CSS": lib.joinpath("vis-network.css").read_text(encoding="utf-8").replace("</style", "<\\/style"),
        "VIS_JS": lib.joinpath("vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        "APP_JS": (HERE / "network.js").read_text(encoding="utf-8"),
        "DATA": _json_for_script(page_data(g)),
    }
    template = (HERE / "template.html").read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def view_title(g: nx.MultiDiGraph, depth: int | None = None) -> str:
    focus = g.graph.get("focus")
    if focus:
        return f"govkg – Umfeld von {g.nodes[focus]['label']} (Tiefe {depth or 1})"
    return "govkg – Netzwerk"


def write_network(store: ox.Store, path: Path, title: str | None = None, *, articles: bool = False,
                  types: list[str] | None = None, focus: str | None = None, depth: int | None = None,
                  min_degree: int = 0) -> nx.MultiDiGraph:
    """Project the store, select the view, write the page atomically as UTF-8; returns the view."""
    g = select(projection(store, articles=articles), types=types, focus=focus, depth=depth,
               min_degree=min_degree)
    atomic_write(path, page(g, title or view_title(g, depth)).encode("utf-8"))
    return g
