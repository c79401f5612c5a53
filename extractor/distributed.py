"""Extraction on a Dask cluster: partitions of records go to workers, partitioned Parquet comes back.

The driver reads the inputs (streaming, as a single-machine run does) in partitions of
``partition_size`` items, sends each partition's records as plain tuples to a worker, and writes the
rows the worker returns to ``DIR/<table>/part-NNNNN.parquet`` (and ``DIR/documents/part-NNNNN.jsonl``),
in input order. Workers load the pipeline once each and run :func:`extractor.workers.record_rows`, the
same code as a single-machine run, so the rows are the same. Dask is an optional extra
(``pip install "protocol-facts[dask]"``); it is imported only here, only when used.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from extractor.readers import iter_records
from extractor.records import ReadError, Record, Section
from extractor.run import RunSummary, error_message, skip_done
from extractor.tables.columns import table_names, table_schema
from extractor.tables.existing import done_parts
from extractor.tables.publication import sync_file, sync_folder
from extractor.tables.rows import document_row
from extractor.tables.writers import ResumeError, arrow_table, parquet_writer
from extractor.workers import Extracted, TableRows, merge_rows, record_rows

#: Items (records and read errors) per Dask task and per output part file.
PARTITION_SIZE = 500

#: A record as sent to a worker: (id, text, source, kind, title, meta, sections).
RecordTuple = tuple[str, str, str, str, str, dict[str, Any], list[tuple[str, int, int, str]]]

_PIPELINES: dict[str, Any] = {}
_PIPELINES_LOCK = threading.Lock()


#: What to tell a user who asks for Dask without the extra installed.
DASK_MISSING = 'Dask is not installed; install the extra: pip install "protocol-facts[dask]"'


def to_tuple(record: Record) -> RecordTuple:
    """A record as plain data (sections included, so workers need not re-detect them)."""
    sections = [(s.name, s.start, s.end, s.heading) for s in record.sections]
    return (record.id, record.text, record.source, record.kind, record.title, record.meta, sections)


def from_tuple(data: RecordTuple) -> Record:
    """The Record a :func:`to_tuple` tuple stands for."""
    record_id, text, source, kind, title, meta, sections = data
    return Record(record_id, text, source, kind, title, [Section(*s) for s in sections], meta)


def worker_pipeline() -> Any:
    """The pipeline of the current Dask worker, built on first use (one per worker, even in threads)."""
    try:
        from distributed import get_worker

        key = get_worker().address
    except (ImportError, ValueError):  # not on a worker (tests, local fallback): one per thread
        key = f"thread-{threading.get_ident()}"
    with _PIPELINES_LOCK:
        if key not in _PIPELINES:
            from extractor.pipeline.assemble import build_nlp

            _PIPELINES[key] = build_nlp()
        return _PIPELINES[key]


def partition_rows(records: list[RecordTuple], batch_size: int = 64) -> list[TableRows | ReadError]:
    """The Dask task: rows of each record of a partition (aligned with ``records``)."""
    return record_rows(worker_pipeline(), [from_tuple(r) for r in records], batch_size)


def _partitions(items: Iterable[Record | ReadError], size: int) -> Iterator[list[Record | ReadError]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def part_tables() -> list[str]:
    """The folders of a partitioned output: one per table, and ``documents``."""
    return [*table_names(), "documents"]


def _suffix(table: str) -> str:
    return ".jsonl" if table == "documents" else ".parquet"


def _part_numbers(folder: Path, suffix: str) -> set[int]:
    """The numbers of the ``part-NNNNN<suffix>`` files in ``folder``."""
    if not folder.is_dir():
        return set()
    names = (p.name[len("part-") : -len(suffix)] for p in folder.glob(f"part-*{suffix}"))
    return {int(n) for n in names if n.isdigit()}


def _columns(parquet: Path) -> list[str]:
    try:
        return pq.read_schema(parquet).names
    except Exception as exc:  # a damaged part: say so, as done_parts does for the ids
        raise ResumeError(f"cannot read {parquet}: {type(exc).__name__}: {exc}") from exc


def settle_parts(out_dir: Path, tables: list[str]) -> int:
    """Check a partitioned output before a resumed run and return the next free part number.

    Parts above the last one found in every table folder are what a stopped commit left (it adds a part to
    one folder after another): they are removed and their records done again. Anything else that would mix
    tables (a folder missing while others hold parts, a part missing in between, other columns than this
    version writes) is a :class:`ResumeError`: nothing is removed then.
    """
    numbers = {name: _part_numbers(out_dir / name, _suffix(name)) for name in tables}
    if not any(numbers.values()):
        return 0
    missing = [name for name in tables if not (out_dir / name).is_dir()]
    if missing:
        raise ResumeError(f"{out_dir} holds parts but no {', '.join(missing)} folder: written by another version?")
    everywhere = set.intersection(*numbers.values())
    last = max(everywhere, default=-1)
    for name, found in numbers.items():
        gaps = sorted(set(range(last + 1)) - found)
        if gaps:
            raise ResumeError(f"part {gaps[0]:05d} is missing from {out_dir / name} (changed by hand?)")
        parquet = out_dir / name / f"part-{last:05d}.parquet"
        if last >= 0 and name != "documents" and _columns(parquet) != table_schema(name).names:
            raise ResumeError(f"{parquet} has other columns than this version writes")
    for name, found in numbers.items():
        for number in sorted(found - everywhere):
            (out_dir / name / f"part-{number:05d}{_suffix(name)}").unlink()
    return last + 1


class PartitionedOutput:
    """Part files per table in a hidden staging folder, moved into ``out_dir`` when the run completes:
    replacing the table folders, or with ``first_part`` (a resumed run) added to them."""

    def __init__(self, out_dir: Path, first_part: int | None = None) -> None:
        self.out = out_dir
        self.staging = out_dir / f".dask-run-{os.getpid()}.part"
        shutil.rmtree(self.staging, ignore_errors=True)
        self.tables = part_tables()
        for name in self.tables:
            (self.staging / name).mkdir(parents=True)
        self.adding = first_part is not None
        self.parts = first_part or 0

    def write(self, items: list[Extracted | ReadError]) -> None:
        """One part file per table for one partition (empty tables too, so every part has a schema)."""
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in table_names()}
        documents = []
        for item in items:
            if isinstance(item, ReadError):
                rows["errors"].append(item.to_dict())
                continue
            for table, table_rows in item.rows.items():
                rows[table].extend(table_rows)
            documents.append(document_row(item.record))
        stem = f"part-{self.parts:05d}"
        for table, table_rows in rows.items():
            path = self.staging / table / f"{stem}{_suffix(table)}"
            writer = parquet_writer(path, table)
            writer.write_table(arrow_table(table, table_rows))
            writer.close()
            sync_file(path)  # on the disk before a move can make it a published part
        path = self.staging / "documents" / f"{stem}{_suffix('documents')}"
        with path.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in documents)
        sync_file(path)
        self.parts += 1

    def commit(self) -> list[Path]:
        """Replace each table folder of ``out_dir`` by the new one, or add the new parts to it."""
        if self.adding:
            # The tables that name records last: a commit stopped half way leaves parts that
            # settle_parts removes, never a record counted as done with some of its rows missing.
            order = sorted(self.tables, key=lambda name: name in ("facts", "trials", "errors"))
            for name in order:
                (self.out / name).mkdir(exist_ok=True)
                for part in sorted((self.staging / name).iterdir()):
                    os.replace(part, self.out / name / part.name)
                sync_folder(self.out / name)
            shutil.rmtree(self.staging, ignore_errors=True)
            return [self.out / name for name in self.tables]
        published = []
        for name in self.tables:
            target = self.out / name
            if target.exists():
                old = self.out / f".{name}.old-{os.getpid()}"
                os.replace(target, old)
                shutil.rmtree(old)
            sync_folder(self.staging / name)  # its parts' names, before the folder is moved into place
            os.replace(self.staging / name, target)
            published.append(target)
        sync_folder(self.out)
        shutil.rmtree(self.staging, ignore_errors=True)
        return published

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _client(scheduler: str, n_workers: int) -> tuple[Any, Callable[[], None]]:
    """A Dask client for ``scheduler`` ('local' starts a LocalCluster) and how to close what was started."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ImportError(DASK_MISSING) from exc
    if scheduler == "local":
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()

        return client, close
    client = Client(scheduler)
    return client, client.close


def run_distributed(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    scheduler: str = "local",
    client: Any = None,
    n_workers: int = 2,
    partition_size: int = PARTITION_SIZE,
    batch_size: int = 64,
    on_item: Callable[[Extracted | ReadError], None] | None = None,
    resume: bool = False,
    stop: Callable[[], bool] | None = None,
) -> RunSummary:
    """Extract ``inputs`` on a Dask cluster into partitioned Parquet under ``out_dir``.

    ``scheduler`` is a scheduler address or ``local``; an existing ``client`` is used as it is. With
    ``resume`` the records already in the part files are skipped and the new parts are added after the old
    ones. ``stop`` is asked between partitions: once it returns True no more are sent, those in flight are
    finished and everything done is published (``summary.interrupted``).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    items: Iterable[Record | ReadError] = iter_records(inputs, skip_folders=[out])
    first_part = None
    if resume:
        first_part = settle_parts(out, part_tables())
        items = skip_done(items, done_parts({name: out / name for name in part_tables()}), summary)
    close: Callable[[], None] = lambda: None  # noqa: E731 - nothing to close for a caller's client
    if client is None:
        client, close = _client(scheduler, n_workers)
    output = PartitionedOutput(out, first_part)
    in_flight: deque[tuple[list[Record | ReadError], Any]] = deque()
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    try:
        for chunk in _partitions(items, partition_size):
            if stop is not None and stop():
                summary.interrupted = True
                break
            records = [to_tuple(r) for r in chunk if isinstance(r, Record)]
            in_flight.append((chunk, client.submit(partition_rows, records, batch_size, pure=False)))
            # A bounded window: the driver never holds more than a few partitions.
            while len(in_flight) > 2 * workers:
                _gather(*in_flight.popleft(), output, summary, on_item, batch_size)
        while in_flight:
            _gather(*in_flight.popleft(), output, summary, on_item, batch_size)
        summary.outputs = output.commit()
    except BaseException:
        output.abort()
        raise
    finally:
        close()
    return summary


def _gather(
    chunk: list[Record | ReadError],
    future: Any,
    output: PartitionedOutput,
    summary: RunSummary,
    on_item: Callable[[Extracted | ReadError], None] | None,
    batch_size: int,
) -> None:
    try:
        results = future.result()
    except Exception:  # the worker was lost: this partition is done here, with the same code
        results = partition_rows([to_tuple(r) for r in chunk if isinstance(r, Record)], batch_size)
    items = list(merge_rows(chunk, results))
    output.write(items)
    for item in items:
        if isinstance(item, ReadError):
            summary.errors += 1
            summary.error_messages.append(error_message(item))
        else:
            summary.records += 1
            summary.facts_per_label.update(row["label"] for row in item.rows.get("facts", []))
        if on_item is not None:
            on_item(item)
