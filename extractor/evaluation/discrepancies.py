"""What went wrong in one document: false negatives, false positives and attribute disagreements,
each with its context, for the reports.

FN/FP are strict-mode errors (a span whose offsets are not exactly in the other side). When the span
still overlaps a same-label span of the other side, the note says so: a boundary error, not a miss.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.evaluation.attribute_accuracy import mismatched_attributes
from extractor.evaluation.gold import AnnotatedDoc, Span
from extractor.evaluation.matching import match_overlap, match_strict

#: Characters of context shown on each side of an error.
CONTEXT = 60

FN, FP, ATTRIBUTE = "FN", "FP", "ATTR"


@dataclass
class Discrepancy:
    """One error with the span it concerns and its surroundings."""

    kind: str
    label: str
    start: int
    end: int
    text: str
    left: str
    right: str
    note: str = ""


def _context(text: str, span: Span, width: int) -> tuple[str, str]:
    left = text[max(0, span.start - width) : span.start]
    right = text[span.end : span.end + width]
    return left, right


def _value(value: object) -> str:
    return "null" if value is None else repr(value)


def _where(doc_text: str, span: Span) -> str:
    return f"{doc_text[span.start : span.end]!r} [{span.start}-{span.end}]"


def document_discrepancies(gold: AnnotatedDoc, pred: AnnotatedDoc | None, width: int = CONTEXT) -> list[Discrepancy]:
    """Errors of ``pred`` against ``gold`` (a missing prediction: every gold span is FN), by position."""
    predicted = pred.spans if pred is not None else []
    text = gold.text
    strict = match_strict(gold.spans, predicted)
    loose = match_overlap(gold.spans, predicted)
    gold_partner = dict(loose.pairs)
    pred_partner = {j: i for i, j in loose.pairs}
    out = []

    def add(kind: str, span: Span, note: str) -> None:
        out.append(
            Discrepancy(
                kind,
                span.label,
                span.start,
                span.end,
                text[span.start : span.end],
                *_context(text, span, width),
                note,
            )
        )

    for i in strict.unmatched_gold:
        j = gold_partner.get(i)
        note = f"boundary: predicted {_where(text, predicted[j])}" if j is not None else "missed"
        add(FN, gold.spans[i], note)
    for j in strict.unmatched_pred:
        i = pred_partner.get(j)
        note = f"boundary: gold {_where(text, gold.spans[i])}" if i is not None else "spurious"
        add(FP, predicted[j], note)
    for i, j in loose.pairs:
        g, p = gold.spans[i], predicted[j]
        for name in mismatched_attributes(g, p):
            add(
                ATTRIBUTE,
                g,
                f"{name}: gold {_value(g.attrs.get(name))}, predicted {_value(p.attrs.get(name))}",
            )
    out.sort(key=lambda d: (d.start, d.end, d.kind))
    return out
