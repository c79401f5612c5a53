"""The batch extraction run: read inputs, process them in bounded batches, write every table.

Memory stays bounded: records stream from the readers, through the pipeline in chunks (in worker
processes when ``n_process`` > 1), into table sinks that append as they go. Outputs appear in the output
folder only when the run completes. With ``resume`` the records already in the folder's tables are
skipped and the new rows are added after the old ones.
"""

from __future__ import annotations

import re
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
from extractor.tables.rows import document_row
from extractor.tables.writers import JsonlSink, TableSink
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
) -> RunSummary:
    """Extract facts from ``inputs`` into ``out_dir`` (created if needed); returns a summary.

    ``on_item`` is called for every record (an :class:`Extracted` with its rows) or error, in input order.
    ``stop`` is asked between records: once it returns True the run ends there and publishes tables that
    hold every record done so far (``summary.interrupted``), which a run with ``resume`` goes on from. An
    exception (``KeyboardInterrupt`` included) publishes nothing.
    """
    if n_process < 1 or batch_size < 1:
        raise ValueError(f"n_process and batch_size must be at least 1, not {n_process} and {batch_size}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    items: Iterable[Record | ReadError] = iter_records(inputs, skip_folders=[out])  # not our own tables
    if resume:
        items = skip_done(items, done_records(out, fmt), summary)
    sinks: dict[str, TableSink] = {}
    documents: JsonlSink | None = None
    try:
        for name in table_names():
            sinks[name] = TableSink(out, name, fmt, resume=resume)
        documents = JsonlSink(out / "documents.jsonl", resume=resume)
        extracted = iter_extracted(nlp, items, n_process=n_process, batch_size=batch_size)
        for item in extracted:
            if stop is not None and stop():
                summary.interrupted = True
                extracted.close()  # worker processes end with their chunk in progress
                break
            if isinstance(item, ReadError):
                sinks["errors"].append([item.to_dict()])
                summary.errors += 1
                summary.error_messages.append(error_message(item))
            else:
                for table, rows in item.rows.items():
                    sinks[table].append(rows)
                summary.records += 1
                documents.append([document_row(item.record)])
                summary.facts_per_label.update(row["label"] for row in item.rows.get("facts", []))
            if on_item is not None:
                on_item(item)
        for sink in [*sinks.values(), documents]:
            sink.finish()  # every file complete before any is moved into place: a failure publishes none
    except BaseException:
        for sink in [*sinks.values(), *([documents] if documents else [])]:
            sink.abort()
        raise
    summary.outputs = [sink.publish() for sink in [*sinks.values(), documents]]
    return summary
