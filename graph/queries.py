"""The query library: one question per .rq file in queries/, with a header.

Header lines start with '#+ key: value' (summary, question, parameters, columns).
Parameters are bound as RDF terms through the engine's own substitution, never
pasted into the query text.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")


def queries_dir() -> Path:
    here = Path(__file__).resolve().parent.parent / "queries"
    if here.is_dir():
        return here
    return Path(str(resources.files("queries")))


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    header: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return self.header.get("summary", "")


def parse_header(text: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m:
            header[m.group(1).lower()] = m.group(2).strip()
        elif line.strip() and not line.startswith("#"):
            break
    return header


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
    """SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax."""
    if term is None:
        return ""
    return term.n3() if hasattr(term, "n3") else str(term)


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
                elif term.datatype:
                    v["datatype"] = str(term.datatype)
                b[col] = v
            else:
                b[col] = {"type": "literal", "value": str(term)}
        bindings.append(b)
    return {"head": {"vars": table.columns}, "results": {"bindings": bindings}}
