"""What part of the projection a page shows: a type filter, the neighbourhood of one
actor (focus and depth), a minimum degree. Applied in that order; pure functions from
graph to graph, with errors a user can act on."""
from __future__ import annotations

import difflib
import unicodedata

import networkx as nx

from .projection import TYPES


class ViewError(ValueError):
    """A view that cannot be made (unknown name or type, bad depth); one line for the user."""


def fold(text: str) -> str:
    """Case- and accent-blind form for matching names: 'müller' finds 'Müller' and 'Muller'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def parse_types(values: list[str] | None) -> list[str]:
    """--types Person Organization, or --types person,organization -> the canonical names."""
    if not values:
        return []
    known = {t.casefold(): t for t in TYPES}
    out = []
    for value in values:
        for name in filter(None, (v.strip() for v in value.split(","))):
            canonical = known.get(name.casefold())
            if canonical is None:
                raise ViewError(f"unknown type {name!r}; choose from {', '.join(TYPES)}")
            if canonical not in out:
                out.append(canonical)
    return out


def find_actor(g: nx.MultiDiGraph, name: str) -> str:
    """The node named `name`: its IRI, its name or one of its other names (case- and
    accent-blind). Unknown or ambiguous names raise ViewError with candidates."""
    if name in g:
        return name
    key = fold(name)
    hits = sorted(n for n, d in g.nodes(data=True) if fold(d["label"]) == key)
    if not hits:
        hits = sorted(n for n, d in g.nodes(data=True) if any(fold(a) == key for a in d.get("aliases", ())))
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = "; ".join(f"{g.nodes[n]['label']} ({g.nodes[n]['type']}, {n})" for n in hits[:5])
        raise ViewError(f"{name!r} names {len(hits)} actors: {listed}; give the IRI instead")
    raise ViewError(f"no actor named {name!r}{_suggest(g, name)}")


def _suggest(g: nx.MultiDiGraph, name: str) -> str:
    names: dict[str, str] = {}
    for _, d in sorted(g.nodes(data=True)):
        for label in [d["label"], *d.get("aliases", ())]:
            names.setdefault(fold(label), label)
    key = fold(name)
    close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
    # a surname or a part of a long name ('Richter', 'Registermodernisierung') finds the full name
    close += [k for k in sorted(names) if key and key in k and k not in close][: 5 - len(close)]
    if not close:
        return "; no close match (check the spelling, or run without --focus and use the search box)"
    return "; did you mean: " + ", ".join(names[k] for k in close) + "?"


def select(g: nx.MultiDiGraph, *, types: list[str] | None = None, focus: str | None = None,
           depth: int | None = None, min_degree: int = 0) -> nx.MultiDiGraph:
    """The view: keep the nodes of `types` (all when empty); then, with `focus`, the actors
    within `depth` steps of it (edges followed in both directions; default 1); then drop
    nodes with fewer than `min_degree` edges in what is left (the focus stays)."""
    if depth is not None and focus is None:
        raise ViewError("--depth needs --focus NAME")
    if depth is not None and depth < 1:
        raise ViewError(f"--depth must be 1 or more, not {depth}")
    if min_degree < 0:
        raise ViewError(f"--min-degree must be 0 or more, not {min_degree}")
    view = g
    if types:
        keep = [n for n, d in g.nodes(data=True) if d["type"] in types]
        view = g.subgraph(keep)
    center = None
    if focus is not None:
        center = find_actor(g, focus)
        if center not in view:
            raise ViewError(f"{g.nodes[center]['label']!r} is of type {g.nodes[center]['type']}, "
                            f"which --types {' '.join(types or [])} leaves out")
        reach = nx.single_source_shortest_path_length(view.to_undirected(as_view=True), center, cutoff=depth or 1)
        view = view.subgraph(reach)
    if min_degree:
        degree = dict(view.degree())
        view = view.subgraph(n for n in view if degree[n] >= min_degree or n == center)
    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    out.graph["focus"] = center
    out.add_nodes_from(sorted(view.nodes(data=True)))
    out.add_edges_from(sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    return out
