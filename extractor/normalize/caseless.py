"""Case-insensitive regular expressions searched faster, with exactly the same matches (no spaCy).

Python's ``re`` is slow at the lexicons' patterns: IGNORECASE turns off its literal-prefix scan, and a
leading ``\\b`` turns off every prefix optimization, so a search tries the whole pattern at every
character of the text. A :class:`CaselessPattern` finds the matches ``re.compile(pattern, re.IGNORECASE)``
finds (same offsets and groups; group texts may be lower-cased) in up to three ways:

- It searches the lower-cased copy of a text (:func:`fold`: ASCII and most other text) with a
  case-sensitive twin of the pattern (:func:`~extractor.normalize.pattern_analysis.lowered_twin`, which
  vouches for the twin from the parse tree). Any other text or pattern is searched with IGNORECASE.
- A leading ``\\b`` is checked at each match of the rest of the pattern instead of at every character,
  when the rest starts with something ``re`` can scan for (a literal, a set, alternatives of literals).
- With ``prefilter``, it skips a text that lacks every string of some clause the pattern requires
  (:func:`~extractor.normalize.pattern_literals.required_clauses`). Worth it for a long text searched
  with a slow pattern; for short sentences the check of many strings costs what it saves, so callers choose.
  :meth:`CaselessPattern.may_match` applies the clauses to the sentences of a whole document in one go.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

from extractor.normalize.letter_case import plain_text
from extractor.normalize.pattern_analysis import lowered_twin, same_parse, scan_kind, top_level_alternatives
from extractor.normalize.pattern_literals import Clause, possible, required_clauses

_BOUNDARY = re.compile(r"\b")

#: A clause of more strings than this costs more to look for in a short text than the search it saves.
MAX_CLAUSE_STRINGS = 8


def fold(text: str) -> str | None:
    """The lower-cased copy of ``text`` that :class:`CaselessPattern` searches, or None when searching it
    would not be exact: ``text`` holds a letter whose lower case is longer ("İ") or that IGNORECASE relates
    to another ("ı" and "i", "ſ" and "s", "µ" and "μ"); see :mod:`~extractor.normalize.letter_case`. ASCII
    text, "≥", "–" or "é" are fine."""
    return text.lower() if plain_text(text) else None


class Folded(NamedTuple):
    """A text with its :func:`fold`, for a long text searched by several patterns (lower-cased once)."""

    text: str
    low: str | None


def folded(text: str | Folded) -> Folded:
    """``text`` with its :func:`fold` (a :class:`Folded` is returned as it is: callers that have the fold
    already pass it on)."""
    return text if isinstance(text, Folded) else Folded(text, fold(text))


@dataclass(frozen=True)
class CaselessPattern:
    """``re.compile(pattern, re.IGNORECASE | flags)``, searched faster on lower-cased text.

    Every method takes the text and its :func:`fold` (``lowered``; None searches ``text`` as it is).
    """

    ignorecase: re.Pattern[str]
    #: The twin compiled case-sensitively for the lower-cased text; None when that would not be the same.
    lowered: re.Pattern[str] | None
    #: ``lowered`` without its leading ``\b`` (checked at each match instead), or None.
    body: re.Pattern[str] | None = None
    #: Clauses a text is checked for before a search; empty without prefilter.
    required: tuple[Clause, ...] = ()
    #: For ``\b(?:a|b|...)`` without a fast scan: ``\b(?:a)``, ``\b(?:b)``... each searched on its own.
    alternatives: tuple[CaselessPattern, ...] = ()

    @classmethod
    def compile(
        cls, pattern: str | re.Pattern[str], flags: int = 0, *, prefilter: bool = False, boundary: bool = False
    ) -> CaselessPattern:
        """Compile ``pattern`` (matched case-insensitively; a compiled pattern keeps its flags); ``flags``
        adds MULTILINE and the like.

        ``prefilter``: check a text for the pattern's required strings before searching it.
        ``boundary``: check a leading ``\\b`` at each match of the rest (see the module); faster when what
        follows the ``\\b`` is rare, slower when it often occurs inside words.
        """
        if isinstance(pattern, re.Pattern):
            pattern, flags = pattern.pattern, pattern.flags & ~re.UNICODE
        ignorecase = re.compile(pattern, flags | re.IGNORECASE)
        lowered = lowered_twin(ignorecase)
        body, kind = None, None
        # Only when the whole pattern is one sequence that starts with \b (not "\bx|y").
        if boundary and lowered is not None and lowered.pattern.startswith(r"\b"):
            rest = lowered.pattern[2:]
            if top_level_alternatives(lowered.pattern) == [lowered.pattern]:
                kind = scan_kind(rest, lowered.flags)
                body = re.compile(rest, lowered.flags) if kind else None
        required: tuple[Clause, ...] = ()
        if prefilter and kind != "literal":  # the scan for a literal is as fast as the check
            # The most telling clause only: checking more costs about what they save (measured).
            required = required_clauses(pattern, flags)[:1]
            required = required if required and len(required[0]) <= MAX_CLAUSE_STRINGS else ()
        return cls(ignorecase, lowered, body, required)

    @classmethod
    def words(cls, pattern: str, prefilter: bool = False) -> CaselessPattern:
        """``\\b(?:pattern)``: ``pattern`` matched case-insensitively from a word boundary.

        Alternatives that do not share a literal prefix are searched one by one, each with its own
        prefix: the leftmost match of the whole is the leftmost of theirs, the first alternative winning
        a tie, as in ``re``. Only ``search`` gains from that (not ``finditer``).
        """
        whole = cls.compile(rf"\b(?:{pattern})", prefilter=prefilter, boundary=True)
        parts = top_level_alternatives(pattern)
        literal = whole.body is not None and scan_kind(pattern) == "literal"
        if whole.lowered is None or literal or len(parts) < 2 or whole.ignorecase.groups:
            return whole
        if not same_parse("|".join(f"(?:{part})" for part in parts), pattern):
            return whole  # the cut was not at the top level after all
        alternatives = tuple(cls.compile(rf"\b(?:{part})", prefilter=prefilter, boundary=True) for part in parts)
        return replace(whole, required=(), alternatives=alternatives)

    @property
    def direct(self) -> re.Pattern[str] | None:
        """The twin, when searching ``lowered`` with it is all :meth:`search` would do (for hot loops)."""
        plain = not (self.body or self.required or self.alternatives)
        return self.lowered if plain else None

    def possible(self, lowered: str | None) -> bool:
        """False when the text cannot hold a match (it lacks every string of a required clause)."""
        return possible(self.required, lowered)

    def search(self, text: str, lowered: str | None, pos: int = 0) -> re.Match[str] | None:
        """The leftmost match at or after ``pos``, as ``ignorecase.search(text, pos)`` finds it."""
        if self.required and not possible(self.required, lowered[pos:] if pos and lowered else lowered):
            return None
        if lowered is None or self.lowered is None:
            return self.ignorecase.search(text, pos)
        if self.alternatives:
            best = None
            for alternative in self.alternatives:
                m = alternative.search(text, lowered, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            return best
        if self.body is None:
            return self.lowered.search(lowered, pos)
        search = self.body.search
        while (m := search(lowered, pos)) is not None:
            if _BOUNDARY.match(lowered, m.start()):
                return m
            pos = m.start() + 1
        return None

    def match(self, text: str, lowered: str | None) -> re.Match[str] | None:
        """``ignorecase.match(text)``."""
        if not possible(self.required, lowered):
            return None
        if lowered is None or self.lowered is None:
            return self.ignorecase.match(text)
        return self.lowered.match(lowered)

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """The matches ``ignorecase.finditer(text)`` finds."""
        if not possible(self.required, lowered):
            return iter(())
        if lowered is None or self.lowered is None:
            return self.ignorecase.finditer(text)
        return self.lowered.finditer(lowered)

    def first(self, text: str, lowered: str | None) -> int | None:
        """Where the first match starts, or None."""
        m = self.search(text, lowered)
        return m.start() if m else None

    def span(self, text: str, lowered: str | None) -> tuple[int, int] | None:
        """(start, end) of the first match, or None."""
        m = self.search(text, lowered)
        return m.span() if m else None

    def spans(self, text: str, lowered: str | None) -> Iterator[tuple[int, int]]:
        """(start, end) of the matches, as ``re.finditer`` finds them in ``text``."""
        return (m.span() for m in self.finditer(text, lowered))

    def may_match(self, lowered: str, spans: list[tuple[int, int]]) -> list[bool]:
        """For each span (start, end) of a lower-cased text (a :func:`fold`), False when ``text[start:end]`` holds no
        match for sure (it lacks every string of a required clause); spans are sorted and do not overlap.

        One pass over the whole text per string, instead of one check per span.
        """
        found = [True] * len(spans)
        starts = [start for start, _ in spans]
        for clause in self.required:
            holds = [False] * len(spans)
            for string in clause:
                pos = lowered.find(string)
                while pos >= 0:
                    k = bisect_right(starts, pos) - 1
                    if k >= 0 and pos + len(string) <= spans[k][1]:
                        holds[k] = True
                        pos = lowered.find(string, spans[k][1])  # the rest of this span adds nothing
                    else:
                        pos = lowered.find(string, pos + 1)
            found = [a and b for a, b in zip(found, holds, strict=True)]
        return found
