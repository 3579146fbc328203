"""Namespaces. Our own terms are declared once here, and a test checks them
against ontology/govkg.ttl: a misspelt term (GOV.involvedin) raises instead of
silently minting a new IRI."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

from .iri import ID


class GOV(DefinedNamespace):
    _NS = Namespace("https://w3id.org/govkg/ontology#")
    _fail = True

    # classes
    Initiative: URIRef
    Jurisdiction: URIRef
    Posting: URIRef
    Involvement: URIRef
    Succession: URIRef
    UnitPlacement: URIRef
    Evidence: URIRef
    # properties
    roleLabel: URIRef
    evidence: URIRef
    sentenceIndex: URIRef
    jurisdiction: URIRef
    withinJurisdiction: URIRef
    level: URIRef
    organizationKind: URIRef
    headNoun: URIRef
    scopedBy: URIRef
    orgClass: URIRef
    adjective: URIRef
    nameComplement: URIRef
    leaderRole: URIRef
    namedByCompound: URIRef
    involvedIn: URIRef
    actor: URIRef
    initiative: URIRef
    involvementKind: URIRef
    succeeds: URIRef
    successor: URIRef
    predecessor: URIRef
    predecessorPosting: URIRef
    unit: URIRef
    parentOrganization: URIRef


ROLE = Namespace(ID + "role/")
LEVEL = Namespace(ID + "level/")
ORGKIND = Namespace(ID + "org-kind/")
INVOLVEMENT_KIND = Namespace(ID + "involvement-kind/")
WD = Namespace("http://www.wikidata.org/entity/")

# Prefixes written into every serialisation, so Turtle stays readable.
PREFIXES = {
    "gov": str(GOV._NS),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "role": str(ROLE),
    "level": str(LEVEL),
    "orgkind": str(ORGKIND),
    "ikind": str(INVOLVEMENT_KIND),
    "person": ID + "person/",
    "organization": ID + "organization/",
    "initiative": ID + "initiative/",
    "jurisdiction": ID + "jurisdiction/",
    "article": ID + "article/",
    "posting": ID + "posting/",
    "involvement": ID + "involvement/",
    "succession": ID + "succession/",
    "placement": ID + "placement/",
    "wd": str(WD),
}

# Entity type name (as the queries and the scorer call it) -> RDF class.
TYPE_CLASS = {
    "Person": FOAF.Person,
    "Organization": ORG.Organization,
    "Initiative": GOV.Initiative,
    "Jurisdiction": GOV.Jurisdiction,
}
