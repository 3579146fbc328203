"""RDF: the quads of one article's named graph, from its extraction and the resolved
entities. Every node has an IRI from a normalised key (no blank nodes); every
posting and relation carries its article and evidence sentence."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import namespace as ns

from . import iri as iris
from . import vocab
from .lexicon import Lexicon
from .model import ArticleExtraction, Post
from .resolve import Entity, Key, NameKey, name_key


class _Terms:
    """A namespace's terms as plain strings, looked up once: rdflib's checked namespace
    lookup costs a microsecond, and an article's graph takes two hundred of them."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = str(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, XSD = (
    _Terms(n) for n in (ns.DCTERMS, ns.FOAF, ns.ORG, ns.OWL, ns.PROV, ns.RDF, ns.SDO, ns.SKOS, ns.XSD))
GOV, ROLE = _Terms(vocab.GOV), _Terms(vocab.ROLE)

ENTITY_CLASS = {"Person": FOAF.Person, "Organization": ORG.Organization, "Initiative": GOV.Initiative,
                "Jurisdiction": GOV.Jurisdiction}
VOCABULARY_GRAPH = iris.GRAPH + "vocabulary"
VOCABULARY_FILES = ("govkg.ttl", "roles.ttl", "levels.ttl", "org-kinds.ttl", "initiative-kinds.ttl", "involvement.ttl")
INVOLVEMENT_KIND = "https://w3id.org/govkg/id/involvement-kind/"


# The quads are written as N-Quads text, not as pyoxigraph objects: building a Quad
# costs six microseconds, formatting a line one, and the lines go to files and to
# Oxigraph's own parser anyway. IRIs here are made by iri.py (slugs and hashes) or come
# from the vocabulary and gazetteer files, so they need no escaping; literals do.
_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"))  # backslash first


def literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal: '"Behörde"@de', '"2024-01-31"^^<...#date>'."""
    for char, escaped in _ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    quoted = f'"{text}"'
    if language:
        return f"{quoted}@{language}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def de(text: str) -> str:
    return literal(text, language="de")


def date_literal(value: str) -> str:
    return literal(value, datatype={10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)])


class _Lines:
    """The statements of one graph as N-Triples lines without the final ' .'."""

    def __init__(self):
        self.items: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        """o is an IRI, or a literal made by literal()."""
        obj = o if o.startswith('"') else f"<{o}>"
        self.items.append(f"<{s}> <{p}> {obj}")


def nquads(graph: str, statements) -> bytes:
    """Sorted, distinct N-Quads lines of one named graph."""
    return "".join(f"{line} <{graph}> .\n" for line in sorted(set(statements))).encode("utf-8")


def _role_noun(wording: str) -> str:
    """'Staatssekretärin für Digitales' -> 'staatssekretär'; 'bezirklicher CDO' -> 'cdo'."""
    noun = wording.split(" für ")[0].split(" ")[-1].lower()
    return noun[:-2] if noun.endswith("in") and len(noun) > 5 else noun


def office_key(lex: Lexicon, role: str, wording: str) -> str:
    """Which office a wording names: the role concept, refined by the role noun when
    that noun is more than a label of the concept ('Referatsleiterin' and
    'Abteilungsleiterin' are two offices of the concept Leiter; 'CDO' and 'Chief
    Digital Officer' are one)."""
    if not role or role.endswith("/other"):
        return "other:" + wording.casefold()
    labels = {_role_noun(label) for label in lex.role_labels_of(role)}
    noun = _role_noun(wording)
    return role if noun in labels or not noun else f"{role}|{noun}"


def office_claims(ex: ArticleExtraction, lex: Lexicon) -> list[tuple[NameKey, str, NameKey]]:
    """(person, office, organisation) for each posting of the article that names its
    organisation, by the names resolution joins on."""
    return [(name_key(ex.entities[post.person]), office_key(lex, post.role, post.wording),
             name_key(ex.entities[post.org]))
            for post in ex.posts if post.org is not None and post.org in ex.entities and post.person in ex.entities]


def unique_orgs(claims: Iterable[tuple[Entity | None, str, Entity | None]]) -> dict[tuple[str, str], str]:
    """(person IRI, office) -> the one organisation the corpus names for it, so that a
    posting written without its organisation joins the one written with it."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person, office, org in claims:
        if person is not None and org is not None:
            seen[(person.iri, office)].add(org.iri)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def posting_orgs(extractions: list[ArticleExtraction], resolved: dict[Key, Entity],
                 lex: Lexicon) -> dict[tuple[str, str], str]:
    """unique_orgs of a corpus held in memory."""
    return unique_orgs((resolved.get((ex.article.id, post.person)), office_key(lex, post.role, post.wording),
                        resolved.get((ex.article.id, post.org)))
                       for ex in extractions for post in ex.posts if post.org is not None)


def posting_iri(person: str, office: str, org: str | None) -> str:
    return iris.hashed_iri("posting", person, office, org or "")


def article_quads(ex: ArticleExtraction, resolved: dict[Key, Entity], lex: Lexicon,
                  default_orgs: dict[tuple[str, str], str] | None = None) -> list[ox.Quad]:
    """The article's named graph as pyoxigraph quads (for tests and small graphs)."""
    graph, statements = article_statements(ex, resolved, lex, default_orgs)
    return list(ox.parse(nquads(graph, statements), format=ox.RdfFormat.N_QUADS))


def article_statements(ex: ArticleExtraction, resolved: dict[Key, Entity], lex: Lexicon,
                       default_orgs: dict[tuple[str, str], str] | None = None) -> tuple[str, list[str]]:
    """(graph IRI, N-Triples lines) of the article's named graph."""
    art = ex.article
    q = _Lines()
    a_iri = iris.article_iri(art.id)
    q.add(a_iri, RDF.type, SDO.NewsArticle)
    q.add(a_iri, DCTERMS.identifier, literal(art.id))
    if art.title:
        q.add(a_iri, DCTERMS.title, de(art.title))
    if art.date:
        q.add(a_iri, DCTERMS.date, date_literal(art.date))
    if art.url:
        q.add(a_iri, SDO.url, literal(art.url, datatype=XSD.anyURI))

    def ent(ref) -> Entity:
        return resolved[(art.id, ref)]

    known_refs = {ref for ref in ex.entities if (art.id, ref) in resolved}
    mentioned = {ent(ref).iri for ref in known_refs}
    for ref, rec in ex.entities.items():
        if ref not in known_refs:
            continue
        e = ent(ref)
        q.add(a_iri, SDO.mentions, e.iri)
        _describe(q, e, lex, mentioned)
        if rec.jurisdiction and (art.id, rec.jurisdiction) in resolved:
            q.add(e.iri, GOV.jurisdiction, ent(rec.jurisdiction).iri)

    def evidence(index: int) -> str:
        ev = iris.evidence_iri(art.id, index)
        q.add(ev, RDF.type, GOV.Evidence)
        q.add(ev, SDO.text, de(ex.sentences[index]))
        q.add(ev, SDO.isPartOf, a_iri)
        q.add(ev, GOV.sentenceIndex, literal(str(index), datatype=XSD.integer))
        return ev

    posted: dict[tuple[str, str], str] = {}
    for post in merge_posts(ex.posts, lex):
        if post.person not in known_refs or post.org and post.org not in known_refs:
            continue
        person = ent(post.person).iri
        office = office_key(lex, post.role, post.wording)
        org = ent(post.org).iri if post.org else (default_orgs or {}).get((person, office))
        p_iri = posting_iri(person, office, org)
        posted.setdefault((person, post.role), p_iri)
        q.add(p_iri, RDF.type, GOV.Posting)
        q.add(p_iri, ORG.member, person)
        q.add(p_iri, ORG.role, post.role or ROLE.other)
        q.add(p_iri, GOV.roleLabel, de(post.wording))
        if org:
            q.add(p_iri, ORG.organization, org)
        if post.start:
            q.add(p_iri, SDO.startDate, date_literal(post.start))
        q.add(p_iri, GOV.evidence, evidence(post.sentence))
        q.add(p_iri, PROV.wasDerivedFrom, a_iri)

    for rel in ex.relations:
        if rel.a not in known_refs or rel.b not in known_refs:
            continue
        a, b = ent(rel.a).iri, ent(rel.b).iri
        ev = evidence(rel.sentence)
        if rel.kind == "part_of":
            node = iris.hashed_iri("placement", a, b)
            q.add(a, ORG.subOrganizationOf, b)
            q.add(node, RDF.type, GOV.UnitPlacement)
            q.add(node, GOV.unit, a)
            q.add(node, GOV.parentOrganization, b)
        elif rel.kind == "involved_in":
            kind = INVOLVEMENT_KIND + (rel.detail or "participates")
            node = iris.hashed_iri("involvement", a, b, kind)
            q.add(a, GOV.involvedIn, b)
            q.add(node, RDF.type, GOV.Involvement)
            q.add(node, GOV.actor, a)
            q.add(node, GOV.initiative, b)
            q.add(node, GOV.involvementKind, kind)
        else:
            node = iris.hashed_iri("succession", a, b)
            q.add(a, GOV.succeeds, b)
            q.add(node, RDF.type, GOV.Succession)
            q.add(node, GOV.successor, a)
            q.add(node, GOV.predecessor, b)
            pred_post = next((v for (person, _), v in posted.items() if person == b), None)
            if pred_post:
                q.add(node, GOV.predecessorPosting, pred_post)
        q.add(node, GOV.evidence, ev)
        q.add(node, PROV.wasDerivedFrom, a_iri)
    return iris.graph_iri(art.id), q.items


def _same_office(a: Post, b: Post, lex: Lexicon) -> bool:
    ka, kb = office_key(lex, a.role, a.wording), office_key(lex, b.role, b.wording)
    return ka == kb or ka == a.role or kb == b.role  # a plain label ('Leiterin') joins any


def merge_posts(posts: list[Post], lex: Lexicon) -> list[Post]:
    """One article names one posting several times ('Benjamin Schock als neuer CDO ...',
    later 'Benjamin Schock, bezirklicher CDO'): same person and role concept in other
    sentences, and the same organisation or none stated, are one posting. (Two roles of
    one concept in one sentence are two postings: 'zu ihrem Vorsitzenden und zum
    Vorsitzenden des Verwaltungsrates'.) The first wording stays; the organisation and
    start date are taken where given."""
    out: list[Post] = []
    for post in posts:
        for k, prev in enumerate(out):
            if prev.person == post.person and prev.role == post.role and post.role and prev.sentence != post.sentence \
                    and not post.role.endswith("/other") and (prev.org == post.org or not prev.org or not post.org) \
                    and _same_office(prev, post, lex):
                out[k] = Post(prev.person, prev.wording, prev.role, prev.org or post.org, prev.sentence,
                              prev.start or post.start)
                break
        else:
            out.append(post)
    return out


def _describe(q: _Lines, e: Entity, lex: Lexicon, mentioned: set[str]) -> None:
    cls = ENTITY_CLASS[e.type]
    if e.type == "Organization" and e.org_class and e.org_class.endswith("OrganizationalUnit"):
        cls = ORG.OrganizationalUnit
    q.add(e.iri, RDF.type, cls)
    q.add(e.iri, SKOS.prefLabel, de(e.name))
    for label in sorted(e.alt):
        q.add(e.iri, SKOS.altLabel, de(label))
    for label in sorted(e.hidden):
        q.add(e.iri, SKOS.hiddenLabel, de(label))
    if e.kind:
        q.add(e.iri, GOV.organizationKind, e.kind)
    if e.type == "Jurisdiction" and e.level:
        q.add(e.iri, GOV.level, e.level)
    known = lex.entities.get(e.known or "")
    if known is None:
        return
    for same in known.same_as:
        q.add(e.iri, OWL.sameAs, same)
    # Where a known actor lies, stated only towards actors the article names too: the
    # graph holds what the articles speak of, not the whole gazetteer.
    for prop, target in ((GOV.withinJurisdiction, known.within), (GOV.jurisdiction, known.jurisdiction)):
        if target and target in mentioned:
            q.add(e.iri, prop, target)


def vocabulary_quads(ontology_dir) -> list[ox.Quad]:
    """The ontology and its concept schemes, so that a build is self-describing."""
    graph = ox.NamedNode(VOCABULARY_GRAPH)
    out = []
    for name in VOCABULARY_FILES:
        for t in ox.parse(path=str(ontology_dir / name), format=ox.RdfFormat.TURTLE):
            out.append(ox.Quad(t.subject, t.predicate, t.object, graph))
    return out


def vocabulary_statements(ontology_dir) -> tuple[str, list[str]]:
    """(graph IRI, N-Triples lines) of the vocabulary graph."""
    return VOCABULARY_GRAPH, [f"{q.subject} {q.predicate} {q.object}" for q in vocabulary_quads(ontology_dir)]
