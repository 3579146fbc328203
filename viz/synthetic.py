"""A synthetic projection of any size, shaped like the real one, for the benchmark
(bench/viz_bench.py) and the scale tests: persons, offices, initiatives and
jurisdictions; postings, part of, involvement and succession; a few hubs (as the Bund
and the OZG are in real news) and many actors with one or two edges; evidence
sentences from made-up articles. Seeded, so every run draws the same graph."""
from __future__ import annotations

import random

import networkx as nx

ID = "https://w3id.org/govkg/id/"
FIRST = ["Anna", "Jonas", "Petra", "Markus", "Leonie", "Tobias", "Sabine", "Deniz", "Karin", "Felix", "Miriam", "Ole"]
LAST = ["Becker", "Yilmaz", "Hoffmann", "Schulte", "Krause", "Wagner", "Lorenz", "Brandt", "Vogel", "Kaya", "Engel"]
OFFICES = ["Amt für Digitalisierung", "Stabsstelle Verwaltungsmodernisierung", "Landesamt für IT", "Fachamt E-Government",
           "Referat Digitale Dienste", "Zentrum für Informationstechnik", "Behörde für Digitales"]
PLACES = ["Nordhafen", "Lindenau", "Bergheide", "Ostwald", "Seeburg", "Talheim", "Rotenfeld", "Weißbach"]
INITIATIVES = ["Onlinedienst", "Registerprojekt", "Portalverbund", "Cloudplattform", "Digitalstrategie", "Datenlabor"]
ROLES = ["CDO", "Staatssekretärin", "Leiter", "Amtsleiterin", "CIO", "Referentin", "Digitalminister", "Geschäftsführer"]
KINDS = ["leitet", "steuert", "entwickelt", "setzt um", "wirkt mit"]


def synthetic_projection(n: int = 5000, seed: int = 1, edges_per_node: float = 1.4) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    kinds = [("Person", 0.35), ("Organization", 0.40), ("Initiative", 0.15), ("Jurisdiction", 0.10)]
    by_type: dict[str, list[str]] = {t: [] for t, _ in kinds}
    for i in range(n):
        t = rnd.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
        place = PLACES[i % len(PLACES)]
        label = {"Person": f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {i}",
                 "Organization": f"{rnd.choice(OFFICES)} {place} {i}",
                 "Initiative": f"{rnd.choice(INITIATIVES)} {place} {i}",
                 "Jurisdiction": f"{place}-{i}"}[t]
        iri = f"{ID}{t.lower()}/{i:06d}"
        aliases = [f"A{i}"] if t != "Person" and rnd.random() < 0.2 else []
        g.add_node(iri, type=t, label=label, aliases=aliases, postings=[], iri=iri)
        by_type[t].append(iri)
    articles = {f"{ID}article/syn-{k:05d}": {"id": f"syn-{k:05d}", "title": f"Meldung {k}: Verwaltung wird digital",
                                             "date": f"20{15 + k % 10}-{1 + k % 12:02d}-{1 + k % 28:02d}",
                                             "url": f"https://example.org/syn/{k}"}
                for k in range(max(1, n // 5))}
    art_ids = sorted(articles)

    def hub(items: list[str]) -> str:
        return items[int(len(items) * rnd.random() ** 2.5)]  # a few hubs, a long tail

    def evidence(a: str, b: str, verb: str) -> list[tuple[str, str]]:
        sentence = f"{g.nodes[a]['label']} {verb} {g.nodes[b]['label']}, hieß es am Montag."
        return [(sentence, art) for art in sorted(rnd.sample(art_ids, min(len(art_ids), rnd.choice((1, 1, 1, 2)))))]

    places = by_type["Jurisdiction"] + by_type["Organization"]
    for k in range(int(n * edges_per_node)):
        r = rnd.random()
        if r < 0.35 and by_type["Person"] and places:
            a, b, rel = rnd.choice(by_type["Person"]), hub(places), "posting"
            label = rnd.choice(ROLES)
        elif r < 0.55 and len(places) > 1:
            a, b, rel, label = rnd.choice(by_type["Organization"] or places), hub(places), "part_of", "Teil von"
        elif r < 0.95 and by_type["Initiative"]:
            a, b, rel = rnd.choice(by_type["Person"] + places), hub(by_type["Initiative"]), "involved_in"
            label = rnd.choice(KINDS)
        elif len(by_type["Person"]) > 1:
            a, b, rel, label = rnd.choice(by_type["Person"]), rnd.choice(by_type["Person"]), "succession", "folgt auf"
        else:
            continue
        if a == b:
            continue
        g.add_edge(a, b, key=f"{ID}{rel}/{k:07d}", relation=rel, label=label, labels=[label],
                   role=label if rel == "posting" else "", start="", evidence=evidence(a, b, label))
    used = {art for _, _, d in g.edges(data=True) for _, art in d["evidence"]}
    g.graph["articles"] = {a: articles[a] for a in sorted(used)}
    return g


def synthetic_quads(g: nx.MultiDiGraph) -> list:
    """The RDF a build would hold for a synthetic projection, in the shape graph/rdf.py
    writes (one named graph per article, n-ary relation nodes with evidence), so that the
    benchmark can time the projection too, and a test can check that projecting it gives
    the synthetic graph back."""
    import pyoxigraph as ox

    def nn(iri: str):
        return ox.NamedNode(iri)

    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    skos, gov, org = "http://www.w3.org/2004/02/skos/core#", "https://w3id.org/govkg/ontology#", "http://www.w3.org/ns/org#"
    schema, dct = "https://schema.org/", "http://purl.org/dc/terms/"
    classes = {"Person": "http://xmlns.com/foaf/0.1/Person", "Organization": org + "Organization",
               "Initiative": gov + "Initiative", "Jurisdiction": gov + "Jurisdiction"}
    relation = {"posting": (gov + "Posting", org + "member", org + "organization"),
                "part_of": (gov + "UnitPlacement", gov + "unit", gov + "parentOrganization"),
                "involved_in": (gov + "Involvement", gov + "actor", gov + "initiative"),
                "succession": (gov + "Succession", gov + "successor", gov + "predecessor")}
    quads = []

    def add(graph: str, s: str, p: str, o) -> None:
        quads.append(ox.Quad(nn(s), nn(p), o if isinstance(o, ox.Literal) else nn(o), nn(graph)))

    def de(text: str):
        return ox.Literal(text, language="de")

    def describe(graph: str, node: str) -> None:
        d = g.nodes[node]
        add(graph, node, rdf_type, classes[d["type"]])
        add(graph, node, skos + "prefLabel", de(d["label"]))
        for alias in d.get("aliases", ()):
            add(graph, node, skos + "altLabel", de(alias))

    vocabulary = "https://w3id.org/govkg/graph/vocabulary"
    for kind in KINDS:
        add(vocabulary, f"{ID}involvement-kind/{kind.replace(' ', '-')}", skos + "prefLabel", de(kind))
    for art, rec in g.graph.get("articles", {}).items():
        graph = "https://w3id.org/govkg/graph/" + rec["id"]
        add(graph, art, rdf_type, schema + "NewsArticle")
        add(graph, art, dct + "identifier", ox.Literal(rec["id"]))
        add(graph, art, dct + "title", de(rec["title"]))
        add(graph, art, dct + "date", ox.Literal(rec["date"], datatype=nn("http://www.w3.org/2001/XMLSchema#date")))
        add(graph, art, schema + "url", ox.Literal(rec["url"]))
    for node in g:
        describe("https://w3id.org/govkg/graph/synthetic-actors", node)
    sentence = 0
    for a, b, key, d in g.edges(keys=True, data=True):
        cls, pa, pb = relation[d["relation"]]
        for text, art in d["evidence"]:
            graph = "https://w3id.org/govkg/graph/" + g.graph["articles"][art]["id"]
            describe(graph, a)
            describe(graph, b)
            add(graph, key, rdf_type, cls)
            add(graph, key, pa, a)
            add(graph, key, pb, b)
            if d["relation"] == "posting":
                add(graph, key, gov + "roleLabel", de(d["label"]))
            if d["relation"] == "involved_in":
                add(graph, key, gov + "involvementKind", f"{ID}involvement-kind/{d['label'].replace(' ', '-')}")
            sentence += 1
            ev = f"{ID}evidence/synthetic/{sentence}"
            add(graph, key, gov + "evidence", ev)
            add(graph, ev, schema + "text", de(text))
            add(graph, ev, schema + "isPartOf", art)
    return quads
