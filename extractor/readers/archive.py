"""Zip archives of study files (the registry's bulk download), read entry by entry in memory.

Nothing is ever extracted to disk, so an entry named ``../evil.json`` could do no harm, but such a
name marks a crafted archive: the entry is reported and skipped, the others are read. Entry sizes
are counted as the data decompresses (headers can lie), which stops zip bombs.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

from extractor.readers.limits import CappedReader, Limits, size_text
from extractor.records import ReadError, Record

#: Reads one entry's stream: (stream, source, entry file name) -> records.
EntryReader = Callable[[BinaryIO, str, str], Iterator["Record | ReadError"]]

_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_entry_name(name: str) -> str | None:
    """Why an entry name points outside the archive (absolute, drive letter, '..'), or None."""
    if "\x00" in name:
        return "entry name contains a NUL byte"
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "absolute entry path, outside the archive (not read)"
    if any(part == ".." for part in re.split(r"[\\/]", name)):
        return "entry path leads outside the archive with '..' (not read)"
    return None


def _hidden(name: str) -> bool:
    """macOS resource forks and dot files are packaging debris, not records."""
    parts = [p for p in name.split("/") if p]
    return any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" for p in parts)


def _header_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """A reason to refuse an entry from its header alone (the counted read checks again)."""
    if info.flag_bits & 0x1:
        return "encrypted zip entry (not read)"
    if info.file_size > limits.max_entry_bytes:
        return f"zip entry larger than the {size_text(limits.max_entry_bytes)} limit (possible zip bomb)"
    if info.file_size > limits.ratio_min_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        return f"zip entry compression ratio over {limits.max_ratio:g}:1 (possible zip bomb)"
    return None


def iter_zip(
    archive: zipfile.ZipFile, source: str, read_entry: EntryReader, limits: Limits
) -> Iterator[Record | ReadError]:
    """Records of every file entry of ``archive``, in archive order; one error row per bad entry."""
    count = 0
    for info in archive.infolist():
        name = info.filename
        entry_source = f"{source}!{name}"
        unsafe = unsafe_entry_name(name)
        if not unsafe and (info.is_dir() or _hidden(name)):
            continue
        count += 1
        problem = unsafe or _header_problem(info, limits)
        if problem:
            yield ReadError(entry_source, problem)
            continue
        try:
            raw = archive.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
            yield ReadError(entry_source, f"cannot read zip entry: {error}")
            continue
        with raw:
            capped = CappedReader(raw, limits.max_entry_bytes, "zip entry", info.compress_size, limits)
            yield from read_entry(io.BufferedReader(capped, 1 << 20), entry_source, PurePosixPath(name).name)
    if count == 0:
        yield ReadError(source, "zip archive holds no files")
