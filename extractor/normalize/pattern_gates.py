"""Fast searches of case-insensitive patterns: lowercased ASCII text, searched case-sensitively.

Python's ``re`` searches a pattern compiled with ``re.IGNORECASE`` much slower than the same pattern
without it. On ASCII text (``str.lower`` folds only A-Z there, keeping every offset) a lowercased pattern,
searched case-sensitively over the lowercased text, matches exactly where the case-insensitive pattern
matches the text. :class:`FoldedPattern` does that where it can, and falls back to ``re.IGNORECASE``.

Used as gates: one alternation of several patterns, searched once, proves that none of them matches a
text, so the exact (slower) searches run only on the few texts it lets through.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Letter escapes kept as they are: classes and anchors (\s \S \d \D \w \W \b \B \A \Z), which mean the same
#: whatever the case, and control characters. Hex, octal, named and back-reference escapes may stand for
#: capitals or groups: a pattern with one is not lowercased.
_SAFE_ESCAPES = frozenset("sSdDwWbBAZntrfv")


def lowercase_pattern(pattern: str) -> str | None:
    """``pattern`` with its capital literals lowercased, for case-sensitive search of lowercased ASCII text;
    None when a capital is not a plain literal (``[A-Z]``, ``\\x41``, ``(?-i:...)``) or it is not ASCII.

    >>> lowercase_pattern(r"CAR[\\s-]?T[\\s-]+cells?")
    'car[\\\\s-]?t[\\\\s-]+cells?'
    """
    if not pattern.isascii():
        return None
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt.isalnum() and nxt not in _SAFE_ESCAPES:
                return None
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch.isupper():
                return None  # a range such as [A-z] would change its meaning
            in_class = ch != "]"
        elif ch == "[":
            # A "]" (after an optional "^") right after "[" is a literal, not the end of the class.
            j = i + 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            out.append(pattern[i:j])
            i, in_class = j, True
            continue
        elif ch == "(" and pattern.startswith("(?", i):
            if pattern.startswith(("(?P<", "(?P="), i):
                out.append(pattern[i : i + 4])
                i += 4
                continue
            flag = pattern[i + 2 : i + 3]
            if flag.isalpha() or flag in ("-", "("):
                return None  # inline flags or a conditional group
        out.append(ch.lower())
        i += 1
    return "".join(out)


class FoldedPattern:
    """A case-insensitive pattern, searched in the lowercased text where that is exact (see the module)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.ignorecase = re.compile(pattern, re.IGNORECASE)
        lowered = lowercase_pattern(pattern)
        self.lowered = re.compile(lowered) if lowered is not None else None

    def _target(self, text: str, lowered: str | None) -> tuple[re.Pattern[str], str]:
        if lowered is not None and self.lowered is not None:
            return self.lowered, lowered
        return self.ignorecase, text

    def first(self, text: str, lowered: str | None = None) -> int | None:
        """Where the first match starts, or None; ``lowered`` is ``fold(text)`` (optional)."""
        pattern, target = self._target(text, lowered)
        m = pattern.search(target)
        return m.start() if m else None

    def span(self, text: str, lowered: str | None = None) -> tuple[int, int] | None:
        """(start, end) of the first match, or None."""
        pattern, target = self._target(text, lowered)
        m = pattern.search(target)
        return m.span() if m else None

    def spans(self, text: str, lowered: str | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of the matches, as ``re.finditer`` finds them in ``text``."""
        pattern, target = self._target(text, lowered)
        return (m.span() for m in pattern.finditer(target))


def fold(text: str) -> str | None:
    """The lowercased text to pass to :class:`FoldedPattern`, or None where lowercasing is not exact."""
    return text.lower() if text.isascii() else None
