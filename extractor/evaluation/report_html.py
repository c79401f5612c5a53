"""The evaluation report as one self-contained HTML page.

Everything is inline (CSS, SVG chart; no scripts, fonts or links), so the file can be mailed or
archived. Each document shows gold and predicted spans side by side, highlighted in the manner of
displaCy's "span" style (coloured background, label tag at the start, stacked underlines where spans
nest or overlap), followed by its FP/FN/attribute errors with ±60 characters of context.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from extractor.evaluation.discrepancies import Discrepancy, document_discrepancies
from extractor.evaluation.formatting import ci, num, score_rows, side_names
from extractor.evaluation.gold import AnnotatedDoc, Span
from extractor.evaluation.matching import MODES, match_overlap, match_strict
from extractor.evaluation.svg_chart import bar_chart
from extractor.evaluation.values import attribute_equal

#: (background, strong) colour per label.
LABEL_COLOURS = {
    "INTERVENTION": ("#cfe3ff", "#3b7dd8"),
    "DOSE": ("#ffe0b8", "#e07b00"),
    "ROUTE": ("#d4f5c9", "#3c9a2f"),
    "SITE": ("#fbf3b0", "#a88d00"),
    "ENDPOINT": ("#ead9ff", "#7d4cc4"),
    "SCHEDULE": ("#c9f1f5", "#15909b"),
    "SAMPLE_SIZE": ("#ffd3ef", "#c4388f"),
}
_DEFAULT_COLOURS = ("#e6e6e6", "#777777")

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5em;color:#222;
max-width:1600px}
table{border-collapse:collapse;margin:.5em 0 1.2em}th,td{border:1px solid #ccc;padding:3px 7px;font-size:13px}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:bold}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.doc{white-space:pre-wrap;font-size:13px;line-height:2.1;border:1px solid #ddd;padding:8px;background:#fff;
overflow-wrap:anywhere}
.hl{border-radius:3px;padding:1px 0}.err{outline:2px dashed #d62728;outline-offset:1px}
.attr{outline:2px dotted #9467bd;outline-offset:1px}
.tag{font-size:9px;font-weight:bold;color:#fff;border-radius:3px;padding:0 3px;margin-right:2px;
vertical-align:super;line-height:1}
.ctx{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap}
mark{background:#ffe08a}details{margin:.6em 0;border-top:1px solid #eee;padding-top:.4em}
summary{cursor:pointer;font-weight:bold}.k-FN{color:#d62728}.k-FP{color:#e07b00}.k-ATTR{color:#7d4cc4}
.warn{color:#a33}.legend span{margin-right:1em}
"""


def _colours(label: str) -> tuple[str, str]:
    return LABEL_COLOURS.get(label, _DEFAULT_COLOURS)


def _describe(span: Span) -> str:
    attrs = ", ".join(f"{k}={v}" for k, v in span.attrs.items() if v is not None)
    return f"{span.label} [{span.start}-{span.end}]" + (f" {attrs}" if attrs else "")


def highlight(text: str, spans: Sequence[Span], status: Sequence[str] = ()) -> str:
    """Escaped ``text`` with ``spans`` highlighted; ``status[i]`` adds a CSS class ("err", "attr")."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    # Longer spans first, so the innermost span's colour is the background of a shared segment.
    order = sorted(range(len(spans)), key=lambda k: (spans[k].start, -spans[k].length()))
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for k in order:
            if spans[k].start == a:
                strong = _colours(spans[k].label)[1]
                out.append(f'<span class="tag" style="background:{strong}">{escape(spans[k].label)}</span>')
        active = [k for k in order if spans[k].start <= a and spans[k].end >= b]
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        inner = active[-1]
        shadows = ",".join(
            f"inset 0 -{3 * (n + 1)}px 0 {_colours(spans[k].label)[1]}" for n, k in enumerate(active[:-1])
        )
        classes = " ".join(["hl", *sorted({status[k] for k in active if k < len(status) and status[k]})])
        style = f"background:{_colours(spans[inner].label)[0]}" + (f";box-shadow:{shadows}" if shadows else "")
        title = escape(" | ".join(_describe(spans[k]) for k in active))
        out.append(f'<span class="{classes}" style="{style}" title="{title}">{piece}</span>')
    return "".join(out)


def _statuses(gold: AnnotatedDoc, pred: AnnotatedDoc | None) -> tuple[list[str], list[str]]:
    """Per-span CSS class on each side: "err" (not strictly matched), "attr" (values differ), or ""."""
    predicted = pred.spans if pred is not None else []
    strict = match_strict(gold.spans, predicted)
    gold_status = ["err" if i in strict.unmatched_gold else "" for i in range(len(gold.spans))]
    pred_status = ["err" if j in strict.unmatched_pred else "" for j in range(len(predicted))]
    for i, j in match_overlap(gold.spans, predicted).pairs:
        g, p = gold.spans[i], predicted[j]
        if any(not attribute_equal(g.label, n, g.attrs.get(n), p.attrs.get(n)) for n in g.attrs):
            gold_status[i] = gold_status[i] or "attr"
            pred_status[j] = pred_status[j] or "attr"
    return gold_status, pred_status


def _score_table(metrics: dict[str, Any]) -> str:
    head = (
        "<tr><th>label</th><th>n gold</th><th>n pred</th>"
        + "".join(f"<th>{m} P</th><th>{m} R</th><th>{m} F1</th>" for m in MODES)
        + "</tr>"
    )
    rows = []
    for row in score_rows(metrics):
        total = row["name"] in ("micro", "macro")
        strict = row["strict"]
        cells = [escape(row["name"]), str(strict.get("n_gold", "")), str(strict.get("n_pred", ""))]
        cells += [ci(row[m], k) for m in MODES for k in ("precision", "recall", "f1")]
        tds = "".join(f'<td class="n">{escape(c)}</td>' if i else f"<td>{c}</td>" for i, c in enumerate(cells))
        rows.append(f'<tr class="{"total" if total else ""}">{tds}</tr>')
    return f"<table>{head}{''.join(rows)}</table>"


def _chart(metrics: dict[str, Any]) -> str:
    rows = score_rows(metrics)
    names = [r["name"] for r in rows]
    values = [[r[m]["f1"] for r in rows] for m in MODES]
    intervals = [[tuple(r[m]["ci"]["f1"]) if r[m].get("ci") else None for r in rows] for m in MODES]
    return bar_chart(names, list(MODES), values, intervals, title="F1 per label (95% bootstrap interval)")


def _small_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _attribute_table(metrics: dict[str, Any]) -> str:
    rows = [
        [label, name, str(t["pairs"]), str(t["equal"]), num(t["accuracy"])]
        for label, per in metrics["attributes"]["per_label"].items()
        for name, t in per.items()
    ]
    overall = metrics["attributes"]["overall"]
    rows.append(["all", "", str(overall["pairs"]), str(overall["equal"]), num(overall["accuracy"])])
    return _small_table(["label", "attribute", "pairs", "equal", "accuracy"], rows)


def _value_table(metrics: dict[str, Any]) -> str:
    values = metrics["values"]
    named = [(k, values["per_kind"][k]) for k in values["kinds"]]
    rows = [
        [
            name,
            *(str(s.get(k, "")) for k in ("tp", "fp", "fn")),
            *(ci(s, k) for k in ("precision", "recall", "f1")),
        ]
        for name, s in [*named, ("micro", values["micro"]), ("macro", values["macro"])]
    ]
    return _small_table(["value", "TP", "FP", "FN", "P", "R", "F1"], rows)


def _error_table(errors: list[Discrepancy]) -> str:
    if not errors:
        return "<p>No errors.</p>"
    rows = []
    for e in errors:
        context = f"…{escape(e.left)}<mark>{escape(e.text)}</mark>{escape(e.right)}…"
        rows.append(
            f'<tr><td class="k-{e.kind}">{e.kind}</td><td>{escape(e.label)}</td>'
            f'<td class="n">{e.start}-{e.end}</td>'
            f'<td class="ctx">{context}</td><td>{escape(e.note)}</td></tr>'
        )
    head = "<tr><th>kind</th><th>label</th><th>offsets</th><th>context (±60 characters)</th><th>note</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _document(gold: AnnotatedDoc, pred: AnnotatedDoc | None, metrics: dict[str, Any], errors: list) -> str:
    gold_name, pred_name = side_names(metrics)
    gold_status, pred_status = _statuses(gold, pred)
    counts = metrics["per_document"].get(gold.id, {})
    summary = escape(gold.id) + "".join(
        f" — {m} tp {counts[m]['tp']} fp {counts[m]['fp']} fn {counts[m]['fn']}" for m in MODES if m in counts
    )
    pred_html = (
        highlight(gold.text, pred.spans, pred_status)
        if pred is not None
        else f'<p class="warn">No {escape(pred_name)} document.</p>'
    )
    return (
        f'<details{" open" if errors else ""} id="doc-{escape(gold.id)}"><summary>{summary}</summary>'
        f'<div class="cols"><div><h4>{escape(gold_name)}</h4><div class="doc">'
        f"{highlight(gold.text, gold.spans, gold_status)}</div></div>"
        f'<div><h4>{escape(pred_name)}</h4><div class="doc">{pred_html}</div></div></div>'
        f"{_error_table(errors)}</details>"
    )


def render_html(
    metrics: dict[str, Any],
    gold: Sequence[AnnotatedDoc],
    pred: Sequence[AnnotatedDoc],
    *,
    errors_only: bool = False,
    max_docs: int | None = None,
    title: str = "Protocol-facts evaluation",
) -> str:
    """The whole report page; ``errors_only`` leaves out documents without any error."""
    predicted = {d.id: d for d in pred}
    scored = [d for d in gold if d.id in metrics["per_document"]]
    sections, shown = [], 0
    for doc in scored:
        if max_docs is not None and shown >= max_docs:
            break
        errors = document_discrepancies(doc, predicted.get(doc.id))
        if errors_only and not errors:
            continue
        sections.append(_document(doc, predicted.get(doc.id), metrics, errors))
        shown += 1
    docs = metrics["documents"]
    gold_name, pred_name = side_names(metrics)
    facts = (
        f"<p>{gold_name}: {docs['gold']} documents, {pred_name}: {docs['pred']}, scored: {docs['scored']}, "
        f"without {pred_name}: {docs['missing_pred']}, ignored {pred_name}: {docs['extra_pred_ignored']}.</p>"
    )
    notes = "".join(f'<p class="warn">{escape(w)}</p>' for w in metrics["warnings"])
    if "agreement" in metrics:
        notes += f"<p>{escape(metrics['agreement']['note'])}</p>"
    legend = (
        '<p class="legend"><span class="hl err">dashed</span>: not matched exactly (FN on the gold side, FP '
        'on the predicted side); <span class="hl attr">dotted</span>: matched, attribute values differ. '
        "Hover a span for its attributes.</p>"
    )
    shown_note = f"<p>{shown} of {len(scored)} documents shown" + (
        " (documents with errors only)" if errors_only else ""
    )
    conventions = "".join(f"<li><b>{escape(k)}</b>: {escape(v)}</li>" for k, v in metrics["conventions"].items())
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1>{facts}{notes}"
        f"<h2>Span scores</h2>{_score_table(metrics)}{_chart(metrics)}"
        f"<h2>Attribute accuracy (overlap-matched pairs)</h2>{_attribute_table(metrics)}"
        f"<h2>Document-level value scores</h2>{_value_table(metrics)}"
        f"<h2>Documents</h2>{legend}{shown_note}.</p>{''.join(sections)}"
        f"<h2>Conventions</h2><ul>{conventions}</ul></body></html>\n"
    )
