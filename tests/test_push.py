"""`govkg push`: loading a graph into a real SPARQL server through the Graph Store
Protocol, idempotently; retries, and clean failures against a server that is down or
answers 500 (a real HTTP server in a thread, not a mock)."""
import base64
import hashlib
import http.server
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.cli import main
from graph.push import graphs_of, push, store_url, update_url
from graph.remote import RemoteError
from graph.serve import free_port


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _file_counts(trig: Path) -> tuple[int, int]:
    """(quads in named graphs, distinct triples of their union) of a TriG file."""
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    return len(quads), len({q.triple for q in quads})


def test_push_twice_gives_the_same_triple_count(sample_build, oxigraph_server, capsys):
    trig = sample_build / "graph.trig"
    quads, union = _file_counts(trig)
    assert main(["push", str(trig), "--endpoint", oxigraph_server.query_url]) == 0
    first = oxigraph_server.quad_count()
    assert first == quads + union  # every named graph, and the default graph as their union
    err = capsys.readouterr().err
    graphs = len(graphs_of(trig))
    assert f"loaded {graphs} graphs ({quads} triples), failed 0" in err and "rebuilt" in err

    assert main(["push", str(trig), "--endpoint", oxigraph_server.query_url]) == 0
    assert oxigraph_server.quad_count() == first
    named = oxigraph_server.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(named[0]["n"]) == graphs


def test_a_replaced_article_leaves_nothing_stale(sample_build, oxigraph_server, tmp_path):
    """Pushing a changed article replaces its graph, and the default graph follows."""
    trig = sample_build / "graph.trig"
    assert push(trig, oxigraph_server.query_url).ok
    graph = "https://w3id.org/govkg/graph/sample-01"
    changed = tmp_path / "one.nq"
    changed.write_text(f'<https://example.org/s> <https://example.org/p> "neu" <{graph}> .\n', encoding="utf-8")
    assert push(changed, oxigraph_server.query_url).ok
    rows = oxigraph_server.select(f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert rows == [{"s": "https://example.org/s"}]
    title = "Bund: Registermodernisierungsgesetz in Kraft – Steuer-ID wird zum Ordnungsmerkmal"
    stale = oxigraph_server.select(f'SELECT ?a WHERE {{ ?a ?p "{title}"@de }}')
    assert stale == []  # only sample-01 said so, and it is gone from the default graph too


def test_push_of_a_turtle_file_fills_the_default_graph(sample_build, oxigraph_server):
    ttl = sample_build / "graph.ttl"
    result = push(ttl, oxigraph_server.query_url)
    assert result.ok and [g for g, _ in result.loaded] == [None]
    n = oxigraph_server.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    assert int(n) == len(list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)))


def test_push_to_a_server_that_is_down_fails_cleanly(sample_build, capsys):
    trig = sample_build / "graph.trig"
    before = _sha(trig)
    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    assert main(["push", str(trig), "--endpoint", url, "--retries", "1", "--backoff", "0.01"]) == 1
    err = capsys.readouterr().err
    total = len(graphs_of(trig))
    assert "cannot reach the server" in err and "after 2 attempts" in err
    assert f"loaded 0 graphs (0 triples), failed 1, not tried {total - 1}" in err
    assert "not tried: <https://w3id.org/govkg/graph/" in err and "Traceback" not in err
    assert _sha(trig) == before  # nothing lost locally


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A real HTTP server whose answers a test sets: status per request, in order."""
    statuses: list[int] = []
    default = 500
    seen: list[tuple[str, str, str | None]] = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append((self.command, self.path, self.headers.get("Authorization")))
        status = type(self).statuses.pop(0) if type(self).statuses else type(self).default
        body = b"" if status < 300 else b"Internal trouble\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    _Recorder.statuses, _Recorder.seen, _Recorder.default = [], [], 500
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder
    server.shutdown()
    server.server_close()


def test_push_to_a_server_that_answers_500_retries_then_fails(sample_build, http_server, capsys):
    base, rec = http_server
    trig = sample_build / "graph.trig"
    before = _sha(trig)
    assert main(["push", str(trig), "--endpoint", base + "/query", "--retries", "2", "--backoff", "0.01"]) == 1
    assert len(rec.seen) == 3 and all(m == "PUT" and p.startswith("/store?graph=") for m, p, _ in rec.seen)
    err = capsys.readouterr().err
    assert "HTTP 500" in err and "after 3 attempts" in err and "failed 1" in err and "not tried" in err
    assert _sha(trig) == before


def test_push_retries_with_backoff_and_then_succeeds(sample_build, http_server):
    base, rec = http_server
    rec.statuses, rec.default = [503, 502], 204
    waits = []
    result = push(sample_build / "graph.trig", base + "/query", retries=3, backoff=0.25, sleep=waits.append)
    assert result.ok and result.union == "rebuilt"
    assert waits == [0.25, 0.5]  # exponential backoff, then every graph went through
    assert len(result.loaded) == len(graphs_of(sample_build / "graph.trig"))
    assert rec.seen[-1][0] == "POST" and rec.seen[-1][1] == "/update"


def test_a_4xx_fails_one_graph_and_the_push_goes_on(sample_build, http_server, capsys):
    base, rec = http_server
    rec.statuses, rec.default = [204, 400], 204
    assert main(["push", str(sample_build / "graph.trig"), "--endpoint", base + "/query"]) == 1
    err = capsys.readouterr().err
    total = len(graphs_of(sample_build / "graph.trig"))
    assert f"loaded {total - 1} graphs" in err and "failed 1" in err and "HTTP 400" in err
    assert "not tried" not in err


def test_credentials_come_from_the_environment_and_are_never_printed(sample_build, http_server, monkeypatch, capsys):
    base, rec = http_server
    monkeypatch.setenv("GOVKG_SPARQL_USER", "researcher")
    monkeypatch.setenv("GOVKG_SPARQL_PASSWORD", "s3cret-Passw0rd")
    assert main(["push", str(sample_build / "graph.trig"), "--endpoint", base + "/query",
                 "--retries", "0"]) == 1
    assert main(["query", "posts", "--endpoint", base + "/query"]) == 1
    out = capsys.readouterr()
    assert "s3cret-Passw0rd" not in out.out + out.err
    assert "HTTP 500" in out.err
    expected = "Basic " + base64.b64encode(b"researcher:s3cret-Passw0rd").decode()
    assert [auth for _, _, auth in rec.seen] == [expected, expected]


def test_a_bearer_token_is_sent_and_not_printed(sample_build, http_server, monkeypatch, capsys):
    base, rec = http_server
    monkeypatch.setenv("GOVKG_SPARQL_TOKEN", "tok-123456789")
    assert main(["query", "posts", "--endpoint", base + "/query"]) == 1
    out = capsys.readouterr()
    assert "tok-123456789" not in out.out + out.err
    assert rec.seen[0][2] == "Bearer tok-123456789"


def test_credentials_in_the_url_are_refused(sample_build, capsys):
    assert main(["push", str(sample_build / "graph.trig"), "--endpoint", "http://me:pw@127.0.0.1:1/query"]) == 1
    err = capsys.readouterr().err
    assert "GOVKG_SPARQL_PASSWORD" in err and ":pw@" not in err


@pytest.mark.parametrize("endpoint,store,update", [
    ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store", "http://127.0.0.1:7878/update"),
    ("http://h:3030/govkg/sparql", "http://h:3030/govkg/data", "http://h:3030/govkg/update"),
    ("http://h:3030/govkg/query", "http://h:3030/govkg/data", "http://h:3030/govkg/update"),
    ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud", "http://h:8890/sparql"),
    ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg/rdf-graphs/service",
     "http://h:7200/repositories/kg/statements"),
])
def test_store_and_update_urls_are_derived_from_the_query_endpoint(endpoint, store, update):
    assert store_url(endpoint) == store
    assert update_url(endpoint) == update


def test_an_underivable_store_url_asks_for_store_url():
    with pytest.raises(RemoteError, match="--store-url"):
        store_url("http://h/some/where")
    assert store_url("http://h/some/where", "http://h/gsp") == "http://h/gsp"
