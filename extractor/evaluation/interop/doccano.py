"""doccano JSONL, both sequence-labelling variants.

* ``label``:    ``{"text", "label": [[start, end, LABEL], ...]}`` (doccano's classic export/import)
* ``entities``: ``{"text", "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": []}``
  (the export of projects with relation labelling)

doccano has no slot for span attributes or our document id; doccano keeps unknown top-level keys as
document metadata, so export adds ``doc_id`` and ``span_attributes`` (the full span dicts, matched back
by start/end/label on import, so re-ordering or deleting spans in doccano does not misplace them).
Spans added in doccano get null attributes. Import reads ``doc_id`` (top level or in ``meta``), then
``id``, then the line number. Cannot carry without the extra keys: attributes, string document ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.evaluation.gold import AnnotatedDoc
from extractor.evaluation.interop.common import (
    ATTRIBUTES_KEY,
    AttributeLookup,
    SourceRecord,
    attribute_records,
    read_jsonl,
)

VARIANTS = ("label", "entities")


def doccano_record(doc: AnnotatedDoc, variant: str = "label") -> dict[str, Any]:
    """One document as a doccano JSONL record."""
    record: dict[str, Any] = {"text": doc.text}
    if variant == "label":
        record["label"] = [[s.start, s.end, s.label] for s in doc.spans]
    elif variant == "entities":
        record["entities"] = [
            {"id": k, "label": s.label, "start_offset": s.start, "end_offset": s.end}
            for k, s in enumerate(doc.spans, start=1)
        ]
        record["relations"] = []
    else:
        raise ValueError(f"unknown doccano variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    record["doc_id"] = doc.id
    record[ATTRIBUTES_KEY] = attribute_records(doc.spans)
    return record


def write_doccano(docs: list[AnnotatedDoc], path: str | Path, variant: str = "label") -> list[str]:
    """Write doccano JSONL; returns notes."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doccano_record(doc, variant), ensure_ascii=False) + "\n")
    return []


def _raw_spans(record: dict[str, Any]) -> list[tuple[Any, Any, Any]]:
    if isinstance(record.get("entities"), list):
        return [
            (e.get("start_offset"), e.get("end_offset"), e.get("label")) if isinstance(e, dict) else (None,) * 3
            for e in record["entities"]
        ]
    raw = record.get("label", record.get("labels", []))
    if not isinstance(raw, list):
        return []  # a text-classification label, not spans
    return [tuple(item[:3]) if isinstance(item, list) and len(item) >= 3 else (None,) * 3 for item in raw]


def _lookup(record: dict[str, Any], key: str) -> Any:
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    return record.get(key, meta.get(key))


def read_doccano(path: str | Path) -> tuple[list[AnnotatedDoc], list[str]]:
    """Documents of a doccano JSONL file (either variant), with notes; raises ValidationError."""
    path = Path(path)
    notes: list[str] = []

    def convert(record: dict[str, Any], number: int) -> SourceRecord:
        doc_id = _lookup(record, "doc_id") or record.get("id") or f"line{number}"
        stored = AttributeLookup(_lookup(record, ATTRIBUTES_KEY))
        spans = [{"start": s, "end": e, "label": lab, **stored.take(s, e, lab)} for s, e, lab in _raw_spans(record)]
        if stored.leftover():
            notes.append(f"{path.name}:{number}: attributes of {stored.leftover()} span(s) no longer present dropped")
        text = record.get("text", record.get("data"))
        return SourceRecord({"id": str(doc_id), "text": text, "spans": spans}, str(path), number)

    return read_jsonl(path, convert), notes
