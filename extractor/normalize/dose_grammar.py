"""Compiled regular expressions of the dose grammar, built once from ``dose_units.tsv``.

The grammar has three layers, matched separately so that each stays simple and linear:

* a *quantity*: a number with an optional multiplier ("45", "4.5 x 10e7", "1 × 10(6)", "10⁶",
  "1.0E+6", "50 million", "1-2 x 1000000" (the literal power), "two million");
* *connectors* between quantities: a range ("2-5", "2 to 5", "between 1 and 2") or a coordinated list
  ("1, 3 or 10");
* a *unit* after the last quantity: a cell phrase ("allogeneic MSCs", "UCMSC"), a unit ("mg", "IU",
  "cGy"), either optionally per a denominator ("/kg", "per kg", "/m2", "/mL", "/cm2"), or a bare
  denominator after a count ("2 x 10^6/kg").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..schema import attributes
from .lexicons import alternation, parse_value, rows_of_kind
from .numbers import DIGIT_NUMBER, SUPERSCRIPTS, cardinal_words_pattern
from .pattern_literals import literal_alternation, required_literals

_LEXICON = "dose_units.tsv"
_EDGE_AFTER = r"(?![^\W\d_])"  # not followed by a letter (digits and symbols may follow: "10e6cells")
_EDGE_BEFORE = r"(?<![^\W\d_])"
_SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"
_TIMES = r"[xX×✕*·•]"
_HSPACE = r"[^\S\n]"  # white space within a line: a dose never continues on the next line

# A power of ten after a multiplication sign. "10eN" after "x" is read as 10^N (clinical usage, never
# 10 x 10^N); "106"/"10 6" is a 10^6 whose superscript was lost in copying ("2 x 106 cells/kg").
_POWER = (
    r"(?:10\s*(?:\^|\*\*?|[eE])\s*"  # 10^6 10**6 10*6 10e7 10^(6)
    r"(?:\(\s*(?P<p1>[-+]?\d{1,2})\s*\)|(?P<p5>[-+]?\d{1,2})(?!\d))"
    r"|10\s*\(\s*(?P<p2>[-+]?\d{1,2})\s*\)"  # 10(6)
    rf"|10(?P<p3>[{_SUPERSCRIPT_CHARS}]+)"  # 10⁶
    r"|10\s?(?P<p4>[1-9]|1[0-2])(?![\d.,])"  # 106, 10 6
    r"|(?P<lit>1(?:0{3,}|(?:,000)+))(?![\d.,]))"  # 1000000, 1,000,000
)
# A power of ten on its own ("approximately 10^6", "10⁶ cells").
_POWER_ALONE = (
    r"(?:10\s*\^\s*(?:\(\s*(?P<a1>[-+]?\d{1,2})\s*\)|(?P<a4>[-+]?\d{1,2})(?!\d))"
    rf"|10(?P<a2>[{_SUPERSCRIPT_CHARS}]+)"
    r"|10\s*\*\*\s*(?P<a3>[-+]?\d{1,2})(?!\d))"
)

#: What a quantity never follows. The fast scan of :mod:`.quantity_scan` relies on it.
QUANTITY_LOOKBEHIND = r"(?<![\w.^])"

DOSE_UNITS: frozenset[str] = frozenset(attributes("DOSE")["unit"]["values"])
"""The schema's DOSE unit vocabulary."""


@dataclass(frozen=True)
class Grammar:
    """The compiled dose grammar."""

    quantity: re.Pattern[str]
    unit: re.Pattern[str]
    unit_without_cells: re.Pattern[str]  # ``unit`` whose cell phrase never matches (group "cells" kept)
    cell_cue: re.Pattern[str] | None  # finds in a text's caseless.fold what every cell phrase contains
    range_gap: re.Pattern[str]
    between_gap: re.Pattern[str]
    list_gap: re.Pattern[str]
    tail_cells: re.Pattern[str]
    between_before: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    blocker_before: re.Pattern[str]
    magnitudes: tuple[tuple[re.Pattern[str], float], ...]
    units: tuple[tuple[re.Pattern[str], str, float], ...]
    denominators: tuple[tuple[re.Pattern[str], str], ...]
    qualifiers: tuple[tuple[re.Pattern[str], str], ...]


def _compile_each(rows: list[tuple[str, ...]]) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    return [(re.compile(f"(?:{row[0]})", re.IGNORECASE), row[1:]) for row in rows]


def _cue_pattern(cues: frozenset[str] | None) -> re.Pattern[str] | None:
    return re.compile(literal_alternation(cues)) if cues else None


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The dose grammar, compiled on first use and then shared."""
    mags = rows_of_kind(_LEXICON, "magnitude")
    units = rows_of_kind(_LEXICON, "unit")
    dens = rows_of_kind(_LEXICON, "denominator")
    heads = [r[0] for r in rows_of_kind(_LEXICON, "cell_head")]
    stops = [r[0] for r in rows_of_kind(_LEXICON, "cell_modifier_stop")]
    quals = rows_of_kind(_LEXICON, "qualifier")
    blockers = [r[0] for r in rows_of_kind(_LEXICON, "blocker")]

    mag_alt = alternation([r[0] for r in mags])
    number = f"(?:{DIGIT_NUMBER}|{cardinal_words_pattern()})"
    quantity = (
        rf"{QUANTITY_LOOKBEHIND}(?<![A-Za-z]-)"  # not inside a word, a decimal, an exponent or "COVID-19"
        rf"(?:(?P<alone>{_POWER_ALONE})"
        rf"|(?P<num>{number})"
        r"(?:(?P<e>[eE][-+]?\d{1,2})(?![\d.])"  # glued E notation: 1.0E+6, 5e6, 10e6
        rf"|{_HSPACE}*{_TIMES}{_HSPACE}*(?P<pow>{_POWER})"
        rf"|{_HSPACE}*(?P<mag>{mag_alt}){_EDGE_AFTER})?)"
    )
    # A unit word cannot be a cell modifier: "2 mL cells" is 2 mL, not 2 cells.
    stop = f"(?!{alternation(stops + [r[0] for r in units])}{_EDGE_AFTER})"
    word = r"[^\W\d_][\w'+\-]*"  # "allogeneic", "CD34+", "ABCB5-positive", "Wharton's"
    cell_phrase = rf"(?:of\s+)?(?:{stop}{word}{_HSPACE}+){{0,7}}?{alternation(heads)}{_EDGE_AFTER}"
    unit_alt = alternation([r[0] for r in units])
    den_alt = alternation([r[0] for r in dens])
    per = rf"{_HSPACE}*(?:/|per{_HSPACE}+(?:one{_HSPACE}+|each{_HSPACE}+|a{_HSPACE}+)?){_HSPACE}*"
    # An abbreviation in parentheses may stand between cell words and "/kg": "2 million human MSC (hMSC)/kg".
    abbreviation = rf"(?:{_HSPACE}*\([A-Za-z][\w+\-]{{0,14}}\)(?={per}{den_alt}{_EDGE_AFTER}))?"
    unit = (
        rf"{_HSPACE}*(?:(?P<cells>{cell_phrase}){abbreviation}|(?P<unit>{unit_alt}){_EDGE_AFTER})?"
        rf"(?:{per}(?P<den>{den_alt}){_EDGE_AFTER})?"
    )
    # Trying the cell phrase after every number is most of the unit's cost; in a text without any of its
    # cue literals it cannot match, and this variant then gives the same match at a fraction of the cost.
    unit_without_cells = (
        rf"{_HSPACE}*(?:(?P<cells>(?!)){abbreviation}|(?P<unit>{unit_alt}){_EDGE_AFTER})?"
        rf"(?:{per}(?P<den>{den_alt}){_EDGE_AFTER})?"
    )
    qual_alt = alternation([r[0] for r in quals])
    return Grammar(
        quantity=re.compile(quantity, re.IGNORECASE),
        unit=re.compile(unit, re.IGNORECASE),
        unit_without_cells=re.compile(unit_without_cells, re.IGNORECASE),
        cell_cue=_cue_pattern(required_literals(cell_phrase, re.IGNORECASE)),
        range_gap=re.compile(rf"{_HSPACE}*(?:-|–|—|‑|~|～|to\b){_HSPACE}*", re.IGNORECASE),
        between_gap=re.compile(rf"{_HSPACE}+and{_HSPACE}+", re.IGNORECASE),
        list_gap=re.compile(
            rf"{_HSPACE}*,{_HSPACE}*(?:(?:and|or){_HSPACE}+)?|{_HSPACE}+(?:and/or|and|or){_HSPACE}+",
            re.IGNORECASE,
        ),
        tail_cells=re.compile(rf"{_HSPACE}+cells?{_EDGE_AFTER}", re.IGNORECASE),
        between_before=re.compile(rf"{_EDGE_BEFORE}between{_HSPACE}+$", re.IGNORECASE),
        qualifier_before=re.compile(rf"{_EDGE_BEFORE}(?P<q>{qual_alt}){_HSPACE}*$", re.IGNORECASE),
        blocker_before=re.compile(rf"(?:{alternation(blockers)})[^\S\n#=]*[#=]?{_HSPACE}*", re.IGNORECASE),
        magnitudes=tuple((p, parse_value(v[0])) for p, v in _compile_each(mags)),
        units=tuple((p, v[0], parse_value(v[1])) for p, v in _compile_each(units)),
        denominators=tuple((p, v[0]) for p, v in _compile_each(dens)),
        qualifiers=tuple((p, v[0]) for p, v in _compile_each(quals)),
    )


def classify(pairs: tuple[tuple[re.Pattern[str], ...], ...], text: str, start: int, end: int) -> tuple | None:
    """The payload of the first pattern in ``pairs`` that matches exactly ``text[start:end]``, else None.

    Matched in place, so that a pattern's lookahead sees the text after the span ("18M cells").
    """
    for pattern, *payload in pairs:
        if pattern.fullmatch(text, start, end) is not None:
            return tuple(payload)
        match = pattern.match(text, start)
        if match is not None and match.end() == end:
            return tuple(payload)
    return None


def power_exponent(match: re.Match[str]) -> int | None:
    """The exponent N of the power of ten in a quantity match, or None when it has none."""
    for name in ("p1", "p2", "p4", "p5", "a1", "a3", "a4"):
        value = match.group(name)
        if value is not None:
            return int(value)
    for name in ("p3", "a2"):
        value = match.group(name)
        if value is not None:
            digits = value.translate(SUPERSCRIPTS)
            return int(digits) if re.fullmatch(r"[-+]?\d{1,2}", digits) else None
    if match.group("lit") is not None:
        return len(match.group("lit").replace(",", "")) - 1
    return None
