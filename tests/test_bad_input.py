"""Bad input: every kind of broken file or line gets a clear message naming the file
(and line), and everything else is still read. One test per row of the bad-input
matrix in the README ("Bad input and reliability")."""
import json
import os
import time
from pathlib import Path

import pytest

from graph.articles import read_inputs
from graph.build import build
from graph.cli import main
from graph.sanitize import MAX_TEXT, MAX_TOKEN

GOOD = {"id": "gut", "title": "Bund: Termin", "date": "2024-01-02", "url": "https://example.org/a",
        "text": "Bundes-CIO Markus Richter sprach über das Onlinezugangsgesetz."}


def jsonl(path: Path, *records, raw: list[str] | None = None) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + (raw or [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_file(tmp_path: Path) -> Path:
    return jsonl(tmp_path / "good.jsonl", GOOD)


def only(problems, severity=None):
    assert len(problems) == 1, [str(p) for p in problems]
    if severity:
        assert problems[0].severity == severity, str(problems[0])
    return problems[0]


# ------------------------------------------------------------------ whole files


@pytest.mark.parametrize("name,data", [("e.jsonl", b""), ("e.txt", b"\n  \n"), ("e.html", b" ")])
def test_empty_file_is_reported_and_the_rest_read(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    res = read_inputs([tmp_path / name, good_file(tmp_path)])
    p = only(res.problems, "error")
    assert p.source == str(tmp_path / name) and p.message == "empty file" and p.skipped == "file"
    assert [a.id for a in res.articles] == ["gut"]
    assert (res.files_read, res.files_skipped) == (1, 1)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # an image
    bytes(range(1, 32)) * 100,  # control bytes without NUL
])
def test_binary_file_is_reported_and_skipped(tmp_path, data):
    (tmp_path / "bild.jsonl").write_bytes(data)
    res = read_inputs([tmp_path / "bild.jsonl", good_file(tmp_path)])
    p = only(res.problems, "error")
    assert "binary file" in p.message and p.source.endswith("bild.jsonl")
    assert [a.id for a in res.articles] == ["gut"]


def test_cp1252_text_is_decoded_correctly_with_a_warning(tmp_path):
    text = "Die Behörde für Digitales: „Zitat“ – 5 € Straße"
    f = tmp_path / "alt.jsonl"
    f.write_bytes(json.dumps({**GOOD, "text": text}, ensure_ascii=False).encode("cp1252") + b"\n")
    res = read_inputs([f])
    assert res.articles[0].text == text
    p = only(res.problems, "warning")
    assert p.source == str(f) and "not UTF-8 on line 1" in p.message and "Windows-1252" in p.message


def test_latin1_page_is_decoded_correctly(tmp_path):
    f = tmp_path / "seite.txt"
    f.write_bytes("Sachsen: Größere Behörde\n[05.03.2024] Der Freistaat ändert die Zuständigkeit. mehr...\n"
                  .encode("latin-1"))
    res = read_inputs([f])
    assert res.articles[0].title == "Sachsen: Größere Behörde"
    assert "ändert" in res.articles[0].text
    assert only(res.problems, "warning").reason == "not UTF-8"


def test_one_cp1252_line_does_not_garble_the_utf8_lines(tmp_path):
    f = tmp_path / "mixed.jsonl"
    utf8 = json.dumps({**GOOD, "id": "u", "text": "Grüße aus Köln."}, ensure_ascii=False).encode("utf-8")
    cp = json.dumps({**GOOD, "id": "c", "text": "Grüße aus Düsseldorf."}, ensure_ascii=False).encode("cp1252")
    f.write_bytes(utf8 + b"\n" + cp + b"\n" + utf8.replace(b'"u"', b'"v"') + b"\n")
    res = read_inputs([f])
    assert [a.text for a in res.articles] == ["Grüße aus Köln.", "Grüße aus Düsseldorf.", "Grüße aus Köln."]
    assert "not UTF-8 on line 2;" in only(res.problems).message


def test_utf16_with_bom_is_decoded(tmp_path):
    f = tmp_path / "u16.jsonl"
    f.write_bytes(("\ufeff" + json.dumps(GOOD, ensure_ascii=False) + "\n").encode("utf-16-le"))
    res = read_inputs([f])
    assert res.articles[0].text == GOOD["text"]
    assert "UTF-16" in only(res.problems, "warning").message


def test_mojibake_is_repaired_with_a_warning_naming_file_and_line(tmp_path):
    broken = "Die BehÃ¶rde fÃ¼r Digitales erklÃ¤rt: â€žDas GroÃŸprojekt lÃ¤uftâ€œ."
    f = jsonl(tmp_path / "m.jsonl", GOOD, {**GOOD, "id": "m", "text": broken})
    res = read_inputs([f])
    assert res.articles[1].text == "Die Behörde für Digitales erklärt: „Das Großprojekt läuft“."
    assert res.articles[0].text == GOOD["text"]  # clean text is left alone
    p = only(res.problems, "warning")
    assert p.source == f"{f}:2" and "mojibake" in p.message and "'BehÃ¶rde' -> 'Behörde'" in p.message


def test_unknown_file_type_given_explicitly_is_an_error(tmp_path):
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    res = read_inputs([tmp_path / "doc.pdf", good_file(tmp_path)])
    assert "unknown file type .pdf" in only(res.problems, "error").message
    assert len(res.articles) == 1


def test_unknown_file_types_in_a_directory_are_a_note(tmp_path):
    good_file(tmp_path)
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "daten.csv").write_text("x", encoding="utf-8")
    res = read_inputs([tmp_path])
    p = only(res.problems, "info")
    assert "2 file(s) of other types not read (daten.csv, notes.md)" in p.message
    assert len(res.articles) == 1


def test_missing_path_is_reported(tmp_path):
    res = read_inputs([tmp_path / "fehlt.jsonl", good_file(tmp_path)])
    assert only(res.problems, "error").message == "no such file or directory"
    assert len(res.articles) == 1


def test_broken_symlink_is_reported(tmp_path):
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    res = read_inputs([tmp_path / "link.jsonl"])
    assert only(res.problems, "error").message == "no such file or directory"


def test_broken_link_and_pipe_inside_a_directory_are_reported(tmp_path):
    good_file(tmp_path)
    (tmp_path / "weg.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    os.mkfifo(tmp_path / "pipe.txt")
    res = read_inputs([tmp_path])
    assert sorted(Path(p.source).name for p in res.problems) == ["pipe.txt", "weg.jsonl"]
    assert all(p.severity == "error" and "skipped" in p.message for p in res.problems)
    assert len(res.articles) == 1


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    bad = jsonl(tmp_path / "geheim.jsonl", GOOD)
    if os.geteuid() != 0:
        bad.chmod(0)
    else:  # root reads anything: make the read fail as it would for a user
        real = Path.open
        monkeypatch.setattr(Path, "open", lambda self, *a, **k: (_ for _ in ()).throw(
            PermissionError(13, "Permission denied")) if self.name == "geheim.jsonl" else real(self, *a, **k))
    res = read_inputs([bad, jsonl(tmp_path / "ok.jsonl", {**GOOD, "id": "ok"})])
    p = only(res.problems, "error")
    assert p.source == str(bad) and p.message == "cannot read: Permission denied"
    assert [a.id for a in res.articles] == ["ok"]


def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    res = read_inputs([fifo, good_file(tmp_path)])  # reading it would block forever
    assert "not a regular file" in only(res.problems, "error").message
    assert len(res.articles) == 1


def test_unreadable_directory_is_reported(tmp_path, monkeypatch):
    import graph.articles as articles

    def walk(root, onerror):
        onerror(PermissionError(13, "Permission denied", str(root)))
        return iter(())

    monkeypatch.setattr(articles.os, "walk", walk)
    res = read_inputs([tmp_path])
    assert any(p.message == "cannot read directory: Permission denied" and p.source == str(tmp_path)
               for p in res.problems)


# ------------------------------------------------------------------ lines and fields


def test_malformed_json_names_file_and_line_and_reads_the_others(tmp_path):
    f = jsonl(tmp_path / "c.jsonl", GOOD, raw=['{"id": "x", "text": "abgebrochen', "[1, 2", "{not json}"])
    f.write_text(f.read_text(encoding="utf-8") + json.dumps({**GOOD, "id": "z"}) + "\n", encoding="utf-8")
    res = read_inputs([f])
    assert [a.id for a in res.articles] == ["gut", "z"]
    assert [p.source for p in res.problems] == [f"{f}:2", f"{f}:3", f"{f}:4"]
    assert all("malformed JSON" in p.message and p.skipped == "line" for p in res.problems)


def test_json_nested_too_deeply_is_a_bad_line(tmp_path):
    f = jsonl(tmp_path / "deep.jsonl", GOOD, raw=["[" * 100_000 + "]" * 100_000])
    res = read_inputs([f])
    assert only(res.problems, "error").source == f"{f}:2"
    assert len(res.articles) == 1


@pytest.mark.parametrize("record,message", [
    ([1, 2], "expected a JSON object, got list"),
    ({"id": "a"}, "field 'text' is missing"),
    ({"id": "a", "text": ["Absatz"]}, "field 'text' is a list"),
    ({"id": "a", "text": "   "}, "field 'text' is empty"),
    ({"id": "a", "text": "\x00\x01\x02"}, "no text left after removing control characters"),
])
def test_record_without_usable_text_is_skipped(tmp_path, record, message):
    res = read_inputs([jsonl(tmp_path / "r.jsonl", record, GOOD)])
    p = only([p for p in res.problems if p.severity == "error"])
    assert message in p.message and p.source.endswith("r.jsonl:1")
    assert [a.id for a in res.articles] == ["gut"]


@pytest.mark.parametrize("field,value,message,kept", [
    ("title", {"de": "x"}, "field 'title' is a dict", ("title", "")),
    ("url", 42, "field 'url' is a int", ("url", None)),
    ("url", "javascript:alert(1)", "not an absolute http(s) URL", ("url", None)),
    ("url", "/relativ/pfad", "not an absolute http(s) URL", ("url", None)),
    ("id", ["a"], "field 'id' is not a usable string", ("id", "r-1")),
    ("id", "x" * 501, "field 'id' is not a usable string", ("id", "r-1")),
    ("date", 20240102, "date must be a string", ("date", None)),
])
def test_wrong_typed_field_is_ignored_and_the_article_kept(tmp_path, field, value, message, kept):
    res = read_inputs([jsonl(tmp_path / "r.jsonl", {**GOOD, field: value})])
    assert message in only(res.problems, "warning").message
    assert getattr(res.articles[0], kept[0]) == kept[1]
    assert res.articles[0].text == GOOD["text"]


def test_url_with_unencoded_characters_is_kept_encoded(tmp_path):
    res = read_inputs([jsonl(tmp_path / "r.jsonl", {**GOOD, "url": 'https://example.org/a b?x=<1>&y="2"'})])
    assert res.articles[0].url == "https://example.org/a%20b?x=%3C1%3E&y=%222%22"
    assert res.problems == []


@pytest.mark.parametrize("value", ["2024-02-30", "31.02.2024", "2024-13-01", "0000-01-01", "gestern"])
def test_impossible_date_is_ignored_with_a_warning(tmp_path, value):
    res = read_inputs([jsonl(tmp_path / "d.jsonl", {**GOOD, "date": value})])
    p = only(res.problems, "warning")
    assert f"field 'date' {value!r} is not a date" in p.message and p.reason == "impossible date"
    assert res.articles[0].date is None and res.articles[0].title == GOOD["title"]


def test_impossible_teaser_date_in_a_page(tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("SachsenNeue Stelle\nEin Absatz.\nBund: Neues Gesetz\n"
                 "[31.02.2024] Das Kabinett hat beschlossen. mehr...\n", encoding="utf-8")
    res = read_inputs([f])
    assert only(res.problems, "warning").source == f"{f}:4"
    assert res.articles[1].date is None and res.articles[1].text == "Das Kabinett hat beschlossen."


def test_line_separator_inside_a_json_string_is_no_line_break(tmp_path):
    text = "Erster Satz.\u2028Zweiter Satz.\u0085Dritter\x1c Satz."
    f = jsonl(tmp_path / "ls.jsonl", {**GOOD, "text": text}, {**GOOD, "id": "b"})
    res = read_inputs([f])
    assert [a.id for a in res.articles] == ["gut", "b"]
    assert res.articles[0].text.startswith("Erster Satz.\u2028Zweiter Satz.")


def test_crlf_lines_are_read(tmp_path):
    f = tmp_path / "crlf.jsonl"
    f.write_bytes((json.dumps(GOOD) + "\r\n" + json.dumps({**GOOD, "id": "b"}) + "\r\n").encode())
    assert [a.id for a in read_inputs([f]).articles] == ["gut", "b"]


def test_lone_surrogates_and_control_characters_are_replaced(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "s", "title": "T\\ud800", "text": "A\\u0000B\\u001bC \\udfff Ende."}\n', encoding="utf-8")
    res = read_inputs([f])
    art = res.articles[0]
    assert art.title == "T\ufffd" and art.text == "A B C \ufffd Ende."
    assert {p.reason for p in res.problems} == {"invalid characters", "control characters"}
    assert all(p.source == f"{f}:1" and p.severity == "warning" for p in res.problems)


def test_very_long_token_is_shortened(tmp_path):
    res = read_inputs([jsonl(tmp_path / "t.jsonl", {**GOOD, "text": "Beginn " + "(" * 50_000 + " Ende."})])
    assert res.articles[0].text == "Beginn " + "(" * MAX_TOKEN + "\u2026 Ende."
    assert only(res.problems, "warning").reason == "very long token"


def test_five_megabyte_article_is_cut_with_a_warning_and_built_in_reasonable_time(tmp_path):
    paragraph = ("Der Bundes-CIO Markus Richter stellte die Strategie vor. Die Länder sollen folgen. " * 12).strip()
    text = "\n\n".join([paragraph] * (5_000_000 // len(paragraph)))
    assert len(text) > 4_900_000
    f = jsonl(tmp_path / "gross.jsonl", {**GOOD, "text": text}, {**GOOD, "id": "klein"})
    start = time.monotonic()
    res = build([f], tmp_path / "out", network=False)
    elapsed = time.monotonic() - start
    assert res.articles == 2
    p = only(res.problems, "warning")
    assert p.source == f"{f}:1" and f"only the first {MAX_TEXT:,} are read" in p.message
    assert elapsed < 60, elapsed  # ~5 s here; uncapped it would take hours (the extractor is quadratic)
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "Markus Richter" in ttl


def test_html_scripts_and_styles_never_reach_the_text(tmp_path):
    page = tmp_path / "seite.html"
    page.write_text("""<html><head><title>Bayern: Neuer Digitalminister</title>
    <style>body { color: red } .geheim::after { content: "STYLE-TEXT" }</style>
    <script>document.write("SCRIPT-TEXT"); var s = "</p>";</script></head><body>
    <article><h1>Bayern: Neuer Digitalminister</h1>
    <p>Der bayerische Digitalminister Fabian Mehring hat heute die neue Strategie für die Verwaltung
    vorgestellt. Sie soll Anträge digital machen und die Kommunen entlasten.</p>
    <script type="module">alert("MODULE-TEXT")</script><noscript>NOSCRIPT-TEXT</noscript>
    <p>Bis Ende des Jahres sollen die ersten Leistungen online gehen, sagte der Minister in München
    vor Vertreterinnen und Vertretern der Landkreise.</p></article></body></html>""", encoding="utf-8")
    res = read_inputs([page])
    text = res.articles[0].title + res.articles[0].text
    assert "Fabian Mehring" in text
    for leaked in ("STYLE-TEXT", "SCRIPT-TEXT", "MODULE-TEXT", "color: red", "document.write"):
        assert leaked not in text


@pytest.mark.parametrize("markup", ["<div>" * 5000 + "Text" + "</div>" * 5000, "<<<>>><p <p <<",
                                    "<script>" + "x" * 10000])
def test_hostile_html_is_no_crash(tmp_path, markup):
    page = tmp_path / "h.html"
    page.write_text(markup, encoding="utf-8")
    res = read_inputs([page, good_file(tmp_path)])
    assert "gut" in [a.id for a in res.articles]
    assert all(p.source == str(page) for p in res.problems)


# ------------------------------------------------------------------ duplicates


def test_duplicate_id_with_the_same_content_is_skipped_quietly(tmp_path):
    res = read_inputs([jsonl(tmp_path / "a.jsonl", GOOD), jsonl(tmp_path / "b.jsonl", GOOD)])
    p = only(res.problems, "warning")
    assert p.source == f"{tmp_path / 'b.jsonl'}:1" and f"duplicate of article 'gut' ({tmp_path / 'a.jsonl'}:1)" in p.message
    assert len(res.articles) == 1


def test_duplicate_id_with_other_content_is_an_error_and_the_first_kept(tmp_path):
    res = read_inputs([jsonl(tmp_path / "a.jsonl", GOOD, {**GOOD, "text": "Etwas anderes."})])
    p = only(res.problems, "error")
    assert "already used by" in p.message and "other content" in p.message and p.source.endswith(":2")
    assert res.articles[0].text == GOOD["text"]


def test_ids_that_give_the_same_iri_are_duplicates(tmp_path):
    """'Artikel 1' and 'artikel-1' would share one named graph: one would silently replace the other."""
    res = read_inputs([jsonl(tmp_path / "a.jsonl", {**GOOD, "id": "Artikel 1"},
                             {**GOOD, "id": "artikel-1", "text": "Anderer Text."})])
    p = only(res.problems, "error")
    assert "id 'Artikel 1' gives the same IRI" in p.message
    assert [a.id for a in res.articles] == ["Artikel 1"]


# ------------------------------------------------------------------ the build and the CLI


@pytest.fixture
def messy_corpus(tmp_path) -> Path:
    d = tmp_path / "korpus"
    d.mkdir()
    jsonl(d / "a.jsonl", GOOD, {**GOOD, "id": "b", "date": "2024-02-30"}, raw=["{kaputt"])
    (d / "leer.jsonl").write_bytes(b"")
    (d / "bild.txt").write_bytes(b"\x00\x01\x02binary")
    (d / "liesmich.md").write_text("x", encoding="utf-8")
    return d


def test_build_summary_says_what_was_read_skipped_and_why(messy_corpus, tmp_path, capsys):
    assert main(["build", str(messy_corpus), "--out", str(tmp_path / "o"), "--no-network"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "read       1 file(s), 2 article(s); 2 file(s) gave none" in out
    assert "skipped    2 file(s), 1 line(s): binary file 1 file; empty file 1 file; malformed JSON 1 line" in out
    assert "warnings   1: impossible date 1" in out
    assert "notes      " in out and "liesmich.md" in out
    assert f"{messy_corpus / 'a.jsonl'}:3: error: malformed JSON" in captured.err
    assert (tmp_path / "o" / "graph.ttl").exists()


def test_strict_fails_on_any_problem_and_writes_nothing(messy_corpus, tmp_path, capsys):
    out = tmp_path / "o"
    assert main(["build", str(jsonl(tmp_path / "g.jsonl", GOOD)), "--out", str(out), "--no-network"]) == 0
    before = (out / "graph.ttl").read_bytes()
    assert main(["build", str(messy_corpus), "--out", str(out), "--no-network", "--strict"]) == 1
    assert "--strict and there were problems; nothing was built" in capsys.readouterr().err
    assert (out / "graph.ttl").read_bytes() == before


def test_strict_fails_on_a_warning_alone(tmp_path, capsys):
    f = jsonl(tmp_path / "w.jsonl", {**GOOD, "date": "gestern"})
    assert main(["build", str(f), "--out", str(tmp_path / "o"), "--strict", "--no-network"]) == 1
    assert main(["build", str(f), "--out", str(tmp_path / "o"), "--no-network"]) == 0


def test_strict_passes_a_clean_corpus_with_notes(tmp_path):
    good_file(tmp_path)
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "o"), "--strict", "--no-network", "-q"]) == 0


def test_nothing_readable_exits_1_and_keeps_the_old_outputs(tmp_path, capsys):
    out = tmp_path / "o"
    assert main(["build", str(good_file(tmp_path)), "--out", str(out), "--no-network", "-q"]) == 0
    before = (out / "graph.trig").read_bytes()
    (tmp_path / "leer.jsonl").write_bytes(b"")
    assert main(["build", str(tmp_path / "leer.jsonl"), str(tmp_path / "fehlt"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no article could be read; nothing was built" in err and "fehlt: error: no such file" in err
    assert (out / "graph.trig").read_bytes() == before


def test_messages_escape_control_characters_in_names(tmp_path, capsys):
    f = jsonl(tmp_path / "x.jsonl", GOOD, {**GOOD, "id": "gut", "text": "anders"})
    evil = tmp_path / "\x1b[2Jevil.jsonl"
    f.rename(evil)
    main(["build", str(evil), "--out", str(tmp_path / "o"), "--no-network", "-q"])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2Jevil.jsonl" in err
