"""Benchmark (not a test): every library query on a synthetic graph of about one million
triples in the govkg shape, on the local Oxigraph store (what `govkg query --graph`
uses) and on rdflib's pure-Python memory store, side by side in one run.

    .venv/bin/python bench/query_bench.py                # ~1M triples
    .venv/bin/python bench/query_bench.py --articles 2000 --timeout 60   # a quick look

The graph is generated directly as RDF with a fixed seed: jurisdictions (Bund, Länder,
Kreise, cities), offices placed in one another, persons with postings, initiatives,
and articles, each a named graph that restates what it mentions (labels, postings)
with its own evidence sentences, as a build does. Both engines query a default graph
holding the union of the article graphs. Each rdflib query runs in a forked child
that is stopped after --timeout seconds. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from forked import timed_in_child  # noqa: E402
from graph import queries  # noqa: E402
from graph.rdf import vocabulary_quads  # noqa: E402
from graph.store import rdflib_dataset, union_store  # noqa: E402

ID = "https://w3id.org/govkg/id/"
G = "https://w3id.org/govkg/graph/"
GOV = "https://w3id.org/govkg/ontology#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SDO = "https://schema.org/"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"

ROLES = ["cdo", "cio", "minister", "staatssekretaer", "leiter", "praesident", "referent", "beauftragter",
         "buergermeister", "landrat", "geschaeftsfuehrer", "direktor"]
KINDS = ["leads", "steers", "decides", "develops", "implements", "operates", "funds", "participates"]
LAENDER = ["Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
           "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
           "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen"]


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def de(text: str) -> ox.Literal:
    return ox.Literal(text, language="de")


def h(*parts) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def synthesise(articles: int, seed: int = 7) -> list[ox.Quad]:
    rnd = random.Random(seed)
    n_persons, n_orgs, n_inits = articles, articles * 2 // 5, articles // 10
    jur = [(ID + "jurisdiction/bund", "Bund", "bund", None)]
    for name in LAENDER:
        jur.append((ID + f"jurisdiction/land-{h(name)}", name, "land", jur[0][0]))
    for k in range(400):
        land = jur[1 + k % 16][0]
        jur.append((ID + f"jurisdiction/kommune-{k}", f"Kommune {k}", rnd.choice(["kreis", "stadt", "gemeinde"]), land))
    orgs = []
    for k in range(n_orgs):
        j = rnd.choice(jur)[0]
        parent = orgs[rnd.randrange(len(orgs))][0] if orgs and rnd.random() < 0.25 else None
        orgs.append((ID + f"organization/o{k}", f"Amt für Aufgabe {k}", f"AA{k}", j, parent))
    persons = [(ID + f"person/p{k}", f"Vorname{k % 997} Nachname{k}") for k in range(n_persons)]
    inits = [(ID + f"initiative/i{k}", f"Vorhaben {k}", f"VH{k}", rnd.choice(jur)[0] if rnd.random() < 0.5 else None)
             for k in range(n_inits)]
    postings = {}
    for p, _ in persons:
        for _ in range(rnd.choice([1, 1, 2])):
            role = rnd.choice(ROLES)
            o = rnd.choice(orgs)[0] if rnd.random() < 0.7 else rnd.choice(jur)[0]
            postings.setdefault(p, []).append((ID + "posting/" + h(p, role, o), role, o))
    successors = {persons[k][0]: persons[k - 1][0] for k in range(1, n_persons, 50)}

    quads: list[ox.Quad] = []
    labels = {j[0]: (j[1], None) for j in jur}
    labels.update({o[0]: (o[1], o[2]) for o in orgs})
    labels.update({p[0]: (p[1], None) for p in persons})
    labels.update({i[0]: (i[1], i[2]) for i in inits})
    types = {j[0]: GOV + "Jurisdiction" for j in jur}
    types.update({o[0]: ORG + ("OrganizationalUnit" if o[4] else "Organization") for o in orgs})
    types.update({p[0]: FOAF + "Person" for p in persons})
    types.update({i[0]: GOV + "Initiative" for i in inits})
    facts = {j[0]: [(GOV + "level", N(ID + "level/" + j[2]))] + ([(GOV + "withinJurisdiction", N(j[3]))] if j[3] else [])
             for j in jur}
    facts.update({o[0]: [(GOV + "jurisdiction", N(o[3]))] for o in orgs})
    facts.update({i[0]: [(GOV + "jurisdiction", N(i[3]))] for i in inits if i[3]})

    for a in range(articles):
        g = N(G + f"a{a}")
        art = ID + f"article/a{a}"
        date = f"{2015 + a * 10 // articles:04d}-{1 + a % 12:02d}-{1 + a % 28:02d}"

        def add(s, p, o):
            quads.append(ox.Quad(N(s), N(p), o if not isinstance(o, str) else N(o), g))

        add(art, RDF_TYPE, SDO + "NewsArticle")
        add(art, DCT + "identifier", ox.Literal(f"a{a}"))
        add(art, DCT + "title", de(f"Meldung {a}: Verwaltung digitalisiert Aufgabe {a % 500}"))
        add(art, DCT + "date", ox.Literal(date, datatype=N(XSD + "date")))
        add(art, SDO + "url", ox.Literal(f"https://example.org/a{a}", datatype=N(XSD + "anyURI")))
        mentioned = {rnd.choice(persons)[0] for _ in range(3)} | {rnd.choice(orgs)[0] for _ in range(3)}
        mentioned |= {rnd.choice(inits)[0] for _ in range(2)} | {rnd.choice(jur)[0] for _ in range(2)}
        sentence = 0

        def evidence(text):
            nonlocal sentence
            sentence += 1
            ev = ID + f"evidence/a{a}/{sentence}"
            add(ev, RDF_TYPE, GOV + "Evidence")
            add(ev, SDO + "text", de(text))
            add(ev, SDO + "isPartOf", art)
            add(ev, GOV + "sentenceIndex", ox.Literal(str(sentence), datatype=N(XSD + "integer")))
            return ev

        def statement(node, kind, links, sentence_text):
            """A statement node: its type, its links, its evidence sentence and article."""
            add(node, RDF_TYPE, GOV + kind)
            for prop, value in links:
                add(node, prop, value)
            add(node, GOV + "evidence", evidence(sentence_text))
            add(node, PROV + "wasDerivedFrom", art)

        extra = set()
        for p in [m for m in sorted(mentioned) if m.startswith(ID + "person/")]:
            post, role, o = rnd.choice(postings[p])
            extra.add(o)
            add(post, RDF_TYPE, GOV + "Posting")
            add(post, ORG + "member", p)
            add(post, ORG + "role", ID + "role/" + role)
            add(post, GOV + "roleLabel", de(role.capitalize()))
            add(post, ORG + "organization", o)
            if rnd.random() < 0.2:
                add(post, SDO + "startDate", ox.Literal(date, datatype=N(XSD + "date")))
            add(post, GOV + "evidence", evidence(f"{labels[p][0]} ist {role} bei {labels[o][0]}."))
            add(post, PROV + "wasDerivedFrom", art)
            if p in successors and rnd.random() < 0.5:
                pred = successors[p]
                extra.add(pred)
                node = ID + "succession/" + h(p, pred)
                add(p, GOV + "succeeds", pred)
                statement(node, "Succession", [(GOV + "successor", p), (GOV + "predecessor", pred)],
                          f"{labels[p][0]} folgt auf {labels[pred][0]}.")
        actors = [m for m in sorted(mentioned) if not m.startswith(ID + "initiative/")]
        for i in [m for m in sorted(mentioned) if m.startswith(ID + "initiative/")]:
            actor, kind = rnd.choice(actors), rnd.choice(KINDS)
            node = ID + "involvement/" + h(actor, i, kind)
            add(actor, GOV + "involvedIn", i)
            statement(node, "Involvement", [(GOV + "actor", actor), (GOV + "initiative", i),
                                            (GOV + "involvementKind", ID + "involvement-kind/" + kind)],
                      f"{labels[actor][0]} {kind} {labels[i][0]}.")
        for o in [m for m in sorted(mentioned) if m.startswith(ID + "organization/")]:
            parent = orgs[int(o.rsplit("o", 1)[1])][4]
            if parent:
                extra.add(parent)
                node = ID + "placement/" + h(o, parent)
                add(o, ORG + "subOrganizationOf", parent)
                statement(node, "UnitPlacement", [(GOV + "unit", o), (GOV + "parentOrganization", parent)],
                          f"{labels[o][0]} gehört zu {labels[parent][0]}.")
        for e in sorted(mentioned | extra):
            add(art, SDO + "mentions", e)
            add(e, RDF_TYPE, types[e])
            add(e, SKOS + "prefLabel", de(labels[e][0]))
            if labels[e][1]:
                add(e, SKOS + "altLabel", de(labels[e][1]))
            for p, o in facts.get(e, []):
                add(e, p, o)
    quads.extend(vocabulary_quads(ROOT / "ontology"))
    return quads


def params_for(name: str, quads_sample: dict) -> dict:
    """Representative parameter values for the synthetic graph (required ones always)."""
    return {
        "role_holders": {"role": "CDO"},
        "actor_profile": {"name": quads_sample["person"]},
        "co_mentions": {"name": quads_sample["person"]},
        "co_mention_articles": {"name1": quads_sample["person"], "name2": quads_sample["org"]},
        "articles_about": {"name": quads_sample["org"]},
        "jurisdiction_offices": {"place": "Hamburg"},
        "appointments_timeline": {"from": "2020", "to": "2020"},
        "statement_evidence": {"name": quads_sample["person"]},
        "aliases": {"name": "AA12"},
        "jurisdiction_actors": {"level": "land"},
        "succession_chains": {},
        "initiative_actors": {"initiativeName": "VH7"},
        "org_hierarchy": {},
    }.get(name, {})


def time_rdflib(graph, q, bindings, timeout: float):
    """(seconds, rows) in a forked child, or (None, None) after `timeout` seconds."""
    return timed_in_child(lambda: len(list(graph.query(q.text, initBindings=bindings))), timeout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=13500, help="articles to generate (13500: about 1M triples)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds an rdflib query may take (default 600)")
    ap.add_argument("--only", nargs="*", help="only these queries")
    args = ap.parse_args()

    from rdflib import Graph

    t0 = time.perf_counter()
    quads = synthesise(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "bench.nq"
        with open(nq, "wb") as f:
            ox.serialize(quads, f, ox.RdfFormat.N_QUADS)
        store = union_store(nq)
        n_triples = len(store)
        nt = Path(tmp) / "bench.nt"
        store.dump(str(nt), ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        print(f"synthesised {len(quads)} quads in {args.articles} article graphs, {n_triples} distinct triples "
              f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        t1 = time.perf_counter()
        memory = Graph()
        memory.parse(nt, format="nt")
        print(f"rdflib memory store loaded in {time.perf_counter() - t1:.0f} s", file=sys.stderr)
    local = rdflib_dataset(store, default_union=False)
    sample = {"person": "Vorname100 Nachname100", "org": "Amt für Aufgabe 12"}

    lines = [f"{n_triples:,} triples ({args.articles:,} articles). Seconds per query, all rows fetched.", "",
             "| query | parameters | rows | Oxigraph store (s) | rdflib memory (s) | speed-up |",
             "|---|---|---:|---:|---:|---:|"]
    print("\n".join(lines), flush=True)
    for name, q in queries.library().items():
        if args.only and name not in args.only:
            continue
        params = params_for(name, sample)
        bindings = queries.bind(q, params)
        times = []
        for _ in range(2):  # the better of two runs; the first warms caches
            t = time.perf_counter()
            rows = len(queries.run_local(q, local, bindings).rows)
            times.append(time.perf_counter() - t)
        ox_s = min(times)
        mem_s, mem_rows = time_rdflib(memory, q, bindings, args.timeout)
        shown = ", ".join(f"{k}={v}" for k, v in params.items()) or "–"
        if mem_s is None:
            mem, ratio = f"> {args.timeout:.0f}", f"> {args.timeout / ox_s:.0f}x"
        else:
            mem, ratio = f"{mem_s:.2f}", f"{mem_s / ox_s:.0f}x"
            if mem_rows != rows:
                ratio += f" (rows differ: {mem_rows})"
        print(f"| {name} | {shown} | {rows} | {ox_s:.3f} | {mem} | {ratio} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
