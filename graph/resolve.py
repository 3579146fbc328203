"""Resolution: one node per real actor across the corpus.

- a known actor (gazetteer label, also in a later article's own wording) gets the
  gazetteer's IRI;
- a family name alone joins the one full name in the corpus that ends with it;
- acronyms and long forms join (an alias of one record is the name of another);
- the canonical name is chosen by a fixed rule (gazetteer label, else the fullest
  form), so input order never changes it.
The result maps every (article id, entity ref) to a resolved Entity; a bare acronym
that no article explains is left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .iri import entity_iri
from .lexicon import Lexicon
from .model import ArticleExtraction, EntityRef, EntityRecord
from .tokens import is_acronym


@dataclass
class Entity:
    iri: str
    type: str
    name: str  # canonical: skos:prefLabel
    alt: set[str] = field(default_factory=set)  # skos:altLabel: other names and acronyms
    hidden: set[str] = field(default_factory=set)  # skos:hiddenLabel: generic and inflected forms
    known: str | None = None
    jurisdiction: str | None = None  # IRI
    kind: str | None = None
    org_class: str | None = None
    level: str | None = None


Key = tuple[str, EntityRef]  # (article id, entity ref)
KNOWN = "\0known"  # marks gazetteer nodes in the union-find; no article id starts with NUL


_LEGAL_SUFFIX = (" e.v.", " e. v.")


def _norm(name: str) -> str:
    """Key for comparing names: case, hyphens and spacing aside, and an association's
    'e.V.' (the same body with or without it)."""
    key = " ".join(name.casefold().replace("-", " ").split())
    for suffix in _LEGAL_SUFFIX:
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key


class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(extractions: list[ArticleExtraction], lex: Lexicon) -> dict[Key, Entity]:
    records: dict[Key, EntityRecord] = {}
    for ex in extractions:
        for ref, rec in ex.entities.items():
            records[(ex.article.id, ref)] = rec
    uf = _UnionFind()
    known_of: dict[Key, str] = {}
    label_index = _gazetteer_labels(lex)
    by_name: dict[tuple[str, str], list[Key]] = {}
    for key, rec in sorted(records.items()):
        uf.find(key)
        iri = rec.known or label_index.get((rec.type, _norm(rec.name)))
        if iri:
            known_of[key] = iri
            uf.union(key, (KNOWN, iri))
        by_name.setdefault((rec.type, _norm(rec.name)), []).append(key)
    for keys in by_name.values():
        for k in keys[1:]:
            uf.union(keys[0], k)
    # acronyms and long forms: a distinctive alias of one record is the name of another
    for key, rec in sorted(records.items()):
        for alias in sorted(rec.aliases):
            if not _distinctive(alias):
                continue
            for other in by_name.get((rec.type, _norm(alias)), []):
                uf.union(key, other)
            iri = label_index.get((rec.type, _norm(alias)))
            if iri and rec.type != "Person":
                uf.union(key, (KNOWN, iri))
    _join_family_names(records, by_name, uf)

    known_by_root: dict = {}
    for node in sorted(n for n in uf.parent if n[0] == KNOWN):
        known_by_root.setdefault(uf.find(node), node[1])
    groups: dict = {}
    for key in sorted(records):
        groups.setdefault(uf.find(key), []).append(key)
    out: dict[Key, Entity] = {}
    for root, keys in groups.items():
        if all(records[k].tentative for k in keys) and root not in known_by_root:
            continue  # a bare acronym that no article explains names nothing we know
        ent = _entity([records[k] for k in keys], known_by_root.get(root), lex)
        for k in keys:
            out[k] = ent
    return out


def _gazetteer_labels(lex: Lexicon) -> dict[tuple[str, str], str]:
    index = {}
    for iri, ent in sorted(lex.entities.items()):
        for label in (ent.pref, *ent.alts):
            index.setdefault((ent.type, _norm(label)), iri)
    return index


def _distinctive(alias: str) -> bool:
    """Acronyms and multi-word names identify an actor; a bare generic word does not."""
    return is_acronym(alias) or len(alias.split()) >= 2 or "-" in alias


def _join_family_names(records, by_name, uf) -> None:
    """'Wissing' joins 'Volker Wissing' when exactly one full name in the corpus ends so."""
    full_by_last: dict[str, set[str]] = {}
    for etype, norm in by_name:
        if etype == "Person" and " " in norm:
            full_by_last.setdefault(norm.split()[-1], set()).add(norm)
    for (etype, norm), keys in sorted(by_name.items()):
        if etype != "Person" or " " in norm:
            continue
        fulls = full_by_last.get(norm, set())
        if len(fulls) == 1:
            target = by_name[("Person", next(iter(fulls)))][0]
            for k in keys:
                uf.union(k, target)


def _entity(recs: list[EntityRecord], known: str | None, lex: Lexicon) -> Entity:
    etype = recs[0].type
    names = {r.name for r in recs}
    ent_known = lex.entities.get(known) if known else None
    if ent_known is not None:
        name = ent_known.pref
    else:
        name = sorted(names, key=lambda n: (is_acronym(n), -len(n.split()), -len(n), n))[0]
    iri = known or entity_iri(etype, name)
    ent = Entity(iri=iri, type=etype, name=name, known=known)
    for r in recs:
        ent.alt |= {n for n in (r.aliases | {r.name}) if n != name and _distinctive(n)}
        ent.hidden |= {g for g in (r.generic | r.aliases | {r.name}) if g != name and g not in ent.alt}
        ent.kind = ent.kind or r.kind
        ent.org_class = ent.org_class or r.org_class
        ent.level = ent.level or r.level
    if ent_known is not None:
        ent.alt |= set(ent_known.alts) - {name}
        ent.hidden -= ent.alt
        ent.level = ent_known.level or ent.level
        ent.jurisdiction = ent_known.jurisdiction or ent_known.within
    ent.hidden -= {name}
    if etype == "Person":
        ent.alt = {a for a in ent.alt if " " in a}  # a family name alone is no alternative name
    return ent


def jurisdiction_of(recs: list[EntityRecord]) -> EntityRef | None:
    for r in recs:
        if r.jurisdiction:
            return r.jurisdiction
    return None
