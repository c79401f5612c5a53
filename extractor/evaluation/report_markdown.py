"""The evaluation report as Markdown: document counts, span scores with intervals (strict and overlap),
attribute accuracy, value scores and the conventions used."""

from __future__ import annotations

from typing import Any

from extractor.evaluation.formatting import ci, num, score_rows, side_names
from extractor.evaluation.matching import MODES


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return [line(header), "|" + "|".join("---" for _ in header) + "|", *(line(r) for r in rows), ""]


def _documents(metrics: dict[str, Any]) -> list[str]:
    docs = metrics["documents"]
    gold_name, pred_name = side_names(metrics)
    lines = [
        "## Documents",
        "",
        f"- {gold_name}: {docs['gold']}, {pred_name}: {docs['pred']}, scored: {docs['scored']}",
        f"- {gold_name} documents without a {pred_name} counterpart: {docs['missing_pred']}",
        f"- {pred_name} documents not in {gold_name} (ignored): {docs['extra_pred_ignored']}",
    ]
    for role, name in (metrics.get("files") or {}).items():
        lines.append(f"- file {role}: `{name}`")
    if "agreement" in metrics:
        lines.append(f"- {metrics['agreement']['note']}")
    lines.extend(f"- **warning**: {w}" for w in metrics["warnings"])
    return [*lines, ""]


def _span_scores(metrics: dict[str, Any]) -> list[str]:
    header = ["label", "n gold", "n pred"]
    for mode in MODES:
        header += [f"{mode} P", f"{mode} R", f"{mode} F1"]
    rows = []
    for row in score_rows(metrics):
        strict = row["strict"]
        cells = [f"**{row['name']}**" if row["name"] in ("micro", "macro") else row["name"]]
        cells += [str(strict.get("n_gold", "")), str(strict.get("n_pred", ""))]
        for mode in MODES:
            cells += [ci(row[mode], key) for key in ("precision", "recall", "f1")]
        rows.append(cells)
    counts = [
        [label, *(str(metrics[m]["per_label"][label][k]) for m in MODES for k in ("tp", "fp", "fn"))]
        for label in metrics["labels"]
    ]
    boot = metrics["bootstrap"]
    note = (
        f"Brackets: {boot['level']:.0%} bootstrap intervals ({boot['n']} resamples of documents, seed {boot['seed']})."
        if boot["n"] > 0
        else "No bootstrap intervals (--bootstrap 0)."
    )
    return [
        "## Span scores",
        "",
        note,
        "",
        *_table(header, rows),
        *_table(["label", "strict TP", "strict FP", "strict FN", "overlap TP", "overlap FP", "overlap FN"], counts),
    ]


def _attributes(metrics: dict[str, Any]) -> list[str]:
    rows = []
    for label, per_attribute in metrics["attributes"]["per_label"].items():
        for name, tally in per_attribute.items():
            rows.append([label, name, str(tally["pairs"]), str(tally["equal"]), num(tally["accuracy"])])
    overall = metrics["attributes"]["overall"]
    rows.append(["**all**", "", str(overall["pairs"]), str(overall["equal"]), num(overall["accuracy"])])
    return [
        "## Attribute accuracy (overlap-matched pairs)",
        "",
        *_table(["label", "attribute", "pairs", "equal", "accuracy"], rows),
    ]


def _values(metrics: dict[str, Any]) -> list[str]:
    values = metrics["values"]
    rows = []
    named = [(k, values["per_kind"][k]) for k in values["kinds"]]
    for name, score in [*named, ("**micro**", values["micro"]), ("**macro**", values["macro"])]:
        counts = [str(score.get(k, "")) for k in ("tp", "fp", "fn")]
        rows.append([name, *counts, *(ci(score, k) for k in ("precision", "recall", "f1"))])
    return [
        "## Document-level value scores",
        "",
        "Per document, the set of normalized values in each file (DOSE (low, high, unit); SCHEDULE days "
        "within 5 % or 1 day; ENDPOINT.kind as counts per kind).",
        "",
        *_table(["value", "TP", "FP", "FN", "P", "R", "F1"], rows),
    ]


def render_markdown(metrics: dict[str, Any], title: str = "Protocol-facts evaluation") -> str:
    """The whole report as Markdown text."""
    lines = [f"# {title}", "", *_documents(metrics), *_span_scores(metrics), *_attributes(metrics)]
    lines += _values(metrics)
    lines += ["## Conventions", ""]
    lines += [f"- **{key}**: {text}" for key, text in metrics["conventions"].items()]
    return "\n".join(lines) + "\n"
