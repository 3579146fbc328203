"""A guard between extraction and RDF: every actor that a posting or relation names must
be one of the article's entities, or the writer has no node for it. The extractor is
meant to ensure this; where it does not ("Bundes-CIO Markus Richter." with no title names
the Bund only through the role word), the missing actor is added as a bare record (its
type and name; resolution still finds it in the gazetteer) and a note says so, instead
of the whole build failing on one article."""
from __future__ import annotations

from dataclasses import replace

from .model import ArticleExtraction, EntityRecord, EntityRef


def referenced(ex: ArticleExtraction) -> list[tuple[EntityRef, int]]:
    """Every actor a posting or relation names, with the sentence that names it: the
    writer looks each one up and has no node for one that is missing."""
    refs = []
    for post in ex.posts:
        refs += [(post.person, post.sentence)] + ([(post.org, post.sentence)] if post.org else [])
    for rel in ex.relations:
        refs += [(rel.a, rel.sentence), (rel.b, rel.sentence)]
    return refs  # an entity's unrecorded jurisdiction is no crash: rdf.py leaves that edge out


def complete(ex: ArticleExtraction) -> tuple[ArticleExtraction, list[str]]:
    """(extraction in which every named actor is an entity, notes on what was added)."""
    missing: dict[EntityRef, set[int]] = {}
    for ref, sentence in referenced(ex):
        if ref not in ex.entities:
            missing.setdefault(ref, set()).add(sentence)
    if not missing:
        return ex, []
    entities = dict(ex.entities)
    for ref, sentences in sorted(missing.items()):
        entities[ref] = EntityRecord(type=ref[0], name=ref[1], sentences=sentences)
    notes = [f"the extractor named {t} {n!r} without recording it; added as a bare entity"
             for t, n in sorted(missing)]
    return replace(ex, entities=entities), notes
