"""Shared fixtures: builds are made once per session and reused by the tests that read them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_PAGE = SHARED / "seeds" / "000_d5a58648515df90c.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "data" / "sample"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/fixtures/golden/*.ttl from the current extractor")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def _build(inputs, out: Path) -> Path:
    from graph.build import build

    result = build(inputs, out, network=False)
    assert result.articles > 0, [str(p) for p in result.problems]
    return out


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """out dir of a build of the bundled sample corpus."""
    return _build([SAMPLE], tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    if not SEED_PAGE.exists():
        pytest.skip(f"{SEED_PAGE} not present (../shared beside the checkout)")
    return _build([SEED_PAGE], tmp_path_factory.mktemp("seed"))


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    dst = tmp_path / "sample"
    shutil.copytree(SAMPLE, dst)
    return dst


# ------------------------------------------------------------------ a real SPARQL server


class OxigraphServer:
    """`oxigraph serve` (from the `oxigraph` package) on a free loopback port, with its
    own data directory; stopped when the fixture ends."""

    def __init__(self, location: Path):
        import socket
        import subprocess
        import sys

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        binary = Path(sys.executable).parent / "oxigraph"
        binary = str(binary) if binary.exists() else shutil.which("oxigraph")
        if not binary:
            pytest.fail("the 'oxigraph' command is missing: scripts/setup.sh --test installs it")
        self.base = f"http://127.0.0.1:{self.port}"
        self.query_url = self.base + "/query"
        self.log = open(location.parent / f"oxigraph-{self.port}.log", "wb")
        self.proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"],
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self, timeout: float = 30.0) -> None:
        import time
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "oxigraph serve exited early"
            try:
                with urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("oxigraph serve did not come up")

    def select(self, query: str) -> list[dict]:
        """Run a SELECT on the server (plain HTTP, independent of govkg's client)."""
        import json
        import urllib.parse
        import urllib.request

        req = urllib.request.Request(self.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            data = json.load(resp)
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]

    def quad_count(self) -> int:
        """Triples in named graphs plus triples in the default graph."""
        named = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]
        default = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
        return int(named) + int(default)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except Exception:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


@pytest.fixture
def oxigraph_server(tmp_path):
    server = OxigraphServer(tmp_path / "oxigraph-db")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def loaded_server(tmp_path_factory, sample_build):
    """One server with the sample graph pushed into it, shared by the read-only tests."""
    from graph.push import push

    server = OxigraphServer(tmp_path_factory.mktemp("server") / "db")
    result = push(sample_build / "graph.trig", server.query_url)
    assert result.ok, result.report()
    yield server
    server.stop()
