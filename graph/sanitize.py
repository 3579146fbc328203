"""Untrusted bytes and text made safe to process: decoding with a fallback, mojibake
repair, invalid and control characters, and limits that keep one hostile article from
costing minutes (the tokenizer is quadratic in runs of punctuation, the extractor in
the number of sentences of an article).

Every function returns what it changed as short notes; articles.py turns them into
Problems that name the file and line.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from urllib.parse import urlsplit

MAX_TEXT = 100_000  # characters of an article's text: news articles are 2-30k; 100k takes ~3 s
MAX_TITLE = 500
MAX_TOKEN = 200  # characters without whitespace: longer than any word or sane URL
MAX_URL = 2_000
MAX_ID = 500

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C0 controls except tab and line breaks, DEL, C1 controls: no news text holds them, and
# several triple stores and browsers choke on them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONG_TOKEN = re.compile(r"\S{%d,}" % (MAX_TOKEN + 1))
_URL_ESCAPE = re.compile(r'[ <>"{}|\\^`]')  # written unencoded on many pages; encoded, they are harmless
_URL_FORBIDDEN = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_TEXT_CONTROLS = set(b"\t\n\r\f\b\x1b")
# UTF-8 read as Windows-1252 leaves a lead byte (Â..ô) followed by a continuation byte
# (0x80-0xBF as cp1252 shows it: € ‚ „ … ¤ ¶ ...). Text without such a pair can't be
# mojibake, and ftfy, which costs a millisecond per article, is spared.
_CONTINUATION = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0))
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00f4][%s]" % re.escape(_CONTINUATION))


# ------------------------------------------------------------------ bytes -> text


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KiB: an image, PDF, archive ..."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return controls > len(head) // 10


def has_bom(data: bytes) -> bool:
    """Starts with a UTF-16 or UTF-32 byte order mark (such a file is decoded whole)."""
    return any(data.startswith(bom) for bom, _ in _BOMS)


def fallback_note(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    return f"not UTF-8 on line{'s' if len(lines) > 1 else ''} {shown}; read as Windows-1252"


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, note). UTF-8 (with or without BOM); UTF-16/32 with a BOM; else line by line:
    UTF-8 where it decodes, Windows-1252 (Latin-1 for its five unassigned bytes) where it
    does not, so that a file with a few cp1252 lines keeps its UTF-8 umlauts intact.
    text is None for binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), f"{codec.upper()} text (byte order mark); decoded"
    if looks_binary(data):
        return None, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    lines, fallback = [], []
    for k, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8-sig" if k == 1 else "utf-8"))
        except UnicodeDecodeError:
            lines.append(decode_1252(raw))
            fallback.append(k)
    return "\n".join(lines), fallback_note(fallback)


def decode_1252(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D are unassigned in cp1252
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)


# ------------------------------------------------------------------ text


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """UTF-8 that was once read as Windows-1252 ('BehÃ¶rde', 'â€žZitatâ€œ') back to
    what was written. ftfy only changes text it is confident about."""
    if not _MOJIBAKE_PAIR.search(text):
        return text, None
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return text, None
    example = next(((a, b) for a, b in zip(text.split(), fixed.split()) if a != b), None)
    shown = f": {example[0]!r} -> {example[1]!r}" if example else ""
    return fixed, f"mojibake (UTF-8 read as Windows-1252) repaired{shown}"


def clean_text(text: str, limit: int) -> tuple[str, list[tuple[str, str]]]:
    """(clean text, [(reason, note)]): cut to `limit`, invalid and control characters
    replaced, mojibake repaired, NFC, over-long tokens shortened."""
    notes: list[tuple[str, str]] = []
    if len(text) > limit:
        notes.append(("too long", f"{len(text):,} characters; only the first {limit:,} are read"))
        text = truncate(text, limit)
    if _SURROGATE.search(text):
        notes.append(("invalid characters", "lone surrogates (invalid Unicode) replaced by U+FFFD"))
        text = _SURROGATE.sub("\ufffd", text)
    text, note = repair_mojibake(text)
    if note:
        notes.append(("mojibake repaired", note))
    if _CONTROL.search(text):
        notes.append(("control characters", "control characters replaced by spaces"))
        text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    # str.split is ten times faster than searching the pattern in ordinary text
    if len(text) > MAX_TOKEN and max(map(len, text.split()), default=0) > MAX_TOKEN:
        notes.append(("very long token", f"runs of more than {MAX_TOKEN} characters without a space shortened"))
        text = _LONG_TOKEN.sub(lambda m: m.group()[:MAX_TOKEN] + "\u2026", text)
    return text, notes


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, cut at the last paragraph or sentence end if there is
    one in the last tenth, else at the last space, else hard."""
    head = text[:limit]
    for sep in ("\n", ". ", " "):
        cut = head.rfind(sep)
        if cut > limit * 0.9 or (sep == " " and cut > 0):
            return head[:cut + (1 if sep == ". " else 0)].rstrip()
    return head


def clean_url(url: str) -> str | None:
    """An absolute http(s) URL, with characters that are illegal in an IRI
    percent-encoded ('<', '"', spaces); None for anything else ('javascript:alert(1)',
    relative paths, control characters)."""
    url = _URL_ESCAPE.sub(lambda m: "%{:02X}".format(ord(m.group())), url.strip())
    if not url or len(url) > MAX_URL or _URL_FORBIDDEN.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
