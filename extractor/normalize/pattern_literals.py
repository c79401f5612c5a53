"""Literal strings that every match of a regular expression contains: the basis of cheap prefilters (no spaCy).

A pattern such as ``[a-z]*-?MSC(?:'s|s)?`` is slow to try at many positions (the leading ``[a-z]*`` is
retried at every character), yet every match contains "msc". A search of a lower-cased text for such
literals is fast, and a text without any of them cannot match.

The analysis reads the parse tree of Python's own regex parser (private; read through
``pattern_analysis.PARSER``). When a tree is not what it expects, or a pattern
leaves nothing required, :func:`required_literals` returns None and callers skip their prefilter: a
missing prefilter only costs time, never a match.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.normalize.pattern_analysis import ATOMIC_GROUP, PARSER, REPEATS

__all__ = ["Clause", "literal_alternation", "possible", "required_clauses", "required_literals"]

#: Strings of which a match contains at least one (lower-cased ASCII).
Clause = tuple[str, ...]


def literal_alternation(strings: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex (no groups) matching any of ``strings`` literally, grouped by first character.

    The grouping lets the engine reject a position after one comparison per first character instead of
    one per string, which matters when the pattern is tried at many positions.
    """
    groups: dict[str, list[str]] = {}
    for string in sorted(strings):
        groups.setdefault(string[:1], []).append(re.escape(string[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def required_clauses(pattern: str, flags: int = 0) -> tuple[Clause, ...]:
    """Clauses of lower-case ASCII strings: every match of ``pattern`` contains a string of each clause.

    The guarantee holds for matches in a text ``caseless.fold`` accepts, case-insensitively or not
    (compare with ``text.lower()``: no letter of such a text but an ASCII one is IGNORECASE-equal to an
    ASCII letter); for other texts callers must not rely on it. Empty when nothing is required or the
    tree cannot be read. Strings that contain another string of their clause are left out (a text with
    one has the other), and the clause most likely to rule a text out comes first.
    """
    if not isinstance(pattern, str):
        return ()
    try:
        options = _options(list(PARSER.parse(pattern, flags)))
    except Exception:  # noqa: BLE001 - an unexpected tree means no prefilter, not an error
        return ()
    clauses = [tuple(sorted(_shortest(option))) for option in sorted(options, key=_rank, reverse=True)]
    return tuple(dict.fromkeys(clauses))


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The most telling clause of :func:`required_clauses`, or None."""
    clauses = required_clauses(pattern, flags)
    return frozenset(clauses[0]) if clauses else None


def possible(clauses: tuple[Clause, ...], lowered: str | None) -> bool:
    """False when ``lowered`` (a text's ``caseless.fold``) lacks every string of one of ``clauses``, so no
    match can be in it; True when ``lowered`` is None (no lower-cased copy to look in)."""
    if lowered is None:
        return True
    for clause in clauses:  # plain loops: cheaper than any()/all() over generators
        for s in clause:
            if s in lowered:
                break
        else:
            return False
    return True


def _rank(option: frozenset[str]) -> tuple[int, int]:
    # The requirement whose shortest literal is longest rejects the most texts; then the smallest.
    return min(map(len, option)), -len(option)


def _shortest(option: frozenset[str]) -> frozenset[str]:
    """Without strings that contain another string of the option (that one is then present too)."""
    return frozenset(s for s in option if not any(t != s and t in s for t in option))


def _covered(option: frozenset[str], chosen: set[str]) -> bool:
    """Whether every string of ``option`` contains a chosen string (a text with it has a chosen one)."""
    return all(any(cue in literal for cue in chosen) for literal in option)


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    return max(options, key=_rank) if options else None


def _options(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Requirements of a sequence, each sufficient: its runs of literal characters, its mandatory parts."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items + [(None, None)]:
        char = chr(av).lower() if op is PARSER.LITERAL else ""
        if len(char) == 1 and char.isascii():
            run.append(char)
            continue
        if run:  # anything else ends a run of consecutive literal characters
            options.append(frozenset(["".join(run)]))
            run = []
        options.extend(_item(op, av))
    return options


def _item(op: Any, av: Any) -> list[frozenset[str]]:
    """Requirements of one element; none for optional, zero-width or non-literal elements."""
    if op is PARSER.SUBPATTERN:
        return _options(list(av[-1]))
    if ATOMIC_GROUP is not None and op is ATOMIC_GROUP:
        return _options(list(av))
    if op in REPEATS and av[0] >= 1:
        return _options(list(av[2]))
    if op is PARSER.BRANCH:
        alternatives = [_options(list(alternative)) for alternative in av[1]]
        if not all(alternatives):
            return []  # an alternative without a requirement: the branch requires nothing
        # One requirement per alternative, reusing strings already chosen where an alternative allows it
        # ("cell" serves both "cells?" and "cell\s+particles"); alternatives with one choice go first.
        chosen: set[str] = set()
        for options in sorted(alternatives, key=len):
            if not any(_covered(option, chosen) for option in options):
                chosen |= _best(options) or frozenset()
        # A string that contains another chosen one adds nothing: "bmmnc" always contains "mnc".
        return [frozenset(c for c in chosen if not any(o != c and o in c for o in chosen))]
    return []
