"""Report files: metrics.json, report.md, and a self-contained, escaped report.html."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from extractor.evaluation.discrepancies import document_discrepancies
from extractor.evaluation.gold import AnnotatedDoc, make_span
from extractor.evaluation.metrics import agreement, evaluate_documents
from extractor.evaluation.report import write_report
from extractor.evaluation.report_html import highlight, render_html


@pytest.fixture
def metrics(gold_small, pred_small):
    return evaluate_documents(gold_small, pred_small, n_boot=100, seed=0)


@pytest.fixture
def written(tmp_path, metrics, gold_small, pred_small):
    return write_report(metrics, gold_small, pred_small, tmp_path / "report")


class _Collector(HTMLParser):
    """Tags, and every URL-like attribute, of an HTML page."""

    VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line", "path"}

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.stack: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "action", "data")]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href")]

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False


def test_three_files_are_written(written, metrics):
    assert {p.name for p in written.values()} == {"metrics.json", "report.md", "report.html"}
    assert json.loads(written["metrics"].read_text(encoding="utf-8")) == json.loads(json.dumps(metrics))


def test_markdown_has_all_sections(written):
    text = written["markdown"].read_text(encoding="utf-8")
    for heading in (
        "## Documents",
        "## Span scores",
        "## Attribute accuracy",
        "## Document-level value scores",
    ):
        assert heading in text
    assert "| label | n gold | n pred | strict P | strict R | strict F1 | overlap P |" in text
    assert "| ROUTE | 2 | 3 | 0.333 [" in text  # strict precision with its interval
    assert "| **micro** | 13 | 11 |" in text
    assert "| DOSE | unit | 2 | 1 | 0.500 |" in text
    assert "| SCHEDULE.days | 1 | 0 | 1 |" in text
    assert "without a predicted counterpart: 1" in text
    assert "95% bootstrap intervals (100 resamples of documents, seed 0)" in text


def test_html_is_self_contained_and_well_formed(written):
    html = written["html"].read_text(encoding="utf-8")
    collector = _Collector()
    collector.feed(html)
    assert collector.balanced
    assert not [u for u in collector.urls if u and not u.startswith("#")]
    assert "script" not in collector.tags and "link" not in collector.tags and "img" not in collector.tags
    assert not re.search(r"@import|url\(|https?://", html)
    assert "svg" in collector.tags
    assert html.count('class="cols"') == 4  # every scored document, with or without errors


def test_html_shows_each_document_side_by_side(written, gold_small):
    html = written["html"].read_text(encoding="utf-8")
    for doc in gold_small:
        assert f'id="doc-{doc.id}"' in html
    assert html.count("<h4>gold</h4>") == len(gold_small)
    assert html.count("<h4>predicted</h4>") == len(gold_small)
    assert "No predicted document." in html  # D3


def test_html_lists_errors_with_context(written):
    html = written["html"].read_text(encoding="utf-8")
    assert '<td class="k-FP">FP</td><td>ROUTE</td>' in html
    assert "spurious" in html and "missed" in html and "boundary: predicted" in html
    assert "unit: gold &#x27;mg&#x27;, predicted &#x27;mg/kg&#x27;" in html


def test_html_errors_only_leaves_out_clean_documents(metrics, gold_small, pred_small):
    everything = render_html(metrics, gold_small, pred_small)
    only_errors = render_html(metrics, gold_small, pred_small, errors_only=True)
    assert 'id="doc-D5"' in everything and 'id="doc-D5"' not in only_errors
    assert 'id="doc-D1"' in only_errors
    assert "3 of 4 documents shown (documents with errors only)" in only_errors
    limited = render_html(metrics, gold_small, pred_small, max_docs=1)
    assert limited.count('class="cols"') == 1


def test_text_is_escaped():
    text = 'A <script>alert("x")</script> & 5 mg'
    doc = AnnotatedDoc("<id>", text, [make_span(text.index("5 mg"), len(text), "DOSE")])
    metrics = evaluate_documents([doc], [AnnotatedDoc("<id>", text)], n_boot=0)
    html = render_html(metrics, [doc], [])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in html
    assert 'id="doc-&lt;id&gt;"' in html


def test_highlight_nested_and_overlapping_spans():
    text = "aa bb cc"
    spans = [make_span(0, 5, "DOSE"), make_span(3, 8, "ROUTE")]
    html = highlight(text, spans, ["", "err"])
    # Characters are never duplicated or lost: stripping tags and label chips gives the text back.
    plain = re.sub(r'<span class="tag"[^>]*>[^<]*</span>', "", html)
    assert re.sub(r"<[^>]+>", "", plain) == text
    assert html.count('class="tag"') == 2
    assert "box-shadow" in html  # the shared "bb" shows both spans
    assert 'class="hl err"' in html


def test_discrepancy_context_is_sixty_characters():
    text = "x" * 100 + "5 mg" + "y" * 100
    doc = AnnotatedDoc("a", text, [make_span(100, 104, "DOSE")])
    (error,) = document_discrepancies(doc, None)
    assert (error.kind, error.note, error.text) == ("FN", "missed", "5 mg")
    assert error.left == "x" * 60 and error.right == "y" * 60


def test_agreement_report_names_annotators(tmp_path, gold_small, pred_small):
    metrics = agreement(gold_small, pred_small, n_boot=0)
    paths = write_report(metrics, gold_small, pred_small, tmp_path)
    text = paths["markdown"].read_text(encoding="utf-8")
    assert text.startswith("# Protocol-facts annotator agreement")
    assert "No bootstrap intervals" in text and "symmetric" in text
    assert "<h4>A</h4>" in paths["html"].read_text(encoding="utf-8")
