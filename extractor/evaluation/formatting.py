"""Number formatting and row building shared by the Markdown, HTML and console reports."""

from __future__ import annotations

from typing import Any

from extractor.evaluation.matching import MODES

MICRO, MACRO = "micro", "macro"


def num(value: float | None, digits: int = 3) -> str:
    """A score with fixed decimals, or an em dash for a missing one."""
    return "—" if value is None else f"{value:.{digits}f}"


def ci(score: dict[str, Any], key: str) -> str:
    """``"0.812 [0.70–0.90]"``: the score with its interval when there is one."""
    interval = (score.get("ci") or {}).get(key)
    text = num(score.get(key))
    return f"{text} [{interval[0]:.2f}–{interval[1]:.2f}]" if interval else text


def side_names(metrics: dict[str, Any]) -> tuple[str, str]:
    """What the two compared files are called: gold/predicted, or A/B for agreement."""
    return ("A", "B") if "agreement" in metrics else ("gold", "predicted")


def score_rows(metrics: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per label plus micro and macro: name, counts and per-mode score dicts."""
    rows = []
    for label in metrics["labels"]:
        rows.append({"name": label, **{mode: metrics[mode]["per_label"][label] for mode in MODES}})
    for kind in (MICRO, MACRO):
        rows.append({"name": kind, **{mode: metrics[mode][kind] for mode in MODES}})
    return rows


def summary_lines(metrics: dict[str, Any]) -> list[str]:
    """A short fixed-width table of per-label F1 (strict, overlap) for the console."""
    docs = metrics["documents"]
    head = f"{docs['scored']} document(s) scored"
    if "agreement" in metrics:
        head += f" (A: {metrics['agreement']['a_docs']}, B: {metrics['agreement']['b_docs']}, shared)"
    gold_name, pred_name = ("A", "B") if "agreement" in metrics else ("gold", "pred")
    lines = [head, f"{'label':<14}{gold_name:>6}{pred_name:>6}  {'strict P/R/F1':<20}  {'overlap P/R/F1'}"]
    for row in score_rows(metrics):
        strict, loose = row["strict"], row["overlap"]
        counts = f"{strict['n_gold']:>6}{strict['n_pred']:>6}" if "n_gold" in strict else " " * 12
        lines.append(
            f"{row['name']:<14}{counts}  "
            f"{num(strict['precision'], 2)}/{num(strict['recall'], 2)}/{num(strict['f1'], 2):<10}  "
            f"{num(loose['precision'], 2)}/{num(loose['recall'], 2)}/{num(loose['f1'], 2)}"
        )
    values = metrics["values"]["micro"]
    attrs = metrics["attributes"]["overall"]
    lines.append(
        f"values micro F1 {num(values['f1'], 2)}; attribute accuracy {num(attrs['accuracy'], 2)} "
        f"({attrs['equal']}/{attrs['pairs']})"
    )
    lines.extend(f"warning: {w}" for w in metrics["warnings"])
    return lines
