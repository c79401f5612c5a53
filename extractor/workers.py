"""Table rows of records, computed in this process or in a pool of worker processes.

Workers return plain row dicts, not Docs: a processed Doc is ~60 KB to serialize and slower to rebuild
than to compute its rows, so shipping rows keeps the parent process (which reads and writes) light.
The same :func:`record_rows` runs in every mode (one process, ``n_process`` > 1, Dask workers), which
is what makes their tables identical. Results come back in input order, with a bounded number of
chunks in flight, so memory does not grow with the input.
"""

from __future__ import annotations

import gc
import pickle
import signal
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from spacy.language import Language

from extractor.batch import Processed, overran, process_records
from extractor.records import ReadError, Record
from extractor.tables.rows import rows_or_error
from extractor.time_limit import RecordTimeout, limits_handled, overruns, time_limit

#: Rows of one record, by table name.
TableRows = dict[str, list[dict[str, Any]]]


@dataclass
class Extracted:
    """A record and the rows it gives in every table."""

    record: Record
    rows: TableRows


#: Records a pipeline copy processes before it is replaced by a fresh one (see :class:`FreshPipeline`).
RENEW_RECORDS = 10_000


def record_rows(
    nlp: Language, records: list[Record], batch_size: int = 64, seconds: float | None = None
) -> list[TableRows | ReadError]:
    """Rows of each record (aligned with ``records``), or the error that processing it gave; with
    ``seconds``, processing a record and building its rows each have that long (see :mod:`extractor.time_limit`)."""
    return [_rows(item, seconds) for item in process_records(nlp, records, batch_size=batch_size, seconds=seconds)]


def _rows(item: Processed | ReadError, seconds: float | None) -> TableRows | ReadError:
    try:
        with time_limit(seconds):
            return rows_or_error(item)
    except RecordTimeout:
        return item if isinstance(item, ReadError) else overran(item.record, seconds or 0, "rows")


class FreshPipeline:
    """A pipeline replaced by a pristine copy every ``every`` records, so a long run's memory stays flat.

    spaCy adds every new word it meets to the vocabulary and never forgets it (~2.5 MB per 1,000 ctgov
    records, without end). A copy unpickled from a snapshot taken before the run starts with the
    vocabulary the run started with. (spaCy's memory zones free the words too, but cost ~17% of
    throughput here, measured on 2,000 records.) A pipeline that cannot be pickled is kept.
    """

    def __init__(self, nlp: Language, every: int | None = None) -> None:
        self.nlp = nlp
        self.every = RENEW_RECORDS if every is None else every
        self._count = 0
        try:
            self._snapshot: bytes | None = pickle.dumps(nlp)
        except Exception:  # a custom component that cannot be pickled: no renewal, nothing else changes
            self._snapshot = None

    def rows(
        self, records: list[Record], batch_size: int = 64, seconds: float | None = None
    ) -> list[TableRows | ReadError]:
        """:func:`record_rows`, with a fresh pipeline once ``every`` records went through the current one,
        or after a record overran its time limit (it may have stopped a component half-way)."""
        if self._snapshot is not None and self._count >= self.every:
            with warnings.catch_warnings():
                # Unpickling recompiles the tokenizer's punctuation regexes (spaCy/scispaCy's own), and
                # Python warns about a "[[" in them on every renewal: noise in a user's run, not ours to fix.
                warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)
                self.nlp = pickle.loads(self._snapshot)
            _refreeze()
            self._count = 0
        self._count += len(records)
        before = overruns()
        with limits_handled(seconds):
            results = record_rows(self.nlp, records, batch_size, seconds)
        if overruns() != before:
            self._count = self.every
        return results


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the objects alive now (the pipeline, its lexicons and patterns) out of the garbage collector's walks.

    Otherwise Python's cycle collector walks the whole pipeline again and again while a run makes garbage:
    3-5% of the time of a run (measured on 2,000 records). Unfrozen at the end, as the process was.
    """
    _freeze_live_objects()
    try:
        yield
    finally:
        gc.unfreeze()


def _freeze_live_objects() -> None:
    gc.collect()  # garbage first: what is frozen is never collected
    gc.freeze()


def _refreeze() -> None:
    """After a renewal: let the collector free the old pipeline, then freeze the new one."""
    if gc.get_freeze_count():
        gc.unfreeze()
        _freeze_live_objects()


_WORKER_PIPELINE: FreshPipeline | None = None


def _start_worker(nlp: Language) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = FreshPipeline(nlp)
    _freeze_live_objects()  # as frozen_heap() does, for the worker's lifetime
    # Ctrl-C is the parent's to handle; workers just stop when the pool shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_rows(records: list[Record], batch_size: int, seconds: float | None) -> list[TableRows | ReadError]:
    assert _WORKER_PIPELINE is not None, "worker started without a pipeline"
    return _WORKER_PIPELINE.rows(records, batch_size, seconds)


def merge_rows(
    chunk: list[Record | ReadError], results: list[TableRows | ReadError]
) -> Iterator[Extracted | ReadError]:
    """Chunk items in order: read errors as they were, records with their rows."""
    done = iter(results)
    for item in chunk:
        if isinstance(item, ReadError):
            yield item
            continue
        result = next(done)
        yield result if isinstance(result, ReadError) else Extracted(item, result)


def _chunks(items: Iterable[Record | ReadError], size: int) -> Iterator[list[Record | ReadError]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def iter_extracted(
    nlp: Language,
    items: Iterable[Record | ReadError],
    *,
    n_process: int = 1,
    batch_size: int = 64,
    seconds: float | None = None,
) -> Iterator[Extracted | ReadError]:
    """Rows for each record of ``items`` in input order; read errors pass through unchanged. With
    ``seconds``, a record that takes longer (to process, or to turn into rows) becomes an error row
    (not limited when this runs outside a main thread with ``n_process`` 1: :mod:`extractor.time_limit`)."""
    chunk_size = max(1, batch_size) * 4
    if n_process <= 1:
        pipeline = FreshPipeline(nlp)
        with frozen_heap():
            for chunk in _chunks(items, chunk_size):
                records = [r for r in chunk if isinstance(r, Record)]
                yield from merge_rows(chunk, pipeline.rows(records, batch_size, seconds))
        return
    pool = ProcessPoolExecutor(n_process, initializer=_start_worker, initargs=(nlp,))
    window: deque[tuple[list[Record | ReadError], Future]] = deque()
    try:
        for chunk in _chunks(items, chunk_size):
            records = [r for r in chunk if isinstance(r, Record)]
            try:
                future = pool.submit(_worker_rows, records, batch_size, seconds)
            except BrokenProcessPool:  # a worker died earlier: carry on with a fresh pool
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(n_process, initializer=_start_worker, initargs=(nlp,))
                future = pool.submit(_worker_rows, records, batch_size, seconds)
            window.append((chunk, future))
            # Two chunks per worker in flight keep every worker busy while memory stays bounded.
            while len(window) > 2 * n_process:
                yield from _finish(nlp, *window.popleft(), batch_size, seconds)
        while window:
            yield from _finish(nlp, *window.popleft(), batch_size, seconds)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _finish(
    nlp: Language, chunk: list[Record | ReadError], future: Future, batch_size: int, seconds: float | None
) -> Iterator[Extracted | ReadError]:
    try:
        results = future.result()
    except Exception:  # a worker died (killed, out of memory): this chunk is redone here, record by record
        records = [r for r in chunk if isinstance(r, Record)]
        results = [row for record in records for row in record_rows(nlp, [record], batch_size, seconds)]
    yield from merge_rows(chunk, results)
