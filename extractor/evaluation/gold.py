"""Annotated documents in the schema's JSONL format: load, validate, write.

Gold annotations and predictions share one format (``shared/specs/annotation-schema.md``):
``{"id", "text", "spans": [{"start", "end", "label", <attributes>}]}``, one document a line.
Every problem is collected before anything is raised, so an annotator fixes a file in one pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.schema import attributes, check_value, labels

#: Keys of a span that are not attributes.
SPAN_KEYS = ("start", "end", "label")


@dataclass
class Span:
    """One annotated span; ``attrs`` holds every schema attribute of the label (missing ones as None)."""

    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The span in the JSONL format."""
        return {"start": self.start, "end": self.end, "label": self.label, **self.attrs}

    def length(self) -> int:
        return self.end - self.start


@dataclass
class AnnotatedDoc:
    """A document with its spans (gold or predicted)."""

    id: str
    text: str
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The document as one JSONL record."""
        return {"id": self.id, "text": self.text, "spans": [s.to_dict() for s in self.spans]}

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]


@dataclass(frozen=True)
class Problem:
    """One validation problem, located by file, line and record id."""

    path: str
    line: int
    record_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: record {self.record_id}: {self.message}"


class ValidationError(ValueError):
    """Raised with every problem of a file (or of a batch of records) at once."""

    def __init__(self, problems: list[Problem], source: str = ""):
        self.problems = list(problems)
        head = f"{len(self.problems)} annotation problem(s)" + (f" in {source}" if source else "")
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


def make_span(start: int, end: int, label: str, **attrs: Any) -> Span:
    """A span with the label's full attribute set (unset ones None), in schema order."""
    return Span(start, end, label, {name: attrs.get(name) for name in attributes(label)})


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_span(raw: Any, index: int, text_len: int) -> tuple[Span | None, list[str]]:
    """A span from its JSON object, or the reasons it is not valid."""
    where = f"spans[{index}]"
    if not isinstance(raw, dict):
        return None, [f"{where} must be an object, not {type(raw).__name__}"]
    errors: list[str] = []
    for key in SPAN_KEYS:
        if key not in raw:
            errors.append(f"{where} lacks {key!r}")
    start, end, label = raw.get("start"), raw.get("end"), raw.get("label")
    for key, value in (("start", start), ("end", end)):
        if key in raw and not _is_int(value):
            errors.append(f"{where}.{key} must be an integer, not {value!r}")
    if _is_int(start) and _is_int(end):
        if start < 0 or end > text_len:
            errors.append(f"{where} offsets {start}-{end} out of range 0-{text_len}")
        if start >= end:
            errors.append(f"{where} start {start} must be before end {end}")
    if "label" in raw and label not in labels():
        errors.append(f"{where} has unknown label {label!r}")
        return None, errors
    if errors:
        return None, errors
    for name, value in raw.items():
        if name in SPAN_KEYS:
            continue
        why = check_value(label, name, value)
        if why:
            errors.append(f"{where} ({label}): {why}")
    if errors:
        return None, errors
    return Span(start, end, label, {name: raw.get(name) for name in attributes(label)}), []


def parse_record(obj: Any, path: str, line: int) -> tuple[AnnotatedDoc | None, list[Problem]]:
    """A document from one decoded JSON record, or the problems that keep it from being one."""
    rid = str(obj.get("id", "?")) if isinstance(obj, dict) else "?"

    def problem(message: str) -> Problem:
        return Problem(path, line, rid, message)

    if not isinstance(obj, dict):
        return None, [problem(f"record must be a JSON object, not {type(obj).__name__}")]
    problems = [problem(f"lacks required key {key!r}") for key in ("id", "text", "spans") if key not in obj]
    doc_id, text, raw_spans = obj.get("id"), obj.get("text"), obj.get("spans")
    if "id" in obj and not (isinstance(doc_id, str) and doc_id):
        problems.append(problem(f"id must be a non-empty string, not {doc_id!r}"))
    if "text" in obj and not isinstance(text, str):
        problems.append(problem(f"text must be a string, not {type(text).__name__}"))
    if "spans" in obj and not isinstance(raw_spans, list):
        problems.append(problem(f"spans must be a list, not {type(raw_spans).__name__}"))
    if problems:
        return None, problems
    spans = []
    for index, raw in enumerate(raw_spans):
        span, errors = _check_span(raw, index, len(text))
        problems.extend(problem(e) for e in errors)
        if span is not None:
            spans.append(span)
    if problems:
        return None, problems
    return AnnotatedDoc(doc_id, text, spans), []


def parse_records(records: Iterable[tuple[int, Any]], source: str) -> tuple[list[AnnotatedDoc], list[Problem]]:
    """Documents from ``(line, decoded record)`` pairs, plus all problems including duplicate ids."""
    docs: list[AnnotatedDoc] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for line, obj in records:
        doc, found = parse_record(obj, source, line)
        problems.extend(found)
        if doc is None:
            continue
        if doc.id in first_line:
            problems.append(Problem(source, line, doc.id, f"duplicate id (first on line {first_line[doc.id]})"))
            continue
        first_line[doc.id] = line
        docs.append(doc)
    return docs, problems


def _decoded_lines(path: Path, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    """``(line number, decoded JSON)`` for each non-blank line; undecodable lines become problems."""
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(Problem(str(path), number, "?", f"invalid JSON: {err.msg} (column {err.colno})"))


def _load(path: str | Path) -> tuple[list[AnnotatedDoc], list[Problem]]:
    path = Path(path)
    decode_problems: list[Problem] = []
    docs, problems = parse_records(_decoded_lines(path, decode_problems), str(path))
    return docs, sorted(decode_problems + problems, key=lambda p: p.line)


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem of an annotation file, in line order (empty when the file is valid)."""
    return _load(path)[1]


def load_annotations(path: str | Path) -> list[AnnotatedDoc]:
    """The documents of a JSONL annotation file; raises :class:`ValidationError` listing all problems."""
    docs, problems = _load(path)
    if problems:
        raise ValidationError(problems, str(path))
    return docs


def docs_from_dicts(records: Iterable[dict[str, Any]], source: str) -> list[AnnotatedDoc]:
    """Documents from in-memory records (e.g. the extractor's output); line = position from 1."""
    docs, problems = parse_records(enumerate(records, start=1), source)
    if problems:
        raise ValidationError(problems, source)
    return docs


def write_annotations(docs: Iterable[AnnotatedDoc], path: str | Path) -> int:
    """Write documents as JSONL (UTF-8, non-ASCII kept); returns the number written."""
    n = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n
