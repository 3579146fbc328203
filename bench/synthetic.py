"""A synthetic corpus of German digital-government news, for benchmarks.

    python bench/synthetic.py N [--seed S] [-o corpus.jsonl]

Deterministic from the seed: the same N and seed give the same bytes. Articles of
about 300 words are written from templates over a fixed "world" of persons, offices,
initiatives and places, with recurring actors, appointments and successions, so that
extraction does real work and the graph has the shape of a real one (hubs, long tail).
The names are invented by combining common German first and family names; any match
with a real person is chance.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

FIRST_F = ("Anna Birgit Claudia Daniela Eva Franziska Gabriele Heike Ines Julia Katrin Lena Maria Nina Petra "
           "Sabine Tanja Ulrike Verena Yvonne Andrea Carola Doris Elke Friederike Hanna Jana Karin Lisa Miriam").split()
FIRST_M = ("Andreas Bernd Christian Dirk Erik Frank Georg Holger Ingo Jan Klaus Lars Markus Nils Oliver Peter "
           "Ralf Stefan Thomas Uwe Volker Wolfgang Axel Bastian Carsten Detlef Florian Henrik Jens Karsten").split()
FAMILY = ("Albers Bauer Becker Brandt Dietrich Engel Fischer Franke Graf Hahn Hartmann Heinrich Hoffmann Horn "
          "Jansen Keller Klein Koch Krause Krüger Lange Lehmann Lorenz Ludwig Maier Meyer Möller Neumann Otto "
          "Peters Pohl Richter Roth Schäfer Scholz Schröder Schulz Schwarz Seidel Sommer Stein Vogel Vogt Wagner "
          "Walter Weber Werner Wolff Ziegler Brinkmann Dreyer Ebert Fuchs Gerlach Haas Jäger Kaiser Kühn Lindner "
          "Marx Nowak Pfeiffer Reuter Sauer Thiel Urban Voigt Winkler Zimmer").split()
LAENDER = [("Bayern", "bayerische"), ("Hessen", "hessische"), ("Sachsen", "sächsische"),
           ("Niedersachsen", "niedersächsische"), ("Thüringen", "Thüringer"), ("Brandenburg", "brandenburgische"),
           ("Schleswig-Holstein", "schleswig-holsteinische"), ("Rheinland-Pfalz", "rheinland-pfälzische"),
           ("Nordrhein-Westfalen", "nordrhein-westfälische"), ("Baden-Württemberg", "baden-württembergische"),
           ("Sachsen-Anhalt", "sachsen-anhaltische"), ("Mecklenburg-Vorpommern", "mecklenburg-vorpommersche"),
           ("Saarland", "saarländische")]
CITIES = ("Kassel Augsburg Erfurt Potsdam Göttingen Münster Freiburg Ulm Jena Rostock Kiel Trier Bamberg Würzburg "
          "Oldenburg Paderborn Heilbronn Darmstadt Regensburg Chemnitz Magdeburg Bielefeld Wiesbaden Mainz").split()
FIELDS = ("Digitales und Infrastruktur", "Inneres und Digitalisierung", "Finanzen", "Justiz und Digitalisierung",
          "Wirtschaft und Digitales", "Arbeit, Soziales und Digitalisierung")
UNITS = ("Digitale Verwaltung", "E-Government", "IT-Steuerung", "Verwaltungsmodernisierung", "Informationssicherheit")
INITIATIVES = ("Onlinezugangsgesetz", "Registermodernisierung", "Digitalcheck", "Deutschland-Stack",
               "Deutsche Verwaltungscloud", "BundID")
PROGRAMMES = ("Digitale Dörfer", "Smarte Region", "Verwaltung 2030", "Bürgerportal plus", "Datenlabor Kommune")
FILLER = [
    "Die Zahl der digital verfügbaren Leistungen ist im vergangenen Jahr deutlich gestiegen.",
    "Kritiker bemängeln, dass viele Angebote noch nicht durchgängig digital funktionieren.",
    "Bürgerinnen und Bürger sollen Anträge künftig vollständig online stellen können.",
    "Dafür stehen in diesem Jahr zusätzliche Mittel im Haushalt bereit.",
    "Die Kommunen fordern seit Langem mehr Unterstützung bei der Umsetzung.",
    "Ein erster Zwischenbericht soll im Herbst vorliegen.",
    "Die Ergebnisse einer Umfrage zeigen, dass die Zufriedenheit mit digitalen Angeboten wächst.",
    "Auch die Zusammenarbeit über Ländergrenzen hinweg soll verbessert werden.",
    "Fachleute verweisen auf Erfahrungen aus Estland und Dänemark.",
    "Bis Ende des Jahres sollen weitere Verfahren angebunden werden.",
    "Für die Beschäftigten sind zusätzliche Schulungen geplant.",
    "Die Opposition kritisierte das Tempo der Umsetzung als zu langsam.",
]


@dataclass
class Person:
    name: str
    female: bool


@dataclass
class Office:
    kind: str  # "ministry" | "kanzlei" | "city" | "kreis"
    name: str
    land: tuple[str, str]
    role: str  # role word of its leader
    holder: Person


class Names:
    """Person names, each drawn once until all are used: a first name and a family name,
    single or double-barrelled (about 5,000 family names). Namesakes are one node in the
    graph, as the resolver joins people by name; names drawn with repetition from a short
    list would make hubs of a few thousand people and successions chaining across offices
    that no real archive has."""

    def __init__(self, rnd: random.Random):
        families = FAMILY + [f"{a}-{b}" for a in FAMILY for b in FAMILY if a != b]
        self.rnd = rnd
        self.pools = {female: [f"{first} {family}" for first in (FIRST_F if female else FIRST_M)
                               for family in families] for female in (True, False)}
        for pool in self.pools.values():
            rnd.shuffle(pool)
        self.used = {True: 0, False: 0}

    def person(self) -> Person:
        female = self.rnd.random() < 0.45
        pool = self.pools[female]
        name = pool[self.used[female] % len(pool)]
        self.used[female] += 1
        return Person(name, female)


def world(rnd: random.Random, names: Names, size: int) -> list[Office]:
    offices = []
    for k in range(size):
        land = LAENDER[k % len(LAENDER)]
        kind = rnd.choice(("ministry", "ministry", "kanzlei", "city", "kreis"))
        p = names.person()
        if kind == "ministry":
            field = rnd.choice(FIELDS)
            offices.append(Office(kind, f"Ministerium für {field}", land, "Minister für " + field, p))
        elif kind == "kanzlei":
            offices.append(Office(kind, "Staatskanzlei", land, "Chief Digital Officer", p))
        elif kind == "city":
            offices.append(Office(kind, f"Stadt {rnd.choice(CITIES)}", land, "Oberbürgermeister", p))
        else:
            offices.append(Office(kind, "Kreisverwaltung", land, "Landrat", p))
    return offices


def _fem(role: str, female: bool) -> str:
    if not female:
        return role
    head, _, rest = role.partition(" ")
    head = {"Landrat": "Landrätin"}.get(head, head if head.endswith("in") or head == "Chief" else head + "in")
    return f"{head} {rest}".strip()


def article(rnd: random.Random, names: Names, k: int, offices: list[Office], year: int) -> dict:
    appointment = rnd.random() < 0.35
    # A few offices recur often; appointments spread evenly, so that each office sees a
    # handful of holders over the corpus, as in a real archive, not thousands.
    office = rnd.choice(offices) if appointment else offices[int(rnd.paretovariate(1.2) * 3) % len(offices)]
    other = rnd.choice(offices)
    land, adj = office.land
    p, q = office.holder, other.holder
    role = _fem(office.role, p.female)
    unit = rnd.choice(UNITS)
    head = names.person()
    init = rnd.choice(INITIATIVES)
    prog = rnd.choice(PROGRAMMES)
    date = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    paras = []
    if appointment:  # with a succession
        new = names.person()
        paras.append(f"{new.name} wurde am {rnd.randint(1, 28)}. März {year} zur neuen {_fem(office.role, True)} "
                     f"ernannt." if new.female else
                     f"{new.name} wurde am {rnd.randint(1, 28)}. März {year} zum neuen {office.role} ernannt.")
        paras[-1] += f" {'Sie' if new.female else 'Er'} folgt auf {p.name}, der die Aufgabe seit Jahren wahrnahm."
        office.holder, p, role = new, new, _fem(office.role, new.female)
    paras.append(f"Die {adj} Landesregierung will die Verwaltungsdigitalisierung beschleunigen. "
                 f"{role} {p.name} stellte dazu in {rnd.choice(CITIES)} neue Pläne vor. "
                 f"„Wir müssen schneller werden“, sagte {p.name.split()[-1]}.")
    paras.append(f"{head.name}, {'Leiterin' if head.female else 'Leiter'} der Abteilung {unit} im "
                 f"{office.name if office.kind == 'ministry' else 'Innenministerium'}, erläuterte die nächsten "
                 f"Schritte. Die Abteilung {unit} steuert die Umsetzung des {init} im Land. "
                 f"{rnd.choice(FILLER)} {rnd.choice(FILLER)}")
    paras.append(f"Auch {_fem(other.role, q.female)} {q.name} "
                 f"begrüßte das Vorhaben. Die Stadt fördert zudem das Programm „{prog}“. "
                 f"{rnd.choice(FILLER)} {rnd.choice(FILLER)} {rnd.choice(FILLER)}")
    paras.append(" ".join(rnd.sample(FILLER, 4)))
    text = "\n\n".join(paras)
    while len(text.split()) < 290:
        text += " " + rnd.choice(FILLER)
    return {"id": f"syn-{k:06d}", "url": f"https://example.org/synthetic/{k:06d}",
            "title": f"{land}: {rnd.choice(('Neue Pläne', 'Digitalisierung kommt voran', 'Personalwechsel', 'Mehr Tempo'))}",
            "date": date, "text": text}


def corpus(n: int, seed: int = 1):
    rnd = random.Random(seed)
    names = Names(rnd)
    offices = world(rnd, names, max(50, n // 20))
    for k in range(n):
        yield article(rnd, names, k, offices, 2021 + k * 5 // max(n, 1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", type=Path)
    a = ap.parse_args(argv)
    out = a.output.open("w", encoding="utf-8") if a.output else sys.stdout
    for art in corpus(a.n, a.seed):
        out.write(json.dumps(art, ensure_ascii=False) + "\n")
    if a.output:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
