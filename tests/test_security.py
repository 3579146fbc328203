"""The guarantees of SECURITY.md that live in the build: no network access, article ids
never become file paths, nothing of the text reaches a SPARQL update or a terminal raw."""
import json
import subprocess
import sys

import pyoxigraph as ox
import pytest

from graph.build import OUTPUTS, build
from graph.problems import Problem
from tests.conftest import FIXTURES, ROOT

NO_NETWORK = """
import socket, sys
attempts = []
def refuse(*args, **kwargs):
    attempts.append(args)
    raise OSError("network access during a build")
for name in ("connect", "connect_ex", "sendto"):
    setattr(socket.socket, name, refuse)
socket.getaddrinfo = socket.create_connection = socket.gethostbyname = refuse
sys.path.insert(0, {root!r})
from graph.cli import main
code = main(["build", *sys.argv[1:]])
print("ATTEMPTS", len(attempts), file=sys.stderr)
sys.exit(code)
"""


def test_a_build_opens_no_network_connection(tmp_path):
    """In a fresh process (imports included) every socket call fails and is counted: the
    build of JSON Lines and of an HTML page that points at remote resources makes none."""
    page = tmp_path / "seite.html"
    page.write_text("""<html><head><title>Bund: Termin</title><link rel="stylesheet" href="https://cdn.example/x.css">
    <meta property="og:url" content="https://example.org/artikel"><script src="https://cdn.example/x.js"></script>
    </head><body><article><img src="http://tracker.example/pixel.gif"><p>Der Bundes-CIO Markus Richter hat am Montag
    in Berlin die neue Strategie vorgestellt, mit der Bund und Länder ihre Register verbinden wollen.</p>
    <p>Die Umsetzung beginnt im kommenden Jahr, sagte Richter vor Vertretern der Länder und Kommunen.</p>
    </article></body></html>""", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", NO_NETWORK.format(root=str(ROOT)),
                           str(FIXTURES / "articles" / "fixtures.jsonl"), str(page), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "ATTEMPTS 0" in proc.stderr
    assert "articles   4" in proc.stdout
    assert (tmp_path / "o" / "network.html").exists()


@pytest.mark.parametrize("article_id", ["../../evil", "/etc/passwd", "a/../../b", "..", "out/graph.ttl", "C:\\x"])
def test_article_ids_never_become_paths(tmp_path, article_id):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": article_id, "title": "T", "text": "Ein Text."}) + "\n", encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    build([src], tmp_path / "out" / "deep", network=False)
    created = {p.relative_to(tmp_path).as_posix() for p in set(tmp_path.rglob("*")) - before}
    assert created == {"out", "out/deep"} | {f"out/deep/{name}" for name in OUTPUTS if name != "network.html"}


@pytest.mark.parametrize("iri", ["https://w3id.org/govkg/graph/a> } ; DROP ALL ; INSERT DATA { <x",
                                 "https://w3id.org/govkg/graph/a b", "https://w3id.org/govkg/graph/a\n"])
def test_no_graph_name_can_carry_sparql_into_the_replace_update(iri):
    """replace_graph writes the two graph names into its MOVE update as pyoxigraph
    serialises them; a NamedNode can't hold '>', spaces or line breaks at all."""
    with pytest.raises(ValueError):
        ox.NamedNode(iri)


def test_problem_messages_cannot_drive_the_terminal():
    p = Problem("datei\x1b]0;titel\x07.jsonl:3", "id '\u202eevil' \x9b31m")
    shown = str(p)
    assert not any(ch in shown for ch in "\x1b\x07\u202e\x9b")
    assert "\\x1b]0;titel\\x07" in shown and "\\u202e" in shown


def test_outputs_get_the_usual_mode_not_mkstemps_0600(tmp_path):
    """Temporary files are created 0600; the renamed output gets what a plain write would
    give (0666 minus the umask), or keeps the mode of the file it replaces."""
    import os

    src = FIXTURES / "articles" / "fixtures.jsonl"
    umask = os.umask(0o022)
    try:
        build([src], tmp_path / "o", network=False)
        assert (tmp_path / "o" / "graph.ttl").stat().st_mode & 0o777 == 0o644
        (tmp_path / "o" / "graph.trig").chmod(0o640)
        build([src], tmp_path / "o", network=False)
        assert (tmp_path / "o" / "graph.trig").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)


def test_every_test_named_in_security_md_exists():
    """SECURITY.md names the test that guards each point; a renamed test must not leave
    a point unguarded without anyone noticing."""
    import re

    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    refs = re.findall(r"`(tests/test_\w+\.py)(?:::(\w+))?", text)
    refs += [(None, name) for name in re.findall(r"`::(\w+)`", text)]
    assert len(refs) > 15
    sources = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("*.py")}
    everything = "\n".join(sources.values())
    for path, name in refs:
        if path:
            assert path in sources, path
        if name:
            haystack = sources[path] if path else everything
            assert re.search(rf"def {name}\b", haystack), f"{path or '?'}::{name} is not a test"
