"""Rows of the output tables, built from processed records (outside the pipeline)."""

from __future__ import annotations

from typing import Any

from extractor.batch import Processed
from extractor.facts import Fact, facts_from_doc
from extractor.records import ReadError, Record
from extractor.tables.columns import LABEL_TABLES
from extractor.tables.interventions import distinct_intervention_rows
from extractor.tables.regimens import dose_text, regimen_rows, unique_values
from extractor.tables.trial_design import design_columns


def trial_row(record: Record, facts: list[Fact]) -> dict[str, Any]:
    """One row per document: its id and title with the facts gathered."""
    by_label: dict[str, list[Fact]] = {}
    for fact in facts:
        by_label.setdefault(fact.label, []).append(fact)
    sizes = [f.attrs.get("n") for f in by_label.get("SAMPLE_SIZE", []) if f.attrs.get("n") is not None]
    text_sizes = [f.attrs["n"] for f in by_label.get("SAMPLE_SIZE", []) if f.section != "design" and f.attrs.get("n")]
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
        "sample_size": max(text_sizes) if text_sizes else (max(sizes) if sizes else None),
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
    facts = facts_from_doc(item.doc)
    rows: dict[str, list[dict[str, Any]]] = {"facts": [f.to_row() for f in facts]}
    for label, table in LABEL_TABLES.items():
        rows[table] = [f.to_row() for f in facts if f.label == label]
    rows["schedule"] = schedule_rows([f for f in facts if f.label == "SCHEDULE"])
    rows["trials"] = [{**trial_row(item.record, facts), **design_columns(item.record, item.doc, facts)}]
    rows["distinct_interventions"] = distinct_intervention_rows(item.doc, item.record.id)
    rows["regimens"] = regimen_rows(item.doc, item.record.id)
    return rows
