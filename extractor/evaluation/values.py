"""Value comparison and document-level value scores.

Span offsets are one way to be right; the value a reader takes from a record is another. For each
document and value kind the *set* of normalized values in gold is compared with the set in the
prediction (where the value was written does not matter, nor how often):

==================  ==========================================================================
kind                values
==================  ==========================================================================
DOSE                ``(low, high, unit)`` tuples
ROUTE.route         route values
SITE.site           site heads (lowercased, stripped)
SITE.n_sites        site counts
SCHEDULE.days       every time point of every SCHEDULE span; a predicted day matches a gold day
                    within 5 % of the gold day or 1 day, whichever is larger (one to one)
SAMPLE_SIZE.n       participant counts
ENDPOINT.kind       *counts* of endpoints per kind (a multiset: 3 primary vs 2 primary = 2 TP, 1 FN)
==================  ==========================================================================

Null values are left out; a DOSE tuple is left out only when all three parts are null. Numbers are
compared after rounding to 10 significant digits (equal within ~1e-9 relative).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from extractor.evaluation.gold import Span
from extractor.evaluation.scores import Counts

VALUE_KINDS = (
    "DOSE",
    "ROUTE.route",
    "SITE.site",
    "SITE.n_sites",
    "SCHEDULE.days",
    "SAMPLE_SIZE.n",
    "ENDPOINT.kind",
)

#: SCHEDULE attributes measured in days, compared with the day tolerance.
DAY_ATTRIBUTES = {("SCHEDULE", "days"), ("SCHEDULE", "every"), ("SCHEDULE", "through")}


def day_tolerance(gold_day: float) -> float:
    """Allowed distance from a gold day: 5 % of it or 1 day, whichever is larger."""
    return max(0.05 * abs(gold_day), 1.0)


def numbers_equal(a: float, b: float) -> bool:
    """Equal within 1e-9 relative (exactly equal for zero)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def days_close(gold_day: float, pred_day: float) -> bool:
    return abs(pred_day - gold_day) <= day_tolerance(gold_day)


def match_days(gold_days: Sequence[float], pred_days: Sequence[float]) -> int:
    """Number of one-to-one pairs of days within tolerance, closest pairs first."""
    candidates = sorted(
        (abs(p - g), i, j) for i, g in enumerate(gold_days) for j, p in enumerate(pred_days) if days_close(g, p)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    return len(used_gold)


def _day_lists_equal(gold: list[float], pred: list[float]) -> bool:
    return len(gold) == len(pred) and match_days(gold, pred) == len(gold)


def attribute_equal(label: str, name: str, gold: Any, pred: Any) -> bool:
    """Whether two values of one attribute agree (null equals null only)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if (label, name) in DAY_ATTRIBUTES:
        if isinstance(gold, list) and isinstance(pred, list):
            return _day_lists_equal(gold, pred)
        if isinstance(gold, list) or isinstance(pred, list):
            return False
        return days_close(gold, pred)
    if isinstance(gold, (int, float)) and isinstance(pred, (int, float)):
        return numbers_equal(gold, pred)
    return gold == pred


def _number_key(value: Any) -> Any:
    """A hashable key that merges numbers equal to ~1e-9 relative (10 significant digits)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(f"{value:.10g}")
    return value


def _values(spans: Iterable[Span], label: str, read: Callable[[Span], Hashable | None]) -> set[Hashable]:
    return {v for s in spans if s.label == label and (v := read(s)) is not None}


def _dose(span: Span) -> tuple[Any, Any, Any] | None:
    key = tuple(_number_key(span.attrs.get(k)) for k in ("low", "high", "unit"))
    return None if all(v is None for v in key) else key


def _site(span: Span) -> str | None:
    site = span.attrs.get("site")
    return site.strip().lower() if isinstance(site, str) and site.strip() else None


_SET_KINDS: dict[str, tuple[str, Callable[[Span], Hashable | None]]] = {
    "DOSE": ("DOSE", _dose),
    "ROUTE.route": ("ROUTE", lambda s: s.attrs.get("route")),
    "SITE.site": ("SITE", _site),
    "SITE.n_sites": ("SITE", lambda s: _number_key(s.attrs.get("n_sites"))),
    "SAMPLE_SIZE.n": ("SAMPLE_SIZE", lambda s: _number_key(s.attrs.get("n"))),
}


def _set_counts(gold: set[Hashable], pred: set[Hashable]) -> Counts:
    tp = len(gold & pred)
    return Counts(tp, len(pred) - tp, len(gold) - tp)


def _days(spans: Iterable[Span]) -> list[float]:
    found = {_number_key(d) for s in spans if s.label == "SCHEDULE" for d in (s.attrs.get("days") or [])}
    return sorted(found)


def _kind_counts(spans: Iterable[Span]) -> Counter[str]:
    return Counter(s.attrs["kind"] for s in spans if s.label == "ENDPOINT" and s.attrs.get("kind") is not None)


def document_value_counts(gold: Sequence[Span], pred: Sequence[Span]) -> dict[str, Counts]:
    """tp/fp/fn of every value kind for one document."""
    out: dict[str, Counts] = {}
    for kind, (label, read) in _SET_KINDS.items():
        out[kind] = _set_counts(_values(gold, label, read), _values(pred, label, read))
    gold_days, pred_days = _days(gold), _days(pred)
    matched = match_days(gold_days, pred_days)
    out["SCHEDULE.days"] = Counts(matched, len(pred_days) - matched, len(gold_days) - matched)
    gold_kinds, pred_kinds = _kind_counts(gold), _kind_counts(pred)
    common = sum((gold_kinds & pred_kinds).values())
    out["ENDPOINT.kind"] = Counts(common, sum(pred_kinds.values()) - common, sum(gold_kinds.values()) - common)
    return {kind: out[kind] for kind in VALUE_KINDS}
