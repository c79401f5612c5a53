"""Writing an evaluation's files: metrics.json, report.md and the self-contained report.html."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extractor.evaluation.gold import AnnotatedDoc
from extractor.evaluation.report_html import render_html
from extractor.evaluation.report_markdown import render_markdown


def write_report(
    metrics: dict[str, Any],
    gold: Sequence[AnnotatedDoc],
    pred: Sequence[AnnotatedDoc],
    out_dir: str | Path,
    *,
    html_errors_only: bool = False,
    html_max_docs: int | None = None,
    title: str | None = None,
) -> dict[str, Path]:
    """Write the three report files into ``out_dir`` (created if needed); returns their paths by name.

    ``html_errors_only`` / ``html_max_docs`` keep the HTML small for large evaluations.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if title is None:
        title = "Protocol-facts annotator agreement" if "agreement" in metrics else "Protocol-facts evaluation"
    paths = {"metrics": out / "metrics.json", "markdown": out / "report.md", "html": out / "report.html"}
    paths["metrics"].write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["markdown"].write_text(render_markdown(metrics, title), encoding="utf-8")
    html = render_html(metrics, gold, pred, errors_only=html_errors_only, max_docs=html_max_docs, title=title)
    paths["html"].write_text(html, encoding="utf-8")
    return paths
