"""File-level entry points: evaluate a gold file (against a prediction file or the extractor itself) and
compare two annotators' files, writing the reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.evaluation.gold import AnnotatedDoc, docs_from_dicts, load_annotations, write_annotations
from extractor.evaluation.metrics import EvaluationError, agreement, evaluate_documents
from extractor.evaluation.report import write_report

#: File the extractor's predictions are saved to when evaluate runs the extractor.
PREDICTIONS_FILE = "predictions.jsonl"


def predict_gold_texts(gold: list[AnnotatedDoc]) -> tuple[list[AnnotatedDoc], list[str]]:
    """Run the extractor on the gold documents' texts: predictions, and a warning per failed document.

    ``extractor.api`` is imported lazily (loading the pipeline is slow). A document the extractor could
    not process (a record with an ``error`` key) is left out, so its gold spans count as missed.
    """
    try:
        from extractor.api import predict_documents
    except ImportError as err:
        raise EvaluationError([f"the extractor is not available ({err}); pass predictions with --pred"]) from err
    records, failures = [], []
    for record in predict_documents((doc.id, doc.text) for doc in gold):
        if record.get("error"):
            failures.append(f"extractor failed on {record.get('id')}: {record['error']}")
        else:
            records.append({key: record[key] for key in ("id", "text", "spans") if key in record})
    return docs_from_dicts(records, "extractor output"), failures


def evaluate(
    gold_path: str | Path,
    pred_path: str | Path | None = None,
    out_dir: str | Path | None = None,
    *,
    n_boot: int = 1000,
    seed: int = 0,
    html_errors_only: bool = False,
    html_max_docs: int | None = None,
) -> dict[str, Any]:
    """Score predictions (a JSONL file, or the extractor run on the gold texts) against a gold file.

    With ``out_dir`` the reports are written there (and, when the extractor ran, its predictions as
    ``predictions.jsonl``). Returns the metrics dict of :func:`evaluate_documents`.
    Raises ValidationError for invalid files and EvaluationError for files that cannot be paired.
    """
    gold = load_annotations(gold_path)
    if not gold:
        raise EvaluationError([f"{gold_path}: no documents"])
    if pred_path is not None:
        pred, failures = load_annotations(pred_path), []
    else:
        pred, failures = predict_gold_texts(gold)
    metrics = evaluate_documents(gold, pred, n_boot=n_boot, seed=seed)
    metrics["warnings"] += failures
    metrics["files"] = {"gold": str(gold_path), "pred": str(pred_path) if pred_path else "extractor"}
    if out_dir is not None:
        if pred_path is None:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            write_annotations(pred, Path(out_dir) / PREDICTIONS_FILE)
        write_report(metrics, gold, pred, out_dir, html_errors_only=html_errors_only, html_max_docs=html_max_docs)
    return metrics


def agree(
    a_path: str | Path,
    b_path: str | Path,
    out_dir: str | Path | None = None,
    *,
    n_boot: int = 1000,
    seed: int = 0,
    html_errors_only: bool = False,
) -> dict[str, Any]:
    """Agreement between two annotation files on their shared documents (A treated as gold)."""
    a_docs, b_docs = load_annotations(a_path), load_annotations(b_path)
    metrics = agreement(a_docs, b_docs, n_boot=n_boot, seed=seed)
    metrics["files"] = {"a": str(a_path), "b": str(b_path)}
    if out_dir is not None:
        shared = {d.id for d in b_docs}
        write_report(metrics, [d for d in a_docs if d.id in shared], b_docs, out_dir, html_errors_only=html_errors_only)
    return metrics
