"""Small helpers for the extraction tests: run the extractor on a German snippet and
read what it found in plain Python values."""
from __future__ import annotations

from graph.articles import Article
from graph.extract import extract
from graph.lexicon import load
from graph.model import ArticleExtraction


def run(text: str, title: str = "", date: str | None = None) -> ArticleExtraction:
    return extract(Article(id="t", title=title, text=text, date=date), load())


def names(ex: ArticleExtraction, etype: str) -> set[str]:
    return {name for (t, name) in ex.entities if t == etype}


def posts(ex: ArticleExtraction) -> set[tuple[str, str]]:
    """(person, role wording) of every posting."""
    return {(p.person[1], p.wording) for p in ex.posts}


def posts_with_org(ex: ArticleExtraction) -> set[tuple[str, str, str | None]]:
    return {(p.person[1], p.wording, p.org[1] if p.org else None) for p in ex.posts}


def relations(ex: ArticleExtraction, kind: str) -> set[tuple[str, str]]:
    return {(r.a[1], r.b[1]) for r in ex.relations if r.kind == kind}
