"""Token predicates shared by the mention finders. German capitalises every noun, so
capitalisation alone finds no names; these predicates combine it with the lexicon."""
from __future__ import annotations

import functools
import re

from .lexicon import Lexicon

_ACRONYM = re.compile(r"^(?=.*[A-ZÄÖÜ].*[A-ZÄÖÜ])[A-ZÄÖÜ0-9][A-ZÄÖÜa-zäöü0-9.\-]*$")
_NAMEISH = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéèáàóòíìúùçñ'’]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàóòíìúùçñ'’]+)*$")
_ADJ_NAME = re.compile(r"^[A-ZÄÖÜ][a-zäöüß\-]*(isch|lich|al|ig|er|sch|end|ert|ell|iv|är|an)(e|er|es|en|em)$")
_NUMBER = re.compile(r"^\d[\d.,\-–/]*$")
QUOTES_OPEN = {"„", "“", '"', "»", "‚", "«"}
QUOTES_CLOSE = {"“", "”", '"', "«", "‘", "»"}
PUNCT = {",", ";", ":", ".", "!", "?", "(", ")", "–", "—", "-", "|", "/"} | QUOTES_OPEN | QUOTES_CLOSE
ARTICLES = {"der", "die", "das", "den", "dem", "des"}
INDEFINITE = {"ein", "eine", "einen", "einem", "einer", "eines"}
PARTICLES = {"von", "van", "de", "zu", "vom", "der", "den", "ter", "da", "di", "le", "la"}


def is_cap(tok: str) -> bool:
    return tok[:1].isupper()


@functools.lru_cache(maxsize=200_000)
def is_acronym(tok: str) -> bool:
    """BWFGB, N-ITB, IT.NRW, ITZBund: at least two capitals, no lower-case run first."""
    return bool(_ACRONYM.match(tok)) and sum(c.isupper() for c in tok) >= 2 and len(tok) <= 14


@functools.lru_cache(maxsize=200_000)
def is_number(tok: str) -> bool:
    return bool(_NUMBER.match(tok))


@functools.lru_cache(maxsize=200_000)
def is_nameish(tok: str) -> bool:
    """Shaped like a surname: capitalised letters, optional hyphenated parts."""
    return bool(_NAMEISH.match(tok)) and len(tok) >= 2


@functools.lru_cache(maxsize=200_000)
def is_proper_adjective(tok: str) -> bool:
    """A capitalised adjective inside a name: Kommunales, Auswärtiges, Hessischer, Digitale."""
    return bool(_ADJ_NAME.match(tok))


def function_word(lex: Lexicon, tok: str) -> bool:
    return tok in lex.function_words


def is_surname(lex: Lexicon, tok: str) -> bool:
    """Could be a family name: shaped like a name and nothing the lexicon knows as
    a function word, role, office, title or month."""
    return lex.cached("surname", tok, _is_surname)


def _is_surname(lex: Lexicon, tok: str) -> bool:
    if not is_nameish(tok) or function_word(lex, tok) or tok in lex.wordlist("months"):
        return False
    if tok in lex.wordlist("titles") or tok in lex.wordlist("anaphoric_heads"):
        return False
    if lex.role_concept(tok) or lex.org_kind(tok) or lex.initiative_kind(tok):
        return False
    refs = lex.surfaces.get(tok, ())
    return not any(lex.entities[iri].type in ("Organization", "Initiative") for iri, _ in refs)


def is_first_name(lex: Lexicon, tok: str) -> bool:
    return lex.cached("first", tok, _is_first_name)


def _is_first_name(lex: Lexicon, tok: str) -> bool:
    if not is_cap(tok) or function_word(lex, tok) or tok in lex.wordlist("not_first_names"):
        return False
    if tok in lex.wordlist("months") or tok in lex.surfaces or lex.role_concept(tok):
        return False
    return lex.is_first_name(tok)


def modifier_stem(lex: Lexicon, tok: str, listname: str = "role_modifiers") -> str | None:
    """'neuen' -> 'neu' when 'neu' is in the list; also capitalised (sentence start)."""
    return lex.cached(listname, tok, lambda lex_, t: _modifier_stem(lex_, t, listname))


def _modifier_stem(lex: Lexicon, tok: str, listname: str) -> str | None:
    low = tok.lower()
    for ending in ("", "e", "en", "er", "es", "em"):
        if ending and not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)] if ending else low
        if stem in lex.wordlist(listname):
            return stem
    return None
