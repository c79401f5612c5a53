"""Precision, recall and F1 from counts, with one explicit zero-division convention.

Convention (used everywhere, bootstrap included):

* nothing in gold and nothing predicted (tp = fp = fn = 0): precision = recall = F1 = 1.0 — there was
  nothing to find and nothing was wrongly found, so a file scored against itself is 1.0 throughout;
* otherwise a zero denominator gives 0.0 (no predictions: precision 0; nothing in gold: recall 0), and
  F1 = 2PR / (P + R), or 0.0 when P + R = 0.
"""

from __future__ import annotations

from dataclasses import dataclass

ZERO_DIVISION_CONVENTION = (
    "tp=fp=fn=0 gives precision=recall=F1=1.0; any other zero denominator gives 0.0; F1=2PR/(P+R), 0.0 when P+R=0"
)


@dataclass
class Counts:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_tuple(self) -> tuple[int, int, int]:
        return (self.tp, self.fp, self.fn)


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` under the module's zero-division convention."""
    if tp == 0 and fp == 0 and fn == 0:
        return 1.0, 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_dict(counts: Counts) -> dict[str, float | int]:
    """Counts with precision, recall and F1, JSON-ready."""
    precision, recall, f1 = prf(*counts.as_tuple())
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "n_gold": counts.tp + counts.fn,
        "n_pred": counts.tp + counts.fp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def macro(per_label: dict[str, dict[str, float | int]]) -> dict[str, float]:
    """Unweighted means of per-label precision, recall and F1 (1.0 for an empty set of labels)."""
    if not per_label:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    n = len(per_label)
    return {key: sum(float(s[key]) for s in per_label.values()) / n for key in ("precision", "recall", "f1")}
