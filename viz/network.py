"""Network view: actors as nodes; postings, part_of, involvement and succession as edges.

The page is one HTML file: vis-network (shipped inside the pyvis package) and the
data are inlined, so it opens offline and makes no network request. All text from
articles reaches the page as JSON data and is shown with textContent, never parsed
as HTML.
"""
from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.store import atomic_write

TYPES = {
    "https://w3id.org/govkg/ontology#Jurisdiction": "Jurisdiction",
    "https://w3id.org/govkg/ontology#Initiative": "Initiative",
    "http://www.w3.org/ns/org#Organization": "Organization",
    "http://www.w3.org/ns/org#OrganizationalUnit": "Organization",
    "http://xmlns.com/foaf/0.1/Person": "Person",
}
STYLE = {
    "Person": {"color": "#e6550d", "shape": "dot"},
    "Organization": {"color": "#3182bd", "shape": "box"},
    "Initiative": {"color": "#31a354", "shape": "diamond"},
    "Jurisdiction": {"color": "#756bb1", "shape": "triangle"},
}
PROJECTION = Path(__file__).with_name("projection.rq")


def projection(store: ox.Store) -> nx.MultiDiGraph:
    """Actors and their relations, with the evidence behind every edge."""
    g = nx.MultiDiGraph()
    q = """
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?e ?type ?label WHERE { ?e a ?type ; skos:prefLabel ?label }"""
    for row in store.query(q, use_default_graph_as_union=True):
        etype = TYPES.get(row["type"].value)
        if etype:
            g.add_node(row["e"].value, type=etype, label=row["label"].value)
    for row in store.query(PROJECTION.read_text(encoding="utf-8"), use_default_graph_as_union=True):
        a, b = row["a"].value, row["b"].value
        if a in g and b in g:
            g.add_edge(a, b, relation=row["relation"].value, label=row["label"].value,
                       evidence=row["evidence"].value if row["evidence"] else "",
                       article=row["title"].value if row["title"] else "",
                       url=row["url"].value if row["url"] else "",
                       date=row["date"].value if row["date"] else "")
    return g


def page(g: nx.MultiDiGraph, title: str = "govkg network") -> str:
    nodes = []
    degree = dict(g.degree())
    for n, data in sorted(g.nodes(data=True)):
        style = STYLE[data["type"]]
        nodes.append({"id": n, "label": data["label"], "group": data["type"], "shape": style["shape"],
                      "color": style["color"], "value": 1 + degree.get(n, 0)})
    edges = []
    for k, (a, b, data) in enumerate(sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"]))):
        edges.append({"id": k, "from": a, "to": b, "label": data["label"], "relation": data["relation"],
                      "evidence": data["evidence"], "article": data["article"], "url": data["url"],
                      "date": data["date"], "arrows": "to"})
    data = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, sort_keys=True)
    data = data.replace("</", "<\\/")  # a JSON string may not end the script element
    vis = resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    css = resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.css").read_text(encoding="utf-8")
    template = Path(__file__).with_name("template.html").read_text(encoding="utf-8")
    return (template.replace("{{TITLE}}", html.escape(title))
            .replace("{{VIS_CSS}}", css)
            .replace("{{VIS_JS}}", vis.replace("</script", "<\\/script"))
            .replace("{{DATA}}", data))


def write_network(store: ox.Store, path: Path, title: str = "govkg network") -> nx.MultiDiGraph:
    g = projection(store)
    atomic_write(path, page(g, title).encode("utf-8"))
    return g
