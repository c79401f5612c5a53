"""Where dose quantities may start: a fast scan, so that the quantity grammar runs at few positions.

Searching the quantity grammar through a text tries it at every character, and that was most of the
DOSE component's time. A quantity starts only where the grammar's lookbehind allows (not after a letter,
digit, "_", "." or "^"), at a digit, a "." before a digit, or a cardinal number word. :func:`quantity_starts`
finds a superset of those positions with a few scans that the regex engine runs fast; :func:`quantity_matches`
tries the grammar there only and returns exactly the matches of ``grammar().quantity.finditer(text)``.
"""

from __future__ import annotations

import re
import string
from array import array
from collections.abc import Iterable
from functools import lru_cache

from .dose_grammar import QUANTITY_LOOKBEHIND, grammar
from .numbers import cardinal_words
from .pattern_literals import literal_alternation

__all__ = ["quantity_matches", "quantity_starts"]

# A digit and the rest of its run of word characters and dots: no quantity starts inside such a run (the
# lookbehind), so the scan may skip it. A quantity may also start at a "." before a digit (".5").
_DIGIT_RUN = re.compile(r"\d[\w.]*")
_DOT_DIGIT = re.compile(r"\.\d")
# The same in the folded bytes of an ASCII text (see _FOLD), where every digit is a "0": with one literal
# first character the engine finds them several times faster.
_FOLDED_DIGIT_RUN = re.compile(rb"0[a-z0_.]*")
_FOLDED_DOT_DIGIT = re.compile(rb"\.0")


@lru_cache(maxsize=1)
def _word_scan() -> re.Pattern[bytes] | None:
    """A space and a cardinal word, in the folded bytes of :func:`_fold`; None when the scan cannot be
    trusted (number words other than plain letters, or a quantity grammar without the usual lookbehind)."""
    words = cardinal_words()
    if not words or not all(re.fullmatch("[a-z]+", word) for word in words):
        return None
    if not grammar().quantity.pattern.startswith(QUANTITY_LOOKBEHIND):
        return None  # the scan skips what this lookbehind excludes
    # One literal first character (the space) lets the engine skip quickly to the next word start.
    return re.compile(f" (?:{literal_alternation(words)})".encode())


# Per ASCII character: letters in lower case, digits as "0", "_", "." and "^" kept (the lookbehind's
# characters), everything else a space (then a word boundary both to the lookbehind and to number words).
_FOLD = (
    bytes(
        ord(c.lower()) if c.isalpha() else ord("0") if c.isdigit() else ord(c) if c in "_.^" else ord(" ")
        for c in map(chr, range(128))
    )
    + b" " * 128
)


@lru_cache(maxsize=1)
def _ascii_twins() -> tuple[tuple[str, str], ...]:
    """Non-ASCII characters that match an ASCII letter case-insensitively ("ſ" matches "s"), with that letter.

    Asked of the regex engine itself, once, over every code point (about 40 ms).
    """
    code_points = array("I", range(128, 0xD800)).tobytes() + array("I", range(0xE000, 0x110000)).tobytes()
    letter = re.compile("[a-z]", re.IGNORECASE)
    return tuple(
        (char, next(c for c in string.ascii_lowercase if re.fullmatch(c, char, re.IGNORECASE)))
        for char in letter.findall(code_points.decode("utf-32-le"))
    )


def _fold(text: str) -> bytes:
    """One byte per character of ``text`` (see ``_FOLD``). A character outside ASCII becomes a space, unless
    it matches an ASCII letter case-insensitively: then that letter, so that a number word keeps its spelling.
    """
    if text.isascii():
        return text.encode("ascii").translate(_FOLD)
    for char, letter in _ascii_twins():
        if char in text:
            text = text.replace(char, letter)
    # "replace" writes one "?" per character, so positions stay those of ``text``.
    return text.encode("ascii", "replace").translate(_FOLD)


def quantity_starts(text: str) -> list[int] | None:
    """Sorted positions in ``text`` where a quantity of the dose grammar may start (a superset of them).

    None when the lexicon's number words defeat the scan (then try every position).
    """
    scan = _word_scan()
    if scan is None:
        return None
    # The leading space lets a number word at the start be found like any other; offsets shift by one.
    folded = b" " + _fold(text)
    if text.isascii():
        starts = [match.start() - 1 for match in _FOLDED_DIGIT_RUN.finditer(folded)]
        dots = [match.start() - 1 for match in _FOLDED_DOT_DIGIT.finditer(folded)]
    else:  # digits of other scripts are digits too (and not in ``folded``)
        starts = [match.start() for match in _DIGIT_RUN.finditer(text)]
        dots = [match.start() for match in _DOT_DIGIT.finditer(text)]
    words = [match.start() for match in scan.finditer(folded)]
    if dots or words:
        starts.extend(dots)
        starts.extend(words)
        starts.sort()
    return starts


def quantity_matches(text: str, starts: Iterable[int] | None = None) -> list[re.Match[str]]:
    """The matches of the quantity grammar in ``text``, the same as ``grammar().quantity.finditer(text)``.

    ``starts``: sorted positions that include every position where a quantity may start (as from
    :func:`quantity_starts`, computed when None).
    """
    quantity = grammar().quantity
    if starts is None:
        starts = quantity_starts(text)
        if starts is None:
            return list(quantity.finditer(text))
    out = []
    end = 0
    for position in starts:
        # finditer resumes after each match; the grammar cannot match an empty string.
        if position < end:
            continue
        match = quantity.match(text, position)
        if match is not None:
            out.append(match)
            end = match.end()
    return out
