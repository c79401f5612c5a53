"""Shared helpers for the reader tests: fixture paths and a reader that collects its output."""

from __future__ import annotations

import io
from pathlib import Path

from extractor.readers import iter_records
from extractor.records import ReadError, Record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"


def read_all(*inputs, **kwargs) -> list[Record | ReadError]:
    """Everything iter_records yields for ``inputs`` (it must never raise)."""
    out = list(iter_records(list(inputs), **kwargs))
    assert all(isinstance(r, (Record, ReadError)) for r in out)
    return out


def read_bytes(data: bytes, **kwargs) -> list[Record | ReadError]:
    """Everything iter_records yields for ``data`` given on standard input."""
    return read_all("-", stdin=io.BytesIO(data), **kwargs)


def only_record(results: list[Record | ReadError]) -> Record:
    assert len(results) == 1 and isinstance(results[0], Record), results
    return results[0]


def only_error(results: list[Record | ReadError]) -> ReadError:
    assert len(results) == 1 and isinstance(results[0], ReadError), results
    return results[0]
