"""Loading of the normalizers' TSV lexicons (package data in ``extractor.data.lexicons``)."""

from __future__ import annotations

from fractions import Fraction
from functools import cache

from extractor.lexicon_files import lexicon_text


@cache
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of package lexicon ``name``: tab-separated cells, without comments and blank lines."""
    text = lexicon_text(name)
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


def rows_of_kind(name: str, kind: str) -> list[tuple[str, ...]]:
    """The rows of ``name`` whose first cell is ``kind``, without that cell."""
    return [row[1:] for row in read_rows(name) if row[0] == kind]


def alternation(patterns: list[str]) -> str:
    """One non-capturing alternation of ``patterns``, longest first so that a longer spelling wins."""
    ordered = sorted(patterns, key=len, reverse=True)
    return "(?:" + "|".join(f"(?:{p})" for p in ordered) + ")"


def parse_value(cell: str) -> float:
    """A lexicon value: a decimal, scientific or fraction literal ("1/24", "1e6", "182.5")."""
    if "/" in cell:
        return float(Fraction(cell))
    return float(cell)
