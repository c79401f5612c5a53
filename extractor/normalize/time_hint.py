"""The time tokenizer's hint, something every time expression holds, as patterns ``re`` searches fast.

A sentence without a unit ("weeks", "d"), a periodic word ("monthly") or a glued unit ("D28", "4w") holds
no time expression, and most sentences hold none: the hint saves tokenizing them. As one pattern (a word
start, then any unit or periodic word) ``re`` tries every branch at every character. Only whether the hint
occurs matters, so it is rebuilt as three searches: the words grouped by their first letter (each group
reads its letter first and then looks back for the word start, which lets ``re`` skip to the letters that
may start a word of the hint), the units glued after a digit (from the digit), and the glued units before
a number.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from .caseless import CaselessPattern
from .pattern_analysis import top_level_alternatives

_LETTER = r"[^\W\d_]"
_BEFORE = rf"(?<!{_LETTER})"
_AFTER = rf"(?!{_LETTER})"


@dataclass(frozen=True)
class Hint:
    """Three patterns; the hint occurs in a text when one of them does."""

    words: CaselessPattern  # a unit or periodic word
    glued_after: CaselessPattern  # a unit glued after a digit ("4w")
    glued_before: re.Pattern[str]  # a capital glued before a number ("D28"), case-sensitive

    def search(self, text: str, lowered: str | None) -> bool:
        """Whether the hint occurs in ``text``; ``lowered``: ``caseless.fold(text)``."""
        return (
            self.words.search(text, lowered) is not None
            or self.glued_after.search(text, lowered) is not None
            or self.glued_before.search(text) is not None
        )


def build_hint(words: list[str], glued_after: str, glued_before: list[str]) -> Hint:
    """The hint of the unit and periodic word patterns ``words``, the pattern of the units glued after a
    digit, and the patterns of the capitals glued before a number (case-sensitive)."""
    groups: dict[str, list[str]] = {}
    others = []
    for alternative in (a for word in words for a in top_level_alternatives(word)):
        first, rest = alternative[:1], alternative[1:]
        if first and first in string.ascii_lowercase and rest[:1] not in ("?", "*", "+", "{"):
            groups.setdefault(first, []).append(rest)
        else:
            others.append(alternative)
    # "c(?<!Xc)" is "(?<!X)c": the word start, looked for from the letter after it.
    branches = [f"{c}(?<!{_LETTER}{c})(?:{'|'.join(rests)})" for c, rests in sorted(groups.items())]
    branches += [f"{_BEFORE}(?:{alternative})" for alternative in others]
    return Hint(
        words=CaselessPattern.compile(f"(?:{'|'.join(branches)}){_AFTER}", prefilter=True),
        glued_after=CaselessPattern.compile(rf"\d(?:{glued_after}){_AFTER}", prefilter=True),
        glued_before=_glued_before(glued_before),
    )


def _glued_before(cells: list[str]) -> re.Pattern[str]:
    """A capital glued before a number ("D28"): when the capitals are single letters, read first."""
    if all(len(cell) == 1 and cell.isalpha() for cell in cells):
        letter = f"(?-i:[{''.join(cells)}])"
        return re.compile(rf"{letter}(?<!{_LETTER}{letter})(?=[-+]?\d)", re.IGNORECASE)
    return re.compile(rf"{_BEFORE}(?-i:{'|'.join(f'(?:{cell})' for cell in cells)})(?=[-+]?\d)", re.IGNORECASE)
