"""Dose expressions: find them in plain text and normalize them to the schema's DOSE values.

``find_doses`` returns every amount with a unit or a count multiplier, with character offsets, the
value range in plain units and the schema unit. Which of them are doses of the trial's intervention
(not diluent volumes, excipient percentages or eligibility values) is the caller's decision.

Decisions (see also the tests, which state them as examples):

* A count with a multiplier but no unit ("45-50*10^6", "Dose: 200 million") is returned with unit
  ``""``: the caller decides ``cells`` from context. A plain number without unit or multiplier is never
  a dose ("two doses", "Phase 2", "1:1").
* A count with a multiplier per kg and no unit word ("2-5 x 10^6/kg") is ``cells/kg`` (likewise /mL,
  /cm2): in cell-therapy records a count per body weight is a cell dose; mass doses always name a unit.
* Cell words are a unit only for counts of at least 1000 or with a multiplier ("3 stem cell
  injections" is not a dose).
* Coordinated alternatives ("1, 3 or 10 million cells/kg") give one match per value; values without
  their own multiplier or unit take those of the last alternative (``shared=True``). The alternatives
  must increase, so that "in 2013, 20 mg" does not pull the year into a list.
* A comparator before a dose ("≥", "up to", "approximately") is kept in ``qualifier``; the span starts
  at the first number and low = high = the stated value.
* "10eN" is read as 10^N (clinical usage: "10e6 cells/kg"); "1.0E+6" is ordinary E notation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .caseless import fold
from .dose_grammar import DOSE_UNITS, Grammar, classify, grammar, power_exponent
from .numbers import parse_plain_number
from .quantity_scan import quantity_matches

__all__ = ["DoseMatch", "find_doses", "normalize_dose", "parse_number"]

_WINDOW = 40  # characters looked back for a qualifier, "between" or a blocker word
_MIN_CELLS = 1000.0  # smallest count without multiplier that cell words make a dose


@dataclass(frozen=True)
class DoseMatch:
    """One dose value in a text.

    ``start``/``end``: character offsets (end exclusive), from the first number to the unit's last word.
    ``low``/``high``: the value (range) in plain units, low <= high. ``unit``: a schema DOSE unit, or
    ``""`` for a count without unit. ``unit_text``: the unit as written (for a list element that shares
    the last element's unit, that unit's text, which lies outside the span). ``rule``: the grammar rule,
    ``<number form>[_range]_<unit class>`` (e.g. ``sci_range_bare``, ``million_cells_per_kg``,
    ``plain_mg_per_kg``). ``qualifier``: ``""``, ``"~"``, ``"<="``, ``">="``, ``"<"`` or ``">"``.
    ``shared``: multiplier or unit taken from a later alternative of a coordinated list.
    """

    start: int
    end: int
    low: float | None
    high: float | None
    unit: str
    unit_text: str
    rule: str
    qualifier: str = ""
    shared: bool = False

    @property
    def per_kg(self) -> bool:
        """Whether the dose is per kg of body weight."""
        return self.unit.endswith("/kg")


# Named tuples, not frozen dataclasses: tens of thousands are made per 1,000 records (identity is what
# ``_resolve`` compares).
class _Quantity(NamedTuple):
    start: int
    end: int
    value: float
    factor: float  # the multiplier written with the number (1.0 when none)
    form: str  # "sci", "million" or "plain"


class _Unit(NamedTuple):
    start: int
    end: int
    unit: str  # schema unit
    rule: str  # unit part of the rule name
    factor: float = 1.0  # conversion to the schema unit ("cGy" -> Gy: 0.01)


class _Term(NamedTuple):
    first: _Quantity
    last: _Quantity  # the same as first unless the term is a range
    unit: _Unit | None


# Most quantities are plain numbers, and the same few spellings recur ("1", "2", "10", "2020").
_parse_number = lru_cache(maxsize=4096)(parse_plain_number)


def _quantity(match: re.Match[str]) -> _Quantity | None:
    """The value of one quantity match, None when it is not a finite number."""
    alone, num, e, pow_, mag = match.group("alone", "num", "e", "pow", "mag")
    if alone is not None:
        exponent = power_exponent(match)
        if exponent is None:
            return None
        factor = 10.0**exponent
        return _Quantity(match.start(), match.end(), factor, factor, "sci")
    number = _parse_number(num)
    if number is None:
        return None
    factor, form = 1.0, "plain"
    if e is not None:
        factor, form = 10.0 ** int(e[1:]), "sci"
        if num == "10":  # "10e6 cells" means 10^6, not 10 x 10^6
            number = 1.0
    elif pow_ is not None:
        exponent = power_exponent(match)
        if exponent is None:
            return None
        factor, form = 10.0**exponent, "sci"
    elif mag is not None:
        row = classify(grammar().magnitudes, match.string, match.start("mag"), match.end("mag"))
        factor, form = (row[0], "million") if row else (1.0, "plain")
    value = number * factor
    if not math.isfinite(value):
        return None
    return _Quantity(match.start(), match.end(), value, factor, form)


def _unit_pattern(g: Grammar, text: str, start: int) -> re.Pattern[str]:
    """The unit pattern for units from ``start`` on: without the costly cell phrase where none can be."""
    if g.cell_cue is None:
        return g.unit
    lowered = fold(text)
    if lowered is None or g.cell_cue.search(lowered, start) is not None:
        return g.unit
    return g.unit_without_cells


_NO_FACTOR = (None, None, None, None)
_NO_UNIT = (None, None, None)


def _may_hold_dose(g: Grammar, text: str, matches: list[re.Match[str]]) -> bool:
    """False when no quantity has a multiplier or a unit after it: then ``text`` holds no dose (see
    _resolve). Most sentences with numbers hold only plain numbers ("Phase 2", "20 patients")."""
    if any(m.group("alone", "e", "pow", "mag") != _NO_FACTOR for m in matches):
        return True
    # Where the cheaper unit pattern finds a unit, the full one finds one too (its cell phrase comes first).
    plain = g.unit_without_cells
    if any((u := plain.match(text, m.end())) and u.group("cells", "unit", "den") != _NO_UNIT for m in matches):
        return True
    pattern = _unit_pattern(g, text, matches[0].end())
    if pattern is plain:
        return False
    return any((u := pattern.match(text, m.end())) and u.group("cells", "unit", "den") != _NO_UNIT for m in matches)


def _units(text: str, quantities: list[_Quantity]) -> list[_Unit | None]:
    """The unit after each quantity (see :func:`_unit_at`)."""
    pattern = _unit_pattern(grammar(), text, quantities[0].end) if quantities else None
    return [_unit_at(text, q, pattern) for q in quantities]


def _unit_at(text: str, quantity: _Quantity, unit_pattern: re.Pattern[str] | None = None) -> _Unit | None:
    """The unit written right after ``quantity``, None when there is none (or it cannot apply).

    ``unit_pattern``: ``grammar().unit`` or, for a text without a cell phrase, its cheaper equivalent.
    """
    g = grammar()
    match = (unit_pattern or g.unit).match(text, quantity.end)
    if match is None or match.end() == quantity.end:
        return None
    cells, unit, den = match.group("cells", "unit", "den")
    if not (cells or unit or den):
        return None
    den_row = classify(g.denominators, text, match.start("den"), match.end("den")) if den else None
    den_key = den_row[0] if den_row else ""
    end = match.end()
    factor = 1.0
    if cells:
        if quantity.factor == 1.0 and quantity.value < _MIN_CELLS:
            return None
        name, rule = "cells", "cells"
    elif unit:
        row = classify(g.units, text, match.start("unit"), match.end("unit"))
        name, factor = (row[0], row[1]) if row else ("other", 1.0)
        rule = name
    else:  # a count per kg without unit word: "2 x 10^6/kg" (see module doc)
        if quantity.factor == 1.0:
            return None
        name, rule = "cells", "count"
        tail = g.tail_cells.match(text, end)
        if tail:
            end = tail.end()
    full = f"{name}/{den_key}" if den_key else name
    if full not in DOSE_UNITS:
        full = "other"
    rule = f"{rule}_per_{den_key}" if den_key else rule
    start = quantity.end + len(match.group(0)) - len(match.group(0).lstrip())
    return _Unit(start, end, full, rule.replace("%", "percent").replace("/", "_per_"), factor)


def _gap(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    return start <= end and pattern.fullmatch(text, start, end) is not None


def _terms(text: str, quantities: list[_Quantity], units: list[_Unit | None] | None = None) -> list[_Term]:
    """Quantities with their units, ranges merged ("2-5 x 10^6", "between 1 and 2 mg").

    ``units``: the unit of each quantity, as :func:`_units` gives them (found when None).
    """
    g = grammar()
    if units is None:
        units = _units(text, quantities)
    terms: list[_Term] = []
    i, floor = 0, 0
    while i < len(quantities):
        q = quantities[i]
        unit = units[i]
        i += 1
        if q.start < floor:  # inside the unit of the previous term ("per one kg")
            continue
        if i < len(quantities):
            nxt = quantities[i]
            gap_start = unit.end if unit else q.end
            is_range = _gap(g.range_gap, text, gap_start, nxt.start) or (
                _gap(g.between_gap, text, gap_start, nxt.start)
                and g.between_before.search(text, max(0, q.start - _WINDOW), q.start) is not None
            )
            if is_range:
                unit2 = units[i]
                if unit is None or (unit2 is not None and unit2.unit == unit.unit):
                    terms.append(_Term(q, nxt, unit2))
                    floor = unit2.end if unit2 else nxt.end
                    i += 1
                    continue
        terms.append(_Term(q, q, unit))
        floor = unit.end if unit else q.end
    return terms


def _range_values(term: _Term, factor: float) -> tuple[float, float]:
    """Low and high of a term; a number without multiplier takes ``factor`` ("2-5 x 10^6")."""
    low = term.first.value * (factor if term.first.factor == 1.0 else 1.0)
    high = term.last.value * (factor if term.last.factor == 1.0 else 1.0)
    return (low, high) if low <= high else (high, low)


def _resolve(text: str, chain: list[_Term]) -> list[DoseMatch]:
    """Matches of a coordinated list of terms; the last term's multiplier and unit are shared."""
    if not chain:
        return []
    g = grammar()
    last = chain[-1]
    unit = last.unit
    factor = last.last.factor
    if unit is None and factor == 1.0 and all(t.first.factor == 1.0 == t.last.factor for t in chain):
        return []  # plain numbers only (most chains): nothing below would be kept
    values = []
    for term in chain:
        own = term is last
        low, high = _range_values(term, factor if (own or term.last.factor == 1.0) else 1.0)
        scale = unit.factor if unit else 1.0
        values.append((low * scale, high * scale))
    keep = len(chain) - 1  # alternatives must increase; drop everything before a decrease
    while keep > 0 and values[keep - 1][1] < values[keep][0]:
        keep -= 1
    out: list[DoseMatch] = []
    for k in range(keep, len(chain)):
        term, (low, high) = chain[k], values[k]
        own = term is last
        has_factor = term.first.factor != 1.0 or term.last.factor != 1.0 or factor != 1.0
        if unit is None and not has_factor:
            continue
        if not (math.isfinite(low) and math.isfinite(high)):
            continue
        if unit is not None and unit.unit.startswith("cells") and not has_factor and high < _MIN_CELLS:
            continue
        end = unit.end if (own and unit) else term.last.end
        forms = {term.first.form, term.last.form, last.last.form}
        form = "sci" if "sci" in forms else "million" if "million" in forms else "plain"
        rule = f"{form}{'_range' if term.first is not term.last else ''}_{unit.rule if unit else 'bare'}"
        qualifier = ""
        if k == keep:
            found = g.qualifier_before.search(text, max(0, term.first.start - _WINDOW), term.first.start)
            row = classify(g.qualifiers, text, found.start("q"), found.end("q")) if found else None
            qualifier = row[0] if row else ""
        out.append(
            DoseMatch(
                start=term.first.start,
                end=end,
                low=low,
                high=high,
                unit=unit.unit if unit else "",
                unit_text=text[unit.start : unit.end] if unit else "",
                rule=rule,
                qualifier=qualifier,
                shared=not own,
            )
        )
    return out


def _blocked(text: str, start: int) -> bool:
    """Whether the word right before ``start`` makes the number a label ("Phase 2", "n = 20")."""
    # Scanning back to the word start is much cheaper than searching a window for the blocker words.
    j = start
    while j > 0 and start - j < _WINDOW and text[j - 1] in " \t#=":
        j -= 1
    k = j
    while k > 0 and j - k < _WINDOW and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    return grammar().blocker_before.fullmatch(text, k, start) is not None


def find_doses(text: str, starts: Sequence[int] | None = None) -> list[DoseMatch]:
    """All dose-like amounts in ``text``, in text order, spans not overlapping. Never raises.

    ``starts``: sorted positions that include every position where a quantity may start, as
    :func:`~extractor.normalize.quantity_scan.quantity_starts` gives them (found when None).
    """
    if not isinstance(text, str) or not text:
        return []
    g = grammar()
    matches = quantity_matches(text, starts)
    if not matches or not _may_hold_dose(g, text, matches):
        return []
    quantities = [q for m in matches if (q := _quantity(m)) is not None]
    terms = _terms(text, quantities)
    out: list[DoseMatch] = []
    chain: list[_Term] = []
    for term in terms:
        blocked = _blocked(text, term.first.start)
        continues = chain and chain[-1].unit is None and _gap(g.list_gap, text, chain[-1].last.end, term.first.start)
        if blocked or not continues:
            out.extend(_resolve(text, chain))
            chain = []
        if blocked:  # "Phase 2", "Cohort 3": a label, not an amount
            continue
        chain.append(term)
        if term.unit is not None:
            out.extend(_resolve(text, chain))
            chain = []
    out.extend(_resolve(text, chain))
    return out


def normalize_dose(text: str) -> DoseMatch | None:
    """The dose a single expression states ("2 to 5 × 10^6 cells/kg"): its longest match, else None."""
    best = None
    for match in find_doses(text):
        if best is None or match.end - match.start > best.end - best.start:
            best = match
    return best


def parse_number(text: str) -> float | None:
    """Value of one number, with its multiplier if any ("4.5 x 10e7", "1 million", "10⁶", "six")."""
    if not isinstance(text, str):
        return None
    match = grammar().quantity.fullmatch(text.strip())
    if match is not None:
        quantity = _quantity(match)
        return quantity.value if quantity else None
    return parse_plain_number(text)
