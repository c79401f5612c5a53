"""Scoring predictions against gold: span P/R/F1 (strict and overlap), attribute accuracy, value scores,
bootstrap intervals, and inter-annotator agreement.

Documents are paired by id. A gold document without a prediction counts all its spans as false
negatives; predicted documents absent from gold are ignored (and counted in a warning); a paired
document whose text differs from gold's is an error, because offsets would not mean the same thing.
The result is a plain JSON-safe dict (see :func:`evaluate_documents`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from extractor.evaluation import bootstrap
from extractor.evaluation.attribute_accuracy import AttributeAccuracy
from extractor.evaluation.gold import AnnotatedDoc
from extractor.evaluation.matching import MODES, OVERLAP, match
from extractor.evaluation.scores import ZERO_DIVISION_CONVENTION, Counts, macro, score_dict
from extractor.evaluation.values import VALUE_KINDS, document_value_counts
from extractor.schema import labels as schema_labels

#: Listed at most this many ids in a warning.
_MAX_IDS = 10

CONVENTIONS = {
    "zero_division": ZERO_DIVISION_CONVENTION,
    "strict": "same start, end and label",
    "overlap": "same label and at least one shared character; one-to-one, greedy by largest overlap "
    "(ties: smaller boundary difference, then document order)",
    "micro": "scores of tp/fp/fn summed over labels (and documents)",
    "macro": "unweighted mean of per-label precision, recall and F1 over the labels present in gold or prediction",
    "attributes": "share of overlap-matched pairs with equal values; null equals null; numbers within 1e-9 "
    "relative; SCHEDULE days/every/through within max(5% of gold, 1 day); day lists pair one to one",
    "values": "per document, the set of normalized values in gold vs prediction; tp/fp/fn summed over documents",
    "bootstrap": "percentile intervals; documents resampled with replacement; scores recomputed from summed counts",
}


class EvaluationError(ValueError):
    """Gold and prediction cannot be scored together (duplicate ids, texts that differ)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _ids_text(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:_MAX_IDS])
    return shown + (f", … ({len(ids) - _MAX_IDS} more)" if len(ids) > _MAX_IDS else "")


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def _by_id(docs: Sequence[AnnotatedDoc], side: str) -> dict[str, AnnotatedDoc]:
    out: dict[str, AnnotatedDoc] = {}
    duplicates = []
    for doc in docs:
        if doc.id in out:
            duplicates.append(doc.id)
        out[doc.id] = doc
    if duplicates:
        raise EvaluationError([f"duplicate {side} document id(s): {_ids_text(duplicates)}"])
    return out


def pair_documents(
    gold: Sequence[AnnotatedDoc], pred: Sequence[AnnotatedDoc]
) -> tuple[list[tuple[AnnotatedDoc, AnnotatedDoc | None]], dict[str, int], list[str]]:
    """Gold documents with their prediction (or None), document counts, and warnings."""
    _by_id(gold, "gold")
    predicted = _by_id(pred, "predicted")
    gold_ids = {d.id for d in gold}
    problems = []
    for doc in gold:
        other = predicted.get(doc.id)
        if other is not None and other.text != doc.text:
            at = _first_difference(doc.text, other.text)
            problems.append(f"document {doc.id}: predicted text differs from gold text (first at offset {at})")
    if problems:
        raise EvaluationError(problems)
    pairs = [(doc, predicted.get(doc.id)) for doc in gold]
    missing = [g.id for g, p in pairs if p is None]
    extra = [d.id for d in pred if d.id not in gold_ids]
    warnings = []
    if missing:
        warnings.append(
            f"{len(missing)} gold document(s) without prediction, all their spans are false negatives: "
            f"{_ids_text(missing)}"
        )
    if extra:
        warnings.append(f"{len(extra)} predicted document(s) not in gold were ignored: {_ids_text(extra)}")
    counts = {
        "gold": len(gold),
        "pred": len(pred),
        "scored": len(gold),
        "missing_pred": len(missing),
        "extra_pred_ignored": len(extra),
    }
    return pairs, counts, warnings


def _label_order(pairs: list[tuple[AnnotatedDoc, AnnotatedDoc | None]]) -> list[str]:
    present = {s.label for g, p in pairs for s in [*g.spans, *(p.spans if p else [])]}
    return [label for label in schema_labels() if label in present]


def _mode_block(doc_counts: np.ndarray, names: list[str], n_boot: int, seed: int, level: float) -> dict[str, Any]:
    """Per-name and micro/macro scores with intervals; the last row of ``doc_counts`` is the total."""
    totals = doc_counts.sum(axis=0)
    rows, macro_bounds = bootstrap.intervals(doc_counts, n_boot, seed, level, macro_rows=range(len(names)))
    per_name = {}
    for k, name in enumerate(names):
        per_name[name] = score_dict(Counts(*(int(v) for v in totals[k])))
        per_name[name]["ci"] = bootstrap.as_ci(rows[k] if rows is not None else None)
    micro = score_dict(Counts(*(int(v) for v in totals[-1])))
    micro["ci"] = bootstrap.as_ci(rows[-1] if rows is not None else None)
    macro_scores: dict[str, Any] = macro(per_name)
    macro_scores["ci"] = bootstrap.as_ci(macro_bounds if names else None)
    return {"per_label": per_name, "micro": micro, "macro": macro_scores}


def _value_block(doc_counts: np.ndarray, kinds: list[str], n_boot: int, seed: int, level: float) -> dict[str, Any]:
    block = _mode_block(doc_counts, kinds, n_boot, seed, level)
    return {"kinds": kinds, "per_kind": block["per_label"], "micro": block["micro"], "macro": block["macro"]}


def evaluate_documents(
    gold: list[AnnotatedDoc],
    pred: list[AnnotatedDoc],
    *,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> dict[str, Any]:
    """All scores of ``pred`` against ``gold`` as a JSON-safe dict.

    Keys: ``documents`` (counts), ``warnings``, ``labels`` (present ones, schema order), ``strict`` and
    ``overlap`` (each ``per_label``/``micro``/``macro`` with tp, fp, fn, n_gold, n_pred, precision, recall,
    f1 and ``ci`` = 95 % bootstrap intervals or None), ``attributes`` (accuracy on overlap-matched pairs),
    ``values`` (document-level value scores: ``kinds``, ``per_kind``, ``micro``, ``macro``),
    ``per_document`` (tp/fp/fn by mode),
    ``bootstrap`` (settings) and ``conventions``. Raises :class:`EvaluationError` on duplicate ids or
    differing texts.
    """
    pairs, doc_counts, warnings = pair_documents(gold, pred)
    names = _label_order(pairs)
    column = {label: k for k, label in enumerate(names)}
    span_counts = {mode: np.zeros((len(pairs), len(names) + 1, 3), dtype=np.int64) for mode in MODES}
    value_counts = np.zeros((len(pairs), len(VALUE_KINDS) + 1, 3), dtype=np.int64)
    accuracy = AttributeAccuracy()
    per_document: dict[str, Any] = {}
    for d, (g, p) in enumerate(pairs):
        predicted = p.spans if p is not None else []
        per_document[g.id] = {"missing_pred": p is None}
        for mode in MODES:
            alignment = match(g.spans, predicted, mode)
            table = span_counts[mode][d]
            for i, _ in alignment.pairs:
                table[column[g.spans[i].label], 0] += 1
            for j in alignment.unmatched_pred:
                table[column[predicted[j].label], 1] += 1
            for i in alignment.unmatched_gold:
                table[column[g.spans[i].label], 2] += 1
            table[-1] = table[:-1].sum(axis=0)
            tp, fp, fn = (int(v) for v in table[-1])
            per_document[g.id][mode] = {"tp": tp, "fp": fp, "fn": fn}
            if mode == OVERLAP:
                accuracy.add_pairs((g.spans[i], predicted[j]) for i, j in alignment.pairs)
        for k, counts in enumerate(document_value_counts(g.spans, predicted).values()):
            value_counts[d, k] = counts.as_tuple()
        value_counts[d, -1] = value_counts[d, :-1].sum(axis=0)
    present = [k for k in range(len(VALUE_KINDS)) if value_counts[:, k].sum() > 0]
    kept_values = value_counts[:, [*present, len(VALUE_KINDS)], :]
    value_names = [VALUE_KINDS[k] for k in present]
    return {
        "documents": doc_counts,
        "warnings": warnings,
        "labels": names,
        **{mode: _mode_block(span_counts[mode], names, n_boot, seed, level) for mode in MODES},
        "attributes": accuracy.to_dict(names),
        "values": _value_block(kept_values, value_names, n_boot, seed, level),
        "per_document": per_document,
        "bootstrap": {"n": n_boot, "seed": seed, "level": level, "unit": "document"},
        "conventions": CONVENTIONS,
    }


AGREEMENT_NOTE = (
    "A is treated as gold and B as prediction; swapping them swaps precision and recall and leaves F1 "
    "(and tp) unchanged, so F1 is the symmetric agreement measure (value scores nearly so: the day "
    "tolerance is relative to A's day). Only documents in both files are compared."
)


def agreement(
    a_docs: list[AnnotatedDoc], b_docs: list[AnnotatedDoc], *, n_boot: int = 1000, seed: int = 0
) -> dict[str, Any]:
    """Inter-annotator agreement: :func:`evaluate_documents` on the shared documents, A as gold."""
    a_ids = {d.id for d in a_docs}
    b_ids = {d.id for d in b_docs}
    shared = a_ids & b_ids
    if not shared:
        raise EvaluationError(["the two files have no document id in common"])
    result = evaluate_documents(
        [d for d in a_docs if d.id in shared], [d for d in b_docs if d.id in shared], n_boot=n_boot, seed=seed
    )
    result["agreement"] = {
        "a_docs": len(a_docs),
        "b_docs": len(b_docs),
        "shared": len(shared),
        "only_a": sorted(a_ids - shared),
        "only_b": sorted(b_ids - shared),
        "note": AGREEMENT_NOTE,
    }
    return result
