"""ClinicalTrials.gov JSON (API v2 and classic API) -> Records, one study at a time.

Any JSON value that reaches :func:`study_record` is classified by its keys, so a file may mix
layouts (and a JSON array of ``{"id", "text"}`` documents works too).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from extractor.readers.ctgov_classic import classic_protocol, classic_to_v2
from extractor.readers.json_stream import iter_json_items
from extractor.readers.jsonl import TEXT_KEYS, record_from_text_doc
from extractor.readers.limits import ReadProblem
from extractor.readers.render import record_from_protocol
from extractor.records import ReadError, Record


def _study_id(value: dict[str, Any]) -> str:
    """The NCT id of a study dict of either layout, '' when there is none (for error rows)."""
    for path in (
        ("protocolSection", "identificationModule", "nctId"),
        ("Study", "ProtocolSection", "IdentificationModule", "NCTId"),
        ("ProtocolSection", "IdentificationModule", "NCTId"),
        ("id",),
    ):
        node: Any = value
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, str) and node:
            return node
    return ""


def study_record(value: Any, source: str, fallback_id: str) -> Record | ReadError:
    """The Record of one JSON value (a study of either layout, or a text document), or a ReadError."""
    if not isinstance(value, dict):
        return ReadError(source, f"not a trial record: a JSON {type(value).__name__}, not an object")
    try:
        if isinstance(value.get("protocolSection"), dict):
            record = record_from_protocol(value["protocolSection"], source, kind="ctgov-v2")
        elif (protocol := classic_protocol(value)) is not None:
            record = record_from_protocol(classic_to_v2(protocol), source, kind="ctgov-classic")
        elif any(key in value for key in TEXT_KEYS):
            return record_from_text_doc(value, source, fallback_id)
        elif not value:
            return ReadError(source, "empty record")
        else:
            keys = ", ".join(" ".join(str(k).split())[:40] for k in sorted(value)[:5])
            return ReadError(source, f"not a trial record: no protocolSection (keys: {keys})", _study_id(value))
    except ReadProblem as problem:
        return ReadError(source, problem.reason, problem.record_id or _study_id(value))
    except (AttributeError, TypeError, ValueError) as error:
        # A study whose fields have unexpected types (a list where a dict belongs ...).
        return ReadError(source, f"unexpected study layout: {type(error).__name__}: {error}", _study_id(value))
    if not record.id and not record.text.strip():
        return ReadError(source, "empty record")
    if not record.id:
        record.id = fallback_id
    return record


def iter_json(chunks: Iterable[str], source: str, stem: str, max_chars: int) -> Iterator[Record | ReadError]:
    """Records of a JSON document (single study, array, API page, classic response), streamed."""
    count = 0
    try:
        for item in iter_json_items(iter(chunks), max_chars):
            count += 1
            fallback = stem if item.index == 1 else f"{stem}#{item.index}"
            record = study_record(item.value, source, fallback)
            if isinstance(record, ReadError) and item.index > 1:
                # Name the element so the user can find it in a large array.
                record = ReadError(record.source, f"record {item.index}: {record.reason}", record.record_id)
            yield record
    except ReadProblem as problem:
        yield ReadError(source, problem.reason, problem.record_id)
        return
    if count == 0:
        yield ReadError(source, "no study records in the file")
