"""The projection of the RDF graph that the network view draws and that
`govkg export --format graphml|gexf` writes: actors as nodes; postings, part of,
involvement and succession as edges, one edge per n-ary node of the graph (keyed by
its IRI) with all of its evidence; articles as nodes on request.

The questions are SPARQL files in viz/queries/. They run on a copy of the triples the
view needs, each once (subgraph.rq): Oxigraph's union of the per-article graphs yields
a triple once per article that states it, so every join on it multiplies (the first
version drew 161,000 edges between Markus Richter and the Bund from the 28 sample
articles, and a person named in 500 articles would cost 500 x 500 rows per pattern).

Node attributes: type, label, aliases (list), postings (the postings that name no
organisation, so draw no edge), iri. Edge attributes: relation, label, labels (every
wording of a posting), start, evidence (list of (sentence, article IRI)). The graph
attribute "articles" maps article IRIs to their id, title, date and url.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries"
STYLE = json.loads((HERE / "style.json").read_text(encoding="utf-8"))
TYPES = list(STYLE["types"])  # legend order; the first one wins for an actor with two classes
RELATIONS = list(STYLE["relations"])


def _query(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def _rows(store: ox.Store, name: str):
    return store.query(_query(name))


def subgraph(store: ox.Store) -> ox.Store:
    """The triples the view reads, each once, in the default graph of a new store."""
    triples = store.query(_query("subgraph"), use_default_graph_as_union=True)
    out = ox.Store()  # serialised and parsed in Rust: a third faster than Quad objects in Python
    out.bulk_load(triples.serialize(format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES,
                  to_graph=ox.DefaultGraph())
    return out


def _value(term) -> str:
    return term.value if term is not None else ""


def _lang_rank(term: ox.Literal) -> tuple:
    """German first, then no language, then the others: the page is German."""
    lang = getattr(term, "language", None) or ""
    return (0 if lang.startswith("de") else 1 if not lang else 2, lang, term.value)


def _pick_wording(wordings: set[str], sentences: list[str]) -> str:
    """The label of a posting edge: of its wordings ('Bundes-CIO', 'IT-Beauftragter der
    Bundesregierung'), the one most of its evidence sentences use; ties go to the longer,
    more specific wording."""
    if not wordings:
        return ""
    return min(wordings, key=lambda w: (-sum(w in s for s in sentences), -len(w), w))


def projection(store: ox.Store, *, articles: bool = False) -> nx.MultiDiGraph:
    """Actors and their relations, with the evidence behind every edge."""
    store = subgraph(store)
    g = nx.MultiDiGraph()

    # nodes: one per actor; type by the order of style.json, name by language
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, list] = defaultdict(list)
    for row in _rows(store, "actors"):
        actor = row["actor"].value
        types[actor].add(row["type"].value)
        labels[actor].append(row["label"])
    for actor in sorted(types):
        etype = next(t for t in TYPES if t in types[actor])
        label = min(labels[actor], key=_lang_rank).value
        g.add_node(actor, type=etype, label=label, aliases=[], postings=[], iri=actor)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "aliases"):
        actor = row["actor"].value
        if actor in g:
            aliases[actor].add(row["alias"].value)
    for actor, names in aliases.items():
        g.nodes[actor]["aliases"] = sorted(names - {g.nodes[actor]["label"]}, key=str.casefold)

    # the articles behind the evidence
    arts: dict[str, dict] = {}
    for row in _rows(store, "articles"):
        rec = arts.setdefault(row["article"].value, {"id": "", "title": "", "date": "", "url": ""})
        for key in rec:  # one value per key; take the smallest when a graph holds two
            value = _value(row[key])
            if value and (not rec[key] or value < rec[key]):
                rec[key] = value
    evidence: dict[str, set[tuple]] = defaultdict(set)
    for row in _rows(store, "evidence"):
        index = int(row["index"].value) if row["index"] is not None else 0
        evidence[row["rel"].value].add((row["text"].value, row["article"].value, index))

    def evidence_of(rel: str) -> list[tuple[str, str]]:
        def order(item):
            text, art, index = item
            rec = arts.get(art, {})
            return (rec.get("date", ""), rec.get("id", ""), art, index, text)
        return [(text, art) for text, art, _ in sorted(evidence.get(rel, ()), key=order)]

    # postings: an edge when they name an organisation or jurisdiction, else a node attribute
    posts: dict[str, dict] = {}
    for row in _rows(store, "postings"):
        rec = posts.setdefault(row["posting"].value, {"person": row["person"].value, "orgs": set(),
                                                     "roles": set(), "wordings": set(), "starts": set()})
        for key, var in (("orgs", "org"), ("roles", "roleName"), ("wordings", "wording"), ("starts", "start")):
            if row[var] is not None:
                rec[key].add(row[var].value)
    edges = []
    for rel, rec in posts.items():
        person = rec["person"]
        if person not in g:
            continue
        ev = evidence_of(rel)
        wording = _pick_wording(rec["wordings"], [text for text, _ in ev]) or min(rec["roles"], default="")
        attrs = {"relation": "posting", "label": wording, "labels": sorted(rec["wordings"]),
                 "role": min(rec["roles"], default=""), "start": min(rec["starts"], default=""), "evidence": ev}
        orgs = sorted(o for o in rec["orgs"] if o in g)
        if orgs:
            edges.extend((person, org, rel, attrs) for org in orgs)
        else:
            g.nodes[person]["postings"].append({"key": rel, **attrs})

    # part of, involvement, succession
    found: dict[tuple, set[str]] = defaultdict(set)
    for row in _rows(store, "relations"):
        found[(row["rel"].value, row["relation"].value, row["a"].value, row["b"].value)].add(_value(row["kind"]))
    for (rel, relation, a, b), kinds in found.items():
        if a in g and b in g:
            label = min(k for k in kinds if k) if any(kinds) else STYLE["relations"][relation]["label"]
            edges.append((a, b, rel, {"relation": relation, "label": label, "labels": [label], "role": "",
                                      "start": "", "evidence": evidence_of(rel)}))

    if articles:
        for art, rec in sorted(arts.items()):
            g.add_node(art, type="Article", label=rec["title"] or rec["id"] or art, aliases=[], postings=[],
                       iri=art, date=rec["date"], url=rec["url"])
        for row in _rows(store, "mentions"):
            art, actor = row["article"].value, row["actor"].value
            if actor in g and g.nodes[actor]["type"] != "Article":
                edges.append((art, actor, f"{art} {actor}", {
                    "relation": "mentions", "label": STYLE["relations"]["mentions"]["label"],
                    "labels": [], "role": "", "start": "", "evidence": []}))

    for a, b, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        g.add_edge(a, b, key=key, **attrs)
    for n in g:
        g.nodes[n]["postings"].sort(key=lambda p: (p["label"], p["key"]))
    used = {art for _, _, d in g.edges(data=True) for _, art in d["evidence"]}
    used |= {art for n in g for p in g.nodes[n]["postings"] for _, art in p["evidence"]}
    g.graph["articles"] = {art: arts[art] for art in sorted(used) if art in arts}
    return g
