"""A local Oxigraph SPARQL server with a graph loaded: `oxigraph load` into a data
directory, then `oxigraph serve` on the loopback interface only.

Queries without GRAPH see the union of the article graphs, as the local store does:
after loading, the default graph is filled with that union, each triple once
(queries/union-default.ru). Oxigraph's --union-default-graph is not used: it is a bag,
in which joins over triples repeated across articles multiply. The server binds to 127.0.0.1: it is read-write
(the Graph Store Protocol accepts PUT and DELETE), so it must not be reachable from
other machines.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from .store import FORMATS

HOST = "127.0.0.1"


class ServeError(Exception):
    """The server could not be set up or did not come up."""


def oxigraph_binary() -> str:
    """The `oxigraph` command: beside the running Python (the `oxigraph` package installs
    it into the same bin directory), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.exists():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the 'oxigraph' command is missing; install it with: pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def urls(port: int) -> dict[str, str]:
    base = f"http://{HOST}:{port}"
    return {"ui": base + "/", "query": base + "/query", "update": base + "/update", "store": base + "/store"}


def load(graph: Path, location: Path) -> None:
    """Bulk-load a graph file into an Oxigraph data directory (TriG and N-Quads keep
    their named graphs; Turtle, N-Triples and JSON-LD go to the default graph)."""
    if FORMATS.get(graph.suffix.lower().lstrip(".")) is None:
        raise ServeError(f"{graph}: unknown RDF format {graph.suffix!r}; expected .trig .nq .ttl .nt .jsonld")
    from .push import union_update

    location.mkdir(parents=True, exist_ok=True)
    _run([oxigraph_binary(), "load", "--location", str(location), "--file", str(graph)], f"{graph}: oxigraph load")
    if FORMATS[graph.suffix.lower().lstrip(".")] in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        # named graphs: fill the default graph with their union (a Turtle file fills it itself)
        _run([oxigraph_binary(), "update", "--location", str(location), "--update", union_update()],
             "oxigraph update (union default graph)")


def _run(cmd: list[str], what: str) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        raise ServeError(f"{what} failed: {lines[-1] if lines else proc.returncode}")


class Server:
    """A running `oxigraph serve` on 127.0.0.1:port (data in `location`, or in memory).
    Its log goes to a temporary file, so a chatty server never blocks on a full pipe."""

    def __init__(self, location: Path | None, port: int, union: bool = False):
        if not port_is_free(port):
            raise ServeError(f"port {port} on {HOST} is in use; choose another with --port (0: any free port)")
        cmd = [oxigraph_binary(), "serve", "--bind", f"{HOST}:{port}"]
        if location is not None:
            cmd += ["--location", str(location)]
        if union:
            cmd.append("--union-default-graph")
        self.port = port
        self.urls = urls(port)
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)

    def last_log_line(self) -> str:
        """The error the server logged (Oxigraph prints a backtrace after it), else its last line."""
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        errors = [line.strip() for line in lines if "rror" in line]
        return errors[0] if errors else (lines[-1].strip() if lines else "")

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until the server answers a query; raise if it exits or does not come up."""
        url = self.urls["query"] + "?query=ASK%7B%7D"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                line = self.last_log_line()
                raise ServeError(f"oxigraph serve exited with {self.proc.returncode}" + (f": {line}" if line else ""))
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise ServeError(f"oxigraph serve did not answer on port {self.port} within {timeout:.0f} s")

    def wait(self) -> int:
        return self.proc.wait()

    def stop(self, timeout: float = 10.0) -> int:
        """Terminate the server and wait for it; kill it if it does not stop in time."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode
