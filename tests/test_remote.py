"""`govkg query` with parameters and output formats, locally and against a real Oxigraph
server: values are bound as RDF terms, never pasted into the query text, so an injection
attempt stays a literal and the store is unchanged; a server that is down is a clean
error."""
import csv
import io
import json

import pytest
from rdflib import Dataset, Literal, URIRef

from graph import queries
from graph.cli import main
from graph.remote import run_remote
from graph.serve import free_port
from graph.store import rdflib_dataset, union_store

INJECTION = 'x" } ; DROP ALL ; #'
NASTY = ['x" } ; DROP ALL ; #', "two\nlines \\ and a \\\" quote", "tab\there } { <http://x> '''", "Ümlaut ß – “quotes”"]

ECHO = """#+ summary: Echo a parameter.
#+ question: Does a value come back exactly as it went in?
#+ parameters: ?v (literal, required) any text
#+ columns: v, length, isLiteral
SELECT ?v ?length ?isLiteral WHERE {
  BIND(STRLEN(?v) AS ?length)
  BIND(isLiteral(?v) AS ?isLiteral)
}
"""


@pytest.fixture
def echo(tmp_path):
    path = tmp_path / "echo.rq"
    path.write_text(ECHO, encoding="utf-8")
    return queries.find(str(path))


@pytest.mark.parametrize("value", NASTY)
def test_a_value_comes_back_as_the_same_literal_on_every_engine(value, echo, loaded_server, sample_build):
    before = loaded_server.quad_count()
    bindings = queries.bind(echo, {"v": value})
    remote = run_remote(echo, loaded_server.query_url, bindings)
    local = queries.run_local(echo, rdflib_dataset(union_store(sample_build / "graph.ttl"), default_union=False), bindings)
    memory = queries.run_local(echo, Dataset(), bindings)
    for table in (remote, local, memory):
        assert len(table.rows) == 1
        v, length, is_literal = table.rows[0]
        assert isinstance(v, Literal) and str(v) == value
        assert int(length) == len(value) and str(is_literal) == "true"
    assert loaded_server.quad_count() == before  # nothing dropped, nothing added


def test_the_injection_attempt_stays_a_literal_in_a_library_query(loaded_server, capsys):
    before = loaded_server.quad_count()
    assert main(["query", "actor_profile", "--endpoint", loaded_server.query_url, "--param", f"name={INJECTION}",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"]["bindings"] == [] and data["head"]["vars"][0] == "name"
    assert loaded_server.quad_count() == before


def test_with_values_escapes_and_places_the_block_in_the_where_group():
    text = ('PREFIX x: <http://e/#>\n# a { in a comment\n'
            'SELECT ?v (CONCAT("{", \'}\') AS ?w) (?v < 3 AS ?small) WHERE { ?s ?p ?v }')
    out = queries.with_values(text, {"v": Literal(INJECTION)})
    assert out.count("VALUES") == 1
    assert out.index("VALUES") > out.index("WHERE {")
    assert '"x\\" } ; DROP ALL ; #"' in out
    with pytest.raises(queries.ParameterError):
        queries.sparql_term(URIRef("http://x> } ; DROP ALL ; #"))


def test_an_iri_parameter_with_illegal_characters_is_refused(sample_build, capsys):
    assert main(["query", "statement_evidence", "--graph", str(sample_build / "graph.trig"),
                 "--param", "statement=http://x> } ; DROP ALL ; #"]) == 1
    assert "is not an IRI" in capsys.readouterr().err


def test_parameters_are_checked_against_the_header(sample_build, capsys):
    graph = str(sample_build / "graph.trig")
    assert main(["query", "role_holders", "--graph", graph, "--param", "rol=CDO"]) == 1
    assert "has no parameter ?rol" in capsys.readouterr().err
    assert main(["query", "co_mentions", "--graph", graph]) == 1
    assert "needs --param name=..." in capsys.readouterr().err
    assert main(["query", "appointments_timeline", "--graph", graph, "--param", "from=last year"]) == 1
    assert "is not a date" in capsys.readouterr().err
    assert main(["query", "posts", "--graph", graph, "--param", "novalue"]) == 2


def test_the_list_shows_summaries_and_parameters(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert len([line for line in out.splitlines() if line and not line.startswith(" ")]) >= 17
    assert "role_holders" in out and "?role (literal, optional)" in out
    assert "co_mentions" in out and "?name (label, required)" in out


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_each_format_is_the_same_locally_and_remotely(fmt, sample_build, loaded_server, capsys):
    args = ["query", "role_holders", "--param", "role=CDO", "--format", fmt]
    assert main(args + ["--graph", str(sample_build / "graph.trig")]) == 0
    local = capsys.readouterr().out
    assert main(args + ["--endpoint", loaded_server.query_url]) == 0
    assert capsys.readouterr().out == local
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(local)))
        assert rows[0][:3] == ["role", "wording", "jurisdiction"] and rows[1][0] == "CDO"
        assert local.endswith("\r\n")  # SPARQL 1.1 CSV: CRLF line ends
    elif fmt == "tsv":
        lines = local.splitlines()
        assert lines[0].startswith("?role\t?wording\t?jurisdiction")
        assert lines[1].startswith('"CDO"\t\t<https://w3id.org/govkg/id/jurisdiction/')
        assert '"Chief Digital Officer"@de' in lines[1]
    elif fmt == "json":
        data = json.loads(local)
        first = data["results"]["bindings"][0]
        assert data["head"]["vars"][:2] == ["role", "wording"] and "wording" not in first
        assert first["roleType"] == {"type": "uri", "value": "https://w3id.org/govkg/id/role/cdo"}
        assert first["personLabel"]["xml:lang"] == "de"
    else:
        assert local.splitlines()[0].split()[:3] == ["role", "wording", "jurisdiction"]


def test_a_query_against_a_server_that_is_down_is_a_clean_error(capsys):
    url = f"http://127.0.0.1:{free_port()}/query"
    assert main(["query", "posts", "--endpoint", url, "--timeout", "5"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the endpoint" in err and "Traceback" not in err


def test_a_broken_query_on_the_server_is_a_clean_error(tmp_path, loaded_server, capsys):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    assert main(["query", str(bad), "--endpoint", loaded_server.query_url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("govkg query: http://127.0.0.1:") and "Traceback" not in err
