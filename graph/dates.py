"""Dates written in German news: '1. Juni 2022', '09.03.2021', 'Anfang September 2021'."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, m in enumerate(
    ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
     "Dezember"), start=1)}
_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
_DAY = re.compile(r"^(\d{1,2})\.$")
_YEAR = re.compile(r"^(19|20)\d\d$")


def find_date(tokens: tuple[str, ...] | list[str]) -> str | None:
    """The first full or month-precise date among the tokens, as ISO 'yyyy-mm-dd' or
    'yyyy-mm'; None when the sentence names none (a year alone is too vague for a start)."""
    for i, tok in enumerate(tokens):
        m = _NUMERIC.match(tok)
        if m:
            iso = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if iso:
                return iso
        if tok in MONTHS and i + 1 < len(tokens) and _YEAR.match(tokens[i + 1]):
            year, month = int(tokens[i + 1]), MONTHS[tok]
            d = _DAY.match(tokens[i - 1]) if i > 0 else None
            if d:
                iso = _iso(year, month, int(d.group(1)))
                if iso:
                    return iso
            return f"{year:04d}-{month:02d}"
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
