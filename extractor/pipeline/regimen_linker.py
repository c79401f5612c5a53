"""Links each DOSE, ROUTE and SITE fact to the intervention and the arm it belongs to.

Runs last, after INTERVENTION has set the Doc's distinct interventions and arms. A fact belongs to:

* the nearest compatible intervention mention of its own sentence, within 5,000 characters (a cell
  count to a cell product, never a dose to a comparator outside the comparator's own entries; a route
  or site said of "X or placebo" to X);
* else the intervention whose ``Intervention:`` entry holds it, or the intervention of the ``Arm:``
  entry that holds it;
* else the nearest mention in the two sentences before it, or the record's only candidate.

Its arm is the ``Arm:`` entry that holds it, else the only arm holding its intervention, else the arm
whose own entry states the same dose. The links are span attributes (``intervention``, ``arm``) so
they travel with the Doc to the regimens table.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.normalize.text_ranges import RangeIndex
from extractor.pipeline.fact_spans import facts_of
from extractor.pipeline.scope import sentence_scope

LINKED = ("DOSE", "ROUTE", "SITE")
#: How many sentences before a fact may hold its intervention.
LOOKBACK_SENTENCES = 2
#: How far from a fact (in characters) a mention may be to count as nearest. Real sentences are shorter
#: (at most 2,264 characters in 5,698 registry records), so this changes nothing there; it keeps a one-line
#: record with thousands of facts and mentions from comparing every fact with every mention.
MAX_MENTION_DISTANCE = 5000


def _is_cell_unit(unit: str | None) -> bool:
    return bool(unit) and str(unit).startswith("cells")


class _Record:
    """The Doc's interventions, arms and INTERVENTION mentions, indexed for lookups."""

    def __init__(self, doc: Doc) -> None:
        self.groups: dict[str, dict[str, Any]] = {g["name"]: g for g in doc._.interventions or []}
        self.arms: list[dict[str, Any]] = doc._.arms or []
        mentions = sorted(facts_of(doc, "INTERVENTION"), key=lambda s: s.start_char)
        # Plain lists: a span's ``_`` costs an object per access, and a fact is compared with many mentions.
        self.starts = [m.start_char for m in mentions]
        self.ends = [m.end_char for m in mentions]
        self.names: list[str | None] = [m._.intervention for m in mentions]
        # Sentences as (start_char, end_char), looked up by offset: ``Span.sent`` walks the tokens of the
        # sentence, for every fact (a one-line record with thousands of facts took minutes).
        self.sentences = [(row[0], row[1]) for row in sentence_scope(doc)]
        self.sentence_starts = [start for start, _ in self.sentences]
        # Entries and arms by position, arms by what they hold: a record with thousands of arms made every
        # fact scan every arm and entry (1,000 arms took 35 s, 4,000 ten minutes).
        self.entry_arms = [a for a in self.arms if a.get("start") is not None]
        self.arm_ranges = RangeIndex([(a["start"], a["end"]) for a in self.entry_arms])
        entries = [(a, b, name) for name, g in self.groups.items() for a, b in g.get("entries", [])]
        self.entry_names = [name for _a, _b, name in entries]
        self.entry_ranges = RangeIndex([(a, b) for a, b, _name in entries])
        self.holders: dict[str, list[dict[str, Any]]] = {}
        for arm in self.arms:
            for name in dict.fromkeys(arm.get("interventions", [])):
                self.holders.setdefault(name, []).append(arm)
        # What each intervention is, worked out once: a fact in a long sentence asks it of hundreds of names.
        self.cells = {
            n for n, g in self.groups.items() if g.get("cell_type") or g.get("type") in ("cell therapy", "biological")
        }
        self.controls = {n for n, g in self.groups.items() if g.get("role") == "control"}
        self.experimental = [n for n in self.groups if n not in self.controls]
        self.only_experimental: dict[tuple[str, bool], str | None] = {}

    def is_cell(self, name: str | None) -> bool:
        return name in self.cells

    def is_control(self, name: str | None) -> bool:
        return name in self.controls

    def mentions_near(self, fact: Span, sentence: int) -> range:
        """The mentions (indexes into ``starts``, ``ends``, ``names``) of sentence number ``sentence`` that
        start within ``MAX_MENTION_DISTANCE`` of ``fact``."""
        start, end = self.sentences[sentence]
        start, end = max(start, fact.start_char - MAX_MENTION_DISTANCE), min(end, fact.end_char + MAX_MENTION_DISTANCE)
        return range(bisect_left(self.starts, start), bisect_right(self.starts, end - 1))

    def names_of(self, mentions: range) -> list[str | None]:
        """The distinct names of ``mentions``, in text order."""
        return list(dict.fromkeys(self.names[mentions.start : mentions.stop]))

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence holding character ``offset``."""
        return max(bisect_right(self.sentence_starts, offset) - 1, 0)

    def arm_at(self, offset: int) -> dict[str, Any] | None:
        """The first arm whose entry holds ``offset``."""
        k = self.arm_ranges.first(offset)
        return None if k is None else self.entry_arms[k]

    def entry_group_at(self, offset: int) -> str | None:
        """The first intervention (in the record's order) one of whose entries holds ``offset``."""
        held = self.entry_ranges.holding(offset)
        return self.entry_names[held[0]] if held else None

    def only_experimental_for(self, fact: Span) -> str | None:
        """The record's only experimental intervention ``fact`` may belong to, else None (the same for every
        fact of one label and kind of dose: worked out once)."""
        key = (fact.label_, fact.label_ == "DOSE" and _is_cell_unit(fact._.unit))
        if key not in self.only_experimental:
            names = _preferred(fact, self.experimental, self, False)
            self.only_experimental[key] = names[0] if len(names) == 1 else None
        return self.only_experimental[key]

    def arms_holding(self, name: str) -> list[dict[str, Any]]:
        """The arms that hold intervention ``name``, in order."""
        return self.holders.get(name, [])


def _allowed(fact: Span, name: str | None, rec: _Record, in_control_entry: bool) -> bool:
    """May ``fact`` belong to intervention ``name``? Doses never go to comparators outside their entries."""
    if not name:
        return False
    return not (fact.label_ == "DOSE" and rec.is_control(name) and not in_control_entry)


def _preferred(fact: Span, names: list[str], rec: _Record, in_control_entry: bool) -> list[str]:
    """The candidates a fact prefers: cell products for cell counts, products over comparators."""
    names = [n for n in names if _allowed(fact, n, rec, in_control_entry)]
    if fact.label_ == "DOSE":
        cell = _is_cell_unit(fact._.unit)
        same_kind = [n for n in names if rec.is_cell(n) == cell]
        names = same_kind or names
    if not in_control_entry:
        names = [n for n in names if not rec.is_control(n)] or names
    return names


def _nearest(fact: Span, rec: _Record, mentions: range, allowed: list[str]) -> str | None:
    """The name of the mention nearest to ``fact`` among ``mentions`` whose name is ``allowed`` (the first
    one on a tie)."""
    best, best_gap = None, None
    first, last = fact.start_char, fact.end_char
    wanted = set(allowed)  # a list searched for every mention cost the square of a long sentence's names
    for k in mentions:
        name = rec.names[k]
        if name not in wanted:
            continue
        gap = max(0, rec.starts[k] - last, first - rec.ends[k])
        if best_gap is None or gap < best_gap:
            best, best_gap = name, gap
    return best


def link_intervention(fact: Span, rec: _Record) -> str | None:
    """The name of the distinct intervention ``fact`` belongs to, or None."""
    arm = rec.arm_at(fact.start_char)
    entry = rec.entry_group_at(fact.start_char)
    in_control_entry = bool((arm and arm.get("role") == "control") or (entry and rec.is_control(entry)))
    number = rec.sentence_at(fact.start_char)
    here = rec.mentions_near(fact, number)
    found = _nearest(fact, rec, here, _preferred(fact, rec.names_of(here), rec, in_control_entry))
    if found and in_control_entry and not rec.is_control(found):
        # "IV infusion of excipient of Prochymal" in the placebo's entry is said of the placebo.
        own = entry if entry and rec.is_control(entry) else None
        if own is None and arm:
            own = next((n for n in arm.get("interventions", []) if rec.is_control(n)), None)
        found = own or found
    if found:
        return found
    if entry and _allowed(fact, entry, rec, in_control_entry):
        return entry
    if arm:
        held = _preferred(fact, list(arm.get("interventions", [])), rec, in_control_entry)
        if held:
            return held[0]
    if arm is None and entry is None:
        for previous in range(number - 1, max(number - 1 - LOOKBACK_SENTENCES, -1), -1):
            before = rec.mentions_near(fact, previous)
            found = _nearest(fact, rec, before, _preferred(fact, rec.names_of(before), rec, False))
            if found:
                return found
    return rec.only_experimental_for(fact)


def link_arm(fact: Span, name: str | None, rec: _Record, arm_doses: dict[str, set[tuple]]) -> str | None:
    """The label of the arm ``fact`` belongs to, or None."""
    arm = rec.arm_at(fact.start_char)
    if arm:
        return arm["label"]
    if not name:
        return None
    holding = rec.arms_holding(name)
    if len(holding) == 1:
        return holding[0]["label"]
    if fact.label_ == "DOSE" and holding:
        value = (fact._.low, fact._.high, fact._.unit)
        same = [a for a in holding if value in arm_doses.get(a["label"], set())]
        if len(same) == 1:
            return same[0]["label"]
    return None


class RegimenLinker:
    """Sets ``intervention`` and ``arm`` on DOSE, ROUTE and SITE facts."""

    def __call__(self, doc: Doc) -> Doc:
        facts = [f for label in LINKED for f in facts_of(doc, label)]
        if not facts:
            return doc
        rec = _Record(doc)
        # Facts inside arm entries first: their doses tell a description's dose which arm it is.
        facts.sort(key=lambda f: (rec.arm_at(f.start_char) is None, f.start_char))
        arm_doses: dict[str, set[tuple]] = {}
        for fact in facts:
            name = link_intervention(fact, rec)
            fact._.intervention = name
            fact._.arm = link_arm(fact, name, rec, arm_doses)
            if fact.label_ == "DOSE" and fact._.arm and rec.arm_at(fact.start_char):
                arm_doses.setdefault(fact._.arm, set()).add((fact._.low, fact._.high, fact._.unit))
        return doc


@Language.factory("protocol_regimen_linker", default_config={})
def make_regimen_linker(nlp: Language, name: str) -> RegimenLinker:
    """The linker of regimen facts to interventions and arms (runs last)."""
    return RegimenLinker()
