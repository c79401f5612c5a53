"""The batch extraction run: read inputs, process them in bounded batches, write every table.

Memory stays bounded: records stream from the readers, through the pipeline in batches, into table
sinks that append as they go. Outputs appear in the output folder only when the run completes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language

from extractor.batch import Processed, process_records
from extractor.readers import iter_records
from extractor.records import ReadError
from extractor.tables.columns import table_names
from extractor.tables.rows import document_row, rows_for
from extractor.tables.writers import JsonlSink, TableSink


@dataclass
class RunSummary:
    """What a run read, extracted and wrote."""

    records: int = 0
    errors: int = 0
    facts_per_label: Counter = field(default_factory=Counter)
    outputs: list[Path] = field(default_factory=list)
    error_messages: list[str] = field(default_factory=list)


def example_inputs() -> list[Path]:
    """The example records shipped inside the package (used when no input is given)."""
    folder = resources.files("extractor.data.examples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".json", ".txt", ".xml")))


def iter_processed(
    nlp: Language, inputs: Iterable[str | Path], *, n_process: int = 1, batch_size: int = 64
) -> Iterator[Processed | ReadError]:
    """Processed records and error rows for ``inputs``, in input order."""
    yield from process_records(nlp, iter_records(inputs), n_process=n_process, batch_size=batch_size)


def run_extraction(
    nlp: Language,
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    fmt: str = "csv",
    n_process: int = 1,
    batch_size: int = 64,
    on_item: Callable[[Processed | ReadError], None] | None = None,
) -> RunSummary:
    """Extract facts from ``inputs`` into ``out_dir`` (created if needed); returns a summary."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sinks = {name: TableSink(out, name, fmt) for name in table_names()}
    documents = JsonlSink(out / "documents.jsonl")
    summary = RunSummary()
    try:
        for item in iter_processed(nlp, inputs, n_process=n_process, batch_size=batch_size):
            for table, rows in rows_for(item).items():
                sinks[table].append(rows)
            if isinstance(item, ReadError):
                summary.errors += 1
                summary.error_messages.append(f"{item.source}{' [' + item.record_id + ']' if item.record_id else ''}: {item.reason}")
            else:
                summary.records += 1
                documents.append([document_row(item.record)])
                for span in item.doc.spans.get("facts", []):
                    summary.facts_per_label[span.label_] += 1
            if on_item is not None:
                on_item(item)
    except BaseException:
        for sink in [*sinks.values(), documents]:
            sink.abort()
        raise
    summary.outputs = [sink.commit() for sink in sinks.values()] + [documents.commit()]
    return summary
