"""Attribute accuracy on overlap-matched span pairs.

For every label and attribute: the share of matched (gold, pred) pairs whose values agree under
:func:`extractor.evaluation.values.attribute_equal` (null = null counts as agreement, so a span whose
attribute is left null in both is not penalised). Accuracy is None when a label has no matched pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extractor.evaluation.gold import Span
from extractor.evaluation.values import attribute_equal
from extractor.schema import attributes


@dataclass
class Tally:
    """Matched pairs compared and pairs that agree."""

    pairs: int = 0
    equal: int = 0

    def to_dict(self) -> dict[str, int | float | None]:
        return {
            "pairs": self.pairs,
            "equal": self.equal,
            "accuracy": self.equal / self.pairs if self.pairs else None,
        }


def mismatched_attributes(gold: Span, pred: Span) -> list[str]:
    """Names of the attributes on which a matched pair disagrees (same label assumed)."""
    return [
        name
        for name in attributes(gold.label)
        if not attribute_equal(gold.label, name, gold.attrs.get(name), pred.attrs.get(name))
    ]


class AttributeAccuracy:
    """Accumulates attribute agreement over matched pairs of many documents."""

    def __init__(self) -> None:
        self.tallies: dict[str, dict[str, Tally]] = {}

    def add_pairs(self, pairs: Iterable[tuple[Span, Span]]) -> None:
        for gold, pred in pairs:
            per_attribute = self.tallies.setdefault(gold.label, {n: Tally() for n in attributes(gold.label)})
            wrong = set(mismatched_attributes(gold, pred))
            for name, tally in per_attribute.items():
                tally.pairs += 1
                tally.equal += name not in wrong

    def to_dict(self, label_order: Iterable[str]) -> dict[str, object]:
        """``{"per_label": {LABEL: {attr: {pairs, equal, accuracy}}}, "overall": {...}}``."""
        per_label = {
            label: {name: self.tallies.get(label, {}).get(name, Tally()).to_dict() for name in attributes(label)}
            for label in label_order
        }
        total = Tally()
        for per_attribute in self.tallies.values():
            for tally in per_attribute.values():
                total.pairs += tally.pairs
                total.equal += tally.equal
        return {"per_label": per_label, "overall": total.to_dict()}
