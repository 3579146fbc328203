"""Spans over a sentence's tokens: what each stretch of text names, and who owns a token."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import EntityRef
from .nlp import Sentence, join


@dataclass
class Span:
    kind: str  # Person | Organization | Initiative | Jurisdiction | Role
    start: int
    end: int  # exclusive
    name: str  # entity name within the article, or the role wording
    iri: str | None = None  # gazetteer entity, or role concept
    how: str = "name"  # name | adjective | genitive | surname | alias | compound | generic
    aliases: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)  # bare forms ("Senatskanzlei")
    scope: str | None = None  # generic names: "land" | "kreis" | "stadt" | "parent"
    scope_hint: EntityRef | None = None  # jurisdiction or parent stated next to the name
    kind_iri: str | None = None
    org_class: str | None = None
    level: str | None = None
    former: bool = False  # roles: "ehemaliger", "bisheriger"
    appointment: bool = False  # roles: "neuer", "zum ... ernannt"
    attach: list["Span"] = field(default_factory=list)  # roles: organisations the role is held in
    ref: EntityRef | None = None  # the article-level entity, once resolved in the article

    @property
    def is_entity(self) -> bool:
        return self.kind != "Role"


class SentState:
    """Tokens of one sentence and the spans found on them (non-overlapping)."""

    def __init__(self, sent: Sentence):
        self.sent = sent
        self.toks = sent.tokens
        self.n = len(sent.tokens)
        self.owner: list[Span | None] = [None] * self.n
        self.spans: list[Span] = []
        self.implied: list[Span] = []  # mentioned inside another span's name ("Landtag Brandenburg")

    def free(self, start: int, end: int) -> bool:
        return 0 <= start < end <= self.n and all(o is None for o in self.owner[start:end])

    def add(self, span: Span) -> Span:
        for i in range(span.start, span.end):
            self.owner[i] = span
        k = len(self.spans)
        while k and self.spans[k - 1].start > span.start:
            k -= 1  # spans mostly arrive left to right: the insertion point is at the end
        self.spans.insert(k, span)
        return span

    def remove(self, span: Span) -> None:
        for i in range(span.start, span.end):
            if self.owner[i] is span:
                self.owner[i] = None
        self.spans.remove(span)

    def text(self, start: int, end: int) -> str:
        return join(self.toks[start:end], self.sent.spaces[start:end])

    def tok(self, i: int) -> str:
        return self.toks[i] if 0 <= i < self.n else ""

    def at(self, i: int) -> Span | None:
        return self.owner[i] if 0 <= i < self.n else None

    def entities(self, kinds: tuple[str, ...] = ("Person", "Organization", "Initiative", "Jurisdiction")):
        return [s for s in self.spans if s.kind in kinds and s.ref is not None]
