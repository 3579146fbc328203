"""The network projection as GraphML or GEXF, for Gephi, Cytoscape, yEd or networkx.

Both formats hold only scalar attributes, so lists (other names, wordings, evidence)
become text, one item per line. The start date of a posting is `start_date`: networkx
would read `start` as a GEXF time interval. The output is byte-stable: nodes and edges
sorted, and no date of writing (networkx stamps GEXF files with today's date; we drop it).
"""
from __future__ import annotations

import io

import networkx as nx
import pyoxigraph as ox
from networkx.readwrite.gexf import GEXFWriter

from .projection import STYLE, projection


def flat(g: nx.MultiDiGraph, *, with_style: bool = False) -> nx.MultiDiGraph:
    """A copy of the projection with only str and int attributes."""
    arts = g.graph.get("articles", {})

    def sources(evidence) -> dict[str, str]:
        recs = [arts.get(art, {}) for _, art in evidence]
        return {"evidence": "\n".join(text for text, _ in evidence),
                "article": "\n".join(r.get("title", "") for r in recs),
                "date": "\n".join(r.get("date", "") for r in recs),
                "url": "\n".join(r.get("url", "") for r in recs)}

    out = nx.MultiDiGraph()
    degree = dict(g.degree())
    for n, d in sorted(g.nodes(data=True)):
        attrs = {"label": d["label"], "type": d["type"], "aliases": "\n".join(d.get("aliases", ())),
                 "postings": "\n".join(p["label"] + (f" (seit {p['start']})" if p["start"] else "")
                                       for p in d.get("postings", ())),
                 "degree": degree[n]}
        if with_style:
            color = STYLE["types"][d["type"]]["color"].lstrip("#")
            attrs["viz"] = {"color": {"r": int(color[0:2], 16), "g": int(color[2:4], 16), "b": int(color[4:6], 16),
                                      "a": 1.0},
                            "size": float(4 + 2 * degree[n] ** 0.5)}
        out.add_node(n, **attrs)
    for a, b, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        out.add_edge(a, b, key=key, relation=d["relation"], label=d["label"],
                     wordings="\n".join(d.get("labels", ())), role=d.get("role", ""), start_date=d.get("start", ""),
                     **sources(d.get("evidence", ())))
    return out


def to_graphml(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(flat(g), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def to_gexf(g: nx.MultiDiGraph) -> bytes:
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = "govkg"
    writer.add_graph(flat(g, with_style=True))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def export_network(store: ox.Store, fmt: str) -> bytes:
    """The projection of a store as 'graphml' or 'gexf' bytes."""
    g = projection(store)
    return {"graphml": to_graphml, "gexf": to_gexf}[fmt](g)
