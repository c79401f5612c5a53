"""How many times and how far apart an intervention is given, from plain text (no spaCy).

"2 infusions (M0, M3)" -> 2 administrations, 90 days apart; "a single dose" / "administered once" -> 1;
"weekly for 4 weeks" -> 4, every 7 days; "three doses" -> 3; "on days 1, 8 and 15" -> 3, every 7 days;
"repeated after 3 months" -> 2, 90 days apart. Counts of injections given at several sites in one
session ("8 intramuscular injections at designated sites") are not administrations.
The grammar is in ``data/lexicons/administration_patterns.tsv``; days follow the annotation schema
(week = 7, month = 30, year = 365).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.normalize.counts import parse_count
from extractor.normalize.lexicons import parse_value, rows_of_kind

_LEXICON = "administration_patterns.tsv"
#: Administrations above this are not a count of doses ("20 injections" may be; "40 patients" never gets here).
MAX_ADMINISTRATIONS = 60
_WORD_COUNTS = {"once": 1, "twice": 2, "thrice": 3}


@dataclass(frozen=True)
class Administrations:
    """Number of administrations and the interval between them (days), with the words that say so."""

    count: int | None
    interval_days: float | None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Grammar:
    patterns: dict[str, re.Pattern[str]]
    per_session: re.Pattern[str]
    adverbs: tuple[tuple[re.Pattern[str], float], ...]
    unit_days: tuple[tuple[re.Pattern[str], float], ...]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    days = {name: parse_value(value) for name, value in rows_of_kind(_LEXICON, "unit")}
    forms = {name: form for name, form in rows_of_kind(_LEXICON, "unit_form")}
    parts = {name: pattern for name, pattern in rows_of_kind(_LEXICON, "pattern")}
    # One-letter forms ("M3") only label visits in a list; as words they are too ambiguous.
    unit_alt = "|".join(f"(?:{alt})" for form in forms.values() for alt in form.split("|") if len(alt) > 1)
    fill = {
        "{N}": f"(?:{parts['number']})",
        "{UNIT}": f"(?:{unit_alt})",
        "{NOUN}": f"(?:{parts['noun']})",
        "{MODIFIER}": parts["modifier"],
    }

    def compiled(pattern: str) -> re.Pattern[str]:
        for key, value in fill.items():
            pattern = pattern.replace(key, value)
        return re.compile(pattern, re.IGNORECASE)

    names = (
        "count",
        "single",
        "times_per",
        "times_adverb",
        "per_unit",
        "times_count",
        "every",
        "apart",
        "repeat",
        "duration",
        "visit_list",
        "visit_run",
        "on_list",
        "given",
    )
    return _Grammar(
        patterns={name: compiled(parts[name]) for name in names},
        per_session=compiled(parts["per_session"]),
        adverbs=tuple(
            (re.compile(rf"\b(?:{p})\b", re.IGNORECASE), parse_value(v)) for p, v in rows_of_kind(_LEXICON, "adverb")
        ),
        unit_days=tuple((re.compile(rf"^(?:{forms[name]})$", re.IGNORECASE), days[name]) for name in forms),
    )


def unit_days(word: str) -> float | None:
    """Days in a unit word or visit letter ("weeks" -> 7, "M" -> 30)."""
    for pattern, value in _grammar().unit_days:
        if pattern.match(word.strip()):
            return value
    return None


def _number(text: str | None) -> int | None:
    if not text:
        return None
    return _WORD_COUNTS.get(text.strip().lower()) or parse_count(text)


def _regular_interval(points: list[float]) -> float | None:
    """The common step of sorted time points, or None when they are not evenly spaced."""
    steps = {round(b - a, 6) for a, b in zip(points, points[1:], strict=False)}
    return steps.pop() if len(steps) == 1 and next(iter(steps)) > 0 else None


def _time_list(text: str) -> tuple[int, float | None, str] | None:
    """(count, interval, evidence) from "(M0, M3)" or "on days 1, 8 and 15"."""
    g = _grammar()
    for name in ("visit_list", "visit_run"):
        m = g.patterns[name].search(text)
        if not m:
            continue
        items = re.findall(r"([A-Za-z]*)\s*(-?\d+)", m.group("list"))
        unit = next((unit_days(u) for u, _n in items if u), None)
        if unit is not None:
            points = sorted(float(n) * unit for _u, n in items)
            return len(points), _regular_interval(points), m.group(0)
    m = g.patterns["on_list"].search(text)
    if m:
        unit = unit_days(m.group("unit")) or 1.0
        points = sorted(float(n) * unit for n in re.findall(r"\d+", m.group("list")))
        return len(points), _regular_interval(points), m.group(0)
    return None


def _interval(text: str) -> tuple[float, str] | None:
    """(interval in days, evidence) of a periodic or spaced schedule."""
    g = _grammar()
    m = g.patterns["times_per"].search(text)
    if m:
        k = _number(m.group("k") or m.group("k2") or m.group(0).split()[0])
        unit = unit_days(m.group("unit"))
        if k and unit:
            return unit / k, m.group(0)
    m = g.patterns["times_adverb"].search(text)
    if m:
        k = _number(m.group("k") or m.group(0).split()[0])
        days = next((d for pattern, d in g.adverbs if pattern.fullmatch(m.group("adverb"))), None)
        if k and days:
            return days / k, m.group(0)
    for name in ("repeat", "apart", "every"):
        m = g.patterns[name].search(text)
        if not m:
            continue
        groups = m.groupdict()
        n = groups.get("n") or groups.get("n2")
        unit = unit_days(groups.get("unit") or groups.get("unit2") or "")
        if unit:
            return (_number(n) or 1) * unit, m.group(0)
    for pattern, days in g.adverbs:
        m = pattern.search(text)
        if m:
            return days, m.group(0)
    return None


def _explicit_count(text: str) -> tuple[int, str] | None:
    """(count, evidence) of "three doses", "2 infusions", skipping injections at several sites at once."""
    g = _grammar()
    for m in g.patterns["count"].finditer(text):
        n = _number(m.group(0).split()[0])
        if not n or n > MAX_ADMINISTRATIONS:
            continue
        after = text[m.end() : m.end() + 80]
        if g.per_session.match(after) or g.patterns["per_unit"].match(after):
            continue
        return n, m.group(0)
    m = g.patterns["times_count"].search(text)
    if m and (n := _number(m.group("n"))) and n <= MAX_ADMINISTRATIONS:
        return n, m.group(0)
    m = g.patterns["single"].search(text)
    if m:
        return 1, m.group(0)
    return None


def parse_administrations(text: str) -> Administrations | None:
    """The number of administrations and their interval stated in ``text``, or None if it states neither."""
    evidence: list[str] = []
    count: int | None = None
    interval: float | None = None
    listed = _time_list(text)
    if listed:
        count, interval = listed[0], listed[1]
        evidence.append(listed[2])
    explicit = _explicit_count(text)
    if explicit and count is None:
        count = explicit[0]
        evidence.append(explicit[1])
    periodic = _interval(text) if _grammar().patterns["given"].search(text) else None
    if periodic and interval is None and count != 1:
        interval = periodic[0]
        evidence.append(periodic[1])
        if count is None:
            repeat = _grammar().patterns["repeat"].search(text)
            duration = _grammar().patterns["duration"].search(text)
            if repeat:
                count = 2
            elif duration:
                span = (_number(duration.group("n")) or 0) * (unit_days(duration.group("unit")) or 0)
                if span and interval:
                    count = max(1, round(span / interval))
                    evidence.append(duration.group(0))
    if count is None and interval is None:
        return None
    return Administrations(count, interval, tuple(evidence))
