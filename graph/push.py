"""Load a graph into a SPARQL 1.1 server through the Graph Store Protocol.

One HTTP PUT per named graph (one per article, plus the vocabulary graph): PUT
replaces the graph, so pushing the same file twice leaves the server as it was after
the first push, and pushing a rebuilt corpus replaces each article's statements
without touching graphs the file does not hold. Each graph is sent as N-Triples
under the media type text/turtle (N-Triples is a subset of Turtle, and Turtle is the
one syntax every Graph Store server accepts).

Failures: 5xx answers and connection errors are retried a few times with exponential
backoff; when they persist the push stops there, since the server is in trouble, and
the result says which graphs were loaded, which failed and which were not tried. A
4xx answer (bad data, too large, forbidden) fails that graph only. The local file is
only read, never changed.
"""
from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from .remote import Credentials, RemoteError, _display, check_endpoint, redact
from .store import FORMATS

DEFAULT_GRAPH = None  # key of the default graph in graphs_of()
CONTENT_TYPE = "text/turtle; charset=utf-8"


@dataclass
class PushResult:
    loaded: list[tuple[str | None, int]] = field(default_factory=list)   # (graph IRI, triples)
    failed: list[tuple[str | None, int, str]] = field(default_factory=list)  # (graph IRI, triples, reason)
    not_tried: list[tuple[str | None, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_tried

    def summary(self) -> str:
        triples = sum(n for _, n in self.loaded)
        line = f"loaded {len(self.loaded)} graphs ({triples} triples), failed {len(self.failed)}"
        if self.not_tried:
            line += f", not tried {len(self.not_tried)}"
        return line

    def report(self, limit: int = 20) -> list[str]:
        """Lines naming what failed and what was not tried (at most `limit` of each)."""
        lines = []
        for graph, n, reason in self.failed[:limit]:
            lines.append(f"failed: {graph_name(graph)} ({n} triples): {reason}")
        if len(self.failed) > limit:
            lines.append(f"failed: ... and {len(self.failed) - limit} more")
        for graph, n in self.not_tried[:limit]:
            lines.append(f"not tried: {graph_name(graph)} ({n} triples)")
        if len(self.not_tried) > limit:
            lines.append(f"not tried: ... and {len(self.not_tried) - limit} more")
        return lines


def graph_name(graph: str | None) -> str:
    return "default graph" if graph is None else f"<{graph}>"


def graphs_of(path: Path) -> dict[str | None, list[ox.Triple]]:
    """The triples of a graph file by named graph (None: the default graph), sorted by
    graph name. Turtle and N-Triples files hold only a default graph."""
    fmt = FORMATS.get(path.suffix.lower().lstrip("."))
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF format {path.suffix!r}; expected .trig .nq .ttl .nt .jsonld")
    out: dict[str | None, list[ox.Triple]] = {}
    for quad in ox.parse(path=str(path), format=fmt):
        key = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        out.setdefault(key, []).append(quad.triple)
    return dict(sorted(out.items(), key=lambda kv: (kv[0] is not None, kv[0] or "")))


def store_url(endpoint: str | None, store: str | None = None) -> str:
    """The Graph Store Protocol URL: --store-url when given, else derived from the query
    endpoint by the conventions of the common servers:
      Oxigraph  http://host:7878/query               -> http://host:7878/store
      Fuseki    http://host:3030/DATASET/sparql|query -> http://host:3030/DATASET/data
      Virtuoso  http://host:8890/sparql              -> http://host:8890/sparql-graph-crud
      GraphDB   http://host:7200/repositories/REPO   -> .../repositories/REPO/rdf-graphs/service
    A URL already ending in /store, /data, /sparql-graph-crud(-auth) or /rdf-graphs/service
    is taken as it is."""
    if store:
        return check_endpoint(store)
    if not endpoint:
        raise RemoteError("give --endpoint URL (the query endpoint) or --store-url URL")
    check_endpoint(endpoint)
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    segments = [s for s in path.split("/") if s]
    if path.endswith(("/store", "/data", "/sparql-graph-crud", "/sparql-graph-crud-auth", "/rdf-graphs/service")):
        new = path
    elif segments == ["query"]:
        new = "/store"
    elif segments == ["sparql"]:
        new = "/sparql-graph-crud"
    elif len(segments) == 2 and segments[0] == "repositories":
        new = path + "/rdf-graphs/service"
    elif len(segments) >= 2 and segments[-1] in ("sparql", "query"):
        new = "/".join([""] + segments[:-1] + ["data"])
    else:
        raise RemoteError(f"cannot derive the Graph Store URL from {_display(endpoint)}; give --store-url")
    return urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def graph_url(store: str, graph: str | None) -> str:
    sep = "&" if "?" in store else "?"
    return f"{store}{sep}default" if graph is None else f"{store}{sep}graph={quote(graph, safe='')}"


class _Retryable(Exception):
    pass


def _put(url: str, body: bytes, timeout: float, creds: Credentials) -> None:
    req = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": CONTENT_TYPE})
    auth = creds.authorization()
    if auth:
        req.add_header("Authorization", auth)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as err:
        detail = err.read(300).decode("utf-8", "replace").strip().splitlines()
        msg = f"HTTP {err.code} {err.reason}" + (f": {detail[0]}" if detail else "")
        if err.code >= 500:
            raise _Retryable(msg) from None
        raise RemoteError(msg) from None
    except (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError,
            http.client.HTTPException, OSError) as err:
        raise _Retryable(f"cannot reach the server: {getattr(err, 'reason', err)}") from None


def push(path: Path, endpoint: str | None = None, store: str | None = None, *, creds: Credentials | None = None,
         retries: int = 3, backoff: float = 0.5, timeout: float = 60.0,
         progress: bool = False, sleep: Callable[[float], None] = time.sleep) -> PushResult:
    """PUT every graph of `path` to the Graph Store at `store` (or derived from `endpoint`)."""
    from tqdm import tqdm

    creds = creds or Credentials()
    target = store_url(endpoint, store)
    graphs = graphs_of(path)
    result = PushResult()
    items = list(graphs.items())
    bar = tqdm(total=sum(len(t) for _, t in items), unit="triple", unit_scale=True, desc="push",
               disable=not progress, leave=False)
    try:
        for k, (graph, triples) in enumerate(items):
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            url = graph_url(target, graph)
            for attempt in range(retries + 1):
                try:
                    _put(url, body, timeout, creds)
                    result.loaded.append((graph, len(triples)))
                    break
                except RemoteError as err:
                    result.failed.append((graph, len(triples), redact(str(err), creds)))
                    break
                except _Retryable as err:
                    if attempt < retries:
                        sleep(backoff * 2 ** attempt)
                        continue
                    reason = redact(f"{err} (after {retries + 1} attempts)", creds)
                    result.failed.append((graph, len(triples), reason))
                    result.not_tried.extend((g, len(t)) for g, t in items[k + 1:])
                    return result
            bar.update(len(triples))
    finally:
        bar.close()
    return result
