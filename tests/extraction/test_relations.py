"""part_of, involvement and succession."""
import pytest

from tests.extraction.helpers import relations, run, posts


# ------------------------------------------------------------------ part_of

@pytest.mark.parametrize("text,child,parent", [
    ("Das Fachamt Bauprüfung im Bezirksamt Eimsbüttel prüft.", "Fachamt Bauprüfung", "Bezirksamt Eimsbüttel"),
    ("Sie leitet das Amt für Digitales der Senatskanzlei.", "Amt für Digitales", "Senatskanzlei Hamburg"),
    ("Die Stabsstelle Digitales wird in der Behörde für Inneres angesiedelt.", "Stabsstelle Digitales",
     "Behörde für Inneres"),
    ("Er leitete im BMI die Abteilung Digitale Dienste.", "Abteilung Digitale Dienste",
     "Bundesministerium des Innern"),
    ("Das ITZBund gehört zum Geschäftsbereich des Bundesministeriums der Finanzen.", "ITZBund",
     "Bundesministerium der Finanzen"),
])
def test_part_of(text, child, parent):
    assert (child, parent) in relations(run(text, title="Hamburg: Neu"), "part_of")


def test_no_part_of_between_a_unit_and_a_government():
    ex = run("Der Senat tagte. Der Geschäftsbereich des CDO soll ein Konzept erarbeiten.", title="Berlin: Konzept")
    assert relations(ex, "part_of") == set()


# ------------------------------------------------------------------ involvement

@pytest.mark.parametrize("text,actor,initiative", [
    ("Die CDO-Organisation steuert alle Projekte einschließlich der OZG-Umsetzung.", "CDO-Organisation",
     "Onlinezugangsgesetz"),
    ("In ihrem Koalitionsvertrag haben SPD und Grüne die Registermodernisierung vereinbart.", "SPD",
     "Registermodernisierung"),
    ("In ihrem Koalitionsvertrag haben SPD und Grüne die Registermodernisierung vereinbart.",
     "Bündnis 90/Die Grünen", "Registermodernisierung"),
    ("Betrieben wird die BundID vom ITZBund.", "ITZBund", "BundID"),
    ("Lena Groß kündigte an, den Deutschland-Stack voranzutreiben.", "Lena Groß", "Deutschland-Stack"),
    ("Anna Weiß ist Ministerin. Die Ministerin unterzeichnete den NOOTS-Staatsvertrag.", "Anna Weiß",
     "NOOTS-Staatsvertrag"),
])
def test_involvement(text, actor, initiative):
    assert (actor, initiative) in relations(run(text), "involved_in")


@pytest.mark.parametrize("text", [
    "Bund und Länder sprachen in Berlin über das OZG.",  # named together, nothing done
    "Paul Kern sagte, das Amt werde das OZG umsetzen.",  # the speaker does not implement it
    "Thüringen: Land veröffentlicht Open-Source-Strategie",  # a headline alone states nothing
])
def test_no_involvement(text):
    ex = run(text) if ":" not in text else run("Mehr dazu folgt.", title=text)
    assert relations(ex, "involved_in") == set()


# ------------------------------------------------------------------ succession

@pytest.mark.parametrize("text,successor,predecessor", [
    ("Jana Roth wurde zur Ministerin ernannt. Die Nachfolgerin von Udo Kern will viel bewegen.",
     "Jana Roth", "Udo Kern"),
    ("Klara Vogt folgt auf den bisherigen CDO Timo Berg.", "Klara Vogt", "Timo Berg"),
    ("Erik Lang übernimmt den Staffelstab von Heike Sommer.", "Erik Lang", "Heike Sommer"),
    ("Neuer Präsident ist Olaf Winter. Sein Vorgänger Peter Haupt geht in den Ruhestand.",
     "Olaf Winter", "Peter Haupt"),
    ("Die Staatskanzleichefin Eva Stein tritt die Nachfolge des Finanzministers Jörg Falk an.",
     "Eva Stein", "Jörg Falk"),
])
def test_succession(text, successor, predecessor):
    assert (successor, predecessor) in relations(run(text), "succession")


def test_predecessor_holds_the_role_the_successor_takes():
    ex = run("Jana Roth wurde zur neuen Digitalministerin ernannt. Die Nachfolgerin von Udo Kern will viel bewegen.")
    assert ("Udo Kern", "Digitalministerin") in posts(ex)
