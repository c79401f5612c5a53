"""Rows computed in this process, in worker processes, and by pipelines renewed along the way."""

from __future__ import annotations

import pytest
from synthetic_trials import write_jsonl

from extractor.api import load
from extractor.readers import iter_records
from extractor.records import ReadError, Record
from extractor.workers import Extracted, FreshPipeline, iter_extracted, record_rows


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    path = write_jsonl(tmp_path_factory.mktemp("w") / "t.jsonl", 30, corrupt={4})
    return list(iter_records([path]))


def test_read_errors_stay_in_place_and_records_get_rows(records):
    out = list(iter_extracted(load(), records, batch_size=2))
    assert [isinstance(x, ReadError) for x in out] == [isinstance(x, ReadError) for x in records]
    assert isinstance(out[4], ReadError) and out[4] is records[4]
    first = out[0]
    assert isinstance(first, Extracted) and first.record is records[0]
    assert {row["doc_id"] for row in first.rows["facts"]} == {"NCT00000000"}


def test_a_renewed_pipeline_gives_the_same_rows(records):
    nlp = load()
    texts = [r for r in records if isinstance(r, Record)]
    expected = record_rows(nlp, texts)
    fresh = FreshPipeline(nlp, every=5)
    got = [row for i in range(0, len(texts), 4) for row in fresh.rows(texts[i : i + 4])]
    assert fresh.nlp is not nlp, "the pipeline was replaced by a fresh copy"
    assert got == expected


def test_a_record_failing_in_the_pipeline_is_an_error_row(records):
    nlp = load()
    too_long = Record(id="NCT00000999", text="x " * (nlp.max_length // 2 + 1), source="big.jsonl", kind="jsonl")
    rows = record_rows(nlp, [records[0], too_long, records[1]])
    assert isinstance(rows[1], ReadError) and rows[1].stage == "process" and "limit" in rows[1].reason
    assert rows[0]["trials"][0]["id"] == "NCT00000000" and rows[2]["trials"][0]["id"] == "NCT00000001"


def test_components_read_the_records_sections(records):
    """The sections a reader gives are the ones facts are scoped by (not found again from the text)."""
    from extractor.batch import process_records
    from extractor.records import Section

    record = next(r for r in records if isinstance(r, Record))
    whole = Record(
        id=record.id,
        text=record.text,
        source=record.source,
        kind=record.kind,
        sections=[Section("eligibility", 0, len(record.text), "")],  # a section that yields no facts
    )
    nlp = load()
    as_read, relabelled = (next(iter(process_records(nlp, [r]))) for r in (record, whole))
    assert as_read.doc.spans.get("facts"), "the record as read has facts"
    assert relabelled.doc._.sections == [{"name": "eligibility", "start": 0, "end": len(record.text), "heading": ""}]
    assert not relabelled.doc.spans.get("facts")


def test_a_run_leaves_the_garbage_collector_as_it_was(records):
    import gc

    before = gc.get_freeze_count()
    assert list(iter_extracted(load(), records, batch_size=4))
    assert gc.get_freeze_count() == before
