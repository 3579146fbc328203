"""`govkg serve`: a real Oxigraph server on loopback with the graph loaded, answering
the library queries like the local store; Ctrl-C stops it and removes its data."""
import json
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph import queries
from graph.remote import run_remote
from graph.serve import free_port
from graph.store import rdflib_dataset, union_store
from tests.conftest import ROOT


def _start(args, timeout=60):
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("press Ctrl-C"):
            return proc, lines
    proc.kill()
    out, err = proc.communicate()
    pytest.fail(f"govkg serve did not come up: {''.join(lines)}{out}{err}")


def test_serve_starts_answers_and_stops(sample_build):
    port = free_port()
    trig = sample_build / "graph.trig"
    proc, lines = _start([str(trig), "--port", str(port)])
    try:
        text = "".join(lines)
        assert f"query UI:        http://127.0.0.1:{port}/" in text
        assert f"SPARQL endpoint: http://127.0.0.1:{port}/query" in text
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as resp:
            assert resp.status == 200 and b"<html" in resp.read().lower()  # the query UI
        posts = queries.library()["posts"]
        remote = run_remote(posts, f"http://127.0.0.1:{port}/query")
        local = queries.run_local(posts, rdflib_dataset(union_store(trig), default_union=False))
        assert remote.rows and [[str(v) for v in r] for r in remote.rows] == [[str(v) for v in r] for r in local.rows]
    finally:
        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "stopped" in err and "Traceback" not in err
    data_dir = Path(re.search(r"into (\S+) \.\.\.", err).group(1))
    assert not data_dir.exists()  # the temporary database is removed
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=" + urllib.parse.quote("ASK {}"), timeout=2)


def test_serve_keeps_a_given_location(sample_build, tmp_path):
    port, location = free_port(), tmp_path / "db"
    proc, _ = _start([str(sample_build / "graph.ttl"), "--port", str(port), "--location", str(location)])
    try:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/query",
                                     data=urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            n = int(json.load(resp)["results"]["bindings"][0]["n"]["value"])
        assert n > 1000
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode == 0 and location.is_dir() and any(location.iterdir())


def test_serve_on_a_port_in_use_is_a_clean_error(sample_build, oxigraph_server):
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "serve", str(sample_build / "graph.trig"),
                           "--port", str(oxigraph_server.port)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == (f"govkg serve: port {oxigraph_server.port} on 127.0.0.1 is in use; "
                                                    "choose another with --port (0: any free port)")
