"""The batch extraction run: read inputs, process them in bounded batches, write every table.

Memory stays bounded: records stream from the readers, through the pipeline in chunks (in worker
processes when ``n_process`` > 1), into table sinks that append as they go. Outputs appear in the output
folder only when the run completes. With ``resume`` the records already in the folder's tables are
skipped and the new rows are added after the old ones. Checkpoints publish the tables along the way.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language

from extractor.batch import Processed, process_records
from extractor.readers import iter_records
from extractor.records import ReadError, Record
from extractor.tables.columns import table_names
from extractor.tables.existing import DoneRecords, done_records
from extractor.tables.publication import complete_publication, publication_pending, publish_together
from extractor.tables.rows import document_row
from extractor.tables.writers import REOPENABLE_FORMATS, JsonlSink, TableSink
from extractor.workers import Extracted, iter_extracted


@dataclass
class RunSummary:
    """What a run read, extracted and wrote (``skipped``: records already in the tables, with resume)."""

    records: int = 0
    errors: int = 0
    facts_per_label: Counter = field(default_factory=Counter)
    outputs: list[Path] = field(default_factory=list)
    error_messages: list[str] = field(default_factory=list)
    skipped: int = 0
    interrupted: bool = False  # stopped by ``stop`` before the end of the inputs
    checkpoints: int = 0  # times the tables were published before the end (``checkpoint_seconds``)


def example_inputs() -> list[Path]:
    """The example records shipped inside the package (used when no input is given)."""
    folder = resources.files("extractor.data.examples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".json", ".txt", ".xml")))


def iter_processed(
    nlp: Language, inputs: Iterable[str | Path], *, n_process: int = 1, batch_size: int = 64
) -> Iterator[Processed | ReadError]:
    """Processed records (with their Docs) and error rows for ``inputs``, in input order."""
    yield from process_records(nlp, iter_records(inputs), n_process=n_process, batch_size=batch_size)


#: Control characters (C0, DEL, C1) in text shown on a terminal: a file name or record id holding a newline
#: or an escape sequence would split the one-line message or restyle the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters escaped ("\\n", "\\x1b"), for one line on a terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def error_message(item: ReadError) -> str:
    """One line for a skipped record: where, which record, why (control characters escaped)."""
    return printable(f"{item.source}{' [' + item.record_id + ']' if item.record_id else ''}: {item.reason}")


def skip_done(
    items: Iterable[Record | ReadError], done: DoneRecords, summary: RunSummary
) -> Iterator[Record | ReadError]:
    """``items`` without those already in the output (counted in ``summary.skipped``)."""
    for item in items:
        if done.covers(item):
            summary.skipped += 1
        else:
            yield item


class RunTables:
    """Every table of a run being written: appended record by record, published together."""

    def __init__(self, out: Path, fmt: str, *, resume: bool) -> None:
        self.out = out
        self.sinks: dict[str, TableSink] = {}
        self.documents: JsonlSink | None = None
        try:
            for name in table_names():
                self.sinks[name] = TableSink(out, name, fmt, resume=resume)
            self.documents = JsonlSink(out / "documents.jsonl", resume=resume)
        except BaseException:
            self.abort()
            raise

    def files(self) -> list[TableSink | JsonlSink]:
        return [*self.sinks.values(), *([self.documents] if self.documents else [])]

    def add(self, item: Extracted | ReadError) -> None:
        """Write one record's rows (or one error row) to every table."""
        if isinstance(item, ReadError):
            self.sinks["errors"].append([item.to_dict()])
            return
        for table, rows in item.rows.items():
            self.sinks[table].append(rows)
        assert self.documents is not None
        self.documents.append([document_row(item.record)])

    def publish(self) -> list[Path]:
        """Finish every file, then move them all into place (a failure before the moves publishes none)."""
        for sink in self.files():
            sink.finish()
        return publish_together(self.out, self.files())

    def abort(self) -> None:
        for sink in self.files():
            sink.abort()


class CheckpointClock:
    """Says when ``seconds`` have passed since the last checkpoint ended (never, for None).

    Counted from the end of a checkpoint, not its start: a checkpoint's cost grows with the tables, and one
    that took longer than the interval would otherwise be followed by another after every record.
    """

    def __init__(self, seconds: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self._clock = seconds, clock
        self.restart()

    def due(self) -> bool:
        return self.seconds is not None and self._clock() - self._last >= self.seconds

    def restart(self) -> None:
        """Start the interval again (at the end of a checkpoint)."""
        self._last = self._clock()


def run_extraction(
    nlp: Language,
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    fmt: str = "csv",
    n_process: int = 1,
    batch_size: int = 64,
    on_item: Callable[[Extracted | ReadError], None] | None = None,
    resume: bool = False,
    stop: Callable[[], bool] | None = None,
    checkpoint_seconds: float | None = None,
    record_timeout: float | None = None,
) -> RunSummary:
    """Extract facts from ``inputs`` into ``out_dir`` (created if needed); returns a summary.

    ``on_item`` is called for every record (an :class:`Extracted` with its rows) or error, in input order.
    ``stop`` is asked between records: once it returns True the run ends there and publishes tables that
    hold every record done so far (``summary.interrupted``), which a run with ``resume`` goes on from. An
    exception (``KeyboardInterrupt`` included) publishes nothing more. With ``checkpoint_seconds`` the
    tables are also published every so many seconds, between records, so that a run killed outright
    (SIGKILL, out of memory) loses only the records since: ``resume`` goes on from the last checkpoint,
    and the final tables are byte for byte those of a run without checkpoints (XLSX, which cannot be read
    back as written, is published at the end only: ``REOPENABLE_FORMATS``). With ``record_timeout`` a
    record whose processing, or the building of its rows, takes longer than that many seconds becomes an
    error row and the run goes on (limited only in a main thread or with ``n_process`` > 1:
    :mod:`extractor.time_limit`).
    """
    if n_process < 1 or batch_size < 1:
        raise ValueError(f"n_process and batch_size must be at least 1, not {n_process} and {batch_size}")
    if record_timeout is not None and not record_timeout >= 0:  # "not >=": NaN is refused too
        raise ValueError(f"record_timeout must be None or 0 or more seconds, not {record_timeout}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    complete_publication(out)  # a run killed while publishing: its tables first agree again
    summary = RunSummary()
    items: Iterable[Record | ReadError] = iter_records(inputs, skip_folders=[out])  # not our own tables
    if resume:
        items = skip_done(items, done_records(out, fmt), summary)
    checkpoints = CheckpointClock(checkpoint_seconds if fmt in REOPENABLE_FORMATS else None)
    tables = RunTables(out, fmt, resume=resume)
    try:
        extracted = iter_extracted(nlp, items, n_process=n_process, batch_size=batch_size, seconds=record_timeout)
        for item in extracted:
            if stop is not None and stop():
                summary.interrupted = True
                extracted.close()  # worker processes end with their chunk in progress
                break
            tables.add(item)
            if isinstance(item, ReadError):
                summary.errors += 1
                summary.error_messages.append(error_message(item))
            else:
                summary.records += 1
                summary.facts_per_label.update(row["label"] for row in item.rows.get("facts", []))
            if on_item is not None:
                on_item(item)
            if checkpoints.due():
                tables.publish()
                summary.checkpoints += 1
                tables = RunTables(out, fmt, resume=True)  # goes on from the tables just published
                checkpoints.restart()
        summary.outputs = tables.publish()
    except BaseException:
        if not publication_pending(out):  # else its files are the next run's to move into place
            tables.abort()
        raise
    return summary
