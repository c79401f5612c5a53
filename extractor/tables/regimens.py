"""Regimens (table ``regimens``): one row per trial x arm x intervention with dose, route, site and schedule.

The regimen linker has set ``intervention`` and ``arm`` on every DOSE, ROUTE and SITE fact. A row of an
arm and an intervention gathers the facts linked to both; facts linked to the intervention but to no
arm (a summary sentence) count for every arm holding it, unless the arm has its own facts of that
label. The number of administrations and their interval are parsed
(:mod:`extractor.normalize.administrations`) from the arm's entry, the intervention's entries and the
sentences of the gathered facts, in that order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span

from extractor.facts import FACTS_KEY
from extractor.normalize.administrations import Administrations, parse_administrations
from extractor.pipeline.scope import doc_text, sentence_scope, sentence_starts

TABLE = "regimens"
_LINKED = ("DOSE", "ROUTE", "SITE")


def _number(value: float) -> str:
    """45000000.0 -> "45000000", 0.5 -> "0.5" (no exponent notation in a table cell)."""
    return format(value, ".15g") if abs(value) < 1e15 else format(value, "g")


def dose_text(low: float | None, high: float | None, unit: str | None) -> str:
    if low is None:
        return ""
    value = _number(low) if high in (None, low) else f"{_number(low)}-{_number(high)}"
    return f"{value} {unit or ''}".strip()


def unique_values(values: list[Any]) -> list[Any]:
    """Values in first-seen order, without repeats and empty values."""
    return list(dict.fromkeys(v for v in values if v not in (None, "")))


class _LinkedFacts:
    """The DOSE, ROUTE and SITE facts linked to an intervention, by intervention and arm (looked up per arm
    x intervention: scanning every fact for every pair took minutes for a record with thousands of arms)."""

    def __init__(self, linked: list[Span]) -> None:
        self.by_arm: dict[tuple[str, str], list[Span]] = {}
        self.arm_free: dict[str, list[Span]] = {}
        self.every: dict[str, list[Span]] = {}
        for fact in linked:
            name, arm = fact._.intervention, fact._.arm
            self.every.setdefault(name, []).append(fact)
            if arm is None:
                self.arm_free.setdefault(name, []).append(fact)
            else:
                self.by_arm.setdefault((name, arm), []).append(fact)

    def of(self, name: str, arm: str | None) -> list[Span]:
        """The facts of one arm x intervention: its own, else (per label) the intervention's arm-free facts."""
        own = self.by_arm.get((name, arm), []) if arm is not None else []
        shared = self.arm_free.get(name, []) if arm is not None else self.every.get(name, [])
        out = []
        for label in _LINKED:
            mine = [f for f in own if f.label_ == label]
            out += mine or [f for f in shared if f.label_ == label]
        return out


def _dose_columns(doses: list[Span]) -> dict[str, Any]:
    valued = [d for d in doses if d._.low is not None]
    if not valued:
        return {"dose_low": None, "dose_high": None, "dose_unit": None, "doses": ""}
    unit = Counter(d._.unit for d in valued).most_common(1)[0][0]
    same = [d for d in valued if d._.unit == unit]
    return {
        "dose_low": min(d._.low for d in same),
        "dose_high": max(d._.high if d._.high is not None else d._.low for d in same),
        "dose_unit": unit,
        "doses": "; ".join(unique_values([dose_text(d._.low, d._.high, d._.unit) for d in valued])),
    }


def _fact_sentences(doc: Doc, facts: list[Span]) -> list[tuple[int, int]]:
    """The character ranges of the facts' ``Span.sent``, in text order, each sentence once, read off the
    sentence table: ``Span.sent`` walks the sentence's tokens, for every fact (minutes for a one-line record
    with thousands of facts)."""
    table = sentence_scope(doc)
    starts = sentence_starts(doc)
    # Each sentence once (many facts may share one long sentence), in text order.
    numbers = dict.fromkeys(bisect_right(starts, f.start_char) - 1 for f in sorted(facts, key=lambda f: f.start_char))
    out = []
    for number in numbers:
        start, _end, _first, last = table[number][:4]
        token = doc[last - 1]  # the sentence ends where its last token does, as Span.text does
        out.append((start, token.idx + len(token)))
    return out


class _AdministrationTexts:
    """``parse_administrations`` of ranges of one Doc's text, each range parsed once: an arm's entry, an
    intervention's entries and a long sentence serve many arm x intervention rows (parsing them again for
    each took minutes for an arm that names hundreds of interventions)."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        self.parsed: dict[tuple[int, int], Administrations | None] = {}

    def parse(self, start: int, end: int) -> Administrations | None:
        key = (start, end)
        if key not in self.parsed:
            self.parsed[key] = parse_administrations(self.text[start:end])
        return self.parsed[key]


def _administrations(
    doc: Doc, arm: dict[str, Any] | None, group: dict[str, Any], facts: list[Span], texts: _AdministrationTexts
) -> dict[str, Any]:
    ranges: list[tuple[int, int]] = []
    if arm and arm.get("start") is not None:
        ranges.append((arm["start"], arm["end"]))
    ranges += [(a, b) for a, b in group.get("entries", [])]
    ranges += _fact_sentences(doc, facts)
    count = interval = None
    evidence: list[str] = []
    for start, end in ranges:
        found = texts.parse(start, end)
        if found is None:
            continue
        if count is None and found.count is not None:
            count = found.count
            evidence += found.evidence
        if interval is None and found.interval_days is not None:
            interval = found.interval_days
            evidence += [e for e in found.evidence if e not in evidence]
        if count is not None and interval is not None:
            break
    return {
        "n_administrations": count,
        "interval_days": interval,
        "administrations": "; ".join(unique_values(evidence)),
    }


def regimen_rows(doc: Doc, doc_id: str | None = None, fact_spans: Sequence[Span] | None = None) -> list[dict[str, Any]]:
    """One row per arm x intervention of ``doc`` (per intervention when the trial has no arms).

    ``fact_spans``: the Doc's fact spans, when the caller has listed them already.
    """
    groups = {g["name"]: g for g in doc._.interventions or []}
    arms = doc._.arms or []
    spans = doc.spans.get(FACTS_KEY, []) if fact_spans is None else fact_spans
    linked = _LinkedFacts([s for s in spans if s.label_ in _LINKED and s._.intervention])
    pairs: list[tuple[dict[str, Any] | None, str]] = [(a, n) for a in arms for n in a.get("interventions", [])]
    if not arms:
        pairs = [(None, n) for n in groups]
    texts = _AdministrationTexts(doc)
    rows = []
    for arm, name in pairs:
        group = groups.get(name, {"name": name})
        facts = linked.of(name, arm["label"] if arm else None)
        sites = [f for f in facts if f.label_ == "SITE"]
        n_sites = [f._.n_sites for f in sites if f._.n_sites is not None]
        rows.append(
            {
                "doc_id": doc_id if doc_id is not None else doc._.doc_id,
                "arm": arm["label"] if arm else None,
                "arm_type": arm.get("type") if arm else None,
                "arm_role": arm.get("role") if arm else None,
                "intervention": name,
                "role": group.get("role"),
                "type": group.get("type"),
                **_dose_columns([f for f in facts if f.label_ == "DOSE"]),
                "route": "; ".join(unique_values([f._.route for f in facts if f.label_ == "ROUTE"])),
                "site": "; ".join(unique_values([f._.site for f in sites])),
                "n_sites": max(n_sites) if n_sites else None,
                **_administrations(doc, arm, group, facts, texts),
                "n_facts": len(facts),
            }
        )
    return rows
