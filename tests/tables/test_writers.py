"""Streaming table writers: every format round-trips rows, files appear only when committed."""

import json

import pandas as pd
import pytest

from extractor.tables.columns import table_names, table_schema
from extractor.tables.writers import FORMATS, XLSX_MAX_CELL_CHARS, TableSink

ROWS = [
    {
        "doc_id": "NCT03211793",
        "label": "DOSE",
        "text": "45-50*10^6",
        "start": 10,
        "end": 20,
        "section": "description",
        "sentence": "s",
        "rule": "dose.x",
        "low": 45e6,
        "high": 50e6,
        "unit": "cells",
    },
    {
        "doc_id": "NCT03211793",
        "label": "SCHEDULE",
        "text": "48 hours",
        "start": 30,
        "end": 38,
        "section": "description",
        "sentence": "s",
        "rule": "schedule.x",
        "days": [2.0, 14.0],
    },
]


def read(path, fmt):
    if fmt == "csv":
        return pd.read_csv(path)
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "xlsx":
        return pd.read_excel(path)
    return pd.DataFrame([json.loads(line) for line in path.read_text().splitlines()])


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_round_trip_in_batches(tmp_path, fmt):
    sink = TableSink(tmp_path, "facts", fmt)
    sink.append(ROWS[:1])
    sink.append([])
    sink.append(ROWS[1:])
    assert not (tmp_path / f"facts.{fmt}").exists(), "nothing is published before commit"
    path = sink.commit()
    df = read(path, fmt)
    assert list(df.columns) == table_schema("facts").names
    assert df["text"].tolist() == ["45-50*10^6", "48 hours"]
    assert df["low"].tolist()[0] == 45e6
    assert not list(tmp_path.glob(".*part"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_table_has_its_columns(tmp_path, fmt):
    path = TableSink(tmp_path, "errors", fmt).commit()
    if fmt == "jsonl":
        assert path.read_text() == ""
    else:
        assert list(read(path, fmt).columns) == ["file", "record_id", "stage", "reason"]


def test_abort_leaves_nothing(tmp_path):
    sink = TableSink(tmp_path, "facts", "csv")
    sink.append(ROWS)
    sink.abort()
    assert list(tmp_path.iterdir()) == []


def test_every_table_has_a_schema():
    for name in table_names():
        assert table_schema(name).names[:1] in (["doc_id"], ["id"], ["file"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_and_overlong_cells_are_written_in_every_format(tmp_path, fmt):
    # openpyxl refuses control characters (one in a record's text stopped a whole XLSX run); Excel keeps
    # at most 32,767 characters a cell. Python 3.10's csv module refuses NUL. The other formats keep
    # both as they are.
    long_text = "x" * (XLSX_MAX_CELL_CHARS + 10)
    rows = [dict(ROWS[0], text="10\x00 mg\x1b[0m\x0b"), dict(ROWS[0], sentence=long_text)]
    sink = TableSink(tmp_path, "facts", fmt)
    sink.append(rows)
    path = sink.commit()
    df = read(path, fmt)
    if fmt == "xlsx":
        assert df["text"].tolist()[0] == "10\ufffd mg\ufffd[0m\ufffd"
        assert df["sentence"].tolist()[1] == long_text[: XLSX_MAX_CELL_CHARS - 1] + "…"
    elif fmt == "csv":
        assert df["text"].tolist()[0] == "10\ufffd mg\x1b[0m\x0b"
        assert df["sentence"].tolist()[1] == long_text
    else:
        assert df["text"].tolist()[0] == "10\x00 mg\x1b[0m\x0b"
        assert df["sentence"].tolist()[1] == long_text


@pytest.mark.parametrize("fmt", FORMATS)
def test_resume_keeps_text_that_pandas_reads_as_missing(tmp_path, fmt):
    # Resuming XLSX read "NA" (a trial's phase N/A), "None" and "null" back as empty cells.
    first = [dict(ROWS[0], text="NA", rule="None", section="null")]
    sink = TableSink(tmp_path, "facts", fmt)
    sink.append(first)
    sink.commit()
    resumed = TableSink(tmp_path, "facts", fmt, resume=True)
    resumed.append([ROWS[1]])
    path = resumed.commit()
    if fmt in ("csv", "xlsx"):  # as written: pandas' reader would take "NA" for missing itself
        df = pd.read_csv(path, keep_default_na=False) if fmt == "csv" else pd.read_excel(path, keep_default_na=False)
    else:
        df = read(path, fmt)
    assert df[["text", "rule", "section"]].values.tolist()[0] == ["NA", "None", "null"]


def test_resumed_parquet_is_cut_into_the_row_groups_of_one_run(tmp_path, monkeypatch):
    # A checkpoint or a stop publishes a partial last row group; resuming must fill it up, not keep it.
    from extractor.tables import writers

    monkeypatch.setattr(writers, "ROW_GROUP_ROWS", 3)
    rows = [dict(ROWS[i % 2], start=i) for i in range(8)]
    whole = TableSink(tmp_path / "whole", "facts", "parquet")
    (tmp_path / "whole").mkdir()
    whole.append(rows)
    expected = whole.commit().read_bytes()
    (tmp_path / "parts").mkdir()
    for seam in (1, 4, 7):  # published after 1, 4 and 7 rows, each time resumed
        first = TableSink(tmp_path / "parts", "facts", "parquet", resume=seam > 1)
        first.append(rows[seam - 3 if seam > 1 else 0 : seam])
        first.commit()
    last = TableSink(tmp_path / "parts", "facts", "parquet", resume=True)
    last.append(rows[7:])
    path = last.commit()
    assert [g.num_rows for g in _row_groups(path)] == [3, 3, 2]
    assert path.read_bytes() == expected


def _row_groups(path):
    import pyarrow.parquet as pq

    source = pq.ParquetFile(path)
    return [source.metadata.row_group(i) for i in range(source.num_row_groups)]
