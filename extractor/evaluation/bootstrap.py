"""Percentile bootstrap confidence intervals over documents.

Documents, not spans, are the resampling unit: spans of one record are not independent (one annotator
reading, one template), so resampling documents gives the honest width. Each replicate draws
``n_docs`` documents with replacement (as multinomial weights, so the cost does not grow with the
number of spans), sums their tp/fp/fn and recomputes the scores with the zero-division convention of
:mod:`extractor.evaluation.scores`. The same seed gives the same intervals.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Replicates drawn per batch; fixed so results do not depend on memory.
_BATCH = 200


def prf_arrays(counts: np.ndarray) -> np.ndarray:
    """Precision, recall, F1 along the last axis of ``counts[..., (tp, fp, fn)]``."""
    tp, fp, fn = (counts[..., k].astype(float) for k in range(3))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    empty = (tp == 0) & (fp == 0) & (fn == 0)
    return np.stack([np.where(empty, 1.0, v) for v in (precision, recall, f1)], axis=-1)


def replicate_scores(doc_counts: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """Scores of ``n_boot`` resamples: shape ``(n_boot, rows, 3)`` from ``doc_counts (docs, rows, 3)``."""
    n_docs = doc_counts.shape[0]
    rng = np.random.default_rng(seed)
    probabilities = np.full(n_docs, 1.0 / n_docs)
    out = []
    for first in range(0, n_boot, _BATCH):
        size = min(_BATCH, n_boot - first)
        weights = rng.multinomial(n_docs, probabilities, size=size)
        totals = np.tensordot(weights, doc_counts, axes=(1, 0))
        out.append(prf_arrays(totals))
    return np.concatenate(out, axis=0)


def intervals(
    doc_counts: np.ndarray,
    n_boot: int,
    seed: int,
    level: float = 0.95,
    macro_rows: Sequence[int] = (),
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """``(row intervals (rows, 3, 2), macro intervals (3, 2))`` for precision, recall, F1.

    ``macro_rows`` are the rows averaged (unweighted) for the macro scores. Returns ``(None, None)``
    when there is nothing to resample.
    """
    if n_boot <= 0 or doc_counts.shape[0] == 0:
        return None, None
    scores = replicate_scores(doc_counts, n_boot, seed)
    tail = (1.0 - level) / 2 * 100
    bounds = np.percentile(scores, [tail, 100 - tail], axis=0)  # (2, rows, 3)
    rows = np.moveaxis(bounds, 0, -1)
    macro = None
    if len(macro_rows):
        macro_scores = scores[:, list(macro_rows), :].mean(axis=1)  # (n_boot, 3)
        macro = np.moveaxis(np.percentile(macro_scores, [tail, 100 - tail], axis=0), 0, -1)
    return rows, macro


def as_ci(bounds: np.ndarray | None) -> dict[str, list[float]] | None:
    """JSON form of one row's ``(3, 2)`` bounds: ``{"precision": [lo, hi], "recall": ..., "f1": ...}``."""
    if bounds is None:
        return None
    return {key: [float(bounds[k, 0]), float(bounds[k, 1])] for k, key in enumerate(("precision", "recall", "f1"))}
