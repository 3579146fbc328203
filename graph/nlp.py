"""Sentences and tokens: spaCy's blank German pipeline (tokenizer + sentencizer).

Runs offline with no model download. The title is sentence 0 of every article, so
that evidence can point at it; body paragraphs never share a sentence.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import spacy

from .articles import Article

# Names with a dot before an upper-case part stay one token: "Komm.ONE", "IT.NRW".
_DOTTED_NAME = re.compile(r"^[A-Za-zÄÖÜäöü]+\.[A-Z]{2,}[A-Za-z]*$")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    tokens: tuple[str, ...]
    # True where the token is followed by whitespace in the text ("Presse-" + " und")
    spaces: tuple[bool, ...]
    paragraph: int


@functools.lru_cache(maxsize=1)
def pipeline() -> spacy.language.Language:
    from spacy.symbols import ORTH

    from .lexicon import load

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    url_match = nlp.tokenizer.url_match
    nlp.tokenizer.token_match = _DOTTED_NAME.match
    nlp.tokenizer.url_match = url_match
    # A legal form ends a sentence with the sentence's full stop ("... der ekom21 GmbH."),
    # which spaCy would keep on the token as if it were an abbreviation.
    for form in load().org_heads:
        if form != form.lower() and not form.endswith("."):
            nlp.tokenizer.add_special_case(form + ".", [{ORTH: form}, {ORTH: "."}])
    return nlp


def paragraphs(article: Article) -> list[str]:
    parts = [p.strip() for p in _PARAGRAPH.split(article.text)]
    return [p for p in parts if p]


def sentences(article: Article) -> list[Sentence]:
    """The title (sentence 0) and the sentences of every paragraph, in order."""
    nlp = pipeline()
    out: list[Sentence] = []
    blocks = [(article.title or "", -1)] + [(p, i) for i, p in enumerate(paragraphs(article))]
    for doc, (_, para) in zip(nlp.pipe(b for b, _ in blocks), blocks):
        if para == -1:
            out.append(_sentence(0, doc, para))
            continue
        for sent in doc.sents:
            if sent.text.strip():
                out.append(_sentence(len(out), sent, para))
    return out


def _sentence(index: int, span, para: int) -> Sentence:
    toks = [t for t in span if not t.is_space]
    return Sentence(index=index, text=span.text.strip(),
                    tokens=tuple(t.text for t in toks),
                    spaces=tuple(bool(t.whitespace_) for t in toks),
                    paragraph=para)


def join(tokens, spaces) -> str:
    """Text of a token span as it was written (no space before closing punctuation)."""
    parts = []
    for tok, sp in zip(tokens, spaces):
        parts.append(tok)
        parts.append(" " if sp else "")
    return "".join(parts).strip()
