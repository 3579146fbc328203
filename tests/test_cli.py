"""The command line: every command has help with examples and is in the README;
errors are one clean line and a non-zero exit."""
import subprocess
import sys

import pytest

from graph.cli import main, parser
from tests.conftest import ROOT

COMMANDS = sorted(parser()._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and f"govkg {command}" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"govkg {command}" in readme


def test_build_graph_py_is_govkg_build(tmp_path):
    src = ROOT / "tests" / "fixtures" / "articles" / "fixtures.jsonl"
    proc = subprocess.run([sys.executable, str(ROOT / "build_graph.py"), str(src), "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "articles   3" in proc.stdout
    assert (tmp_path / "graph.ttl").exists() and (tmp_path / "graph.trig").exists()


def test_query_unknown_name_is_a_clean_error(tmp_path, capsys):
    assert main(["query", "no-such-query", "--graph", str(tmp_path / "x.ttl")]) == 1
    err = capsys.readouterr().err
    assert "no query named 'no-such-query'" in err and "Traceback" not in err


def test_query_missing_graph_is_a_clean_error(capsys):
    assert main(["query", "posts", "--graph", "/nonexistent/graph.ttl"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_query_list(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "posts" in out and "Postings" in out


def test_validate_fails_on_an_invalid_graph(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text('<https://w3id.org/govkg/id/person/x> a <http://xmlns.com/foaf/0.1/Person> .\n', encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    assert "prefLabel" in capsys.readouterr().out


def test_export_round_trips(seed_build, tmp_path):
    out = tmp_path / "g.nq"
    assert main(["export", str(seed_build / "graph.trig"), "--format", "nq", "-o", str(out)]) == 0
    from rdflib import Dataset
    a, b = Dataset(), Dataset()
    a.parse(seed_build / "graph.trig", format="trig")
    b.parse(out, format="nquads")
    assert len(a) == len(b) and len(list(a.quads())) == len(list(b.quads()))


def test_build_with_nothing_readable_exits_non_zero(tmp_path, capsys):
    empty = tmp_path / "e.jsonl"
    empty.write_text("\n", encoding="utf-8")
    assert main(["build", str(empty), "--out", str(tmp_path / "o")]) == 1
    assert "nothing was built" in capsys.readouterr().err
