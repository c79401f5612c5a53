"""spaCy DocBin (``.spacy``) and Prodigy-style JSONL.

**DocBin.** Spans go into ``doc.spans["facts"]`` (the extractor's span group). Span extensions are
not a reliable carrier (values live in ``doc.user_data`` keyed by offsets and need the extensions
registered to be read), so attributes and the document id are stored explicitly in
``doc.user_data["protocol_facts"] = {"id": <doc id>, "spans": [<JSONL span dicts>]}`` (DocBin with
``store_user_data=True``). Docs are tokenized with a blank English tokenizer, split further at every
span boundary so that each span is a token span. Import of other DocBins: spans from the group
(``doc.ents`` when the group is absent), the id from ``user_data`` or the ``doc_id`` extension,
attributes null unless stored; labels must be schema labels.

**Prodigy.** ``{"text", "tokens", "spans": [{"start", "end", "label", "token_start", "token_end",
"attributes": {...}}], "meta": {"id": <doc id>}}``: tokens as above so the task loads in manual
recipes; schema attributes in each span's ``attributes`` (Prodigy keeps unknown span keys). Import
skips tasks answered ``reject``/``ignore`` (reported). Both formats carry everything in the schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.evaluation.gold import AnnotatedDoc
from extractor.evaluation.interop.common import AttributeLookup, SourceRecord, read_jsonl, validate_records

if TYPE_CHECKING:
    from spacy.tokens import Doc

USER_DATA_KEY = "protocol_facts"
SPANS_KEY = "facts"
_DOC_ID_EXTENSION = ("._.", "doc_id", None, None)


def _nlp() -> Any:
    import spacy  # imported here: the CLI should start without loading spaCy

    return spacy.blank("en")


def aligned_doc(nlp: Any, text: str, cuts: set[int]) -> Doc:
    """A Doc of ``text`` whose token boundaries include every offset in ``cuts``."""
    from spacy.tokens import Doc

    bounds = sorted({0, len(text), *(c for c in cuts if 0 < c < len(text))})
    words: list[str] = []
    spaces: list[bool] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        tokens = list(nlp.make_doc(text[a:b]))
        for k, token in enumerate(tokens):
            words.append(token.text)
            if k == len(tokens) - 1 and token.whitespace_:
                # Trailing whitespace as its own token, so a span may end exactly at the cut.
                spaces.append(False)
                words.append(token.whitespace_)
                spaces.append(False)
            else:
                spaces.append(bool(token.whitespace_))
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    if doc.text != text:  # cannot happen with spaCy's non-destructive tokenizer; guard the invariant
        raise ValueError("tokenization did not reproduce the text")
    return doc


def to_spacy_doc(nlp: Any, doc: AnnotatedDoc) -> Doc:
    """The annotated document as a spaCy Doc with its spans group and user data."""
    out = aligned_doc(nlp, doc.text, {s.start for s in doc.spans} | {s.end for s in doc.spans})
    out.spans[SPANS_KEY] = [out.char_span(s.start, s.end, label=s.label) for s in doc.spans]
    out.user_data[USER_DATA_KEY] = {"id": doc.id, "spans": [s.to_dict() for s in doc.spans]}
    return out


def write_docbin(docs: list[AnnotatedDoc], path: str | Path) -> list[str]:
    """Write a ``.spacy`` DocBin; returns notes."""
    from spacy.tokens import DocBin

    nlp = _nlp()
    binary = DocBin(store_user_data=True)
    for doc in docs:
        binary.add(to_spacy_doc(nlp, doc))
    binary.to_disk(path)
    return []


def _plain(value: Any) -> Any:
    """msgpack hands lists back as tuples; the schema wants lists."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def read_docbin(path: str | Path, spans_key: str = SPANS_KEY) -> tuple[list[AnnotatedDoc], list[str]]:
    """Documents of a DocBin, with notes; raises ValidationError for non-schema labels or values."""
    from spacy.tokens import DocBin

    nlp = _nlp()
    notes: list[str] = []
    records = []
    for k, doc in enumerate(DocBin().from_disk(path).get_docs(nlp.vocab), start=1):
        user = _plain(doc.user_data.get(USER_DATA_KEY) or {})
        doc_id = user.get("id") or doc.user_data.get(_DOC_ID_EXTENSION) or f"doc{k}"
        if spans_key in doc.spans:
            found = list(doc.spans[spans_key])
        else:
            found = list(doc.ents)
            notes.append(f"document {doc_id}: no span group {spans_key!r}, entities used")
        stored = AttributeLookup(user.get("spans"))
        spans = [
            {
                "start": s.start_char,
                "end": s.end_char,
                "label": s.label_,
                **stored.take(s.start_char, s.end_char, s.label_),
            }
            for s in found
        ]
        records.append(SourceRecord({"id": str(doc_id), "text": doc.text, "spans": spans}, str(path), k))
    return validate_records(records, str(path)), notes


def prodigy_task(nlp: Any, doc: AnnotatedDoc) -> dict[str, Any]:
    """One document as a Prodigy task with tokens and token-aligned spans."""
    spacy_doc = to_spacy_doc(nlp, doc)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
        for t in spacy_doc
    ]
    spans = []
    for span, source in zip(spacy_doc.spans[SPANS_KEY], doc.spans, strict=True):
        spans.append(
            {
                "start": source.start,
                "end": source.end,
                "label": source.label,
                "token_start": span.start,
                "token_end": span.end - 1,  # Prodigy's token_end is inclusive
                "attributes": dict(source.attrs),
            }
        )
    return {"text": doc.text, "tokens": tokens, "spans": spans, "meta": {"id": doc.id}}


def write_prodigy(docs: list[AnnotatedDoc], path: str | Path) -> list[str]:
    """Write Prodigy JSONL; returns notes."""
    nlp = _nlp()
    with Path(path).open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(prodigy_task(nlp, doc), ensure_ascii=False) + "\n")
    return []


def read_prodigy(path: str | Path) -> tuple[list[AnnotatedDoc], list[str]]:
    """Documents of a Prodigy JSONL file (ids: meta.id, meta.doc_id, id, _input_hash, line)."""
    path = Path(path)
    notes: list[str] = []

    def convert(task: dict[str, Any], number: int) -> SourceRecord | None:
        if task.get("answer") in ("reject", "ignore"):
            notes.append(f"{path.name}:{number}: task answered {task['answer']!r} skipped")
            return None
        meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
        doc_id = meta.get("id") or meta.get("doc_id") or task.get("id") or task.get("_input_hash") or f"line{number}"
        spans = []
        for span in task.get("spans") or []:
            if not isinstance(span, dict):
                spans.append(span)  # reported by validation
                continue
            attrs = span.get("attributes") if isinstance(span.get("attributes"), dict) else {}
            spans.append({"start": span.get("start"), "end": span.get("end"), "label": span.get("label"), **attrs})
        return SourceRecord({"id": str(doc_id), "text": task.get("text"), "spans": spans}, str(path), number)

    return read_jsonl(path, convert), notes
