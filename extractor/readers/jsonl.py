"""JSON Lines: one document a line, read line by line.

Lines are ``{"id", "text"}`` documents (annotation files, ``ctgov-text.jsonl.gz`` with ``title`` and
``brief_summary`` beside the text) or whole studies in the v2/classic layout. A broken line is one
error row; the lines after it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from extractor.readers.json_stream import RECORD_DECODER
from extractor.readers.limits import ReadProblem, size_text
from extractor.readers.page_text import find_trial_id
from extractor.readers.render import protocol_meta
from extractor.records import ReadError, Record, id_text
from extractor.sections import detect_sections

#: Keys that may hold a document's text or id, in order of preference.
TEXT_KEYS = ("text", "document", "body", "content")
_ID_KEYS = ("id", "nct_id", "nctId", "NCTId", "doc_id")


def _first(doc: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = doc.get(key)
        if value not in (None, ""):
            return value
    return None


def _compose(title: str, summary: str, text: str) -> str:
    """Title, brief summary and description as headed sections (ctgov-text records).

    Such a record's ``text`` is "title + detailed description"; giving the summary and description
    their headings lets section-aware rules tell them apart. Documents without a ``brief_summary``
    (annotation files) keep their text unchanged, since offsets point into it.
    """
    body = text
    if title and body.startswith(title):
        body = body[len(title) :]
    body = "\n".join(line.strip() for line in body.strip().splitlines())
    parts = [title] if title else []
    parts.append(f"Brief Summary\n{summary.strip()}")
    if body:
        parts.append(f"Detailed Description\n{body}")
    return "\n\n".join(parts) + "\n"


def record_from_text_doc(doc: dict[str, Any], source: str, fallback_id: str) -> Record:
    """The Record of a ``{"id", "text", "title"?, "brief_summary"?}`` document (ReadProblem if empty)."""
    raw_text = _first(doc, TEXT_KEYS)
    text = raw_text if isinstance(raw_text, str) else ""
    title = doc.get("title") if isinstance(doc.get("title"), str) else ""
    summary = doc.get("brief_summary") if isinstance(doc.get("brief_summary"), str) else ""
    if summary.strip() and summary.strip() not in text:
        text = _compose(title.strip(), summary, text)
    record_id = next((found for found in (id_text(doc.get(key)) for key in _ID_KEYS) if found), "")
    if not text.strip():
        raise ReadProblem("empty record" if not record_id else "record has no text", record_id)
    if not title:
        title = text.strip().split("\n", 1)[0].strip()[:300]
    return Record(
        id=record_id or find_trial_id(text) or fallback_id,
        text=text,
        source=source,
        kind="jsonl",
        title=title.strip(),
        sections=detect_sections(text),
        meta=protocol_meta({}),
    )


def iter_lines(chunks: Iterable[str], max_chars: int) -> Iterator[tuple[int, str | None]]:
    """(line number, line) of a text stream; None instead of a line longer than ``max_chars``."""
    lineno = 0
    pending: list[str] = []
    pending_len = 0
    too_long = False
    for chunk in chunks:
        start = 0
        while True:
            end = chunk.find("\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if not too_long:
                pending.append(piece)
                pending_len += len(piece)
                if pending_len > max_chars:
                    # Keep counting lines but stop holding this one: it is refused anyway.
                    too_long, pending, pending_len = True, [], 0
            if end < 0:
                break
            lineno += 1
            yield lineno, None if too_long else "".join(pending)
            pending, pending_len, too_long = [], 0, False
            start = end + 1
    if pending_len or too_long:
        yield lineno + 1, None if too_long else "".join(pending)


def iter_jsonl(
    chunks: Iterable[str],
    source: str,
    stem: str,
    max_chars: int,
    study_record: Callable[[Any, str, str], Record | ReadError],
) -> Iterator[Record | ReadError]:
    """Records of a JSONL stream; ``study_record(value, source, fallback_id)`` handles each object."""
    for lineno, line in iter_lines(chunks, max_chars):
        where = f"{source}:{lineno}"
        if line is None:
            yield ReadError(where, f"line longer than the {size_text(max_chars)} limit")
            continue
        if not line.strip():
            continue
        try:
            value = RECORD_DECODER.decode(line)
        except json.JSONDecodeError as error:
            hint = find_trial_id(line[:2000]) or ""
            yield ReadError(where, f"malformed JSON line (column {error.colno}): {error.msg}", hint)
            continue
        except RecursionError:  # this line only: the lines after it are still read
            yield ReadError(where, "JSON nested too deeply to read (possible attack)", find_trial_id(line[:2000]) or "")
            continue
        yield study_record(value, where, f"{stem}:{lineno}")
