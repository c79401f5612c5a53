"""Evaluation of extracted facts against hand annotations, annotator agreement, and format conversion.

* :func:`load_annotations` / :func:`validate_file`: the schema's JSONL, validated (all problems at once);
* :func:`evaluate_documents`: span P/R/F1 (strict, overlap), attribute accuracy, document-level value
  scores, bootstrap intervals over documents; :func:`agreement` for two annotators;
* :func:`write_report`: metrics.json, report.md, self-contained report.html;
* :func:`convert`: brat, doccano, Label Studio, spaCy DocBin, Prodigy;
* :func:`evaluate`: the whole run from files (the ``evaluate`` command).
"""

from extractor.evaluation.gold import (
    AnnotatedDoc,
    Problem,
    Span,
    ValidationError,
    load_annotations,
    validate_file,
    write_annotations,
)
from extractor.evaluation.interop import convert
from extractor.evaluation.metrics import EvaluationError, agreement, evaluate_documents
from extractor.evaluation.report import write_report
from extractor.evaluation.workflow import agree, evaluate

__all__ = [
    "AnnotatedDoc",
    "EvaluationError",
    "Problem",
    "Span",
    "ValidationError",
    "agree",
    "agreement",
    "convert",
    "evaluate",
    "evaluate_documents",
    "load_annotations",
    "validate_file",
    "write_annotations",
    "write_report",
]
