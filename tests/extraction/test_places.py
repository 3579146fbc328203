"""Jurisdictions: the Länder and the Bund, German towns from GeoNames, place nouns
('Stadt Lage', 'Kreis Gütersloh'), lists of Kreise, datelines, adjectives and
genitives; a town name that is also a noun needs a cue."""
import pytest

from tests.extraction.helpers import names, run


@pytest.mark.parametrize("text,place", [
    ("Der Freistaat Bayern investiert.", "Bayern"),
    ("Die bayerische Staatsregierung plant.", "Bayern"),
    ("Hessens Digitalministerin sprach.", "Hessen"),
    ("Er zog nach Straubing.", "Straubing"),
    ("Straubings Oberbürgermeister lud ein.", "Straubing"),
    ("Der Germeringer Stadtrat tagte.", "Germering"),
    ("Sie ist Bürgermeisterin der Gemeinde Kirchlengern.", "Kirchlengern"),
    ("Landrat des Kreises Gütersloh ist er seit 2010.", "Kreis Gütersloh"),
    ("Der Werra-Meißner-Kreis feiert.", "Werra-Meißner-Kreis"),
    ("Lemgo. Das Rechenzentrum tagte.", "Lemgo"),
    ("Kiel (dpa) - Das Land plant.", "Kiel"),
    ("Er ist in der Stadt Lage aufgewachsen.", "Lage"),
])
def test_places(text, place):
    assert place in names(run(text), "Jurisdiction")


def test_list_of_kreise():
    ex = run("Getragen wird er von den Kreisen Minden-Lübbecke, Herford und Lippe.")
    assert {"Kreis Minden-Lübbecke", "Kreis Herford", "Kreis Lippe"} <= names(ex, "Jurisdiction")


@pytest.mark.parametrize("text", [
    "Die Lage ist ernst.",  # Lage: a town, and the noun "situation"
    "Im Norden wird gebaut.",
    "Aus diesem Grund ist das so.",  # "Aus" is no genitive of Au
])
def test_nouns_are_no_places(text):
    assert names(run(text), "Jurisdiction") == set()
