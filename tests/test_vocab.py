"""IRIs and the data files: stable keys, gazetteer IRIs minted by the same rule as
extracted ones, role and organisation vocabularies loaded from ontology/."""
import pytest

from graph.iri import entity_iri, hashed_iri, slug
from graph.lexicon import load


@pytest.mark.parametrize("text,key", [
    ("Behörde für Wissenschaft, Forschung, Gleichstellung und Bezirke",
     "behoerde-fuer-wissenschaft-forschung-gleichstellung-und-bezirke"),
    ("Steffen Schütz", "steffen-schuetz"),
    ("Komm.ONE", "komm-one"),
    ("  Straße  der Einheit ", "strasse-der-einheit"),
    ("Šimon Dvořák", "simon-dvorak"),
])
def test_slug(text, key):
    assert slug(text) == key


def test_long_slug_is_cut_and_stays_unique():
    a, b = slug("Wort " * 40 + "eins"), slug("Wort " * 40 + "zwei")
    assert a != b and len(a) <= 90


def test_empty_slug_still_gives_a_key():
    assert slug("!!!") and slug("!!!") == slug("!!!") and slug("!!!") != slug("???")


def test_hashed_iri_depends_on_all_parts_in_order():
    assert hashed_iri("posting", "a", "b") == hashed_iri("posting", "a", "b")
    assert hashed_iri("posting", "a", "b") != hashed_iri("posting", "b", "a")


def test_gazetteer_iris_follow_the_minting_rule():
    lex = load()
    assert len(lex.entities) > 100
    for iri, ent in lex.entities.items():
        if ent.type in ("Jurisdiction", "Organization", "Initiative") and "/places/" not in iri:
            assert iri == entity_iri(ent.type, ent.pref), (iri, ent.pref)


def test_all_sixteen_laender_are_known():
    lex = load()
    laender = [e for e in lex.entities.values() if e.level and e.level.endswith("/land")]
    assert len(laender) == 16


@pytest.mark.parametrize("word,concept", [
    ("Bezirkssenatorin", "senator"), ("Bundes-CIO", "cio"), ("Digitalisierungsstaatssekretärin", "staatssekretaer"),
    ("Ministerpräsident", "ministerpraesident"), ("Oberbürgermeisterin", "oberbuergermeister"),
    ("Vorsitzenden", "vorsitzender"), ("Landrätin", "landrat"), ("Unterabteilungsleiterin", "leiter"),
])
def test_role_nouns_map_to_concepts(word, concept):
    assert load().role_concept(word).endswith("/" + concept)


@pytest.mark.parametrize("word", ["Ministerium", "Bezirksamt", "Verwaltung", "Digitalisierung", "Bürger"])
def test_non_roles_map_to_none(word):
    assert load().role_concept(word) is None


@pytest.mark.parametrize("word,kind", [
    ("Senatskanzlei", "kanzlei"), ("Innenministeriums", "ministerium"), ("Landkreistag", "verband"),
    ("Bundestages", "parlament"), ("Verwaltungsrat", "gremium"), ("Landesrechnungshof", "rechnungshof"),
])
def test_org_heads_map_to_kinds(word, kind):
    assert load().org_kind(word).concept.endswith("/" + kind)


def test_plural_offices_are_no_org_head():
    assert load().org_kind("Bezirksämter") is None
