"""Anchors of time expressions: what the times are counted from, as written ("after MSC administration").

An anchor starts with a head word ("after", "post", "following", "since", "from") or is glued to "post"
("postoperative", "post-transplant"), and runs for a few words until a stop word ("and", "to", "at") or
punctuation; articles and pronouns at its end are left out.
"""

from __future__ import annotations

import re

from .time_lexer import lexicon

__all__ = ["anchor_at", "find_anchor"]

_MAX_ANCHOR_WORDS = 5
_ANCHOR_TRIM = frozenset({"the", "a", "an", "of", "with", "his", "her", "their"})


def anchor_at(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The anchor phrase starting at ``pos`` ("after MSC administration"), as (start, end), or None."""
    lex = lexicon()
    match = lex.anchor_start.match(text, pos, end)
    if match is None:
        return None
    glued = match.group("glued") is not None
    words: list[tuple[int, int]] = []
    cursor = match.end()
    while len(words) < _MAX_ANCHOR_WORDS:
        if words or glued:
            gap = cursor
            while gap < end and text[gap] in " \t":
                gap += 1
            if gap == cursor:
                break
            cursor = gap
        word = lex.anchor_word.match(text, cursor, end)
        if word is None:
            break
        lowered = word.group(0).lower()
        bad_first = lex.anchor_bad_first_from if _is_from(match) else lex.anchor_bad_first
        if lowered in lex.anchor_stops or (not words and bad_first.fullmatch(word.group(0))):
            break
        words.append(word.span())
        cursor = word.end()
    while words and text[words[-1][0] : words[-1][1]].lower() in _ANCHOR_TRIM:
        words.pop()
    if not words and not glued:
        return None
    return match.start(), words[-1][1] if words else match.end()


def _is_from(match: re.Match[str]) -> bool:
    head = match.group("head")
    return head is not None and head.lower() == "from"


def find_anchor(text: str, after: int) -> str:
    """The first anchor phrase at or after ``after``, else the first anywhere, else ""."""
    lex = lexicon()
    first = None
    for match in lex.anchor_start.finditer(text):
        span = anchor_at(text, match.start(), len(text))
        if span is None:
            continue
        if span[0] >= after:
            return text[span[0] : span[1]]
        first = first or span
    return text[first[0] : first[1]] if first else ""
