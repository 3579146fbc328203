"""One article in, its actors and relations out: ArticleExtraction (pure; no I/O).

The finders run in order of precedence: full person names first (a name is never an
office), then the gazetteer, role nouns, family names after a role or title,
organisations and initiatives by their head nouns, and place patterns. Then the
article's context makes generic offices specific, and relations are read.
"""
from __future__ import annotations

from . import context as ctxmod
from . import mentions, relations
from .articles import Article
from .lexicon import Lexicon, load
from .model import ArticleExtraction, EntityRecord, Post, Relation
from .nlp import sentences
from .spans import SentState


def extract(article: Article, lex: Lexicon | None = None) -> ArticleExtraction:
    lex = lex or load()
    states = [SentState(s) for s in sentences(article)]
    for st in states:
        mentions.full_names(st, lex)
    surnames = _surname_index(states)
    matches = mentions.gazetteer_matches(states, lex)
    for st, found in zip(states, matches):
        mentions.surname_mentions(st, lex, surnames)
        mentions.known_entities(st, lex, found)
        mentions.roles(st, lex)
        mentions.titled_surnames(st, lex)
        _rename_titled(st, surnames)
    for st in states:
        mentions.quoted_initiatives(st, lex)
        mentions.organisations(st, lex)
        mentions.initiatives(st, lex)
        mentions.place_patterns(st, lex)
        mentions.offices_named_by_role(st, lex)
        mentions.councils(st, lex)
        mentions.programme_appositions(st, lex)
    definitions = ctxmod.acronym_definitions(states)
    named = [sp for st in states for sp in st.spans if sp.how == "name" and sp.kind != "Person"]
    ctxmod.alias_mentions(states, definitions, named, lex)
    ctx = ctxmod.build_context(article, states, lex)
    named = [sp for st in states for sp in st.spans if sp.how == "name" and sp.kind != "Person"]
    for st in states:
        for sp in [s for s in st.spans if s.how == "generic"]:
            ctxmod.scope_generic(st, sp, ctx, lex, named)
    ctxmod.resolve_anaphors(states, lex)
    ctxmod.unify_names(states)
    records = ctxmod.entity_records(states, lex)
    posts: list[Post] = []
    rels: list[Relation] = []
    for k, st in enumerate(states):
        found = relations.postings(st, lex, states[:k])
        posts.extend(found)
        if k == 0:
            continue  # a headline states no relation the body does not state better
        rels.extend(relations.part_of(st, lex, states[:k]))
        rels.extend(relations.involvement(st, lex, states[:k], posts))
        rels.extend(relations.succession(st, lex, states[:k], found))
    posts = relations.predecessor_posts(posts, rels)
    _ensure_records(records, posts, rels, lex)
    return ArticleExtraction(article=article, sentences=[st.sent.text for st in states],
                             entities=records, posts=_unique(posts), relations=_unique(rels))


def _ensure_records(records: dict, posts: list[Post], rels: list[Relation], lex: Lexicon) -> None:
    """Every actor a relation names is an entity of the article, also one only implied
    ('Bundes-CIO' implies the Bund)."""
    refs = [p.org for p in posts if p.org] + [r.a for r in rels] + [r.b for r in rels]
    for ref in refs:
        if ref in records:
            continue
        etype, name = ref
        known = next((iri for iri, how in lex.surfaces.get(name, ()) if how == "name"
                      and lex.entities[iri].type == etype), None)
        ent = lex.entities.get(known) if known else None
        records[ref] = EntityRecord(etype, name, known=known, level=ent.level if ent else None)


def _surname_index(states: list[SentState]) -> dict[str, str]:
    """Family name -> full name, for family names that only one person in the article has."""
    full: dict[str, set[str]] = {}
    for st in states:
        for sp in st.spans:
            if sp.kind == "Person" and " " in sp.name:
                full.setdefault(sp.name.split()[-1], set()).add(sp.name)
    return {last: next(iter(names)) for last, names in full.items() if len(names) == 1}


def _rename_titled(st: SentState, surnames: dict[str, str]) -> None:
    """'Professor Rombach' is the 'Dieter Rombach' named elsewhere in the article."""
    for sp in st.spans:
        if sp.kind == "Person" and sp.how == "titled" and sp.name in surnames:
            sp.name = surnames[sp.name]


def _unique(items: list) -> list:
    seen, out = set(), []
    for it in items:
        if it not in seen:
            seen.add(it)
            out.append(it)
    return out
