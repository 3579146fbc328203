"""Initiatives: the gazetteer, compounds with an initiative head, 'Gesetz zur ...',
quoted names after a programme noun, strategies scoped to their Land."""
import pytest

from tests.extraction.helpers import names, run


@pytest.mark.parametrize("text,initiative", [
    ("Das Onlinezugangsgesetz verpflichtet Bund und Länder.", "Onlinezugangsgesetz"),
    ("Die Umsetzung des OZG stockt.", "Onlinezugangsgesetz"),
    ("Die OZG-Umsetzung stockt.", "Onlinezugangsgesetz"),
    ("Das Kabinett beschloss einen Gesetzentwurf zur Stärkung der Cybersicherheit.",
     "Gesetzentwurf zur Stärkung der Cybersicherheit"),
    ("Die Stadt startet das Förderprogramm „Digitale Dörfer“.", "Digitale Dörfer"),
    ("Das Land veröffentlicht die Open-Source-Strategie.", "Open-Source-Strategie"),
    ("Das Aktionsprogramm 2025-2027 wurde vorgestellt.", "Aktionsprogramm 2025-2027"),
    ("Der Bund finanziert den Datenatlas.", None),
])
def test_initiatives(text, initiative):
    found = names(run(text), "Initiative")
    assert (initiative in found) if initiative else found == set()


def test_strategy_without_a_name_is_the_lands_own():
    ex = run("Die Landesregierung hat die Digitalstrategie beschlossen.", title="Thüringen: Strategie")
    assert "Digitalstrategie Thüringen" in names(ex, "Initiative")


def test_strategy_of_the_kreis():
    ex = run("Kreis Soest: Die Digitalisierungsstrategie des Kreises liegt vor.")
    assert "Digitalisierungsstrategie Kreis Soest" in names(ex, "Initiative")


def test_coordinated_name_and_its_short_form_are_one_initiative():
    ex = run("Das Land hat seine Open-Data- und Open-Source-Strategie beschlossen. Die Open-Source-Strategie gilt ab Mai.")
    assert names(ex, "Initiative") == {"Open-Data- und Open-Source-Strategie"}


@pytest.mark.parametrize("text", [
    "Mit einem Staatsvertrag soll das gelingen.",
    "Ein Konzept fehlt bislang.",
])
def test_indefinite_mentions_are_no_initiative(text):
    assert names(run(text), "Initiative") == set()
