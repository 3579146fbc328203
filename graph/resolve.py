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


NameKey = tuple[str, str]  # (entity type, normalised name): records with the same one are one actor
_FIRST = ("kind", "org_class", "level")  # taken from the first record (by article id) that has one


@dataclass
class _Name:
    """What the corpus says about one name of one type: the union of its records."""
    names: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    generic: set[str] = field(default_factory=set)
    known: set[str] = field(default_factory=set)  # gazetteer IRIs the records carry
    unmarked: bool = False  # a record without a gazetteer IRI: the label index applies
    tentative: bool = True  # every record is only a bare acronym
    first: dict[str, tuple[Key, str]] = field(default_factory=dict)


class Resolver:
    """Resolution in two steps, so that a corpus need not be held in memory: add() the
    records of each article as it is extracted, then entities() once."""

    def __init__(self):
        self.names: dict[NameKey, _Name] = {}

    def add(self, article_id: str, records: dict[EntityRef, EntityRecord]) -> None:
        for ref, rec in records.items():
            name = self.names.setdefault(name_key(rec), _Name())
            name.names.add(rec.name)
            name.aliases |= rec.aliases
            name.generic |= rec.generic
            if rec.known:
                name.known.add(rec.known)
            else:
                name.unmarked = True
            name.tentative = name.tentative and rec.tentative
            key = (article_id, ref)
            for attr in _FIRST:
                value = getattr(rec, attr)
                if value and (attr not in name.first or key < name.first[attr][0]):
                    name.first[attr] = (key, value)

    def entities(self, lex: Lexicon) -> dict[NameKey, Entity]:
        """Every name that names an actor -> its Entity (one object per actor)."""
        uf = _UnionFind()
        label_index = _gazetteer_labels(lex)
        for nk, name in sorted(self.names.items()):
            uf.find(nk)
            for iri in sorted(name.known | ({label_index.get(nk)} if name.unmarked else set()) - {None}):
                uf.union(nk, (KNOWN, iri))
        # acronyms and long forms: a distinctive alias of one name is another name
        for (etype, norm), name in sorted(self.names.items()):
            for alias in sorted(name.aliases):
                if not _distinctive(alias):
                    continue
                other = (etype, _norm(alias))
                if other in self.names:
                    uf.union((etype, norm), other)
                iri = label_index.get(other)
                if iri and etype != "Person":
                    uf.union((etype, norm), (KNOWN, iri))
        _join_family_names(self.names, uf)

        known_by_root: dict = {}
        for node in sorted(n for n in uf.parent if n[0] == KNOWN):
            known_by_root.setdefault(uf.find(node), node[1])
        groups: dict = {}
        for nk in sorted(self.names):
            groups.setdefault(uf.find(nk), []).append(nk)
        out: dict[NameKey, Entity] = {}
        for root, keys in groups.items():
            if all(self.names[k].tentative for k in keys) and root not in known_by_root:
                continue  # a bare acronym that no article explains names nothing we know
            ent = _entity(keys[0][0], [self.names[k] for k in keys], known_by_root.get(root), lex)
            for k in keys:
                out[k] = ent
        return out


def name_key(rec: EntityRecord) -> NameKey:
    return rec.type, _norm(rec.name)


def resolved_in(article_id: str, records: dict[EntityRef, EntityRecord],
                entities: dict[NameKey, Entity]) -> dict[Key, Entity]:
    """The resolved entities of one article's records."""
    out = {}
    for ref, rec in records.items():
        ent = entities.get(name_key(rec))
        if ent is not None:
            out[(article_id, ref)] = ent
    return out


def resolve(extractions: list[ArticleExtraction], lex: Lexicon) -> dict[Key, Entity]:
    """(article id, entity ref) -> Entity, for a corpus held in memory."""
    resolver = Resolver()
    for ex in extractions:
        resolver.add(ex.article.id, ex.entities)
    entities = resolver.entities(lex)
    out: dict[Key, Entity] = {}
    for ex in extractions:
        out.update(resolved_in(ex.article.id, ex.entities, entities))
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


def _join_family_names(names: dict[NameKey, _Name], uf: _UnionFind) -> None:
    """'Wissing' joins 'Volker Wissing' when exactly one full name in the corpus ends so."""
    full_by_last: dict[str, set[str]] = {}
    for etype, norm in names:
        if etype == "Person" and " " in norm:
            full_by_last.setdefault(norm.split()[-1], set()).add(norm)
    for etype, norm in sorted(names):
        if etype != "Person" or " " in norm:
            continue
        fulls = full_by_last.get(norm, set())
        if len(fulls) == 1:
            uf.union((etype, norm), ("Person", next(iter(fulls))))


def _entity(etype: str, names: list[_Name], known: str | None, lex: Lexicon) -> Entity:
    spellings = set().union(*(n.names for n in names))
    ent_known = lex.entities.get(known) if known else None
    if ent_known is not None:
        pref = ent_known.pref
    else:
        pref = sorted(spellings, key=lambda n: (is_acronym(n), -len(n.split()), -len(n), n))[0]
    ent = Entity(iri=known or entity_iri(etype, pref), type=etype, name=pref, known=known)
    said = spellings | set().union(*(n.aliases for n in names))
    ent.alt = {n for n in said if _distinctive(n)}
    if ent_known is not None:
        ent.alt |= set(ent_known.alts)
    if etype == "Person":
        ent.alt = {a for a in ent.alt if " " in a}  # a family name alone is no alternative name
    ent.alt -= {pref}
    ent.hidden = (said | set().union(*(n.generic for n in names))) - ent.alt - {pref}
    for attr in _FIRST:
        firsts = [n.first[attr] for n in names if attr in n.first]
        setattr(ent, attr, min(firsts)[1] if firsts else None)
    if ent_known is not None:
        ent.level = ent_known.level or ent.level
        ent.jurisdiction = ent_known.jurisdiction or ent_known.within
    return ent
