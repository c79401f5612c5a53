"""Design facts of a trial from text (no spaCy): allocation and its ratio, masking, comparator, phase.

Two kinds of input: running text ("randomised (1:1)", "double-blind, placebo-controlled", "phase I/II")
and the structured lines a rendered record writes ("Allocation: Randomized", "Masking: Quadruple (...)",
"Phase: Phase 1/Phase 2") or the registry's enum values ("QUADRUPLE", "PHASE1"). Values are lowercase:
masking none|single|double|triple|quadruple; allocation randomized|non-randomized|single group|n/a;
phases "1", "1/2", "early 1", "n/a". Patterns are in ``data/lexicons/design_patterns.tsv``.

The running-text functions take a string or, to lower-case a long text once for all of them, its
:func:`~extractor.normalize.caseless.folded`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.normalize.caseless import CaselessPattern, Folded, folded
from extractor.normalize.lexicons import read_rows
from extractor.normalize.pattern_literals import Clause, possible, required_clauses

_LEXICON = "design_patterns.tsv"
#: Kinds of one row, compiled on their own below.
_SINGLE_KINDS = frozenset({"ratio", "ratio_cue", "ratio_window", "phase"})
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
_LINE = re.compile(
    r"^(?P<field>Allocation|Masking|Phase|Enrollment|Study Type):[ \t]*(?P<value>.+?)[ \t]*$", re.MULTILINE
)


@dataclass(frozen=True)
class _Patterns:
    #: The rows of the structured-line kinds (``masking_line``, ...), anchored at the value's start.
    rows: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    #: The rows of the running-text kinds (``masking``, ``allocation``, ``control``), from a word boundary.
    text_rows: dict[str, tuple[tuple[str, CaselessPattern], ...]]
    ratio: re.Pattern[str]
    #: Strings every ratio match holds (one of each clause): a text without them has no ratio.
    ratio_required: tuple[Clause, ...]
    ratio_cue: CaselessPattern
    ratio_window: int
    phase: CaselessPattern


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    rows: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    text_rows: dict[str, list[tuple[str, CaselessPattern]]] = {}
    for kind, value, pattern in read_rows(_LEXICON):
        if kind in _SINGLE_KINDS:
            continue
        if kind.endswith("_line"):
            rows.setdefault(kind, []).append((value, re.compile(rf"^(?:{pattern})\b", re.IGNORECASE)))
        else:
            text_rows.setdefault(kind, []).append((value, CaselessPattern.words(pattern, prefilter=True)))
    raw = {kind: value_pattern for kind, *value_pattern in read_rows(_LEXICON)}
    return _Patterns(
        rows={kind: tuple(found) for kind, found in rows.items()},
        text_rows={kind: tuple(found) for kind, found in text_rows.items()},
        ratio=re.compile(raw["ratio"][1]),
        ratio_required=required_clauses(raw["ratio"][1]),
        ratio_cue=CaselessPattern.compile(raw["ratio_cue"][1], prefilter=True, boundary=True),
        ratio_window=int(raw["ratio_window"][1]),
        phase=CaselessPattern.compile(raw["phase"][1], prefilter=True, boundary=True),
    )


def _earliest(kind: str, text: Folded) -> str | None:
    """The value of the row of ``kind`` that matches earliest in ``text`` (the first such row on a tie)."""
    best: tuple[int, str] | None = None
    for value, pattern in _patterns().text_rows[kind]:
        m = pattern.search(*text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), value)
    return best[1] if best else None


def _first_row(kind: str, value: str) -> str | None:
    for normalized, pattern in _patterns().rows[kind]:
        if pattern.search(value.strip().replace("_", " ")):
            return normalized
    return None


def structured_lines(text: str) -> dict[str, str]:
    """The rendered design lines of a record's text: {"allocation", "masking", "phase", "enrollment", "study type"}."""
    out: dict[str, str] = {}
    for m in _LINE.finditer(text):
        out.setdefault(m.group("field").lower(), m.group("value"))
    return out


def masking_from_text(text: str | Folded) -> str | None:
    """Masking stated in running text ("double-blind" -> "double", "open-label" -> "none")."""
    return _earliest("masking", folded(text))


def masking_from_line(value: str | None) -> str | None:
    """Masking from a "Masking:" line value or the registry's enum ("Quadruple (Participant, ...)", "NONE")."""
    return _first_row("masking_line", value) if value else None


def allocation_from_text(text: str | Folded) -> str | None:
    """Allocation stated in running text ("randomised" -> "randomized", "single-arm" -> "single group")."""
    return _earliest("allocation", folded(text))


def allocation_from_line(value: str | None) -> str | None:
    """Allocation from an "Allocation:" line value or the registry's enum ("RANDOMIZED", "Non Randomized")."""
    return _first_row("allocation_line", value) if value else None


def allocation_ratio(text: str | Folded) -> str | None:
    """The first allocation ratio with a randomisation word near it: "randomised (1:1)" -> "1:1"."""
    p = _patterns()
    text, low = folded(text)
    if not possible(p.ratio_required, low) or not p.ratio_cue.possible(low):
        return None
    for m in p.ratio.finditer(text):
        a, b = max(0, m.start() - p.ratio_window), m.end() + p.ratio_window
        if p.ratio_cue.search(text[a:b], low[a:b] if low is not None else None):
            return re.sub(r"\s+", "", m.group("ratio"))
    return None


def control_types_from_text(text: str | Folded) -> list[str]:
    """Comparator kinds the text speaks of, in lexicon order ("placebo-controlled" -> ["placebo"])."""
    pair = folded(text)
    return [value for value, pattern in _patterns().text_rows["control"] if pattern.search(*pair)]


def _phase_number(token: str) -> str:
    return _ROMAN.get(token.upper(), token)


def phases_from_text(text: str | Folded) -> list[str]:
    """Phases named in running text, normalized and in order ("Phase I/II" -> ["1/2"])."""
    out: list[str] = []
    for m in _patterns().phase.finditer(*folded(text)):
        a = _phase_number(m.group("a"))
        b = _phase_number(m.group("b")) if m.group("b") else None
        value = f"{a}/{b}" if b and b != a else a
        if m.group("early"):
            value = f"early {value}"
        if value not in out:
            out.append(value)
    return out


def phase_from_registry(phases: list[str] | str | None) -> str | None:
    """A record's phase: from the enum list (["PHASE1", "PHASE2"]) or a "Phase:" line ("Phase 1/Phase 2")."""
    if not phases:
        return None
    items = (
        phases if isinstance(phases, list) else re.split(r"\s*/\s*(?=phase|early|n/?a)", phases, flags=re.IGNORECASE)
    )
    values = []
    for item in items:
        text = str(item).strip().upper().replace("_", " ")
        if text in ("NA", "N/A"):
            values.append("n/a")
            continue
        m = re.search(r"(EARLY\s*)?PHASE\s*(IV|I{1,3}|\d)", text)
        if m:
            values.append(("early " if m.group(1) else "") + _phase_number(m.group(2)))
    return "/".join(dict.fromkeys(values)) or None


def phase_conflict(text_phases: list[str], registry_phase: str | None) -> bool:
    """True when the text names a phase the registry's phase does not include."""
    if not text_phases or not registry_phase or registry_phase == "n/a":
        return False
    registry = {p.replace("early ", "") for p in registry_phase.split("/")}
    named = {part.replace("early ", "") for value in text_phases for part in value.split("/")}
    return not named <= registry
