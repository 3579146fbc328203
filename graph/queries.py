"""The query library: one question per .rq file in queries/, with a header.

Header lines start with '#+ key: value' (summary, question, parameters, columns).
The parameters line declares each parameter with its kind, e.g.
'#+ parameters: ?name (label, required) a person's name; ?from (date, optional) ...'.
Kinds: literal (a string), label (a string bound as a German label "..."@de, so that it
can stand in a triple pattern and an index finds it), iri, integer, date (YYYY[-MM[-DD]],
bound as a string).

Parameters are bound as RDF terms, never pasted into the query text: locally through
the engine's own substitution (rdflib initBindings, which oxrdflib hands to Oxigraph
as substitutions); for a remote endpoint, which the SPARQL 1.1 Protocol gives no way
to bind, as a VALUES block built from escaped terms (see with_values). Oxigraph only
substitutes projected variables, so library queries echo their parameters as columns,
and they use a parameter only in the outermost group (not inside a subquery or a
nested group), where all three bindings mean the same. Optional parameters are tested
with COALESCE(test, true), which is true when the parameter is unbound; BOUND() is
not used, because Oxigraph reports a substituted variable as unbound there.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .datadirs import queries_dir

_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"^\?(\w+)\s*\(([^)]*)\)\s*(.*)$", re.S)
PARAM_KINDS = ("literal", "label", "iri", "integer", "date")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ParameterError(ValueError):
    """A parameter that is unknown, missing, or not of its declared kind."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str        # literal | iri | integer | date
    required: bool
    doc: str

    def describe(self) -> str:
        need = "required" if self.required else "optional"
        return f"?{self.name} ({self.kind}, {need}) {self.doc}".rstrip()


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    header: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return self.header.get("summary", "")

    @property
    def parameters(self) -> list[Parameter] | None:
        """The declared parameters; None when the header does not say (an ad-hoc file)."""
        return parse_parameters(self.header["parameters"]) if "parameters" in self.header else None


def parse_header(text: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m:
            header[m.group(1).lower()] = m.group(2).strip()
        elif line.strip() and not line.startswith("#"):
            break
    return header


def parse_parameters(value: str) -> list[Parameter]:
    """'?name (literal, required) doc; ?from (date, optional) doc' -> Parameters; 'none' -> []."""
    value = value.strip()
    if value.lower() in ("", "none"):
        return []
    out = []
    for item in value.split(";"):
        m = _PARAM.match(item.strip())
        if not m:
            raise ValueError(f"bad parameter declaration {item.strip()!r}; expected '?name (kind, required|optional) text'")
        opts = [o.strip().lower() for o in m.group(2).split(",")]
        kind = opts[0]
        if kind not in PARAM_KINDS:
            raise ValueError(f"parameter ?{m.group(1)}: unknown kind {kind!r}; expected one of {', '.join(PARAM_KINDS)}")
        out.append(Parameter(m.group(1), kind, "required" in opts[1:], m.group(3).strip()))
    return out


def _term(kind: str, name: str, value: str):
    from rdflib import Literal, URIRef

    if kind == "iri":
        if not _IRI.match(value):
            raise ParameterError(f"?{name}: {value!r} is not an IRI")
        return URIRef(value)
    if kind == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise ParameterError(f"?{name}: {value!r} is not an integer") from None
    if kind == "label":
        return Literal(value, lang="de")
    if kind == "date":
        if not _DATE.match(value):
            raise ParameterError(f"?{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return Literal(value)
    return Literal(value)


def bind(query: NamedQuery, params: dict[str, str]) -> dict:
    """Turn NAME -> VALUE strings into RDF terms of the kinds the query declares.
    Unknown names and missing required parameters are errors. A file without a
    parameters line takes any name: an IRI for http(s):// values, else a string."""
    declared = query.parameters
    out = {}
    if declared is None:
        for name, value in params.items():
            out[name] = _term("iri" if value.startswith(("http://", "https://")) else "literal", name, value)
        return out
    by_name = {p.name: p for p in declared}
    for name, value in params.items():
        if name not in by_name:
            known = ", ".join("?" + p.name for p in declared) or "none"
            raise ParameterError(f"{query.name} has no parameter ?{name} (parameters: {known})")
        out[name] = _term(by_name[name].kind, name, value)
    missing = [p.name for p in declared if p.required and p.name not in out]
    if missing:
        raise ParameterError(f"{query.name} needs " + ", ".join(f"--param {m}=..." for m in missing))
    return out


# ------------------------------------------------------------------ safe terms in query text


def sparql_term(term) -> str:
    """An RDF term in SPARQL syntax, escaped so that no value can end the term early:
    strings in one line with \\, \" and control characters escaped; IRIs checked for
    the characters an IRIREF may not hold. Raises ParameterError for anything else."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        if not _IRI.match(str(term)):
            raise ParameterError(f"{str(term)!r} is not an IRI")
        return term.n3()
    if isinstance(term, Literal):
        text = str(term)
        escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                   .replace("\r", "\\r").replace("\t", "\\t").replace("\b", "\\b").replace("\f", "\\f"))
        out = f'"{escaped}"'
        if term.language:
            if not _LANG.match(term.language):
                raise ParameterError(f"{term.language!r} is not a language tag")
            return f"{out}@{term.language}"
        if term.datatype and str(term.datatype) != XSD_STRING:
            return f"{out}^^{sparql_term(URIRef(term.datatype))}"
        return out
    raise ParameterError(f"cannot bind {term!r}: only IRIs and literals")


def values_clause(bindings: dict) -> str:
    """VALUES (?a ?b) { (term term) } from RDF terms (see sparql_term)."""
    names = sorted(bindings)
    for name in names:
        if not name.isidentifier():
            raise ParameterError(f"{name!r} is not a variable name")
    row = " ".join(sparql_term(bindings[n]) for n in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}"


def _outer_group_start(text: str) -> int:
    """Index just after the '{' that opens the WHERE group of a SELECT query, skipping
    comments, IRIs and strings (which may hold braces)."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c == "<":
            m = re.match(r"<[^\x00-\x20<>\"{}|^`\\]*>", text[i:])
            if m:
                i += m.end()
                continue
        if c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and text[j:j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "{":
            return i + 1
        i += 1
    raise ParameterError("cannot bind parameters: the query has no WHERE group")


def with_values(text: str, bindings: dict) -> str:
    """The query with a VALUES block of the bindings at the top of its WHERE group: how
    a remote endpoint gets parameters. Values are escaped RDF terms, never raw text."""
    if not bindings:
        return text
    form = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _strip_comments(text), re.I)
    if not form or form.group(1).upper() != "SELECT":
        raise ParameterError("parameters can only be bound in SELECT queries")
    at = _outer_group_start(text)
    return f"{text[:at]}\n  {values_clause(bindings)}\n{text[at:]}"


def _strip_comments(text: str) -> str:
    """The text without comment lines and IRIs (which may hold the keywords)."""
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return re.sub(r"<[^\x00-\x20<>\"{}|^`\\]*>", "<>", text)


def library(directory: Path | None = None) -> dict[str, NamedQuery]:
    directory = directory or queries_dir()
    out = {}
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = NamedQuery(path.stem, path, text, parse_header(text))
    return out


def find(name_or_file: str) -> NamedQuery:
    """A library query by name ('posts') or any .rq file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.exists():
        text = path.read_text(encoding="utf-8")
        return NamedQuery(path.stem, path, text, parse_header(text))
    lib = library()
    if name_or_file in lib:
        return lib[name_or_file]
    close = [n for n in lib if name_or_file.lower() in n.lower()]
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(lib)}"
    raise LookupError(f"no query named {name_or_file!r}{hint}")


# ------------------------------------------------------------------ results


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]]  # rdflib terms or None


def run_local(query: NamedQuery, dataset, bindings: dict | None = None) -> Table:
    """Run on an rdflib Dataset (rdflib on the Oxigraph store, or rdflib's memory store)."""
    res = dataset.query(query.text, initBindings=bindings or {})
    cols = [str(v) for v in res.vars]
    rows = [[row[i] for i in range(len(cols))] for row in res]
    return Table(cols, rows)


def _cell(term) -> str:
    return "" if term is None else str(term)


def format_table(table: Table, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(_sparql_json(table), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        if fmt == "tsv":
            lines = ["\t".join("?" + c for c in table.columns)]
            lines += ["\t".join(_tsv_term(t) for t in row) for row in table.rows]
            return "\n".join(lines) + "\n"
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(table.columns)
        for row in table.rows:
            w.writerow([_cell(t) for t in row])
        return buf.getvalue()
    widths = [len(c) for c in table.columns]
    cells = [[_cell(t) for t in row] for row in table.rows]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    widths = [min(w, 60) for w in widths]
    line = "  ".join(c.ljust(w) for c, w in zip(table.columns, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c[:w].ljust(w) for c, w in zip(row, widths)) for row in cells]
    out.append(f"({len(cells)} rows)")
    return "\n".join(out) + "\n"


def _tsv_term(term) -> str:
    """SPARQL 1.1 TSV: terms in Turtle syntax, on one line (tabs and newlines escaped)."""
    from rdflib import BNode

    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    try:
        return sparql_term(term)
    except ParameterError:  # an IRI with characters Turtle does not allow: keep it visible
        return f"<{term}>"


def _sparql_json(table: Table) -> dict:
    """SPARQL 1.1 Query Results JSON."""
    from rdflib import BNode, Literal, URIRef

    bindings = []
    for row in table.rows:
        b = {}
        for col, term in zip(table.columns, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                b[col] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                b[col] = {"type": "bnode", "value": str(term)}
            elif isinstance(term, Literal):
                v = {"type": "literal", "value": str(term)}
                if term.language:
                    v["xml:lang"] = term.language
                elif term.datatype and str(term.datatype) != XSD_STRING:
                    v["datatype"] = str(term.datatype)
                b[col] = v
            else:
                b[col] = {"type": "literal", "value": str(term)}
        bindings.append(b)
    return {"head": {"vars": table.columns}, "results": {"bindings": bindings}}
