"""Running the pipeline over a stream of records without ever stopping on a bad one.

Records go through ``nlp.pipe`` in batches (in worker processes when ``n_process`` > 1). spaCy drops a
document whose processing fails, after handing it with the exception to the error handler, which keeps
the reason for the record's error row; a record dropped without one (spaCy's own workers, a component that
takes whole batches) is run again alone to learn it. With a time limit (:mod:`extractor.time_limit`) a record
that overruns it becomes an error row too, and the batch goes on with the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ignore_error, raise_error

from extractor.records import ReadError, Record
from extractor.sections import detect_sections
from extractor.time_limit import RecordTimeout, time_limit


@dataclass
class Processed:
    """A record and its processed Doc."""

    record: Record
    doc: Doc


def _attach(doc: Doc, record: Record) -> Doc:
    doc._.doc_id = record.id
    doc._.meta = record.meta
    if doc._.sections is None:
        doc._.sections = [s.to_dict() for s in (record.sections or detect_sections(record.text))]
    return doc


def _record_doc(nlp: Language, record: Record) -> Doc:
    """The record's tokens, with its id, meta and sections, ready for the components.

    Components read the reader's sections from the Doc instead of finding them again in its text.
    """
    return _attach(nlp.make_doc(record.text), record)


def overran(record: Record, seconds: float, stage: str = "process") -> ReadError:
    """The error row of a record whose ``stage`` ran out of its time limit."""
    reason = f"time limit: {stage} took longer than {seconds:g} s, the limit for one record; left out"
    return ReadError(record.source, reason, record.id, stage)


def failed(record: Record, exc: Exception) -> ReadError:
    """The error row of a record whose processing raised ``exc``."""
    return ReadError(record.source, f"processing failed: {type(exc).__name__}: {exc}", record.id, "process")


def process_one(nlp: Language, record: Record, seconds: float | None = None) -> Processed | ReadError:
    """Process a single record (within ``seconds``, if given), turning any failure into an error row."""
    nlp.set_error_handler(raise_error)  # here a failure must surface, to be reported
    try:
        if len(record.text) > nlp.max_length:
            raise ValueError(f"record has {len(record.text):,} characters, more than the limit {nlp.max_length:,}")
        with time_limit(seconds):
            return Processed(record, nlp(_record_doc(nlp, record)))
    except RecordTimeout:
        return overran(record, seconds or 0)
    except Exception as exc:  # a bad record must never stop the batch
        return failed(record, exc)
    finally:
        nlp.set_error_handler(ignore_error)


def _one_doc_at_a_time(nlp: Language) -> bool:
    """True when every component takes Docs one by one (none has its own ``pipe``), so that ``nlp.pipe``
    finishes each Doc before it starts the next."""
    return not any(hasattr(component, "pipe") for _name, component in nlp.pipeline)


def _pipe(
    nlp: Language, records: list[Record], n_process: int, batch_size: int, seconds: float | None
) -> tuple[dict[int, Doc], dict[int, ReadError]]:
    """Docs of the records ``nlp.pipe`` processed, and error rows of those that failed or overran
    ``seconds``, by index in ``records``; a record in neither (dropped, its reason unknown here) is to be
    retried alone."""
    done: dict[int, Doc] = {}
    errors: dict[int, ReadError] = {}
    if n_process != 1:
        seconds = None  # spaCy's own worker processes: the time here is not one record's
    pulled = [0]  # index of the record spaCy last took from the stream: the one in progress
    made: dict[int, int] = {}  # id of each Doc made -> its record's index (looked up while it is alive)

    def stream(first: int) -> Iterator[tuple[Doc, int]]:
        for i in range(first, len(records)):
            pulled[0] = i
            doc = _record_doc(nlp, records[i])
            made[id(doc)] = i
            yield doc, i

    def keep_reason(name: str, component: object, docs: list[Doc], exc: Exception) -> None:
        # Called by spaCy for a Doc it then drops: its error row now, rather than a second run of it alone
        # (a record built to fail late would cost twice). A whole batch that failed is left to the retry.
        if len(docs) == 1 and id(docs[0]) in made:
            i = made[id(docs[0])]
            errors[i] = failed(records[i], exc)

    if n_process == 1:
        nlp.set_error_handler(keep_reason)

    try:
        start = 0
        while start < len(records):
            try:
                docs = iter(nlp.pipe(stream(start), as_tuples=True, n_process=n_process, batch_size=batch_size))
                while True:
                    with time_limit(seconds):  # one record's time: spaCy takes the next only when this one is done
                        doc, i = next(docs)
                    done[i] = doc
            except StopIteration:
                break
            except RecordTimeout:
                if not _one_doc_at_a_time(nlp):
                    break  # a component took a whole batch at once: which record overran is not known
                errors[pulled[0]] = overran(records[pulled[0]], seconds or 0)
                start = pulled[0] + 1  # and on with a new stream after it
            except Exception:  # a worker died: what is not done is retried one by one
                break
    finally:
        nlp.set_error_handler(ignore_error)  # as process_records runs it
    return done, errors


def process_records(
    nlp: Language,
    items: Iterable[Record | ReadError],
    *,
    n_process: int = 1,
    batch_size: int = 64,
    seconds: float | None = None,
) -> Iterator[Processed | ReadError]:
    """Process records in order; read errors pass through unchanged. With ``seconds``, a record whose
    processing takes longer becomes an error row (in one process only: ``n_process`` 1, main thread)."""
    nlp.set_error_handler(ignore_error)
    iterator = iter(items)
    while True:
        chunk = list(islice(iterator, batch_size * max(1, n_process) * 4))
        if not chunk:
            return
        records = [r for r in chunk if isinstance(r, Record) and len(r.text) <= nlp.max_length]
        done, errors = _pipe(nlp, records, n_process, batch_size, seconds) if records else ({}, {})
        index = {id(r): i for i, r in enumerate(records)}
        for item in chunk:
            if isinstance(item, ReadError):
                yield item
                continue
            i = index.get(id(item))
            if i is not None and i in done:
                yield Processed(item, done[i])
            elif i is not None and i in errors:
                yield errors[i]
            else:
                yield process_one(nlp, item, seconds)
