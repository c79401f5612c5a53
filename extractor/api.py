"""The Python API: ``load()``, ``extract()``, ``extract_tables()`` and ``predict_documents()``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language

from extractor.batch import process_one, process_records
from extractor.facts import Fact, facts_from_doc
from extractor.pipeline.assemble import build_nlp
from extractor.readers import iter_records
from extractor.readers.render import record_from_protocol
from extractor.records import ReadError, Record
from extractor.sections import detect_sections
from extractor.tables.columns import table_names
from extractor.tables.rows import document_row, rows_or_error
from extractor.tables.writers import frame

_NLP: Language | None = None


def load() -> Language:
    """The protocol-facts pipeline (built once per process, from package data only)."""
    global _NLP
    if _NLP is None:
        _NLP = build_nlp()
    return _NLP


def as_record(item: str | dict[str, Any] | Record, *, doc_id: str = "") -> Record:
    """A Record from a text, an API v2 study (or its protocolSection), an ``{"id", "text"}`` dict or a Record."""
    if isinstance(item, Record):
        return item
    if isinstance(item, str):
        return Record(id=doc_id, text=item, source="<text>", kind="text", sections=detect_sections(item))
    if isinstance(item, dict):
        protocol = item.get("protocolSection", item)
        if "identificationModule" in protocol:
            return record_from_protocol(protocol, "<dict>")
        if "text" in item:
            text = str(item["text"])
            return Record(
                id=str(item.get("id", doc_id)),
                text=text,
                source="<dict>",
                kind="jsonl",
                title=str(item.get("title", "")),
                sections=detect_sections(text),
            )
    raise TypeError("extract() takes a text, a ClinicalTrials.gov v2 study dict, an {'id', 'text'} dict or a Record")


def extract(item: str | dict[str, Any] | Record, *, nlp: Language | None = None) -> list[Fact]:
    """The facts of one text or record, each with label, text, offsets, attributes and provenance."""
    result = process_one(nlp or load(), as_record(item))
    if isinstance(result, ReadError):
        raise ValueError(result.reason)
    return facts_from_doc(result.doc)


def extract_tables(
    inputs: str | Path | Iterable[str | Path], *, n_process: int = 1, nlp: Language | None = None
) -> dict[str, pd.DataFrame]:
    """All tables (facts, one per label, trials, errors, documents) for files, folders or '-' as DataFrames."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in table_names()}
    documents = []
    for item in process_records(nlp or load(), iter_records(inputs), n_process=n_process):
        result = rows_or_error(item)
        if isinstance(result, ReadError):
            rows["errors"].append(result.to_dict())
            continue
        for table, table_rows in result.items():
            rows[table].extend(table_rows)
        documents.append(document_row(item.record))
    tables = {name: frame(name, table_rows) for name, table_rows in rows.items()}
    tables["documents"] = pd.DataFrame(documents, columns=["id", "source", "kind", "title", "text", "sections"])
    return tables


def predict_documents(items: Iterable[tuple[str, str]], *, nlp: Language | None = None) -> Iterator[dict[str, Any]]:
    """Predictions for (id, text) pairs in the annotation schema's JSONL layout."""
    records = (
        Record(id=doc_id, text=text, source="<gold>", kind="text", sections=detect_sections(text))
        for doc_id, text in items
    )
    for item in process_records(nlp or load(), records):
        if isinstance(item, ReadError):
            yield {"id": item.record_id, "text": "", "spans": [], "error": item.reason}
            continue
        spans = [fact.to_span() for fact in facts_from_doc(item.doc)]
        yield {"id": item.record.id, "text": item.record.text, "spans": spans}
