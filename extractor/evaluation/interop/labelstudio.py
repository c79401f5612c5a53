"""Label Studio JSON tasks (import into a project; read back an export).

Export: a JSON list of tasks ``{"data": {"text", "doc_id"}, "predictions": [{"model_version", "result"}]}``
(or ``"annotations"`` with ``target="annotations"``). Each span is a ``labels`` result; each non-null
attribute is a *per-region* result with the same region ``id`` (Label Studio's own way of attaching
values to a region, editable in its UI): enums as ``choices``, numbers as ``number``, strings and day
lists (JSON text) as ``textarea``. :func:`labeling_config` writes the matching labeling configuration
(``<stem>.config.xml`` beside the tasks), which shows each attribute only for its label.

Import reads Label Studio's JSON export (also a file of tasks as written here): per task the first
non-cancelled annotation, else the first prediction (``source`` chooses). Document id: ``data.doc_id``,
else ``data.id``, else the task id. A region with several labels becomes one span per label.
Cannot carry: null vs absent (both mean null); everything else round-trips.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from extractor.evaluation.gold import AnnotatedDoc, Problem, ValidationError
from extractor.evaluation.interop.common import SourceRecord, coerce_attribute, validate_records
from extractor.schema import attributes, labels, load_schema

TEXT_NAME, LABELS_NAME = "text", "label"
#: Result type and value key per schema attribute type.
CONTROL = {
    "enum": ("choices", "choices"),
    "integer": ("number", "number"),
    "number": ("number", "number"),
    "string": ("textarea", "text"),
    "number_list": ("textarea", "text"),
}


def labeling_config() -> str:
    """A Label Studio labeling config: the label set plus one per-region control per attribute."""
    parts = [
        "<View>",
        f'  <Labels name="{LABELS_NAME}" toName="{TEXT_NAME}">',
        *(f'    <Label value="{escape(label)}"/>' for label in labels()),
        "  </Labels>",
        f'  <Text name="{TEXT_NAME}" value="$text"/>',
    ]
    for label, spec in load_schema()["labels"].items():
        for name, desc in spec.items():
            show = f'perRegion="true" visibleWhen="region-selected" whenLabelValue="{escape(label)}"'
            head = f'name="{name}" toName="{TEXT_NAME}" {show}'
            if desc["type"] == "enum":
                choices = "".join(f'<Choice value="{escape(v)}"/>' for v in desc["values"])
                parts.append(f'  <Header value="{escape(name)}"/><Choices {head} choice="single">{choices}</Choices>')
            elif desc["type"] in ("integer", "number"):
                parts.append(f'  <Header value="{escape(name)}"/><Number {head}/>')
            else:
                parts.append(f'  <Header value="{escape(name)}"/><TextArea {head} maxSubmissions="1"/>')
    parts.append("</View>")
    return "\n".join(parts) + "\n"


def _results(doc: AnnotatedDoc) -> Iterator[dict[str, Any]]:
    for k, span in enumerate(doc.spans, start=1):
        region = {"start": span.start, "end": span.end, "text": doc.text[span.start : span.end]}
        common = {"id": f"s{k}", "to_name": TEXT_NAME}
        yield {
            **common,
            "from_name": LABELS_NAME,
            "type": "labels",
            "value": {**region, "labels": [span.label]},
        }
        for name, value in span.attrs.items():
            if value is None:
                continue
            kind = attributes(span.label)[name]["type"]
            result_type, key = CONTROL[kind]
            if result_type == "choices":
                shown: Any = [value]
            elif result_type == "textarea":
                shown = [json.dumps(value) if kind == "number_list" else value]
            else:
                shown = value
            yield {**common, "from_name": name, "type": result_type, "value": {**region, key: shown}}


def labelstudio_task(doc: AnnotatedDoc, target: str = "predictions") -> dict[str, Any]:
    """One document as a Label Studio task with its spans as predictions (or annotations)."""
    result = list(_results(doc))
    entry = {"model_version": "protocol-facts", "result": result} if target == "predictions" else {"result": result}
    return {"data": {"text": doc.text, "doc_id": doc.id}, target: [entry]}


def write_labelstudio(docs: list[AnnotatedDoc], path: str | Path, target: str = "predictions") -> list[str]:
    """Write tasks as a JSON list plus ``<stem>.config.xml``; returns notes."""
    path = Path(path)
    tasks = [labelstudio_task(doc, target) for doc in docs]
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    config = path.with_name(path.stem + ".config.xml")
    config.write_text(labeling_config(), encoding="utf-8")
    return [f"labeling config written to {config}"]


def _chosen_result(task: dict[str, Any], source: str) -> list[dict[str, Any]]:
    annotations = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    predictions = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    order = [annotations, predictions] if source != "predictions" else [predictions, annotations]
    for entries in order:
        if entries:
            return [r for r in entries[0].get("result") or [] if isinstance(r, dict)]
    return []


def _attribute_value(result: dict[str, Any]) -> tuple[str, Any] | None:
    value = result.get("value") or {}
    kind = result.get("type")
    if kind == "choices":
        chosen = value.get("choices") or []
        return result.get("from_name", ""), chosen[0] if chosen else None
    if kind == "number":
        return result.get("from_name", ""), value.get("number")
    if kind == "textarea":
        texts = value.get("text") or []
        return result.get("from_name", ""), texts[0] if texts else None
    if kind == "rating":
        return result.get("from_name", ""), value.get("rating")
    return None


def task_record(task: dict[str, Any], index: int, source: str, path: str, notes: list[str]) -> SourceRecord:
    """One task's document as a record (ids: data.doc_id, data.id, task id, position)."""
    data = task.get("data") or {}
    doc_id = data.get("doc_id") or data.get("id") or task.get("id") or f"task{index}"
    regions: dict[str, list[dict[str, Any]]] = {}
    values: dict[str, dict[str, Any]] = {}
    for result in _chosen_result(task, source):
        rid = str(result.get("id", ""))
        if result.get("type") == "labels":
            value = result.get("value") or {}
            names = value.get("labels") or []
            if len(names) > 1:
                notes.append(f"task {doc_id}: region {rid} with {len(names)} labels became {len(names)} spans")
            regions.setdefault(rid, []).extend(
                {"start": value.get("start"), "end": value.get("end"), "label": n} for n in names
            )
        elif (found := _attribute_value(result)) is not None:
            values.setdefault(rid, {})[found[0]] = found[1]
        else:
            notes.append(f"task {doc_id}: result type {result.get('type')!r} ignored")
    spans = []
    for rid, found in regions.items():
        for span in found:
            attrs = {n: coerce_attribute(span["label"], n, v) for n, v in values.get(rid, {}).items()}
            if len(found) > 1:
                # A region's values are shared by its labels; each label keeps the ones it has.
                attrs = {n: v for n, v in attrs.items() if n in attributes(span["label"])}
            spans.append({**span, **attrs})
    orphans = [rid for rid in values if rid not in regions]
    if orphans:
        notes.append(f"task {doc_id}: values of {len(orphans)} region(s) without a label ignored")
    return SourceRecord({"id": str(doc_id), "text": data.get("text"), "spans": spans}, path, index)


def read_labelstudio(path: str | Path, source: str = "annotations") -> tuple[list[AnnotatedDoc], list[str]]:
    """Documents of a Label Studio JSON export (or task file); ``line`` in problems = task position."""
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as err:
        raise ValidationError([Problem(str(path), err.lineno, "?", f"invalid JSON: {err.msg}")], str(path)) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise ValidationError([Problem(str(path), 1, "?", "expected a JSON list of tasks")], str(path))
    notes: list[str] = []
    records = [
        task_record(task, k, source, str(path), notes)
        for k, task in enumerate(tasks, start=1)
        if isinstance(task, dict)
    ]
    return validate_records(records, str(path)), notes
