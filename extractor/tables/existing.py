"""What an output folder already holds: the record ids and error rows of published tables (``--resume``).

Only the id columns are read, in batches, so resuming a large run does not load its tables whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from extractor.records import ReadError, Record
from extractor.tables.writers import ResumeError

#: The id column of each table that names a record.
ID_COLUMNS = {"trials": "id", "facts": "doc_id", "errors": "record_id"}

_CHUNK_ROWS = 100_000


def read_columns(path: Path, fmt: str, columns: list[str]) -> Iterator[tuple[str, ...]]:
    """The values of ``columns`` of every row of a published table, as text ("" for missing)."""
    if fmt == "parquet":
        source = pq.ParquetFile(path)
        for batch in source.iter_batches(batch_size=_CHUNK_ROWS, columns=columns):
            values = [batch.column(c).to_pylist() for c in columns]
            yield from (tuple("" if v is None else str(v) for v in row) for row in zip(*values, strict=True))
    elif fmt == "csv":
        for chunk in pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False, chunksize=_CHUNK_ROWS):
            yield from chunk[columns].itertuples(index=False, name=None)
    elif fmt == "jsonl":
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    yield tuple("" if row.get(c) is None else str(row.get(c)) for c in columns)
    else:
        frame = pd.read_excel(path, usecols=columns, dtype=str, keep_default_na=False)
        yield from frame[columns].itertuples(index=False, name=None)


@dataclass
class DoneRecords:
    """Records an earlier run already wrote, and its error rows (to avoid writing them twice)."""

    ids: set[str] = field(default_factory=set)
    errors: set[tuple[str, str, str, str]] = field(default_factory=set)

    def covers(self, item: Record | ReadError) -> bool:
        """True when ``item`` is already in the output folder's tables."""
        if isinstance(item, Record):
            return item.id in self.ids
        if item.record_id and item.record_id in self.ids:
            return True
        return (item.source, item.record_id, item.stage, item.reason) in self.errors


def _add_table(done: DoneRecords, table: str, path: Path, fmt: str) -> None:
    """Add the ids (and error rows) of one published table file."""
    try:
        if table == "errors":
            for row in read_columns(path, fmt, ["file", "record_id", "stage", "reason"]):
                done.errors.add(row)  # type: ignore[arg-type]
                if row[1]:
                    done.ids.add(row[1])
        else:
            done.ids.update(value for (value,) in read_columns(path, fmt, [ID_COLUMNS[table]]) if value)
    except Exception as exc:
        raise ResumeError(f"cannot read the ids of {path}: {type(exc).__name__}: {exc}") from exc


def done_records(out_dir: str | Path, fmt: str) -> DoneRecords:
    """Ids (and error rows) in the facts, trials and errors tables of ``out_dir`` in format ``fmt``."""
    done = DoneRecords()
    for table in ID_COLUMNS:
        path = Path(out_dir) / f"{table}.{fmt}"
        if path.exists():
            _add_table(done, table, path, fmt)
    return done


def done_parts(table_dirs: dict[str, Path]) -> DoneRecords:
    """Ids (and error rows) in the Parquet part files of a partitioned output (``table -> its folder``)."""
    done = DoneRecords()
    for table in ID_COLUMNS:
        folder = table_dirs.get(table)
        for path in sorted(folder.glob("part-*.parquet")) if folder is not None and folder.is_dir() else []:
            _add_table(done, table, path, "parquet")
    return done
