"""Reading articles: JSON Lines corpora, saved text pages, HTML files, directories.

Every reader turns bytes into `Article` values and reports what it could not read as
`Problem` values naming the file and line; one bad line or file never stops the rest.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from . import sanitize
from .iri import article_key
from .problems import Problem

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


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0  # files that gave at least one article
    files_skipped: int = 0  # files that gave none


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


# ------------------------------------------------------------------ JSON Lines


def article_from_record(record: object, fallback_id: str, source: str,
                        problems: list[Problem]) -> Article | None:
    """One article from a JSON object; None (with a problem) when it can't be one."""
    def warn(message: str, reason: str) -> None:
        problems.append(Problem(source, message, "warning", reason))

    if not isinstance(record, dict):
        problems.append(Problem(source, f"expected a JSON object, got {type(record).__name__}; line skipped",
                                reason="not a JSON object", skipped="line"))
        return None
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else "empty" if isinstance(text, str) else f"a {type(text).__name__}"
        problems.append(Problem(source, f"field 'text' is {what}, not a text; line skipped",
                                reason="no text", skipped="line"))
        return None
    art_id = record.get("id", fallback_id)
    if isinstance(art_id, (int, float)) and not isinstance(art_id, bool):
        art_id = str(art_id)
    if not isinstance(art_id, str) or not art_id.strip() or len(art_id) > sanitize.MAX_ID:
        warn(f"field 'id' is not a usable string (of at most {sanitize.MAX_ID} characters); "
             f"using {fallback_id!r}", "bad field")
        art_id = fallback_id
    title = record.get("title") or ""
    if not isinstance(title, str):
        warn(f"field 'title' is a {type(title).__name__}, not a string; ignored", "bad field")
        title = ""
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        warn(f"field 'url' is a {type(url).__name__}, not a string; ignored", "bad field")
        url = None
    try:
        date = parse_date(record.get("date"))
    except ValueError as err:
        warn(f"field 'date' {record.get('date')!r} is not a date ({err}); ignored", "impossible date")
        date = None
    return Article(id=art_id.strip(), title=title.strip(), text=text, date=date,
                   url=(url or None), source=source)


def read_jsonl(text: str, path: str) -> ReadResult:
    """One article per line. Lines are split at LF only: JSON strings may hold U+2028
    and other characters that str.splitlines() would break at."""
    out = ReadResult()
    out.articles.extend(jsonl_articles(enumerate(text.split("\n"), start=1), path, out.problems))
    return out


def jsonl_articles(lines: Iterable[tuple[int, str]], path: str, problems: list[Problem]) -> Iterator[Article]:
    """Articles from numbered JSON Lines; a bad line is a problem, never the end."""
    for lineno, line in lines:
        line = line.rstrip("\r")
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            record = json.loads(line, strict=False)  # strict=False: raw tabs in strings are fine
        except json.JSONDecodeError as err:
            problems.append(Problem(source, f"malformed JSON ({err.msg} at column {err.colno}); line skipped",
                                    reason="malformed JSON", skipped="line"))
            continue
        except RecursionError:
            problems.append(Problem(source, "JSON nested too deeply; line skipped",
                                    reason="malformed JSON", skipped="line"))
            continue
        art = article_from_record(record, f"{Path(path).stem}-{lineno}", source, problems)
        if art:
            yield art


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
    lines = [line.rstrip("\r") for line in text.split("\n")]  # line numbers as editors count them
    stem = Path(path).stem
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines):
        out.problems.append(Problem(path, "empty file", reason="empty file", skipped="file"))
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
                out.problems.append(Problem(f"{path}:{i + 1}", "line outside any article; skipped", "warning",
                                            "line outside any article"))
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
                                        "warning", "impossible date"))
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
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as err:  # lxml and trafilatura raise many kinds on broken markup
        out.problems.append(Problem(path, f"cannot parse the HTML ({type(err).__name__}: {err})",
                                    reason="broken HTML", skipped="file"))
        return out
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        out.problems.append(Problem(path, "no article text found in the HTML", reason="no text in HTML",
                                    skipped="file"))
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
    """Input files in a stable order: each argument in turn, directories recursively
    (symlinked directories are not followed: no loops), sorted."""
    for p in paths:
        if p.is_dir():
            yield from _dir_files(p, problems)
        elif p.is_file():
            yield p
        elif p.exists():
            problems.append(Problem(str(p), "not a regular file (a pipe, socket or device); skipped",
                                    reason="not a regular file", skipped="file"))
        else:
            problems.append(Problem(str(p), "no such file or directory", reason="no such file", skipped="file"))


def _dir_files(root: Path, problems: list[Problem]) -> list[Path]:
    found, other = [], []

    def unreadable(err: OSError) -> None:
        problems.append(Problem(str(err.filename or root), f"cannot read directory: {err.strerror or err}",
                                reason="unreadable", skipped="file"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames.sort()
        for name in filenames:
            f = Path(dirpath) / name
            if f.suffix.lower() not in KNOWN_SUFFIXES:
                other.append(f)
            elif f.is_file():
                found.append(f)
            else:
                problems.append(Problem(str(f), "a broken link, pipe, socket or device; skipped",
                                        reason="not a regular file", skipped="file"))
    if not found:
        problems.append(Problem(str(root), "directory holds no .jsonl, .txt or .html files", "warning",
                                "empty directory"))
    if other:
        names = ", ".join(sorted(f.name for f in other)[:3]) + (" ..." if len(other) > 3 else "")
        problems.append(Problem(str(root), f"{len(other)} file(s) of other types not read ({names})", "info",
                                "other file types"))
    return sorted(found)


def _file_problem(source: str, message: str, reason: str) -> Problem:
    return Problem(source, message, reason=reason, skipped="file")


MAX_LINE = 64 * 1024 * 1024  # bytes of one JSON line: a 100,000-character article takes < 1 MB


def read_file(path: Path) -> ReadResult:
    out = ReadResult()
    out.articles.extend(iter_file(path, out.problems))
    return out


def iter_file(path: Path, problems: list[Problem]) -> Iterator[Article]:
    """The clean articles of one file, one at a time: a JSON Lines file is read line by
    line, so a corpus of any size takes the memory of one line."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        problems.append(_file_problem(source, f"unknown file type {suffix or '(none)'}; expected "
                                              ".jsonl, .txt, .html or a directory", "unknown file type"))
        return
    try:
        f = path.open("rb")
    except OSError as err:
        problems.append(_file_problem(source, f"cannot read: {err.strerror or err}", "unreadable"))
        return
    with f:
        try:
            head = f.read(8192)
            streamed = suffix in SUFFIXES_JSONL and not sanitize.has_bom(head)
            data = b"" if streamed else head + f.read()
        except OSError as err:
            problems.append(_file_problem(source, f"cannot read: {err.strerror or err}", "unreadable"))
            return
        if streamed:
            if sanitize.looks_binary(head):
                problems.append(_binary(source))
                return
            f.seek(0)
            lines = _decoded_lines(f, source, problems)
            articles = jsonl_articles(lines, source, problems)
        else:
            articles = _whole_file_articles(data, path, problems)
        found = False
        for art in articles:
            found = True
            art = clean_article(art, problems)
            if art is not None:
                yield art
        if streamed and not found and not problems_of(problems, source):
            problems.append(_file_problem(source, "empty file", "empty file"))


def problems_of(problems: list[Problem], source: str) -> bool:
    """Has anything been reported about this file or one of its lines?"""
    return any(p.source == source or p.source.startswith(source + ":") for p in problems)


def _binary(source: str) -> Problem:
    return _file_problem(source, "binary file (NUL or control bytes), not text; skipped", "binary file")


def _decoded_lines(f, source: str, problems: list[Problem]) -> Iterator[tuple[int, str]]:
    """Numbered lines of a UTF-8 file; a line that is not UTF-8 is read as Windows-1252
    and named in one warning at the end; an absurdly long line is skipped."""
    fallback: list[int] = []
    lineno = 0
    while raw := f.readline(MAX_LINE + 1):
        lineno += 1
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            while (rest := f.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                pass
            problems.append(Problem(f"{source}:{lineno}", f"line longer than {MAX_LINE // 2**20} MB; skipped",
                                    reason="line too long", skipped="line"))
            continue
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError:
            line = sanitize.decode_1252(raw)
            fallback.append(lineno)
        yield lineno, line
    if fallback:
        problems.append(Problem(source, sanitize.fallback_note(fallback), "warning", "not UTF-8"))


def _whole_file_articles(data: bytes, path: Path, problems: list[Problem]) -> Iterator[Article]:
    """Articles of a file read at once: a page, an HTML file, a UTF-16 JSON Lines file."""
    source = str(path)
    if not data.strip():
        problems.append(_file_problem(source, "empty file", "empty file"))
        return
    text, note = sanitize.decode(data)
    if text is None:
        problems.append(_binary(source))
        return
    if note:
        problems.append(Problem(source, note, "warning", "not UTF-8" if "not UTF-8" in note else "encoding"))
    suffix = path.suffix.lower()
    reader = (read_jsonl if suffix in SUFFIXES_JSONL else
              read_html if suffix in SUFFIXES_HTML else read_text_page)
    res = reader(text, source)
    problems.extend(res.problems)
    yield from res.articles


def clean_article(art: Article, problems: list[Problem]) -> Article | None:
    """Title, text and URL made safe (see sanitize.py); every repair is a warning that
    names the article's file and line. None when no text is left."""
    changes = {}
    for name, limit in (("title", sanitize.MAX_TITLE), ("text", sanitize.MAX_TEXT)):
        value, notes = sanitize.clean_text(getattr(art, name), limit)
        for reason, note in notes:
            problems.append(Problem(art.source, f"{name}: {note}", "warning", reason))
        if value != getattr(art, name):
            changes[name] = value
    if art.url is not None:
        url = sanitize.clean_url(art.url)
        if url is None:
            problems.append(Problem(art.source, f"url {art.url[:80]!r} is not an absolute http(s) URL; ignored",
                                    "warning", "bad URL"))
        if url != art.url:
            changes["url"] = url
    if not changes.get("text", art.text).strip():
        problems.append(Problem(art.source, "no text left after removing control characters; skipped",
                                reason="no text", skipped="article"))
        return None
    return replace(art, **changes) if changes else art


def read_inputs(paths: Iterable[Path]) -> ReadResult:
    """All articles of all inputs, in a list (see iter_inputs)."""
    out = ReadResult()
    out.articles.extend(iter_inputs(paths, out))
    return out


def iter_inputs(paths: Iterable[Path], out: ReadResult) -> Iterator[Article]:
    """The articles of all inputs, one at a time; problems and file counts go to `out`.
    Two ids that give the same article IRI ("a b" and "A-B" both become article/a-b) are
    the same article: with the same content the later one is dropped, with other content
    it is reported (the first one read is kept)."""
    seen: dict[str, _Seen] = {}
    for path in iter_files(paths, out.problems):
        found = 0
        for art in iter_file(path, out.problems):
            found += 1
            if _first_of_its_key(art, seen, out.problems):
                yield art
        if found:
            out.files_read += 1
        else:
            out.files_skipped += 1


@dataclass(frozen=True)
class _Seen:
    """What duplicate detection keeps of an article: not its text, a digest of it."""
    id: str
    source: str
    digest: bytes


def _digest(art: Article) -> bytes:
    import hashlib

    return hashlib.blake2b("\x1f".join((art.title, art.text, art.date or "", art.url or "")).encode(),
                           digest_size=16).digest()


def _first_of_its_key(art: Article, seen: dict[str, _Seen], problems: list[Problem]) -> bool:
    key = article_key(art.id)
    prev = seen.get(key)
    if prev is None:
        seen[key] = _Seen(art.id, art.source, _digest(art))
        return True
    same_id = "" if prev.id == art.id else f" (id {prev.id!r} gives the same IRI)"
    if prev.digest == _digest(art):
        problems.append(Problem(art.source, f"duplicate of article {art.id!r} ({prev.source}){same_id}; skipped",
                                "warning", "duplicate id, same content", "article"))
    else:
        problems.append(Problem(art.source, f"article id {art.id!r} already used by {prev.source}{same_id} "
                                            "with other content; this one skipped",
                                reason="duplicate id, other content", skipped="article"))
    return False
