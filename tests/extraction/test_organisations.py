"""Organisations: head nouns (also inside compounds), name complements, acronym
definitions, generic offices made specific by the article's place, boards of a body;
plurals and indefinite mentions name no organisation."""
import pytest

from tests.extraction.helpers import names, run


@pytest.mark.parametrize("text,org", [
    ("Die Behörde für Wissenschaft, Forschung und Bezirke stellte das Konzept vor.",
     "Behörde für Wissenschaft, Forschung und Bezirke"),
    ("Er wechselt in das Ministerium für Arbeit, Soziales und Digitalisierung.",
     "Ministerium für Arbeit, Soziales und Digitalisierung"),
    ("Das Fachamt Bauprüfung im Bezirksamt Eimsbüttel prüft die Anträge.", "Fachamt Bauprüfung"),
    ("Das Fachamt Bauprüfung im Bezirksamt Eimsbüttel prüft die Anträge.", "Bezirksamt Eimsbüttel"),
    ("Sie leitete die Abteilung Digitale Dienste seit 2019.", "Abteilung Digitale Dienste"),
    ("Der Hessische Städtetag begrüßte den Vorschlag.", "Hessische Städtetag"),
    ("Er studierte an der Universität Bamberg.", "Universität Bamberg"),
    ("Die KommunalDigital GmbH wurde 2020 gegründet.", "KommunalDigital GmbH"),
    ("Er sitzt im Aufsichtsrat der kdvz eG.", "kdvz eG"),
])
def test_named_organisations(text, org):
    assert org in names(run(text), "Organization")


def test_acronym_definition_is_an_alias_and_its_later_use_the_same_actor():
    ex = run("Die Zentrale Stelle für Digitalisierung (ZSD) nimmt ihre Arbeit auf. Wie die ZSD mitteilt, "
             "beginnt sie im Mai.")
    orgs = names(ex, "Organization")
    assert orgs == {"Zentrale Stelle für Digitalisierung"}
    assert "ZSD" in ex.entities[("Organization", "Zentrale Stelle für Digitalisierung")].aliases


def test_acronym_spelling_the_initials_of_a_named_office():
    ex = run("Das Amt für IT und Digitalisierung plant viel. Das Amt ITD arbeitet mit den Bezirken.")
    assert names(ex, "Organization") == {"Amt für IT und Digitalisierung"}


def test_generic_office_takes_the_land_of_the_kicker():
    ex = run("Die Staatskanzlei kündigte ein neues Gesetz an.", title="Sachsen: Neues Gesetz")
    assert "Staatskanzlei Sachsen" in names(ex, "Organization")


def test_generic_office_takes_the_land_of_an_adjective():
    ex = run("Der Hamburger Senat hat das Konzept beschlossen.")
    assert "Senat Hamburg" in names(ex, "Organization")


def test_cabinet_of_a_land_is_its_government():
    ex = run("Das niedersächsische Landeskabinett hat getagt.")
    assert names(ex, "Organization") == {"Landesregierung Niedersachsen"}


def test_board_belongs_to_the_body_the_article_is_about():
    ex = run("Die AKDB wächst. Die AKDB stellt ein. Der Verwaltungsrat der AKDB tagte am Montag.")
    assert "Verwaltungsrat der AKDB" in names(ex, "Organization")


def test_compound_office_is_the_named_one_of_the_same_kind():
    ex = run("Das Ministerium für Justiz und Digitalisierung zieht um. Das Justizministerium bleibt in Potsdam.",
             title="Brandenburg: Umzug")
    assert names(ex, "Organization") == {"Ministerium für Justiz und Digitalisierung"}


def test_a_lands_office_is_not_the_federal_one():
    ex = run("Er kommt aus dem Bundesministerium des Innern. Das Innenministerium sucht Nachfolger.",
             title="Bayern: Wechsel")
    assert names(ex, "Organization") == {"Bundesministerium des Innern", "Innenministerium Bayern"}


def test_bremens_authorities_are_named_after_their_senator():
    ex = run("Dr. Martin Hagen, Staatsrat beim Senator für Finanzen, sprach.")
    assert "Senator für Finanzen" in names(ex, "Organization")


@pytest.mark.parametrize("text", [
    "Die Bezirksämter arbeiten enger zusammen.",
    "Ein Rechenzentrum wird gebaut.",
    "Das Ministerium äußerte sich nicht.",
    "Sie gründeten eine Kommunikations- und Strategieagentur.",
    "Insgesamt gibt es 16 Länder.",
])
def test_no_organisation(text):
    assert names(run(text), "Organization") == set()
