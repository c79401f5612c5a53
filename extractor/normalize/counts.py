"""Whole-number counts written in digits or words ("20", "1,200", "twenty-four", "one hundred")."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


@lru_cache(maxsize=1)
def count_words() -> dict[str, int]:
    """Number word -> value, from ``data/lexicons/count_words.tsv``."""
    text = resources.files("extractor.data.lexicons").joinpath("count_words.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word: int(value) for word, value in rows}


def parse_count(text: str) -> int | None:
    """The whole number ``text`` spells, or None. Never raises."""
    text = text.strip().lower()
    if _DIGITS.fullmatch(text):
        digits = text.replace(",", "")
        # More digits than any count has: int() refuses over 4,300, and a table column holds 64 bits.
        return int(digits) if len(digits) <= 18 else None
    words = count_words()
    total, current = 0, 0
    parts = [p for p in re.split(r"[\s-]+", text) if p and p != "and"]
    if not parts:
        return None
    for part in parts:
        value = words.get(part)
        if value is None:
            return None
        if value == 100:
            current = max(current, 1) * 100
        else:
            current += value
    total += current
    return total
