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

#: Longest sentence a fact row carries as provenance. Real sentences are shorter (99.9% of those with a
#: fact in 5,698 registry records: under 1,000 characters); a longer one (a table or a page copied as
#: one line) is cut to this many characters around the fact. Else every fact of a one-line 1 MB record
#: would repeat the whole megabyte, in two tables.
MAX_SENTENCE_CHARS = 1000
ELLIPSIS = "…"


def sentence_context(
    text: str, sentence: tuple[int, int], start: int, end: int, limit: int = MAX_SENTENCE_CHARS
) -> str:
    """The sentence ``text[sentence[0]:sentence[1]]`` of the fact at [start, end), stripped; when longer
    than ``limit``, the ``limit`` characters around the fact, with "…" where it was cut."""
    first, last = sentence
    if last - first <= limit:
        return text[first:last].strip()
    room = max(limit - (end - start), 0)
    before = max(first, start - room // 2)
    after = min(last, end + room - (start - before))
    before = max(first, min(before, after - limit))  # near the sentence's end: the rest of the room before
    piece = text[before:after].strip()
    return (ELLIPSIS if before > first else "") + piece + (ELLIPSIS if after < last else "")


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
        sentence = sentence_context(text, (sentences[i][0], sentences[i][1]), start, end) if i >= 0 else ""
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
