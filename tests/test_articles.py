"""Reading inputs: JSON Lines, saved text pages, HTML, directories, and bad lines."""
import json

import pytest

from graph.articles import parse_date, read_inputs, split_glued_kicker
from tests.conftest import SEED_PAGE


def test_seed_page_is_sixteen_articles_with_their_dates():
    if not SEED_PAGE.exists():
        pytest.skip("seed page not present")
    res = read_inputs([SEED_PAGE])
    assert len(res.articles) == 16
    assert res.articles[0].title == "Hamburg: CDO für Bezirksämter"
    assert res.articles[0].date is None  # the lead article of the page carries no date
    assert res.articles[1].date == "2024-12-20"
    assert res.articles[15].date == "2024-11-21"
    assert res.articles[15].title == "Berlin: Eckpunkte für Digitalcheck"
    assert not any(a.text.endswith("mehr...") for a in res.articles)
    assert len({a.id for a in res.articles}) == 16


@pytest.mark.parametrize("line,expected", [
    ("HamburgCDO für Bezirksämter", "Hamburg: CDO für Bezirksämter"),
    ("BayernDigitalministerium startet", "Bayern: Digitalministerium startet"),
    ("Digitalisierung findet statt", "Digitalisierung findet statt"),
    ("Schleswig-Holstein hat eine Strategie", "Schleswig-Holstein hat eine Strategie"),
])
def test_glued_kicker_is_split(line, expected):
    assert split_glued_kicker(line) == expected


def test_text_page_teasers_become_articles(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("SachsenNeue Stelle für Digitales\nErster Absatz des Hauptartikels.\n"
                    "Zweiter Absatz.\nBund: Neues Gesetz\n[05.03.2024] Das Kabinett hat beschlossen. mehr...\n"
                    ": Ohne Dachzeile\n[31.12.2023] Ein Text. mehr...\n", encoding="utf-8")
    res = read_inputs([page])
    assert [a.title for a in res.articles] == ["Sachsen: Neue Stelle für Digitales", "Bund: Neues Gesetz",
                                               "Ohne Dachzeile"]
    assert [a.date for a in res.articles] == [None, "2024-03-05", "2023-12-31"]
    assert res.articles[0].text == "Erster Absatz des Hauptartikels.\n\nZweiter Absatz."
    assert res.articles[1].text == "Das Kabinett hat beschlossen."


def test_jsonl_bad_line_names_file_and_line_and_keeps_the_rest(tmp_path):
    f = tmp_path / "c.jsonl"
    good = {"id": "a", "title": "T", "date": "2024-01-02", "url": None, "text": "Ein Text."}
    f.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "id": "b"}) + "\n", encoding="utf-8")
    res = read_inputs([f])
    assert [a.id for a in res.articles] == ["a", "b"]
    assert len(res.problems) == 1
    assert res.problems[0].source == f"{f}:2"
    assert "malformed JSON" in res.problems[0].message


def test_html_main_text_title_and_date(tmp_path):
    page = tmp_path / "artikel.html"
    page.write_text("""<html><head><title>Hessen: Neue Digitalministerin</title>
    <meta property="article:published_time" content="2024-05-06"></head>
    <body><nav>Menü Start Kontakt</nav><script>var x = 1;</script>
    <article><h1>Hessen: Neue Digitalministerin</h1>
    <p>Die Landesregierung hat heute eine neue Ministerin für Digitalisierung vorgestellt. Sie soll die
    Verwaltung modernisieren und das Onlinezugangsgesetz umsetzen.</p>
    <p>In den kommenden Monaten will das Ministerium eine eigene Strategie vorlegen und mit den
    Kommunen abstimmen, wie Anträge künftig digital gestellt werden können.</p></article>
    <footer>Impressum</footer></body></html>""", encoding="utf-8")
    res = read_inputs([page])
    assert len(res.articles) == 1, res.problems
    art = res.articles[0]
    assert art.title == "Hessen: Neue Digitalministerin"
    assert art.date == "2024-05-06"
    assert "Onlinezugangsgesetz" in art.text
    assert "var x" not in art.text and "Impressum" not in art.text


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.jsonl", "1.jsonl"):
        (tmp_path / name).write_text(json.dumps({"id": name, "title": "", "text": "Text."}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    res = read_inputs([tmp_path])
    assert [a.id for a in res.articles] == ["1.jsonl", "b/2.jsonl"]


def test_duplicate_ids_same_content_skipped_other_content_reported(tmp_path):
    rec = {"id": "x", "title": "T", "text": "Eins."}
    f = tmp_path / "d.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in (rec, rec, {**rec, "text": "Zwei."})) + "\n", encoding="utf-8")
    res = read_inputs([f])
    assert [a.text for a in res.articles] == ["Eins."]
    assert [p.severity for p in res.problems] == ["warning", "error"]


@pytest.mark.parametrize("value,expected", [("2024-12-20", "2024-12-20"), ("20.12.2024", "2024-12-20"),
                                            ("2024-12-20T10:00:00Z", "2024-12-20"), (None, None)])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_impossible_date_raises():
    with pytest.raises(ValueError):
        parse_date("31.02.2024")
