"""Postings: the patterns German news uses to say who holds which role, and where."""
import pytest

from tests.extraction.helpers import posts, posts_with_org, run


@pytest.mark.parametrize("text,person,wording", [
    # prenominal role
    ("Landrätin Petra Vogelsang eröffnete die Sitzung.", "Petra Vogelsang", "Landrätin"),
    ("Bundes-CIO Markus Richter sprach in Berlin.", "Markus Richter", "Bundes-CIO"),
    ("Der sächsische Innenminister Armin Schuster reiste an.", "Armin Schuster", "Innenminister"),
    ("Hessens Digitalministerin Kristina Sinemus besuchte den Kreis.", "Kristina Sinemus", "Digitalministerin"),
    # apposition, also two roles of one person
    ("Jana Roth, Leiterin des Amtes für Digitales, erläuterte den Plan.", "Jana Roth", "Leiterin"),
    ("Tim Engel, bisher Referent im Innenministerium, wechselt nach Kiel.", "Tim Engel", "Referent"),
    # als, appointment, copula
    ("Eva Brandt wurde zur neuen Staatssekretärin für Digitales ernannt.", "Eva Brandt", "Staatssekretärin für Digitales"),
    ("Ole Martens beginnt als neuer Chief Digital Officer der Stadt.", "Ole Martens", "Chief Digital Officer"),
    ("Seit 2020 ist Nina Seidel Präsidentin des Landesamtes.", "Nina Seidel", "Präsidentin"),
    ("Ab Juli wird Jan Wolff neuer Geschäftsführer der Gesellschaft.", "Jan Wolff", "Geschäftsführer"),
    # role first
    ("Neue Vorsitzende des Verwaltungsrates ist Bürgermeisterin Anna Lenz.", "Anna Lenz", "Vorsitzende"),
    ("Staatssekretär für Digitales soll Paul Krüger werden.", "Paul Krüger", "Staatssekretär für Digitales"),
    # reversed apposition
    ("Die designierte Ministerin für Finanzen, Lea Graf (SPD), stellte sich vor.", "Lea Graf", "Ministerin für Finanzen"),
    # parenthesis
    ("Berufen wurden Max Horn und Ida Kern (CUO).", "Ida Kern", "CUO"),
    # inflected roles come out as headwords
    ("Der Antrag des Vorsitzenden Karl Heine wurde angenommen.", "Karl Heine", "Vorsitzender"),
])
def test_posting_patterns(text, person, wording):
    assert (person, wording) in posts(run(text))


def test_two_roles_of_one_person_in_an_apposition():
    ex = run("Christine Haas, Chief Digital Officer des Landes und Leiterin des Amtes für IT, sagte:")
    assert {("Christine Haas", "Chief Digital Officer"), ("Christine Haas", "Leiterin")} <= posts(ex)


def test_coordinated_names_share_a_plural_role():
    ex = run("Vertreten wird er von den Abteilungsleiter:innen Cordula Brink und Wolf Mahler.")
    assert {("Cordula Brink", "Abteilungsleiter"), ("Wolf Mahler", "Abteilungsleiter")} <= posts(ex)


def test_pronoun_refers_to_the_person_of_its_gender():
    ex = run("Laut Lisa Frey ist Bernd Hahn ein guter Kandidat. Zuvor war er Sprecher der Fraktion.")
    assert ("Bernd Hahn", "Sprecher") in posts(ex)
    assert ("Lisa Frey", "Sprecher") not in posts(ex)


def test_description_at_sentence_start_refers_to_the_person_before():
    ex = run("Neuer Amtschef ist Heiko Brand. Der 52-Jährige war zuvor Abteilungsleiter im Innenministerium.")
    assert ("Heiko Brand", "Abteilungsleiter") in posts(ex)


def test_leading_an_office_is_a_posting_of_its_leader_role():
    ex = run("Das Ministerium für Justiz und Digitalisierung leitet Benno Graf.")
    assert ("Benno Graf", "Minister für Justiz und Digitalisierung") in posts(ex)
    ex = run("Die Abteilung Digitale Dienste im Landesamt wird von Sabine Kurz geleitet.")
    assert ("Sabine Kurz", "Leiterin") in posts(ex)


def test_taking_the_chair_is_a_posting():
    ex = run("Staatskanzleichef Ole Brandt übernimmt den Vorsitz des Verwaltungsrates beim IT-Dienstleister Dataport.")
    assert ("Ole Brandt", "Vorsitzender") in posts(ex)


def test_organisation_of_a_posting():
    ex = run("Bürgermeister Jonas Weber (Stadt Lage) sprach. Mia Koch, Leiterin des Fachamts Bauprüfung, auch.")
    found = posts_with_org(ex)
    assert ("Jonas Weber", "Bürgermeister", "Lage") in found
    assert ("Mia Koch", "Leiterin", "Fachamt Bauprüfung") in found


def test_appointment_date_is_the_start():
    ex = run("Ab dem 1. Juni 2022 wird Ute Klein neue Präsidentin des Landesamtes.")
    assert [p.start for p in ex.posts] == ["2022-06-01"]


@pytest.mark.parametrize("text", [
    "Der Landrat eröffnete die Sitzung.",  # a role without a name
    "Die Juristin Carla Bode sprach über Datenschutz.",  # a profession is no posting
    "Ministerin und Staatssekretär waren verhindert.",
    "Staatsrat beim Senator für Finanzen ist ein wichtiges Amt.",  # the Bremen authority, no person
])
def test_no_posting(text):
    assert posts(run(text)) == set()


def test_a_speaker_is_not_the_holder_of_a_role_in_what_he_reports():
    ex = run("Paula Sommer sagte, der Minister habe entschieden.")
    assert posts(ex) == set()
