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

Queries read the default graph. After the graphs are in, the default graph is rebuilt
as the union of all named graphs on the server, each triple once (queries/
union-default.ru, a SPARQL 1.1 Update): Oxigraph's own union default graph is a bag,
in which joins over triples repeated across articles multiply. Servers whose default
graph already is the union as a set (Fuseki with unionDefaultGraph, GraphDB) do not
need it (union_default=False). A file with a default graph of its own (Turtle,
N-Triples) is loaded into the default graph, and the union is then not rebuilt.
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
    union: str = "not rebuilt"  # "rebuilt", "not rebuilt", or why it failed

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_tried and not self.union.startswith("failed")

    def summary(self) -> str:
        triples = sum(n for _, n in self.loaded)
        line = f"loaded {len(self.loaded)} graphs ({triples} triples), failed {len(self.failed)}"
        if self.not_tried:
            line += f", not tried {len(self.not_tried)}"
        return line + f"; default graph (union of all graphs) {self.union}"

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
    parts, path, segments = _endpoint_path(endpoint, "--store-url")
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


def _endpoint_path(endpoint: str | None, option: str):
    """The checked query endpoint split for deriving another URL from it: (parts, path
    without a trailing slash, path segments)."""
    if not endpoint:
        raise RemoteError(f"give --endpoint URL (the query endpoint) or {option} URL")
    check_endpoint(endpoint)
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    return parts, path, [s for s in path.split("/") if s]


def update_url(endpoint: str | None, update: str | None = None) -> str:
    """The SPARQL Update URL: --update-url when given, else derived from the query
    endpoint: Oxigraph /query -> /update, Fuseki /DATASET/sparql|query -> /DATASET/update,
    Virtuoso /sparql -> /sparql, GraphDB /repositories/REPO -> .../statements."""
    if update:
        return check_endpoint(update)
    parts, path, segments = _endpoint_path(endpoint, "--update-url")
    if segments in (["query"], ["store"]):
        new = "/update"
    elif segments == ["sparql"]:
        new = "/sparql"
    elif len(segments) == 2 and segments[0] == "repositories":
        new = path + "/statements"
    elif len(segments) >= 2 and segments[-1] in ("sparql", "query", "data", "update"):
        new = "/".join([""] + segments[:-1] + ["update"])
    else:
        raise RemoteError(f"cannot derive the SPARQL Update URL from {_display(endpoint)}; give --update-url")
    return urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def union_update() -> str:
    from .queries import queries_dir

    return (queries_dir() / "union-default.ru").read_text(encoding="utf-8")


def graph_url(store: str, graph: str | None) -> str:
    sep = "&" if "?" in store else "?"
    return f"{store}{sep}default" if graph is None else f"{store}{sep}graph={quote(graph, safe='')}"


class _Retryable(Exception):
    pass


def _send(url: str, body: bytes, timeout: float, creds: Credentials, method: str = "PUT",
          content_type: str = CONTENT_TYPE) -> None:
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
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


def _with_retries(send: Callable[[], None], retries: int, backoff: float, sleep) -> None:
    """Call send(); on a _Retryable error wait backoff, 2*backoff, ... and try again."""
    for attempt in range(retries + 1):
        try:
            return send()
        except _Retryable as err:
            if attempt == retries:
                raise _Retryable(f"{err} (after {retries + 1} attempts)") from None
            sleep(backoff * 2 ** attempt)


def push(path: Path, endpoint: str | None = None, store: str | None = None, *, update: str | None = None,
         union_default: bool = True, creds: Credentials | None = None,
         retries: int = 3, backoff: float = 0.5, timeout: float = 60.0,
         progress: bool = False, sleep: Callable[[float], None] = time.sleep) -> PushResult:
    """PUT every graph of `path` to the Graph Store at `store` (or derived from `endpoint`),
    then rebuild the default graph as the union of all graphs (unless union_default=False)."""
    from tqdm import tqdm

    creds = creds or Credentials()
    target = store_url(endpoint, store)
    update_target = update_url(endpoint, update) if union_default else None
    graphs = graphs_of(path)
    result = PushResult()
    items = list(graphs.items())
    bar = tqdm(total=sum(len(t) for _, t in items), unit="triple", unit_scale=True, desc="push",
               disable=not progress, leave=False)
    try:
        for k, (graph, triples) in enumerate(items):
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            url = graph_url(target, graph)
            try:
                _with_retries(lambda: _send(url, body, timeout, creds), retries, backoff, sleep)
                result.loaded.append((graph, len(triples)))
            except RemoteError as err:  # 4xx: this graph only
                result.failed.append((graph, len(triples), redact(str(err), creds)))
            except _Retryable as err:  # the server is down or failing: stop here
                result.failed.append((graph, len(triples), redact(str(err), creds)))
                result.not_tried.extend((g, len(t)) for g, t in items[k + 1:])
                return result
            bar.update(len(triples))
    finally:
        bar.close()
    if DEFAULT_GRAPH in graphs:
        # The file fills the default graph itself (Turtle, N-Triples): rebuilding it as
        # the union of the named graphs would throw that away.
        result.union = "not rebuilt (the file has a default graph of its own)"
    elif update_target and result.loaded:
        body = ("update=" + quote(union_update(), safe="")).encode("ascii")
        try:
            _with_retries(lambda: _send(update_target, body, max(timeout, 300.0), creds, "POST",
                                        "application/x-www-form-urlencoded"), retries, backoff, sleep)
            result.union = "rebuilt"
        except (RemoteError, _Retryable) as err:
            result.union = "failed: " + redact(str(err), creds)
    return result
