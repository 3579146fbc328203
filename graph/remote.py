"""A remote SPARQL 1.1 endpoint: queries through SPARQLWrapper (HTTP POST, a timeout),
credentials from the environment only.

Credentials are never taken from the command line (where they would end up in shell
history and process lists) and never printed: GOVKG_SPARQL_USER and
GOVKG_SPARQL_PASSWORD give HTTP Basic authentication, GOVKG_SPARQL_TOKEN a bearer
token. Error messages name the endpoint without any user:password part.
"""
from __future__ import annotations

import base64
import json
import os
import socket
import urllib.error
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from .queries import NamedQuery, Table, with_values

ENV_USER, ENV_PASSWORD, ENV_TOKEN = "GOVKG_SPARQL_USER", "GOVKG_SPARQL_PASSWORD", "GOVKG_SPARQL_TOKEN"
DEFAULT_TIMEOUT = 60.0


class RemoteError(Exception):
    """The endpoint could not be reached, refused the request or answered nonsense."""


@dataclass(frozen=True)
class Credentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __repr__(self) -> str:  # never show secrets, not even in a traceback
        return f"Credentials(user={self.user!r}, password={'***' if self.password else None}, " \
               f"token={'***' if self.token else None})"

    def authorization(self) -> str | None:
        """The value of the Authorization header, or None."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None:
            raw = f"{self.user}:{self.password or ''}".encode("utf-8")
            return "Basic " + base64.b64encode(raw).decode("ascii")
        return None

    def secrets(self) -> list[str]:
        return [s for s in (self.password, self.token) if s]


def credentials_from_env(environ=None) -> Credentials:
    env = os.environ if environ is None else environ
    return Credentials(env.get(ENV_USER) or None, env.get(ENV_PASSWORD) or None, env.get(ENV_TOKEN) or None)


def check_endpoint(url: str) -> str:
    """An http(s) URL without credentials in it (those belong in the environment)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"{url!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise RemoteError(f"put credentials in {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN}, "
                          "not in the endpoint URL")
    return url


def redact(text: str, creds: Credentials) -> str:
    for secret in creds.secrets():
        text = text.replace(secret, "***")
    return text


def _display(url: str) -> str:
    p = urlsplit(url)
    host = p.hostname + (f":{p.port}" if p.port else "") if p.hostname else ""
    return urlunsplit((p.scheme, host, p.path, "", ""))


def run_remote(query: NamedQuery, endpoint: str, bindings: dict | None = None,
               timeout: float = DEFAULT_TIMEOUT, creds: Credentials | None = None) -> Table:
    """Run a SELECT query on a SPARQL 1.1 endpoint. Parameters become a VALUES block of
    escaped RDF terms (the protocol has no bindings)."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    check_endpoint(endpoint)
    creds = creds if creds is not None else credentials_from_env()
    text = with_values(query.text, bindings or {})
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setOnlyConneg(True)  # no format=json parameters that some servers reject
    sw.setTimeout(int(max(1, timeout)))
    auth = creds.authorization()
    if auth:
        sw.addCustomHttpHeader("Authorization", auth)
    sw.setQuery(text)
    where = _display(endpoint)
    try:
        response = sw.query()
        data = json.loads(response.response.read().decode("utf-8"))
    except urllib.error.HTTPError as err:
        raise RemoteError(redact(f"{where}: HTTP {err.code} {err.reason}", creds)) from None
    except SPARQLWrapperException as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise RemoteError(redact(f"{where}: {first}", creds)) from None
    except (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise RemoteError(redact(f"{where}: cannot reach the endpoint: {reason}", creds)) from None
    except (ValueError, UnicodeDecodeError) as err:
        raise RemoteError(f"{where}: the answer is not SPARQL JSON results: {err}") from None
    return table_from_json(data, where)


def table_from_json(data: dict, where: str = "endpoint") -> Table:
    """SPARQL 1.1 Query Results JSON -> Table of rdflib terms."""
    from rdflib import BNode, Literal, URIRef

    try:
        cols = list(data["head"]["vars"])
        rows = []
        for b in data["results"]["bindings"]:
            row = []
            for col in cols:
                cell = b.get(col)
                if cell is None:
                    row.append(None)
                elif cell["type"] == "uri":
                    row.append(URIRef(cell["value"]))
                elif cell["type"] == "bnode":
                    row.append(BNode(cell["value"]))
                else:  # "literal", and "typed-literal" of old servers
                    row.append(Literal(cell["value"], lang=cell.get("xml:lang"),
                                       datatype=None if cell.get("xml:lang") else cell.get("datatype")))
            rows.append(row)
    except (KeyError, TypeError) as err:
        raise RemoteError(f"{where}: the answer is not SPARQL JSON results of a SELECT query ({err})") from None
    return Table(cols, rows)
