"""Facts: the extractor's output unit, independent of spaCy.

A :class:`Fact` carries what the annotation schema calls a span (label, offsets, attributes) plus its
provenance (section, sentence, rule). Facts are read off processed Docs here, outside the pipeline,
so that ``nlp.pipe(n_process=...)`` stays light.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from extractor.schema import attributes, labels

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span

#: The span group that holds every fact span of a Doc.
FACTS_KEY = "facts"


@dataclass
class Fact:
    """One extracted fact with its provenance."""

    doc_id: str
    label: str
    text: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    section: str = ""
    sentence: str = ""
    rule: str = ""

    def to_span(self) -> dict[str, Any]:
        """The fact as a span of the annotation schema's JSONL format."""
        return {"start": self.start, "end": self.end, "label": self.label, **self.attrs}

    def to_row(self) -> dict[str, Any]:
        """A flat table row: provenance columns then the label's attribute columns."""
        return {
            "doc_id": self.doc_id,
            "label": self.label,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "sentence": self.sentence,
            "rule": self.rule,
            **self.attrs,
            **self.extras,
        }


def span_attributes(span: Any, underscore: Any = None) -> dict[str, Any]:
    """The schema attributes of a fact span, read from its extensions (one extension per attribute).

    ``underscore``: the span's ``span._`` when the caller has it (each ``span._`` builds a new object).
    """
    u = span._ if underscore is None else underscore
    return {name: getattr(u, name) for name in attributes(span.label_)}


def facts_from_doc(doc: Doc, spans: Sequence[Span] | None = None) -> list[Fact]:
    """All facts of a processed Doc, in document order.

    ``spans``: the Doc's fact spans, when the caller has listed them already (every pass over the span
    group builds each Span anew).
    """
    from extractor.pipeline.extensions import LABEL_EXTRAS
    from extractor.pipeline.scope import doc_text, sentence_scope

    known = set(labels())
    text = doc_text(doc)
    sentences = sentence_scope(doc) if len(doc) else []
    starts = [row[0] for row in sentences]
    doc_id = doc._.doc_id or ""
    out = []
    for span in doc.spans.get(FACTS_KEY, []) if spans is None else spans:
        label = span.label_
        if label not in known:
            continue
        start, end = span.start_char, span.end_char
        i = bisect_right(starts, start) - 1
        sentence = text[sentences[i][0] : sentences[i][1]].strip() if i >= 0 else ""
        u = span._
        out.append(
            Fact(
                doc_id=doc_id,
                label=label,
                # The Doc's text is the tokens' texts with their whitespace: the same as span.text, faster.
                text=text[start:end],
                start=start,
                end=end,
                attrs=span_attributes(span, u),
                extras={name: getattr(u, name) for name in LABEL_EXTRAS.get(label, ())},
                section=u.section or "",
                sentence=sentence,
                rule=u.rule or "",
            )
        )
    out.sort(key=lambda f: (f.start, f.end, f.label))
    return out
