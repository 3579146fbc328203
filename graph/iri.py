"""Stable IRIs from normalised keys.

The same actor gets the same IRI in every build and from every article: the IRI is
derived from the entity type and a normalised form of its canonical name, never from
a counter, a blank node or the clock. Relation nodes (postings, involvements ...)
hash the IRIs of their parts.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

BASE = "https://w3id.org/govkg/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

# Path segment per entity type; the gazetteer uses the same segments.
TYPE_SEGMENT = {
    "Person": "person",
    "Organization": "organization",
    "Initiative": "initiative",
    "Jurisdiction": "jurisdiction",
}

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_MAX_SLUG = 80


def slug(text: str) -> str:
    """Normalised key of a name: lower case ASCII words joined by hyphens.

    >>> slug("Behörde für Wissenschaft, Forschung")
    'behoerde-fuer-wissenschaft-forschung'
    """
    s = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLIT)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > _MAX_SLUG:
        # Keep IRIs readable but unique: cut at a word boundary, add a short hash.
        digest = hashlib.sha1(s.encode()).hexdigest()[:8]
        s = s[:_MAX_SLUG].rsplit("-", 1)[0] + "-" + digest
    return s or "x" + hashlib.sha1(text.encode()).hexdigest()[:8]


def entity_iri(entity_type: str, name: str) -> str:
    return f"{ID}{TYPE_SEGMENT[entity_type]}/{slug(name)}"


def hashed_iri(kind: str, *parts: str) -> str:
    """IRI of a relation node (posting, involvement ...) from the IRIs it joins."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{ID}{kind}/{digest}"


def article_key(article_id: str) -> str:
    return slug(article_id)


def article_iri(article_id: str) -> str:
    return f"{ID}article/{article_key(article_id)}"


def graph_iri(article_id: str) -> str:
    """Name of the article's named graph: one per article, so that reloading replaces it."""
    return GRAPH + article_key(article_id)


def evidence_iri(article_id: str, sentence_index: int) -> str:
    return f"{ID}evidence/{article_key(article_id)}/{sentence_index}"
