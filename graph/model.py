"""Values that flow between the steps: what one article says (extraction) and the
actors of the whole corpus (resolution)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .articles import Article

EntityRef = tuple[str, str]  # (type, name as the article names it at its fullest)


@dataclass
class EntityRecord:
    """One actor as one article knows it."""
    type: str
    name: str
    known: str | None = None  # gazetteer IRI
    aliases: set[str] = field(default_factory=set)  # distinctive other names (acronyms, long forms)
    generic: set[str] = field(default_factory=set)  # bare forms that only make sense in context
    jurisdiction: EntityRef | None = None  # where an organisation or initiative belongs
    kind: str | None = None  # organisation kind concept IRI
    org_class: str | None = None  # org:Organization or org:OrganizationalUnit
    level: str | None = None  # level concept IRI for jurisdictions
    sentences: set[int] = field(default_factory=set)
    tentative: bool = False  # only a bare acronym: kept when another article tells what it stands for

    @property
    def ref(self) -> EntityRef:
        return (self.type, self.name)


@dataclass(frozen=True)
class Post:
    person: EntityRef
    wording: str
    role: str  # role concept IRI
    org: EntityRef | None
    sentence: int
    start: str | None = None  # ISO date, yyyy-mm or yyyy


@dataclass(frozen=True)
class Relation:
    kind: str  # "part_of" | "involved_in" | "succession"
    a: EntityRef  # child | actor | successor
    b: EntityRef  # parent | initiative | predecessor
    sentence: int
    detail: str | None = None  # involvement kind concept IRI


@dataclass
class ArticleExtraction:
    article: Article
    sentences: list[str]
    entities: dict[EntityRef, EntityRecord]
    posts: list[Post]
    relations: list[Relation]
