"""What could not be read, or was read with a repair: a Problem names where (file, or
file:line), what happened, and how bad it is. One bad line or file never stops the rest;
the build sums the problems up by reason."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# "error": something was not read (a file, a line, an article), the rest was;
# "warning": read, but repaired or partly ignored (look at it);
# "info": nothing wrong, said for completeness (files of other types in a directory).
SEVERITIES = ("error", "warning", "info")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Problem:
    source: str  # "path" or "path:line"
    message: str
    severity: str = "error"
    reason: str = ""  # short category for the summary: "malformed JSON", "empty file" ...
    skipped: str = ""  # what was not read: "file", "line", "article", or "" (nothing)

    def __str__(self) -> str:
        return printable(f"{self.source}: {self.severity}: {self.message}")


def printable(text: str) -> str:
    """Messages quote untrusted names (paths, ids): control characters and bidi overrides
    are shown escaped, so that a message can't rewrite the user's terminal."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def summarize(problems: list[Problem]) -> list[str]:
    """Summary lines: what was skipped and why, what was repaired or ignored and why.

    skipped    2 file(s), 3 line(s): malformed JSON 2 lines; empty file 1 file; ...
    warnings   4: not UTF-8 1; mojibake repaired 2; impossible date 1
    """
    lines = []
    skipped = [p for p in problems if p.skipped]
    if skipped:
        units = Counter(p.skipped for p in skipped)
        total = ", ".join(f"{n} {unit}(s)" for unit, n in sorted(units.items()))
        why = Counter((p.reason or p.message, p.skipped) for p in skipped)
        lines.append(f"skipped    {total}: " + "; ".join(f"{reason} {n} {unit}{'s' if n > 1 else ''}"
                                                      for (reason, unit), n in sorted(why.items())))
    warned = Counter(p.reason or p.message for p in problems if not p.skipped and p.severity == "warning")
    if warned:
        lines.append(f"warnings   {sum(warned.values())}: "
                     + "; ".join(f"{reason} {n}" for reason, n in sorted(warned.items())))
    noted = [p for p in problems if p.severity == "info"]
    if noted:
        lines.append("notes      " + "; ".join(printable(f"{p.source}: {p.message}") for p in noted))
    if not lines:
        lines.append("problems   none")
    return lines
