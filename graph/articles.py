"""Reading articles: JSON Lines corpora, saved text pages, HTML files, directories.

Every reader turns bytes into `Article` values and reports what it could not read as
`Problem` values naming the file and line; one bad line or file never stops the rest.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

SUFFIXES_JSONL = {".jsonl", ".ndjson"}
SUFFIXES_TEXT = {".txt"}
SUFFIXES_HTML = {".html", ".htm"}
KNOWN_SUFFIXES = SUFFIXES_JSONL | SUFFIXES_TEXT | SUFFIXES_HTML


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    date: str | None = None  # ISO yyyy-mm-dd
    url: str | None = None
    source: str = ""  # file and line it was read from, for messages only


@dataclass(frozen=True)
class Problem:
    source: str  # "path" or "path:line"
    message: str
    severity: str = "error"  # "error": something was not read; "warning": read, but look

    def __str__(self) -> str:
        return f"{self.source}: {self.severity}: {self.message}"


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# ------------------------------------------------------------------ dates

_DE_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(value: object) -> str | None:
    """ISO date from 'yyyy-mm-dd' (or a longer ISO timestamp) or 'dd.mm.yyyy'.

    Raises ValueError for a string that looks like a date but is impossible.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"date must be a string, not {type(value).__name__}")
    s = value.strip()
    m = _DE_DATE.match(s)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return dt.date(year, month, day).isoformat()
    return dt.date.fromisoformat(s[:10]).isoformat()


# ------------------------------------------------------------------ decoding


def decode(data: bytes, source: str, problems: list[Problem]) -> str | None:
    """Text from bytes: UTF-8 (with or without BOM), else cp1252 with a warning.

    Returns None (and records why) for binary data.
    """
    if b"\x00" in data[:8192]:
        problems.append(Problem(source, "binary file (NUL bytes), skipped"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        problems.append(Problem(source, f"not UTF-8 ({err.reason} at byte {err.start}); "
                                        "read as Windows-1252", "warning"))
        return text


# ------------------------------------------------------------------ JSON Lines

_FIELDS = ("id", "title", "text")


def article_from_record(record: object, fallback_id: str, source: str,
                        problems: list[Problem]) -> Article | None:
    """One article from a JSON object; None (with a problem) when it can't be one."""
    if not isinstance(record, dict):
        problems.append(Problem(source, f"expected a JSON object, got {type(record).__name__}"))
        return None
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(Problem(source, "field 'text' is missing, empty or not a string; skipped"))
        return None
    art_id = record.get("id", fallback_id)
    if isinstance(art_id, (int, float)) and not isinstance(art_id, bool):
        art_id = str(art_id)
    if not isinstance(art_id, str) or not art_id.strip():
        problems.append(Problem(source, f"field 'id' is not a usable string; using {fallback_id!r}", "warning"))
        art_id = fallback_id
    title = record.get("title") or ""
    if not isinstance(title, str):
        problems.append(Problem(source, "field 'title' is not a string; ignored", "warning"))
        title = ""
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        problems.append(Problem(source, "field 'url' is not a string; ignored", "warning"))
        url = None
    try:
        date = parse_date(record.get("date"))
    except ValueError as err:
        problems.append(Problem(source, f"field 'date' {record.get('date')!r} is not a date ({err}); ignored",
                                "warning"))
        date = None
    return Article(id=art_id.strip(), title=title.strip(), text=text, date=date,
                   url=(url or None), source=source)


def read_jsonl(text: str, path: str) -> ReadResult:
    out = ReadResult()
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            out.problems.append(Problem(source, f"malformed JSON ({err.msg} at column {err.colno}); line skipped"))
            continue
        art = article_from_record(record, f"{Path(path).stem}-{lineno}", source, out.problems)
        if art:
            out.articles.append(art)
    return out


# ------------------------------------------------------------------ saved text pages
# The shape of a saved kommune21-style page: the first line is the lead article's
# title with its kicker glued on ("HamburgCDO für Bezirksämter"), then its body
# paragraphs; then teasers of further articles, each a "Kicker: Title" line followed
# by "[dd.mm.yyyy] text mehr...". Every teaser is an article of its own.

_TEASER_DATE = re.compile(r"^\[(\d{1,2}\.\d{1,2}\.\d{4})\]\s*(.*)$")
_MORE = re.compile(r"\s*mehr\s*(\.\.\.|…)\s*$")
_GLUED_KICKER = re.compile(r"^(\S*?[a-zäöüß])([A-ZÄÖÜ]\S*)(.*)$")


def split_glued_kicker(line: str) -> str:
    """'HamburgCDO für Bezirksämter' -> 'Hamburg: CDO für Bezirksämter'.

    A page that glues kicker and title leaves a lower-to-upper case step inside the
    first word; a line without one is returned unchanged.
    """
    first, _, rest = line.partition(" ")
    m = _GLUED_KICKER.match(first)
    if not m or "-" in first:
        return line
    return f"{m.group(1)}: {m.group(2)}" + (f" {rest}" if rest else "")


def read_text_page(text: str, path: str) -> ReadResult:
    out = ReadResult()
    lines = text.splitlines()
    stem = Path(path).stem
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines):
        out.problems.append(Problem(path, "empty file"))
        return out
    # Lead article: title line, then body until the first teaser.
    lead_title = split_glued_kicker(lines[i].strip())
    lead_line = i + 1
    body: list[str] = []
    i += 1
    while i < len(lines) and not _is_teaser(lines, i):
        if lines[i].strip():
            body.append(lines[i].strip())
        i += 1
    index = 0
    if body:
        out.articles.append(Article(id=f"{stem}-{index:02d}", title=lead_title, text="\n\n".join(body),
                                    source=f"{path}:{lead_line}"))
        index += 1
    else:
        # A file of plain text without page structure: one article, first line as title.
        pass
    while i < len(lines):
        if not _is_teaser(lines, i):
            if lines[i].strip():
                out.problems.append(Problem(f"{path}:{i + 1}", "line outside any article; skipped", "warning"))
            i += 1
            continue
        title = lines[i].strip()
        title = title[1:].strip() if title.startswith(":") else title  # empty kicker
        m = _TEASER_DATE.match(lines[i + 1].strip())
        assert m  # _is_teaser checked it
        source = f"{path}:{i + 1}"
        try:
            date = parse_date(m.group(1))
        except ValueError as err:
            out.problems.append(Problem(f"{path}:{i + 2}", f"impossible date {m.group(1)} ({err}); ignored",
                                        "warning"))
            date = None
        teaser = _MORE.sub("", m.group(2)).strip()
        if teaser:
            out.articles.append(Article(id=f"{stem}-{index:02d}", title=title, text=teaser, date=date,
                                        source=source))
            index += 1
        i += 2
    if not out.articles:
        if body or lead_title:
            out.articles.append(Article(id=f"{stem}-00", title=lead_title, text="\n\n".join(body) or lead_title,
                                        source=f"{path}:{lead_line}"))
    return out


def _is_teaser(lines: list[str], i: int) -> bool:
    return (i + 1 < len(lines) and ":" in lines[i] and not lines[i].startswith("[")
            and bool(_TEASER_DATE.match(lines[i + 1].strip())))


# ------------------------------------------------------------------ HTML


def read_html(text: str, path: str) -> ReadResult:
    """Main text, title and date of a saved web page, found by trafilatura (offline)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    out = ReadResult()
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        out.problems.append(Problem(path, "no article text found in the HTML"))
        return out
    title = (getattr(doc, "title", None) or "").strip()
    try:
        date = parse_date(getattr(doc, "date", None))
    except ValueError:
        date = None
    url = getattr(doc, "url", None) or None
    out.articles.append(Article(id=Path(path).stem, title=title, text=body.strip(), date=date, url=url,
                                source=path))
    return out


# ------------------------------------------------------------------ files and directories


def iter_files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    """Input files in a stable order: each argument in turn, directories recursively, sorted."""
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES)
            if not found:
                problems.append(Problem(str(p), "directory holds no .jsonl, .txt or .html files", "warning"))
            yield from found
        elif p.exists():
            yield p
        else:
            problems.append(Problem(str(p), "no such file or directory"))


def read_file(path: Path) -> ReadResult:
    out = ReadResult()
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        out.problems.append(Problem(source, f"unknown file type {suffix or '(none)'}; expected "
                                            ".jsonl, .txt, .html or a directory"))
        return out
    try:
        data = path.read_bytes()
    except OSError as err:
        out.problems.append(Problem(source, f"cannot read: {err.strerror or err}"))
        return out
    if not data.strip():
        out.problems.append(Problem(source, "empty file"))
        return out
    text = decode(data, source, out.problems)
    if text is None:
        return out
    reader = (read_jsonl if suffix in SUFFIXES_JSONL else
              read_html if suffix in SUFFIXES_HTML else read_text_page)
    res = reader(text, source)
    out.articles.extend(res.articles)
    out.problems.extend(res.problems)
    return out


def read_inputs(paths: Iterable[Path]) -> ReadResult:
    """All articles of all inputs; duplicate ids with the same content are dropped,
    with other content reported (the first one read is kept)."""
    out = ReadResult()
    seen: dict[str, Article] = {}
    for path in iter_files(paths, out.problems):
        res = read_file(path)
        out.problems.extend(res.problems)
        for art in res.articles:
            prev = seen.get(art.id)
            if prev is None:
                seen[art.id] = art
                out.articles.append(art)
            elif (prev.title, prev.text, prev.date, prev.url) == (art.title, art.text, art.date, art.url):
                out.problems.append(Problem(art.source, f"duplicate of article {art.id!r} "
                                                        f"({prev.source}); skipped", "warning"))
            else:
                out.problems.append(Problem(art.source, f"article id {art.id!r} already used by {prev.source} "
                                                        "with other content; this one skipped"))
    return out
