"""Size limits that keep one hostile or broken input from exhausting memory or time.

Every reader holds at most one record (or one zip entry's stream) in memory, so the limits are per
record, not per corpus: a 1 GB JSON array streams fine while a 1 GB single XML document is refused.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-record and per-archive-entry limits (bytes unless said otherwise)."""

    #: One record read whole: an XML document, a page-text file, a JSONL line, one JSON array element.
    max_record_bytes: int = 64 * MIB
    #: Uncompressed size of one zip entry.
    max_entry_bytes: int = 64 * MIB
    #: Uncompressed/compressed size of a zip entry; real trial JSON/XML deflates ~5-30x, bombs ~1000x.
    max_ratio: float = 200.0
    #: The ratio is only judged past this many uncompressed bytes (tiny entries compress oddly).
    ratio_min_bytes: int = 1 * MIB
    #: A zip that arrives on a non-seekable stream (stdin, inside gzip) is buffered in memory up to this.
    max_buffered_archive_bytes: int = 512 * MIB
    #: Containers inside containers (gzip in zip ...) deeper than this are refused.
    max_nesting: int = 3


DEFAULT_LIMITS = Limits()


def size_text(n: int) -> str:
    """'64 MB' or '500 bytes', for error reasons."""
    return f"{n // MIB} MB" if n >= MIB else f"{n} bytes"


class ReadProblem(Exception):
    """A record or file cannot be read; ``reason`` is the one-line text of its ReadError."""

    def __init__(self, reason: str, record_id: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.record_id = record_id


class CappedReader(io.RawIOBase):
    """A read-only stream that raises :class:`ReadProblem` once more than ``limit`` bytes came through.

    Wrapping the decompressing stream (not trusting the sizes an archive header claims) is what stops a
    zip or gzip bomb: the count is of bytes actually produced. ``compressed_size`` enables the ratio check.
    """

    def __init__(
        self,
        raw: io.RawIOBase | io.BufferedIOBase,
        limit: int,
        what: str,
        compressed_size: int | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        super().__init__()
        self._raw = raw
        self._limit = limit
        self._what = what
        self._compressed = compressed_size
        self._limits = limits
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data or b"")
        self.count += n
        if self.count > self._limit:
            raise ReadProblem(f"{self._what} larger than the {size_text(self._limit)} limit (possible zip bomb)")
        if (
            self._compressed is not None
            and self.count > self._limits.ratio_min_bytes
            and self.count > self._limits.max_ratio * max(self._compressed, 1)
        ):
            raise ReadProblem(f"{self._what} compression ratio over {self._limits.max_ratio:g}:1 (possible zip bomb)")
        buffer[:n] = data
        return n


class Rejoined(io.RawIOBase):
    """``head`` followed by the rest of ``rest``: lets a reader re-read the bytes kind detection peeked at."""

    def __init__(self, head: bytes, rest: io.RawIOBase | io.BufferedIOBase) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data or b"")
        buffer[:n] = data
        return n


def read_capped(stream: io.RawIOBase | io.BufferedIOBase, limit: int, what: str) -> bytes:
    """All of ``stream`` as bytes, refusing more than ``limit`` bytes (the record is held whole)."""
    parts: list[bytes] = []
    total = 0
    while True:
        # Raw streams may return short reads, so loop until EOF rather than trusting one read().
        data = stream.read(min(4 * MIB, limit + 1 - total))
        if not data:
            break
        parts.append(data)
        total += len(data)
        if total > limit:
            raise ReadProblem(f"{what} larger than the {size_text(limit)} limit")
    return b"".join(parts)
