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
    from spacy.tokens import Doc

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


def span_attributes(span: Any) -> dict[str, Any]:
    """The schema attributes of a fact span, read from its extensions (one extension per attribute)."""
    return {name: getattr(span._, name) for name in attributes(span.label_)}


def facts_from_doc(doc: Doc) -> list[Fact]:
    """All facts of a processed Doc, in document order."""
    from extractor.pipeline.extensions import LABEL_EXTRAS
    from extractor.pipeline.scope import doc_text, sentence_scope

    known = set(labels())
    text = doc_text(doc)
    sentences = sentence_scope(doc) if len(doc) else []
    starts = [row[0] for row in sentences]
    out = []
    for span in doc.spans.get(FACTS_KEY, []):
        if span.label_ not in known:
            continue
        i = bisect_right(starts, span.start_char) - 1
        sentence = text[sentences[i][0] : sentences[i][1]].strip() if i >= 0 else ""
        out.append(
            Fact(
                doc_id=doc._.doc_id or "",
                label=span.label_,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                attrs=span_attributes(span),
                extras={name: getattr(span._, name) for name in LABEL_EXTRAS.get(span.label_, ())},
                section=span._.section or "",
                sentence=sentence,
                rule=span._.rule or "",
            )
        )
    out.sort(key=lambda f: (f.start, f.end, f.label))
    return out
