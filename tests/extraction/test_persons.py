"""Persons: first names from the name dictionary plus a family name; titles are not
part of a name; a family name alone joins the full name in the article; capitalised
nouns, offices and acronyms are no persons."""
import pytest

from tests.extraction.helpers import names, run


@pytest.mark.parametrize("text,person", [
    ("Gestern sprach Petra Vogelsang über die Verwaltung.", "Petra Vogelsang"),
    ("Der Vortrag von Hans-Josef Brückner begann pünktlich.", "Hans-Josef Brückner"),
    ("Prof. Dr. Kristin Albrecht leitet das Projekt.", "Kristin Albrecht"),
    ("Dazu äußerte sich Ursula von der Leyen.", "Ursula von der Leyen"),
    ("Das Grußwort hielt Sven-Georg Lindemann.", "Sven-Georg Lindemann"),
])
def test_full_names_are_found_without_titles(text, person):
    assert person in names(run(text), "Person")


def test_family_name_alone_joins_the_full_name():
    ex = run("Die Juristin Marta Kowalczyk übernimmt das Amt. Kowalczyk war zuvor Richterin.")
    assert names(ex, "Person") == {"Marta Kowalczyk"}


def test_family_name_in_the_genitive_joins_too():
    ex = run("Jonas Ebert stellte den Plan vor. Eberts Vorschlag fand Zustimmung.")
    assert names(ex, "Person") == {"Jonas Ebert"}


def test_family_name_alone_after_a_role_is_a_person():
    ex = run("Bundesdigitalminister Wissing und Botschafter Prosor unterzeichneten die Erklärung.")
    assert {"Wissing", "Prosor"} <= names(ex, "Person")


@pytest.mark.parametrize("text", [
    "Die Bezirksämter arbeiten enger zusammen.",
    "Wie die BWFGB mitteilt, beginnt das Projekt im März.",
    "Der Landrat eröffnete die Sitzung.",
    "Im Mai stellte der Senat die Ergebnisse vor.",
    "Mark und Pfennig sind Geschichte.",
])
def test_no_person_in_sentences_without_one(text):
    assert names(run(text), "Person") == set()


def test_month_after_a_first_name_like_word_is_no_family_name():
    assert names(run("Ende August Neuigkeiten: Das Amt zieht um."), "Person") == set()
