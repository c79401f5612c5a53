"""Running the pipeline over a stream of records without ever stopping on a bad one.

Records go through ``nlp.pipe`` in batches (in worker processes when ``n_process`` > 1). spaCy drops a
document whose processing fails (the error handler ignores it); such a record is then run again alone to
learn the reason, which becomes an error row.
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


def process_one(nlp: Language, record: Record) -> Processed | ReadError:
    """Process a single record, turning any failure into an error row."""
    nlp.set_error_handler(raise_error)  # here a failure must surface, to be reported
    try:
        if len(record.text) > nlp.max_length:
            raise ValueError(f"record has {len(record.text):,} characters, more than the limit {nlp.max_length:,}")
        return Processed(record, nlp(_record_doc(nlp, record)))
    except Exception as exc:  # a bad record must never stop the batch
        return ReadError(record.source, f"processing failed: {type(exc).__name__}: {exc}", record.id, "process")
    finally:
        nlp.set_error_handler(ignore_error)


def process_records(
    nlp: Language,
    items: Iterable[Record | ReadError],
    *,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[Processed | ReadError]:
    """Process records in order; read errors pass through unchanged."""
    nlp.set_error_handler(ignore_error)
    iterator = iter(items)
    while True:
        chunk = list(islice(iterator, batch_size * max(1, n_process) * 4))
        if not chunk:
            return
        records = [r for r in chunk if isinstance(r, Record) and len(r.text) <= nlp.max_length]
        done: dict[int, Doc] = {}
        if records:
            pairs = ((_record_doc(nlp, r), i) for i, r in enumerate(records))
            try:
                for doc, i in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
                    done[i] = doc
            except Exception:  # a worker died: what is not done is retried one by one below
                pass
        index = {id(r): i for i, r in enumerate(records)}
        for item in chunk:
            if isinstance(item, ReadError):
                yield item
                continue
            i = index.get(id(item))
            if i is not None and i in done:
                yield Processed(item, done[i])
            else:
                yield process_one(nlp, item)
