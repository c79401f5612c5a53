"""Readers: trial records in any supported format -> :class:`~extractor.records.Record` objects.

Supported inputs, recognised by content: ClinicalTrials.gov API v2 JSON (one study, an array as the
website downloads it, an API page ``{"studies": [...]}``), classic-API JSON (``FullStudiesResponse``),
legacy ``clinical_study`` XML, JSON Lines of ``{"id", "text"}`` documents, page text copied from a
trial web page, and zip archives or gzip files of any of these. Reading streams: a large array or
JSONL file is never held whole, only one record at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from extractor.readers.detect import HEAD_BYTES, detect_kind
from extractor.readers.inputs import iter_inputs
from extractor.readers.limits import DEFAULT_LIMITS, Limits
from extractor.readers.surrogates import without_surrogates
from extractor.records import ReadError, Record

__all__ = ["HEAD_BYTES", "DEFAULT_LIMITS", "Limits", "detect_kind", "iter_records"]


def iter_records(
    inputs: Iterable[str | Path] | str | Path,
    *,
    stdin: BinaryIO | None = None,
    limits: Limits | None = None,
    skip_folders: Iterable[str | Path] = (),
) -> Iterator[Record | ReadError]:
    """Yield one Record per trial record of ``inputs``, or a ReadError for what cannot be read.

    ``inputs`` are file paths, directories (walked recursively in sorted order, hidden files skipped)
    or ``-`` for standard input (``stdin`` if given, else ``sys.stdin.buffer``). Nothing raises: a bad
    record, file or archive entry becomes a ReadError and reading goes on with the next one.
    ``limits`` bounds what one record or archive entry may take (see :class:`Limits`). Lone surrogates
    (which UTF-8 cannot hold) come out as U+FFFD (see :mod:`~extractor.readers.surrogates`). Folders in
    ``skip_folders`` (a run's output folder) are not read when a walk meets them.
    """
    for item in iter_inputs(inputs, stdin, limits or DEFAULT_LIMITS, skip_folders):
        yield without_surrogates(item)
