"""Helpers shared by the format converters: value coercion, file names, validation with locations."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.evaluation.gold import AnnotatedDoc, Problem, Span, ValidationError, parse_record
from extractor.schema import attributes, labels

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SPAN_PROBLEM = re.compile(r"^spans\[(\d+)\]")

#: Where the converters keep schema attributes that a format has no slot for (documented per format).
ATTRIBUTES_KEY = "span_attributes"


@dataclass
class SourceRecord:
    """A document as read from a foreign format, with where it and each of its spans came from."""

    record: dict[str, Any]
    path: str
    line: int
    span_lines: list[int] = field(default_factory=list)


def validate_records(records: Iterable[SourceRecord], source: str) -> list[AnnotatedDoc]:
    """Documents from foreign records, validated like JSONL; problems point at the span's own line."""
    docs: list[AnnotatedDoc] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for item in records:
        doc, found = parse_record(item.record, item.path, item.line)
        for p in found:
            m = _SPAN_PROBLEM.match(p.message)
            index = int(m.group(1)) if m else -1
            line = item.span_lines[index] if 0 <= index < len(item.span_lines) else p.line
            problems.append(Problem(p.path, line, p.record_id, p.message))
        if doc is None:
            continue
        if doc.id in seen:
            problems.append(Problem(item.path, item.line, doc.id, f"duplicate id (first in {seen[doc.id]})"))
            continue
        seen[doc.id] = f"{item.path}:{item.line}"
        docs.append(doc)
    if problems:
        raise ValidationError(problems, source)
    return docs


def coerce_attribute(label: str, name: str, raw: Any) -> Any:
    """A value read as text (brat, Label Studio text areas) turned into the schema's type when it parses.

    Values that do not parse are returned unchanged so that validation reports them.
    """
    spec = attributes(label).get(name) if label in labels() else None
    if spec is None or not isinstance(raw, str):
        return raw
    text = raw.strip()
    if text in ("", "null", "None"):
        return None
    kind = spec["type"]
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            value = json.loads(text)
            return value if isinstance(value, (int, float)) and not isinstance(value, bool) else raw
        if kind == "number_list":
            if text.startswith("["):
                return json.loads(text)
            return [json.loads(part) for part in re.split(r"[,;\s]+", text) if part]
    except ValueError:
        return raw
    return text


def file_stem(doc_id: str) -> str:
    """A file name for a document id (unsafe characters replaced)."""
    return doc_id if _SAFE_NAME.match(doc_id) else re.sub(r"[^A-Za-z0-9._-]", "_", doc_id).lstrip(".") or "doc"


def attribute_records(spans: Iterable[Span]) -> list[dict[str, Any]]:
    """Spans as full JSONL span dicts, for formats that carry attributes beside a bare span list."""
    return [span.to_dict() for span in spans]


class AttributeLookup:
    """Finds stored attributes for (start, end, label), one stored entry per span (duplicates in order)."""

    def __init__(self, stored: Iterable[dict[str, Any]] | None):
        self._waiting: dict[tuple[int, int, str], list[dict[str, Any]]] = defaultdict(list)
        for entry in stored or []:
            if isinstance(entry, dict):
                key = (entry.get("start"), entry.get("end"), entry.get("label"))
                self._waiting[key].append({k: v for k, v in entry.items() if k not in ("start", "end", "label")})

    def take(self, start: int, end: int, label: str) -> dict[str, Any]:
        queue = self._waiting.get((start, end, label))
        return queue.pop(0) if queue else {}

    def leftover(self) -> int:
        """Stored entries whose span is no longer there (edited in the other tool)."""
        return sum(len(q) for q in self._waiting.values())


def read_jsonl(path: str | Path, convert: Callable[[dict[str, Any], int], SourceRecord | None]) -> list[AnnotatedDoc]:
    """Documents of a foreign JSONL file: ``convert(record, line)`` maps each object (None skips it).

    Undecodable lines and validation problems are raised together in one ValidationError.
    """
    path = Path(path)
    records, problems = [], []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(Problem(str(path), number, "?", f"invalid JSON: {err.msg} (column {err.colno})"))
                continue
            if not isinstance(obj, dict):
                problems.append(Problem(str(path), number, "?", "record must be a JSON object"))
                continue
            record = convert(obj, number)
            if record is not None:
                records.append(record)
    docs: list[AnnotatedDoc] = []
    try:
        docs = validate_records(records, str(path))
    except ValidationError as err:
        problems.extend(err.problems)
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: p.line), str(path))
    return docs
