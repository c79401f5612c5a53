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
from dataclasses import dataclass

from .dose_grammar import DOSE_UNITS, classify, grammar, power_exponent
from .numbers import parse_plain_number

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


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    value: float
    factor: float  # the multiplier written with the number (1.0 when none)
    form: str  # "sci", "million" or "plain"


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    unit: str  # schema unit
    rule: str  # unit part of the rule name
    factor: float = 1.0  # conversion to the schema unit ("cGy" -> Gy: 0.01)


@dataclass(frozen=True)
class _Term:
    first: _Quantity
    last: _Quantity  # the same as first unless the term is a range
    unit: _Unit | None


def _quantity(match: re.Match[str]) -> _Quantity | None:
    """The value of one quantity match, None when it is not a finite number."""
    g = grammar()
    if match.group("alone") is not None:
        exponent = power_exponent(match)
        if exponent is None:
            return None
        factor = 10.0**exponent
        return _Quantity(match.start(), match.end(), factor, factor, "sci")
    number = parse_plain_number(match.group("num"))
    if number is None:
        return None
    factor, form = 1.0, "plain"
    if match.group("e") is not None:
        factor, form = 10.0 ** int(match.group("e")[1:]), "sci"
        if match.group("num") == "10":  # "10e6 cells" means 10^6, not 10 x 10^6
            number = 1.0
    elif match.group("pow") is not None:
        exponent = power_exponent(match)
        if exponent is None:
            return None
        factor, form = 10.0**exponent, "sci"
    elif match.group("mag") is not None:
        row = classify(g.magnitudes, match.string, match.start("mag"), match.end("mag"))
        factor, form = (row[0], "million") if row else (1.0, "plain")
    value = number * factor
    if not math.isfinite(value):
        return None
    return _Quantity(match.start(), match.end(), value, factor, form)


def _unit_at(text: str, quantity: _Quantity) -> _Unit | None:
    """The unit written right after ``quantity``, None when there is none (or it cannot apply)."""
    g = grammar()
    match = g.unit.match(text, quantity.end)
    if match is None or match.end() == quantity.end:
        return None
    cells, unit, den = match.group("cells"), match.group("unit"), match.group("den")
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


def _terms(text: str, quantities: list[_Quantity]) -> list[_Term]:
    """Quantities with their units, ranges merged ("2-5 x 10^6", "between 1 and 2 mg")."""
    g = grammar()
    terms: list[_Term] = []
    i, floor = 0, 0
    while i < len(quantities):
        q = quantities[i]
        i += 1
        if q.start < floor:  # inside the unit of the previous term ("per one kg")
            continue
        unit = _unit_at(text, q)
        if i < len(quantities):
            nxt = quantities[i]
            gap_start = unit.end if unit else q.end
            is_range = _gap(g.range_gap, text, gap_start, nxt.start) or (
                _gap(g.between_gap, text, gap_start, nxt.start)
                and g.between_before.search(text, max(0, q.start - _WINDOW), q.start) is not None
            )
            if is_range:
                unit2 = _unit_at(text, nxt)
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


def find_doses(text: str) -> list[DoseMatch]:
    """All dose-like amounts in ``text``, in text order, spans not overlapping. Never raises."""
    if not isinstance(text, str) or not text:
        return []
    g = grammar()
    quantities = [q for m in g.quantity.finditer(text) if (q := _quantity(m)) is not None]
    out: list[DoseMatch] = []
    chain: list[_Term] = []
    for term in _terms(text, quantities):
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
