"""Streaming, atomic, deterministic table writers: CSV, Parquet, JSONL and XLSX.

Rows are buffered and appended in bounded batches to a temporary file beside the target
(``.name.part``), renamed over the target only when the run completes, so a reader never sees a
half-written table. CSV and JSONL are appended, Parquet is written in row groups of ``ROW_GROUP_ROWS``
rows; XLSX cannot be streamed and is built at the end. Identical rows give byte-identical files: row
groups are cut at fixed row counts and XLSX archives carry no timestamps.

With ``resume=True`` an existing published table is first copied into the temporary file, so the
published table is the old rows followed by the new ones (in Parquet, byte for byte those of one run
that wrote them all, as the old table's last, partial row group is filled up before it is written).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extractor.tables.columns import table_schema

FORMATS = ("csv", "parquet", "jsonl", "xlsx")
#: Formats whose published table ``resume=True`` reads back exactly as it was written, so that a run can
#: publish and go on (checkpoints). Not XLSX: Excel takes a text such as "=X1" for a formula.
REOPENABLE_FORMATS = ("csv", "parquet", "jsonl")

#: Rows buffered before a write; also the Parquet row-group size. Bounds memory per table.
ROW_GROUP_ROWS = 10_000

#: Timestamp written into XLSX archives and properties, so that equal rows give equal bytes.
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_XLSX_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


class ResumeError(ValueError):
    """An existing table cannot be extended (other columns, unreadable file)."""


def _json_safe(value: Any) -> Any:
    """Lists and dicts as JSON text for flat formats."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


#: Characters an XLSX cell cannot hold (openpyxl refuses them: one stopped a whole run), and the most
#: characters Excel keeps in a cell.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_MAX_CELL_CHARS = 32_767


def _xlsx_cell(value: Any) -> Any:
    """An XLSX cell: as for flat formats, with control characters as U+FFFD (one for one, so offsets still
    fit) and text beyond Excel's limit cut, marked "…"."""
    value = _json_safe(value)
    if not isinstance(value, str):
        return value
    value = _XLSX_ILLEGAL.sub("\ufffd", value)
    return value if len(value) <= XLSX_MAX_CELL_CHARS else value[: XLSX_MAX_CELL_CHARS - 1] + "…"


def _csv_cell(value: Any) -> Any:
    """A CSV cell: empty for missing, JSON text for lists and dicts (integers stay integers), NUL as
    U+FFFD: Python 3.10's csv module refuses NUL (one stopped a whole run) and pandas' reader ends a cell
    at it, so every version writes the same bytes that every reader reads back."""
    if value is None:
        return ""
    value = _json_safe(value)
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def arrow_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table with the table's fixed schema (missing columns are null)."""
    schema = table_schema(table)
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.table(columns, schema=schema)


def frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a DataFrame with the table's columns, in order, even when there are no rows."""
    return arrow_table(table, rows).to_pandas()


def parquet_writer(path: Path, table: str) -> pq.ParquetWriter:
    """A Parquet writer with fixed options (the same bytes for the same rows on every run)."""
    return pq.ParquetWriter(path, table_schema(table), compression="snappy", write_statistics=True)


def normalize_xlsx(path: Path) -> None:
    """Rewrite an XLSX archive with fixed timestamps (openpyxl stamps the creation time)."""
    tmp = path.with_name(path.name + ".norm")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = _XLSX_DATES.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)
    os.replace(tmp, path)


def _csv_header(path: Path) -> list[str]:
    return list(pd.read_csv(path, nrows=0).columns)


class TableSink:
    """Appends batches of rows of one table to ``<dir>/<table>.<fmt>``; :meth:`commit` publishes it."""

    def __init__(self, out_dir: Path, table: str, fmt: str, *, resume: bool = False) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.table, self.fmt = table, fmt
        self.path = Path(out_dir) / f"{table}.{fmt}"
        self.part = self.path.with_name(f".{self.path.name}.part")
        self.rows_written = 0
        self._parquet: pq.ParquetWriter | None = None
        self._buffer: list[dict[str, Any]] = []
        self._carry: pa.Table | None = None  # parquet, resumed: the old last row group, written before the buffer
        self._pending: list[dict[str, Any]] = []  # xlsx only: the whole table, written at commit
        self._started = False
        if resume and self.path.exists():
            self._seed_from_existing()

    def _seed_from_existing(self) -> None:
        """Start the temporary file as a copy of the published table (resume)."""
        names = table_schema(self.table).names
        try:
            if self.fmt == "csv":
                if _csv_header(self.path) != names:
                    raise ResumeError(f"{self.path} has other columns than this version writes")
                shutil.copyfile(self.path, self.part)
            elif self.fmt == "jsonl":
                shutil.copyfile(self.path, self.part)
            elif self.fmt == "parquet":
                source = pq.ParquetFile(self.path)
                if source.schema_arrow.names != names:
                    raise ResumeError(f"{self.path} has other columns than this version writes")
                self._parquet = parquet_writer(self.part, self.table)
                last = source.num_row_groups - 1
                # One row group at a time, without a thread pool (~25 MB less): memory stays bounded.
                for i in range(source.num_row_groups):
                    group = source.read_row_group(i, use_threads=False).cast(table_schema(self.table))
                    if i == last and group.num_rows < ROW_GROUP_ROWS:
                        # The last, partial group is kept for the new rows to fill up: row groups are then
                        # cut where one uninterrupted run cuts them (the same bytes). Kept as Arrow data, not
                        # row dicts: a checkpoint holds this for every table at once.
                        self._carry = group
                    else:
                        self._parquet.write_table(group)
            else:
                # Only an empty cell is missing: pandas' default reads "NA" (phase N/A), "None", "null" as NaN.
                existing = pd.read_excel(self.path, dtype=object, keep_default_na=False, na_values=[""])
                if list(existing.columns) != names:
                    raise ResumeError(f"{self.path} has other columns than this version writes")
                self._pending = [
                    {k: (None if pd.isna(v) else v) for k, v in row.items()} for row in existing.to_dict("records")
                ]
        except ResumeError:
            self.abort()
            raise
        except Exception as exc:
            self.abort()
            raise ResumeError(f"cannot resume from {self.path}: {type(exc).__name__}: {exc}") from exc
        self._started = True

    def append(self, rows: list[dict[str, Any]]) -> None:
        """Add a batch of rows; they reach the file once ``ROW_GROUP_ROWS`` rows are buffered."""
        if self.fmt == "xlsx":
            self._pending.extend(rows)
        else:
            self._buffer.extend(rows)
            while self._carried() + len(self._buffer) >= ROW_GROUP_ROWS:
                take = ROW_GROUP_ROWS - self._carried()
                batch, self._buffer = self._buffer[:take], self._buffer[take:]
                self._write(batch)
        self.rows_written += len(rows)

    def _carried(self) -> int:
        return self._carry.num_rows if self._carry is not None else 0

    def _write(self, rows: list[dict[str, Any]]) -> None:
        """Write rows to the temporary file (an empty batch still creates it, with its header)."""
        if self.fmt == "parquet":
            if self._parquet is None:
                self._parquet = parquet_writer(self.part, self.table)
            batch = arrow_table(self.table, rows)
            if self._carry is not None:
                # One contiguous table, as one run would have built it: chunks could cut the pages elsewhere.
                batch, self._carry = pa.concat_tables([self._carry, batch]).combine_chunks(), None
            if batch.num_rows:
                self._parquet.write_table(batch)
        elif self.fmt == "csv":
            names = table_schema(self.table).names
            with self.part.open("a" if self._started else "w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\n")
                if not self._started:
                    writer.writerow(names)
                writer.writerows([_csv_cell(row.get(k)) for k in names] for row in rows)
        elif self.fmt == "jsonl":
            names = table_schema(self.table).names
            with self.part.open("a" if self._started else "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps({k: row.get(k) for k in names}, ensure_ascii=False) + "\n" for row in rows)
        self._started = True

    def commit(self) -> Path:
        """Write what is buffered, finish the file and move it into place."""
        self.finish()
        return self.publish()

    def finish(self) -> None:
        """Write what is buffered and close the temporary file, complete but not yet in place."""
        if self.fmt == "xlsx":
            names = table_schema(self.table).names
            cells = [[_xlsx_cell(row.get(k)) for k in names] for row in self._pending]
            pd.DataFrame(cells, columns=names, dtype=object).to_excel(self.part, index=False, engine="openpyxl")
            normalize_xlsx(self.part)
        else:
            self._write(self._buffer)
            self._buffer = []
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None

    def publish(self) -> Path:
        """Move the finished file into place."""
        os.replace(self.part, self.path)
        return self.path

    def abort(self) -> None:
        """Remove the partial file."""
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        self._buffer, self._carry = [], None
        self.part.unlink(missing_ok=True)


class JsonlSink:
    """documents.jsonl: one JSON object a line, published atomically like the tables."""

    def __init__(self, path: Path, *, resume: bool = False) -> None:
        self.path = Path(path)
        self.part = self.path.with_name(f".{self.path.name}.part")
        seeded = resume and self.path.exists()
        if seeded:
            shutil.copyfile(self.path, self.part)
        self._fh = self.part.open("a" if seeded else "w", encoding="utf-8")

    def append(self, rows: list[dict[str, Any]]) -> None:
        self._fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

    def commit(self) -> Path:
        self.finish()
        return self.publish()

    def finish(self) -> None:
        self._fh.close()

    def publish(self) -> Path:
        os.replace(self.part, self.path)
        return self.path

    def abort(self) -> None:
        self._fh.close()
        self.part.unlink(missing_ok=True)
