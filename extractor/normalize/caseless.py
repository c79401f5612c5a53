"""Case-insensitive regular expressions searched faster, with exactly the same matches (no spaCy).

Python's ``re`` is slow at the lexicons' patterns: IGNORECASE turns off its literal-prefix scan, and a
leading ``\\b`` turns off every prefix optimization, so a search tries the whole pattern at every
character of the text. A :class:`CaselessPattern` finds the matches ``re.compile(pattern, re.IGNORECASE)``
finds (same offsets and groups; group texts may be lower-cased) in three ways:

- It searches a lower-cased copy of the text case-sensitively. That is the same as IGNORECASE for a
  pattern whose literals are ASCII and lower-case, as long as lower-casing keeps every character one
  character and the text has neither "ı" nor "ſ" (IGNORECASE matches them to "i" and "s", lower() leaves
  them apart). Any other text or pattern is searched with IGNORECASE, as before.
- A leading ``\\b`` is checked at each match of the rest of the pattern instead of at every character,
  when the rest starts with something ``re`` can scan for (a literal, a set, alternatives of literals).
- It skips a text that lacks every string of some clause the pattern requires: read off the parsed
  pattern, each clause is a set of literal strings one of which every match contains.
  Worth it for a long text searched with a slow pattern; for short sentences the check of a clause of
  many strings costs what it saves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

try:  # Python >= 3.11
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: Characters IGNORECASE matches to an ASCII letter although lower() keeps them apart ("ı" ~ "i", "ſ" ~ "s").
_FOLDED_APART = ("\u0131", "\u017f")
_BOUNDARY = re.compile(r"\b")
_C = sre_constants
_REPEATS = tuple(getattr(_C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_C, name))
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)
#: Items that match the same in any letter case (assertions, categories such as \w, any character, negation).
_CASE_NEUTRAL = (_C.AT, _C.CATEGORY, _C.ANY, _C.NEGATE)

Clause = tuple[str, ...]


class Folded(NamedTuple):
    """A text with its lower-cased copy, or None where searching that copy would not be the same."""

    text: str
    low: str | None


def fold(text: str) -> Folded:
    """``text`` with the lower-cased copy a :class:`CaselessPattern` searches."""
    low = text.lower()
    # Equal lengths: every character lowered to one character, so offsets are the same in both.
    same = len(low) == len(text) and not any(c in text for c in _FOLDED_APART)
    return Folded(text, low if same else None)


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    """The clause most likely to rule a text out: fewest strings, then the longest shortest string."""
    if not clauses:
        return None
    return min(clauses, key=lambda c: (len(c), -min(map(len, c))))


def _simplify(clause: frozenset[str]) -> frozenset[str]:
    """Without strings that contain another string of the clause (that one is then present too)."""
    return frozenset(s for s in clause if not any(t != s and t in s for t in clause))


def _clauses(items: Any) -> list[frozenset[str]]:
    """Clauses every match of the parsed sequence ``items`` satisfies (lower-cased ASCII strings)."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _C.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            out.append(frozenset(["".join(run)]))
            run = []
        if op is _C.SUBPATTERN:
            out += _clauses(av[-1])
        elif _ATOMIC is not None and op is _ATOMIC:
            out += _clauses(av)
        elif op is _C.BRANCH:
            alternatives = [_best(_clauses(branch)) for branch in av[1]]
            if all(a is not None for a in alternatives):
                out.append(_simplify(frozenset().union(*alternatives)))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            out += _clauses(av[2])
        # Anything else (sets, categories, assertions, back-references) requires no literal.
    if run:
        out.append(frozenset(["".join(run)]))
    return out


def required_clauses(pattern: str, flags: int = 0) -> tuple[Clause, ...]:
    """Clauses of lower-cased strings: every match of ``pattern`` (in any letter case) has one of each."""
    clauses = [tuple(sorted(_simplify(c))) for c in _clauses(sre_parse.parse(pattern, flags))]
    return tuple(dict.fromkeys(clauses))


def possible(clauses: tuple[Clause, ...], text: Folded) -> bool:
    """False when ``text`` lacks every string of one of ``clauses`` (so no match can be in it)."""
    low = text.low
    if low is None:
        return True
    for clause in clauses:  # plain loops: cheaper than any()/all() over generators
        for s in clause:
            if s in low:
                break
        else:
            return False
    return True


def _prefix(items: Any) -> str | None:
    """How ``re`` scans for the start of the parsed ``items``: "literal" (fast), "set" (a set of first
    characters, or alternatives that all start with a literal) or None (it tries every position).
    """
    while len(items):
        op, av = items[0]
        if op is not _C.SUBPATTERN or av[1] or av[2]:
            break
        items = av[3]
    if not len(items):
        return None
    op, av = items[0]
    if op is _C.LITERAL:
        return "literal"
    if op is _C.IN or (op is _C.BRANCH and all(len(b) and b[0][0] is _C.LITERAL for b in av[1])):
        return "set"
    return None


def _caseless_safe(items: Any) -> bool:
    """True when every literal of the parsed ``items`` is ASCII and not upper-case, and nothing else matters."""
    for op, av in items:
        if op in (_C.LITERAL, _C.NOT_LITERAL):
            if av >= 128 or chr(av).isupper():
                return False
        elif op is _C.RANGE:
            if av[1] >= 128 or any(chr(c).isupper() for c in range(av[0], av[1] + 1)):
                return False
        elif op is _C.IN:
            if not _caseless_safe(av):
                return False
        elif op is _C.SUBPATTERN:
            # An inline flag group such as (?-i:...) is case-sensitive on the original text.
            if av[1] or av[2] or not _caseless_safe(av[3]):
                return False
        elif op is _C.BRANCH:
            if not all(_caseless_safe(branch) for branch in av[1]):
                return False
        elif op in _REPEATS:
            if not _caseless_safe(av[2]):
                return False
        elif _ATOMIC is not None and op is _ATOMIC:
            if not _caseless_safe(av):
                return False
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            if not _caseless_safe(av[1]):
                return False
        elif op not in _CASE_NEUTRAL:
            return False  # back-references and anything unknown
    return True


def _alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at each ``|`` that is outside groups and sets."""
    parts, depth, start, i, in_set = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            i += 1
            # A "]" right after "[" or "[^" is a member of the set.
            i += pattern[i : i + 1] == "^"
            i += pattern[i : i + 1] == "]"
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _tree(items: Any) -> Any:
    """A parsed pattern as nested tuples, to compare two parses."""
    if isinstance(items, (list, tuple)) or hasattr(items, "data"):
        return tuple(_tree(item) for item in (items.data if hasattr(items, "data") else items))
    return items


@dataclass(frozen=True)
class CaselessPattern:
    """``re.compile(pattern, re.IGNORECASE | flags)``, searched faster on a :class:`Folded` text."""

    ignorecase: re.Pattern[str]
    #: The pattern compiled case-sensitively for the lower-cased text; None when that would not be the same.
    lowered: re.Pattern[str] | None
    #: ``lowered`` without its leading ``\b`` (checked at each match instead), or None.
    body: re.Pattern[str] | None
    #: Clauses a text is checked for before a search (:func:`required_clauses`); empty without prefilter.
    required: tuple[Clause, ...]
    #: For ``\b(?:a|b|...)`` without a fast scan: ``\b(?:a)``, ``\b(?:b)``... each searched on its own.
    alternatives: tuple[CaselessPattern, ...] = ()

    @classmethod
    def compile(cls, pattern: str, flags: int = 0, prefilter: bool = True) -> CaselessPattern:
        """Compile ``pattern`` (matched case-insensitively); ``flags`` adds MULTILINE and the like.

        ``prefilter``: check a text for the pattern's required strings before searching it.
        """
        ignorecase = re.compile(pattern, flags | re.IGNORECASE)
        parsed = sre_parse.parse(pattern, flags)
        # ASCII or LOCALE matching folds case differently from str.lower().
        safe = not ignorecase.flags & (re.ASCII | re.LOCALE) and _caseless_safe(parsed)
        lowered = re.compile(pattern, ignorecase.flags & ~re.IGNORECASE) if safe else None
        body, prefix = None, None
        # Only when the whole pattern is one sequence that starts with \b (not "\bx|y").
        if lowered is not None and pattern.startswith(r"\b") and len(parsed) and parsed[0] == (_C.AT, _C.AT_BOUNDARY):
            prefix = _prefix(sre_parse.parse(pattern[2:], flags))
            body = re.compile(pattern[2:], lowered.flags) if prefix else None
        # The scan for a literal is as fast as checking a text for the required strings.
        required = required_clauses(pattern, flags) if prefilter and prefix != "literal" else ()
        return cls(ignorecase, lowered, body, required)

    @classmethod
    def words(cls, pattern: str, prefilter: bool = True) -> CaselessPattern:
        """``\\b(?:pattern)``: ``pattern`` matched case-insensitively from a word boundary.

        Alternatives that do not share a literal prefix are searched one by one, each with its own
        prefix: the leftmost match of the whole is the leftmost of theirs, the first alternative winning
        a tie, as in ``re``. Only ``search`` gains from that (not ``finditer``).
        """
        whole = cls.compile(rf"\b(?:{pattern})", prefilter=prefilter)
        parts = _alternatives(pattern)
        parsed = sre_parse.parse(pattern)
        literal = whole.body is not None and _prefix(parsed) == "literal"
        if whole.lowered is None or literal or len(parts) < 2 or whole.ignorecase.groups:
            return whole
        try:
            same = _tree(sre_parse.parse("|".join(f"(?:{part})" for part in parts))) == _tree(parsed)
        except re.error:  # e.g. a global flag "(?i)" that must open the pattern
            same = False
        if not same:
            return whole  # the cut was not at the top level after all
        alternatives = tuple(cls.compile(rf"\b(?:{part})", prefilter=prefilter) for part in parts)
        return replace(whole, required=(), alternatives=alternatives)

    def possible(self, text: Folded) -> bool:
        """False when ``text`` cannot hold a match (it lacks every string of a required clause)."""
        return possible(self.required, text)

    def search(self, text: Folded, pos: int = 0) -> re.Match[str] | None:
        """The leftmost match at or after ``pos``, as ``ignorecase.search(text.text, pos)`` finds it."""
        low = text.low
        if low is not None and self.required and not possible(self.required, text):
            return None
        if low is None or self.lowered is None:
            return self.ignorecase.search(text.text, pos)
        if self.alternatives:
            best = None
            for alternative in self.alternatives:
                m = alternative.search(text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            return best
        if self.body is None:
            return self.lowered.search(low, pos)
        search = self.body.search
        while (m := search(low, pos)) is not None:
            if _BOUNDARY.match(low, m.start()):
                return m
            pos = m.start() + 1
        return None

    def finditer(self, text: Folded) -> Iterator[re.Match[str]]:
        """The matches ``ignorecase.finditer(text.text)`` finds."""
        low = text.low
        if low is not None and self.required and not possible(self.required, text):
            return iter(())
        if low is None or self.lowered is None:
            return self.ignorecase.finditer(text.text)
        return self.lowered.finditer(low)
