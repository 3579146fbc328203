"""The extractor's knowledge, loaded from data files (never listed in Python).

- ontology/gazetteer.ttl: known actors with labels, adjectives, levels;
- ontology/roles.ttl: role concepts and the head nouns that signal them;
- ontology/org-kinds.ttl: organisation head nouns, their class and how they are scoped;
- graph/patterns/*.txt|jsonl: word lists and token patterns of the extractor;
- first names from the `gender-guesser` package's name dictionary (read in place).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .datadirs import ontology_dir
from .iri import TYPE_SEGMENT

ONTOLOGY_FILES = ("govkg.ttl", "roles.ttl", "levels.ttl", "org-kinds.ttl", "initiative-kinds.ttl", "involvement.ttl",
                  "gazetteer.ttl", "places.ttl")
PATTERNS_DIR = Path(__file__).parent / "patterns"

_MISSING = object()
SKOS = "http://www.w3.org/2004/02/skos/core#"
GOVNS = "https://w3id.org/govkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
ORG_NS = "http://www.w3.org/ns/org#"
FOAF_PERSON = "http://xmlns.com/foaf/0.1/Person"
SCHEME_NS = "https://w3id.org/govkg/id/scheme/"

CLASS_TYPE = {
    GOVNS + "Jurisdiction": "Jurisdiction",
    GOVNS + "Initiative": "Initiative",
    ORG_NS + "Organization": "Organization",
    ORG_NS + "OrganizationalUnit": "Organization",
    FOAF_PERSON: "Person",
}


@dataclass(frozen=True)
class KnownEntity:
    iri: str
    type: str
    pref: str
    alts: tuple[str, ...] = ()
    level: str | None = None
    within: str | None = None  # IRI of the enclosing jurisdiction
    jurisdiction: str | None = None  # for organisations: IRI of their jurisdiction
    adjectives: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleHead:
    head: str  # lower case word ending, or an upper-case acronym
    concept: str
    acronym: bool


@dataclass(frozen=True)
class OrgKind:
    concept: str
    label: str
    org_class: str
    scoped_by: str | None  # "jurisdiction", "parent" or None
    complements: tuple[str, ...] = ()  # prepositions that continue a name: "für", "zur"
    leader_role: str | None = None  # role concept of whoever leads one
    named_by_compound: bool = False  # a compound with this head is a name ("Onlinezugangsgesetz")


@dataclass
class Lexicon:
    entities: dict[str, KnownEntity] = field(default_factory=dict)  # by IRI
    # surface form -> (IRI, how it refers: "name", "adjective", "genitive")
    surfaces: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    role_heads: list[RoleHead] = field(default_factory=list)
    role_labels: dict[str, str] = field(default_factory=dict)  # multi-word label -> concept
    role_phrases: dict[str, list] = field(default_factory=dict)  # first word -> [(words, concept)]
    role_pref: dict[str, str] = field(default_factory=dict)  # concept -> German prefLabel
    role_all_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> pref and alt labels
    org_heads: dict[str, OrgKind] = field(default_factory=dict)  # head noun -> kind
    initiative_heads: dict[str, OrgKind] = field(default_factory=dict)  # head noun -> kind
    place_nouns: dict[str, str] = field(default_factory=dict)  # "Stadt" -> level concept IRI
    first_names: dict[str, str | None] = field(default_factory=dict)  # name -> "m", "f" or None
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # named word lists
    function_words: frozenset[str] = frozenset()  # words.function_words, asked for on every token
    involvement: list[dict] = field(default_factory=list)
    synonyms: dict[str, str] = field(default_factory=dict)  # generic office -> its canonical head
    function_nouns: dict[str, str] = field(default_factory=dict)  # "Vorsitz" -> "Vorsitzender"
    _caches: dict[str, dict] = field(default_factory=dict, repr=False)  # see Lexicon.cached

    # ---------------------------------------------------------------- lookups

    def role_concept(self, word: str) -> str | None:
        """Role concept of a word (also compounds and inflected forms), or None."""
        return self.cached("role", word, _role_concept)

    def role_labels_of(self, concept: str) -> tuple[str, ...]:
        return self.role_all_labels.get(concept, ())

    def org_kind(self, word: str) -> OrgKind | None:
        """Organisation kind of a singular head word (also compounds, genitive)."""
        return self.cached("org", word, lambda lex, w: _head_kind(lex.org_heads, w))

    def kind_by_concept(self, concept: str | None) -> OrgKind | None:
        return next((k for k in self.org_heads.values() if k.concept == concept), None) if concept else None

    def initiative_kind(self, word: str) -> OrgKind | None:
        """Initiative kind of a singular head word (also compounds, genitive)."""
        return self.cached("initiative", word, lambda lex, w: _head_kind(lex.initiative_heads, w))

    def trigger(self, low: str) -> tuple[str, str | None] | None:
        """(involvement kind, particle the clause must end with or None) of a lower-case word."""
        return self.cached("trigger", low, _trigger)

    def cached(self, table: str, word: str, compute):
        """compute(lexicon, word), remembered per word: the lexicon never changes, and
        news repeats its words. Each table is emptied when it grows past a million words."""
        cache = self._caches.get(table)
        if cache is None:
            cache = self._caches[table] = {}
        value = cache.get(word, _MISSING)
        if value is _MISSING:
            if len(cache) > 1_000_000:
                cache.clear()
            value = cache[word] = compute(self, word)
        return value

    def is_first_name(self, word: str) -> bool:
        if word in self.first_names:
            return True
        # hyphenated double names: Ina-Maria, Hans-Josef, Sven-Georg
        parts = word.split("-")
        return len(parts) > 1 and all(p in self.first_names for p in parts)

    def gender(self, full_name: str) -> str | None:
        """'m' or 'f' by the first first name, None when unknown or both."""
        first = full_name.split(" ")[0].split("-")[0]
        return self.first_names.get(first) if " " in full_name else None

    @staticmethod
    def gender_of_pronoun(pronoun: str) -> str | None:
        return {"er": "m", "sie": "f"}.get(pronoun.lower())

    def wordlist(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())


# ------------------------------------------------------------------ loading


def _literals(triples, subject, predicate, lang: str | None = "de") -> list[str]:
    out = []
    for t in triples.get((subject, predicate), []):
        if isinstance(t, ox.Literal) and (lang is None or t.language in (lang, None)):
            out.append(t.value)
    return sorted(out)


def _iris(triples, subject, predicate) -> list[str]:
    return sorted(t.value for t in triples.get((subject, predicate), []) if isinstance(t, ox.NamedNode))


def _index(paths: list[Path]) -> tuple[dict, dict]:
    """(subject, predicate) -> objects, and subject -> set of types."""
    by_sp: dict = {}
    types: dict[str, set[str]] = {}
    for path in paths:
        if not path.exists():
            continue
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            s, p, o = t.subject.value, t.predicate.value, t.object
            by_sp.setdefault((s, p), []).append(o)
            if p == RDF_TYPE:
                types.setdefault(s, set()).add(o.value)
    return by_sp, types


def inflect_adjective(adj: str) -> list[str]:
    """Forms of a place adjective: 'bayerisch' -> bayerisch, bayerische, bayerischen ...;
    capitalised ones ('Hamburger') do not inflect."""
    if adj[:1].isupper():
        return [adj]
    forms = [adj + e for e in ("e", "en", "er", "es", "em")]
    return forms + [f[0].upper() + f[1:] for f in forms]  # sentence-initial or in names


_LEADING_ADJECTIVE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+?)(e|er|es)(\s.+)$")


def inflected_forms(label: str, etype: str) -> list[str]:
    """Case forms a label takes in running text: 'Deutsche Verwaltungscloud' ->
    'Deutschen Verwaltungscloud'; 'Bundestag' -> 'Bundestages', 'Bundestags';
    'Freie und Hansestadt Hamburg' -> 'Freien und Hansestadt Hamburg'."""
    firsts = [label]
    m = _LEADING_ADJECTIVE.match(label)
    if m:
        firsts.append(m.group(1) + "en" + m.group(3))
    first, sep, rest = label.partition(" ")
    if sep and etype == "Organization" and first[:1].isupper() and not m and first[-1:] not in "sxzß" \
            and rest.split(" ")[0] in ("der", "des", "für"):
        # "Bundesministeriums der Finanzen", "Bundesamtes für Sicherheit ..."
        firsts += [f"{first}s {rest}"] + ([f"{first}es {rest}"] if first[-1:] not in "aeiouy" else [])
    out = list(firsts[1:])
    if etype in ("Organization", "Initiative"):
        for form in firsts:
            last = form.rsplit(" ", 1)[-1]
            if last[:1].isupper() and not last.isupper() and not any(c.isdigit() for c in last):
                if last[-1:] not in "sxzß":
                    out.append(form + "s")
                if last[-1:] not in "aeiouy":
                    out.append(form + "es")  # "Gesetzes", "Bundestages"
    return out


def genitive(name: str) -> str | None:
    """'Hessen' -> 'Hessens'; names ending in s, x, z take none."""
    if name[-1:] in ("s", "x", "z", "ß") or " " in name:
        return None
    return name + "s"


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    onto = ontology_dir()
    by_sp, types = _index([onto / f for f in ONTOLOGY_FILES])
    lex = Lexicon()

    # Known actors: every subject typed with one of our four entity classes.
    for iri, classes in sorted(types.items()):
        etype = next((CLASS_TYPE[c] for c in sorted(classes) if c in CLASS_TYPE), None)
        if etype is None or not iri.startswith("https://w3id.org/govkg/id/" + TYPE_SEGMENT[etype] + "/"):
            continue
        prefs = _literals(by_sp, iri, SKOS + "prefLabel")
        if not prefs:
            continue
        level = _iris(by_sp, iri, GOVNS + "level")
        within = _iris(by_sp, iri, GOVNS + "withinJurisdiction")
        juris = _iris(by_sp, iri, GOVNS + "jurisdiction")
        ent = KnownEntity(
            iri=iri, type=etype, pref=prefs[0],
            alts=tuple(_literals(by_sp, iri, SKOS + "altLabel") + _literals(by_sp, iri, SKOS + "hiddenLabel")),
            level=level[0] if level else None, within=within[0] if within else None,
            jurisdiction=juris[0] if juris else None,
            adjectives=tuple(_literals(by_sp, iri, GOVNS + "adjective", lang=None)),
            same_as=tuple(_iris(by_sp, iri, OWL_SAMEAS)),
        )
        lex.entities[iri] = ent
        for form in (ent.pref, *ent.alts):
            _add_surface(lex, form, iri, "name")
            if etype == "Jurisdiction" and (g := genitive(form)):
                _add_surface(lex, g, iri, "genitive")
            for variant in inflected_forms(form, etype):
                _add_surface(lex, variant, iri, "name")
        for adj in ent.adjectives:
            for form in inflect_adjective(adj):
                _add_surface(lex, form, iri, "adjective")

    # Role concepts: head nouns and multi-word labels; organisation and initiative kinds.
    in_scheme = SKOS + "inScheme"
    for (s, p), objs in sorted(by_sp.items(), key=lambda kv: kv[0]):
        if p != GOVNS + "headNoun":
            continue
        schemes = _iris(by_sp, s, in_scheme)
        if ORG_NS + "Role" in types.get(s, ()):
            for o in objs:
                lex.role_heads.append(RoleHead(o.value if o.value.isupper() else o.value.lower(), s,
                                               o.value.isupper()))
            continue
        cls = _iris(by_sp, s, GOVNS + "orgClass")
        scoped = _literals(by_sp, s, GOVNS + "scopedBy", lang=None)
        label = _literals(by_sp, s, SKOS + "prefLabel")
        leader = _iris(by_sp, s, GOVNS + "leaderRole")
        kind = OrgKind(s, label[0] if label else s, cls[0] if cls else ORG_NS + "Organization",
                       scoped[0] if scoped else None,
                       tuple(_literals(by_sp, s, GOVNS + "nameComplement", lang=None)),
                       leader[0] if leader else None,
                       _literals(by_sp, s, GOVNS + "namedByCompound", lang=None) == ["true"])
        table = lex.initiative_heads if SCHEME_NS + "initiative-kinds" in schemes else lex.org_heads
        for o in objs:
            table[o.value if _is_legal_form(o.value) else o.value.lower()] = kind
    lex.role_heads.sort(key=lambda h: (-len(h.head), h.head))
    for iri, classes in types.items():
        if ORG_NS + "Role" in classes:
            labels = _literals(by_sp, iri, SKOS + "prefLabel") + _literals(by_sp, iri, SKOS + "altLabel")
            pref = _literals(by_sp, iri, SKOS + "prefLabel")
            if pref:
                lex.role_pref[iri] = pref[0]
            lex.role_all_labels[iri] = tuple(labels)
            for label in labels:
                if " " in label:
                    lex.role_labels[label] = iri
                    words = tuple(label.split())
                    lex.role_phrases.setdefault(words[0], []).append((words, iri))

    for (s, p), objs in by_sp.items():
        if p == SKOS + "hiddenLabel" and SCHEME_NS + "levels" in _iris(by_sp, s, in_scheme):
            for o in objs:
                lex.place_nouns[o.value] = s
    lex.first_names = _first_names()
    for path in sorted(PATTERNS_DIR.glob("*.txt")):
        lex.words[path.stem] = frozenset(
            w.strip() for w in path.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#"))
    for path, table in ((PATTERNS_DIR / "function_nouns.tsv", lex.function_nouns),):
        for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
            if line.strip() and not line.startswith("#"):
                word, role = line.split("\t")
                table[word.strip()] = role.strip()
    syn = PATTERNS_DIR / "office_synonyms.tsv"
    if syn.exists():
        for line in syn.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                word, canonical = line.split("\t")
                lex.synonyms[word.strip()] = canonical.strip()
    lex.function_words = lex.wordlist("function_words")
    inv = PATTERNS_DIR / "involvement.jsonl"
    if inv.exists():
        lex.involvement = [json.loads(line) for line in inv.read_text(encoding="utf-8").splitlines()
                           if line.strip() and not line.startswith("//")]
    return lex


def _trigger(lex: Lexicon, low: str) -> tuple[str, str | None] | None:
    for entry in lex.involvement:
        if low in entry["words"] or any(low.startswith(p) for p in entry.get("prefixes", ())):
            return entry["kind"], None
        verbs, particle = entry.get("separable", ([], None))
        if low in verbs:
            return entry["kind"], particle
    return None


def _add_surface(lex: Lexicon, form: str, iri: str, how: str) -> None:
    refs = lex.surfaces.setdefault(form, [])
    if (iri, how) not in refs:
        refs.append((iri, how))


def _is_legal_form(word: str) -> bool:
    return word != word.lower()


def _first_names() -> dict[str, str | None]:
    """First names from gender-guesser's dictionary (Jörg Michael's nam_dict, GFDL),
    read where the package installed it; nothing of it is copied into this project."""
    try:
        data = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    names: dict[str, str | None] = {}
    for line in data.splitlines():
        if not line or line[0] in "#=":
            continue
        name = line[3:29].strip()
        if not name or "+" in name:
            continue
        code = line[:2].strip()  # M, 1M, ?M: male; F, 1F, ?F: female; ?: either
        gender = "m" if code.endswith("M") else "f" if code.endswith("F") else None
        if name in names and names[name] != gender:
            gender = None  # listed as both
        names[name] = gender
    return names


# ------------------------------------------------------------------ role and org heads

# Inflection endings tried when a word does not match as it stands: genitive
# (Staatssekretärs, Landrates), dative/plural of nominalised adjectives
# (Vorsitzenden, Beauftragten), weak nouns (Präsidenten).
_ROLE_ENDINGS = ("es", "en", "s", "n", "em")


def _role_concept(lex: Lexicon, word: str) -> str | None:
    for form in _variants(word):
        low = form.lower()
        for h in lex.role_heads:
            if h.acronym:
                if form == h.head or form.endswith("-" + h.head) or form.startswith(h.head + "-"):
                    return h.concept
            elif low.endswith(h.head) and (len(low) == len(h.head) or len(low) - len(h.head) >= 3
                                           or low[-len(h.head) - 1] == "-"):
                return h.concept
    return None


def _variants(word: str):
    yield word
    for e in _ROLE_ENDINGS:
        if word.endswith(e) and len(word) - len(e) >= 3:
            yield word[: -len(e)]


_ORG_ENDINGS = ("es", "s")


def _head_kind(heads: dict[str, OrgKind], word: str) -> OrgKind | None:
    if word in heads and _is_legal_form(word):
        return heads[word]
    low = word.lower()
    forms = [low] + [low[: -len(e)] for e in _ORG_ENDINGS if low.endswith(e) and len(low) > len(e) + 2]
    best: tuple[int, OrgKind] | None = None
    for form in forms:
        for n in range(len(form), 1, -1):
            tail = form[-n:]
            kind = heads.get(tail)
            if kind is not None and (n == len(form) or n >= 3):
                if best is None or n > best[0]:
                    best = (n, kind)
                break
    return best[1] if best else None


WORD_RE = re.compile(r"\w", re.UNICODE)
