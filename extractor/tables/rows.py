"""Rows of the output tables, built from processed records (outside the pipeline)."""

from __future__ import annotations

from typing import Any

from extractor.batch import Processed
from extractor.facts import FACTS_KEY, Fact, facts_from_doc
from extractor.records import ReadError, Record
from extractor.tables.columns import LABEL_TABLES
from extractor.tables.interventions import distinct_intervention_rows
from extractor.tables.regimens import dose_text, regimen_rows, unique_values
from extractor.tables.trial_design import design_columns, text_sample_size


def trial_row(record: Record, facts: list[Fact], text_size: int | None) -> dict[str, Any]:
    """One row per document: its id and title with the facts gathered (``text_size``: :func:`text_sample_size`)."""
    by_label: dict[str, list[Fact]] = {}
    for fact in facts:
        by_label.setdefault(fact.label, []).append(fact)
    sizes = [f.attrs.get("n") for f in by_label.get("SAMPLE_SIZE", []) if f.attrs.get("n") is not None]
    meta = record.meta or {}
    return {
        "id": record.id,
        "title": record.title,
        "source": record.source,
        "kind": record.kind,
        "n_facts": len(facts),
        "doses": "; ".join(
            unique_values(
                [
                    dose_text(f.attrs.get("low"), f.attrs.get("high"), f.attrs.get("unit"))
                    for f in by_label.get("DOSE", [])
                    if f.attrs.get("low") is not None
                ]
            )
        ),
        "routes": "; ".join(unique_values([f.attrs.get("route") for f in by_label.get("ROUTE", [])])),
        "sites": "; ".join(unique_values([f.attrs.get("site") for f in by_label.get("SITE", [])])),
        "n_sites": "; ".join(str(n) for n in unique_values([f.attrs.get("n_sites") for f in by_label.get("SITE", [])])),
        # The text's own count wins over the registry's enrollment line, which may be actual, not planned.
        "sample_size": text_size if text_size is not None else (max(sizes) if sizes else None),
        "enrollment": meta.get("enrollment"),
        "phases": "/".join(meta.get("phases") or []),
        **endpoint_columns(by_label.get("ENDPOINT", []), by_label.get("SCHEDULE", [])),
    }


def endpoint_columns(endpoints: list[Fact], schedules: list[Fact]) -> dict[str, Any]:
    """Primary endpoints, the number of each kind, and the union of follow-up days of a trial."""
    primary = unique_values([f.text for f in endpoints if f.attrs.get("kind") == "primary"])
    days = sorted({float(d) for f in schedules for d in f.attrs.get("days") or []})
    return {
        "primary_endpoints": "; ".join(primary),
        "n_primary_endpoints": len(primary),
        "n_secondary_endpoints": len(unique_values([f.text for f in endpoints if f.attrs.get("kind") == "secondary"])),
        "follow_up_days": days,
    }


def schedule_rows(schedules: list[Fact]) -> list[dict[str, Any]]:
    """One row per time point of each SCHEDULE fact (a fact without points keeps one row, day empty)."""
    rows = []
    for fact in schedules:
        row = fact.to_row()
        for day in fact.attrs.get("days") or [None]:
            rows.append({**row, "day": day})
    return rows


def document_row(record: Record) -> dict[str, Any]:
    """The text the offsets of a record's facts refer to, with its sections."""
    return {
        "id": record.id,
        "source": record.source,
        "kind": record.kind,
        "title": record.title,
        "text": record.text,
        "sections": [s.to_dict() for s in record.sections],
    }


def rows_for(item: Processed | ReadError) -> dict[str, list[dict[str, Any]]]:
    """Rows for every table from one processed record or one error."""
    if isinstance(item, ReadError):
        return {"errors": [item.to_dict()]}
    spans = list(item.doc.spans.get(FACTS_KEY, []))  # the Span objects, built once for every table
    facts = facts_from_doc(item.doc, spans)
    fact_rows = [f.to_row() for f in facts]
    rows: dict[str, list[dict[str, Any]]] = {"facts": fact_rows}
    by_table: dict[str, list[dict[str, Any]]] = {table: [] for table in LABEL_TABLES.values()}
    for fact, row in zip(facts, fact_rows, strict=True):
        table = LABEL_TABLES.get(fact.label)
        if table is not None and table != "schedule":
            by_table[table].append(dict(row))  # a copy: the facts table has the same row
    rows.update(by_table)
    # The schedule table has one row per time point rather than per fact.
    rows["schedule"] = schedule_rows([f for f in facts if f.label == "SCHEDULE"])
    # The running text's sample size feeds both the trial's sample size and the design's conflict check.
    text_size = text_sample_size(facts)
    rows["trials"] = [{**trial_row(item.record, facts, text_size), **design_columns(item.record, item.doc, text_size)}]
    rows["distinct_interventions"] = distinct_intervention_rows(item.doc, item.record.id, spans)
    rows["regimens"] = regimen_rows(item.doc, item.record.id, spans)
    return rows


def rows_or_error(item: Processed | ReadError) -> dict[str, list[dict[str, Any]]] | ReadError:
    """:func:`rows_for`, or the error building them gave: a value no stage foresaw (hand-made JSON holds
    anything) must cost its record, never the run."""
    if isinstance(item, ReadError):
        return item
    try:
        return rows_for(item)
    except Exception as exc:  # any failure here is one record's, reported as such
        reason = f"building rows failed: {type(exc).__name__}: {exc}"
        return ReadError(item.record.source, reason, item.record.id, "rows")
