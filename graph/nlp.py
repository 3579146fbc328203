"""Sentences and tokens: spaCy's blank German tokenizer, and sentence boundaries at
sentence-final punctuation and paragraph breaks.

Runs offline with no model download. The title is sentence 0 of every article, so
that evidence can point at it; paragraphs never share a sentence. (spaCy's
sentencizer component draws the same boundaries; doing it over the token list here
is several times faster, and speed matters at 100,000 articles.)
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY

from .articles import Article

# Names with a dot before an upper-case part stay one token: "Komm.ONE", "IT.NRW".
_DOTTED_NAME = re.compile(r"^[A-Za-zÄÖÜäöü]+\.[A-Z]{2,}[A-Za-z]*$")
SENTENCE_END = {".", "!", "?", "…", "?!", "!?", "..."}
CLOSING = {"“", "”", '"', "»", "«", ")", "’", "'"}


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
    url_match = nlp.tokenizer.url_match
    nlp.tokenizer.token_match = _DOTTED_NAME.match
    nlp.tokenizer.url_match = url_match
    # A legal form ends a sentence with the sentence's full stop ("... der ekom21 GmbH."),
    # which spaCy would keep on the token as if it were an abbreviation.
    for form in load().org_heads:
        if form != form.lower() and not form.endswith("."):
            nlp.tokenizer.add_special_case(form + ".", [{ORTH: form}, {ORTH: "."}])
    return nlp


def _tokens(text: str) -> list[tuple[str, int, bool, bool]]:
    """(text, offset, followed by space, is whitespace) of every token; read as one array
    from spaCy rather than token by token, which is the slow part of tokenizing."""
    doc = pipeline().tokenizer(text)
    rows = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE]).tolist()
    return [(text[i:i + n], i, bool(sp), bool(ws)) for i, n, sp, ws in rows]


def sentences(article: Article) -> list[Sentence]:
    """The title (sentence 0) and the sentences of the body, in order."""
    title = (article.title or "").replace("\n", " ").strip()
    out = [_sentence(0, title, [t[:3] for t in _tokens(title) if not t[3]], -1)]
    text = article.text
    paragraph, current = 0, []
    for word, idx, space, is_space in _tokens(text):
        if is_space:
            if "\n" in word:
                _close(out, text, current, paragraph)
                current = []
                paragraph += 1
            continue
        if current and current[-1][0] in SENTENCE_END and word not in CLOSING and word not in SENTENCE_END:
            _close(out, text, current, paragraph)
            current = []
        current.append((word, idx, space))
    _close(out, text, current, paragraph)
    return out


def _close(out: list[Sentence], text: str, toks: list[tuple[str, int, bool]], paragraph: int) -> None:
    if toks:
        start, end = toks[0][1], toks[-1][1] + len(toks[-1][0])
        out.append(_sentence(len(out), text[start:end], toks, paragraph))


def _sentence(index: int, text: str, toks: list[tuple[str, int, bool]], paragraph: int) -> Sentence:
    return Sentence(index=index, text=text.strip(), tokens=tuple(t[0] for t in toks),
                    spaces=tuple(t[2] for t in toks), paragraph=paragraph)


def join(tokens, spaces) -> str:
    """Text of a token span as it was written (no space before closing punctuation)."""
    parts = []
    for tok, sp in zip(tokens, spaces):
        parts.append(tok)
        parts.append(" " if sp else "")
    return "".join(parts).strip()
