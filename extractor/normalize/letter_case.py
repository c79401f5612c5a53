"""Which characters ``str.lower()`` treats as ``re.IGNORECASE`` does (no spaCy).

A case-insensitive search of a text can run case-sensitively on ``text.lower()`` (much faster) only if
lower-casing keeps every offset and relates no two characters that IGNORECASE keeps apart, nor keeps apart
two it relates. ASCII letters qualify. So do most other characters of registry text:

- caseless ones ("≥", "–", "’", "°", "×"): lower-casing leaves them as they are and IGNORECASE relates them
  to nothing else (no character lower- or upper-cases to one: checked over all of Unicode by the tests);
- plain cased letters of the Basic Multilingual Plane ("é"/"É", "α"/"Α", "ó"): one lower-case and one
  upper-case form, both non-ASCII, each the other's case.

Not: letters IGNORECASE relates to a third one ("ı", "i" and "I"; "ſ", "s" and "S"; "µ", "μ" and "Μ"; "σ", "ς"
and "Σ", which ``str.lower()`` even chooses between by context), letters whose case is several characters
("ß", "İ"), title-case letters ("ǅ") and letters lower-cased to ASCII (the Kelvin sign). A text with one of
those is searched with IGNORECASE as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["case_partners", "lowers_plainly", "plain_text", "shared_uppercase"]

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1)
def shared_uppercase() -> frozenset[str]:
    """Lower-case letters of the Basic Multilingual Plane that share their upper case with another ("i" and
    "ı": "I"), which IGNORECASE matches to each other though ``lower()`` keeps them apart.

    Computed once (about 30 ms) from the Unicode tables of the running Python, as ``re`` computes its own.
    """
    by_upper: dict[str, list[str]] = {}
    for code in range(0x10000):
        char = chr(code)
        upper = char.upper()
        if len(upper) == 1 and upper != char and char.lower() == char:
            by_upper.setdefault(upper, []).append(char)
    return frozenset(char for group in by_upper.values() if len(group) > 1 for char in group)


@lru_cache(maxsize=4096)
def lowers_plainly(char: str) -> bool:
    """Whether searching ``char.lower()`` case-sensitively is, for ``char``, what IGNORECASE does (see the
    module): True for ASCII, caseless characters and plain cased letters."""
    if char.isascii():
        return True
    low, up = char.lower(), char.upper()
    if low == char == up:
        return True
    if ord(char) > 0xFFFF or len(low) != 1 or len(up) != 1 or low.isascii() or up.isascii():
        return False
    return char in (low, up) and low.upper() == up and up.lower() == low and low not in shared_uppercase()


def plain_text(text: str) -> bool:
    """Whether every character of ``text`` :func:`lowers_plainly` (``text.lower()`` then has its length)."""
    if text.isascii():
        return True
    return all(lowers_plainly(char) for char in set(_NON_ASCII.findall(text)))


def case_partners(char: str) -> set[str]:
    """``char`` with the characters its lower and upper cases (and theirs) lead to: those IGNORECASE may
    relate to it, as far as they lower plainly. For checking a pattern's non-ASCII literals."""
    found = {char, char.lower(), char.upper(), char.lower().upper(), char.upper().lower()}
    return {c for c in found if len(c) == 1 and not c.isascii() and lowers_plainly(c)}
