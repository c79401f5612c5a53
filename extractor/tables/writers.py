"""Streaming, atomic table writers: CSV, Parquet, JSONL and XLSX.

Rows are appended in batches to a temporary file beside the target (``.name.part``) and renamed over
the target only when the run completes, so a reader never sees a half-written table. CSV and JSONL are
appended, Parquet is written in row groups; XLSX cannot be streamed and is built at the end.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extractor.tables.columns import table_schema

FORMATS = ("csv", "parquet", "jsonl", "xlsx")


def _json_safe(value: Any) -> Any:
    """Lists and dicts as JSON text for flat formats."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table with the table's fixed schema (missing columns are null)."""
    schema = table_schema(table)
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.table(columns, schema=schema)


def frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a DataFrame with the table's columns, in order, even when there are no rows."""
    return arrow_table(table, rows).to_pandas()


class TableSink:
    """Appends batches of rows of one table to ``<dir>/<table>.<fmt>``; :meth:`commit` publishes it."""

    def __init__(self, out_dir: Path, table: str, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.table, self.fmt = table, fmt
        self.path = Path(out_dir) / f"{table}.{fmt}"
        self.part = self.path.with_name(f".{self.path.name}.part")
        self.rows_written = 0
        self._parquet: pq.ParquetWriter | None = None
        self._pending: list[dict[str, Any]] = []  # xlsx only
        self._started = False

    def append(self, rows: list[dict[str, Any]]) -> None:
        """Write a batch of rows (an empty batch still creates the file with its header)."""
        if self.fmt == "xlsx":
            self._pending.extend(rows)
        elif self.fmt == "parquet":
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.part, table_schema(self.table))
            if rows:
                self._parquet.write_table(arrow_table(self.table, rows))
        elif self.fmt == "csv":
            df = frame(self.table, rows).map(_json_safe) if rows else frame(self.table, [])
            df.to_csv(self.part, mode="a" if self._started else "w", header=not self._started, index=False)
        else:
            with self.part.open("a" if self._started else "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps({k: row.get(k) for k in table_schema(self.table).names}, ensure_ascii=False) + "\n")
        self._started = True
        self.rows_written += len(rows)

    def commit(self) -> Path:
        """Finish the file and move it into place."""
        if not self._started:
            self.append([])
        if self._parquet is not None:
            self._parquet.close()
        if self.fmt == "xlsx":
            frame(self.table, self._pending).map(_json_safe).to_excel(self.part, index=False, engine="openpyxl")
        os.replace(self.part, self.path)
        return self.path

    def abort(self) -> None:
        """Remove the partial file."""
        if self._parquet is not None:
            self._parquet.close()
        self.part.unlink(missing_ok=True)


class JsonlSink:
    """documents.jsonl: one JSON object a line, published atomically like the tables."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.part = self.path.with_name(f".{self.path.name}.part")
        self._fh = self.part.open("w", encoding="utf-8")

    def append(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def commit(self) -> Path:
        self._fh.close()
        os.replace(self.part, self.path)
        return self.path

    def abort(self) -> None:
        self._fh.close()
        self.part.unlink(missing_ok=True)
