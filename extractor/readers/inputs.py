"""Open inputs (files, directories, stdin), detect their kind and hand them to the format readers.

This is the one place that turns every failure into a :class:`ReadError` row: a reader may raise
:class:`ReadProblem` (or anything else, on input nobody foresaw) and the run goes on with the next
record or file.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from extractor.readers import detect as kinds
from extractor.readers.archive import iter_zip
from extractor.readers.ctgov_json import iter_json, study_record
from extractor.readers.ctgov_xml import record_from_xml
from extractor.readers.file_stems import FileStems, file_stem, without_gz
from extractor.readers.jsonl import iter_jsonl
from extractor.readers.limits import DEFAULT_LIMITS, Limits, ReadProblem, Rejoined, read_capped
from extractor.readers.page_text import record_from_page_text
from extractor.readers.text_decoding import decode_bytes, iter_text, normalize_newlines
from extractor.records import ReadError, Record

STDIN_SOURCE = "<stdin>"
_XML_NCT = re.compile(rb"<nct_id>\s*(NCT\d{8})\s*</nct_id>")
_BUFFER = 1 << 20


def _failure(error: BaseException) -> str:
    """One-line reason for an exception no reader turned into a ReadProblem."""
    if isinstance(error, (EOFError, gzip.BadGzipFile, zlib.error)):
        return f"corrupt or truncated gzip data: {error}"
    if isinstance(error, zipfile.BadZipFile):
        return f"corrupt zip data: {error}"
    if isinstance(error, RecursionError):
        return "data nested too deeply to read (possible attack)"
    if isinstance(error, MemoryError):
        return "out of memory while reading this record"
    if isinstance(error, OSError):
        return f"read error: {error.strerror or error}"
    text = " ".join(str(error).split())[:200]
    return f"unexpected error: {type(error).__name__}: {text}"


def _guarded(records: Iterator[Record | ReadError], source: str) -> Iterator[Record | ReadError]:
    """Pass records through; an exception becomes one error row and ends this input only."""
    try:
        yield from records
    except ReadProblem as problem:
        yield ReadError(source, problem.reason, problem.record_id)
    except Exception as error:  # noqa: BLE001 - the contract: nothing raises out of iter_records
        yield ReadError(source, _failure(error))


def _read_whole(stream: BinaryIO, what: str, limits: Limits) -> bytes:
    return read_capped(stream, limits.max_record_bytes, what)


def read_stream(
    stream: BinaryIO,
    source: str,
    name: str,
    *,
    seekable: bool,
    depth: int = 0,
    limits: Limits = DEFAULT_LIMITS,
    stems: FileStems | None = None,
) -> Iterator[Record | ReadError]:
    """Records of one binary stream positioned at its start (``name`` breaks detection ties and names
    records without a trial id; ``stems`` keeps those names unique across the files of a run)."""
    return _guarded(_read_stream(stream, source, name, seekable, depth, limits, stems), source)


def _read_stream(
    stream: BinaryIO, source: str, name: str, seekable: bool, depth: int, limits: Limits, stems: FileStems | None
) -> Iterator[Record | ReadError]:
    head = stream.read(kinds.HEAD_BYTES) or b""
    kind = kinds.detect_kind(head, name)
    if seekable:
        stream.seek(0)
        body: BinaryIO = stream
    else:
        body = io.BufferedReader(Rejoined(head, stream), _BUFFER)  # type: ignore[arg-type]

    # Asked only where records are made: an archive itself names no record.
    def stem() -> str:
        return stems.stem(source, name) if stems is not None else file_stem(name)

    if kind == kinds.EMPTY:
        yield ReadError(source, "empty file")
    elif kind == kinds.BINARY:
        yield ReadError(source, "not a text or trial-record file")
    elif kind == kinds.HTML:
        yield ReadError(source, "an HTML page: save the page as text or give its registry record")
    elif kind in (kinds.GZIP, kinds.ZIP) and depth >= limits.max_nesting:
        yield ReadError(source, f"archives nested more than {limits.max_nesting} deep (not read)")
    elif kind == kinds.GZIP:
        inner = without_gz(name)
        unzipped = gzip.GzipFile(fileobj=body, mode="rb")
        yield from _read_stream(unzipped, source, inner, False, depth + 1, limits, stems)  # type: ignore[arg-type]
    elif kind == kinds.ZIP:
        if seekable:
            archive = zipfile.ZipFile(body)
        else:
            # zipfile needs to seek (the directory is at the end); hold a piped archive in memory.
            archive = zipfile.ZipFile(io.BytesIO(read_capped(body, limits.max_buffered_archive_bytes, "zip archive")))
        with archive:

            def read_entry(entry: BinaryIO, entry_source: str, entry_name: str) -> Iterator[Record | ReadError]:
                return read_stream(
                    entry, entry_source, entry_name, seekable=False, depth=depth + 1, limits=limits, stems=stems
                )

            yield from iter_zip(archive, source, read_entry, limits)
    elif kind in (kinds.CTGOV_XML, kinds.OTHER_XML):
        data = _read_whole(body, "XML document", limits)
        try:
            yield record_from_xml(data, source, stem())
        except ReadProblem as problem:
            found = _XML_NCT.search(data[:200_000])
            yield ReadError(source, problem.reason, found.group(1).decode() if found else problem.record_id)
    elif kind in (kinds.CTGOV_V2, kinds.CTGOV_CLASSIC, kinds.JSON):
        yield from iter_json(iter_text(body), source, stem(), limits.max_record_bytes)
    elif kind == kinds.JSONL:
        chunks = normalize_newlines(iter_text(body))
        yield from iter_jsonl(chunks, source, stem(), limits.max_record_bytes, study_record)
    else:
        text = "".join(normalize_newlines([decode_bytes(_read_whole(body, "text file", limits))]))
        if not text.strip():
            yield ReadError(source, "empty file")
        else:
            yield record_from_page_text(text, source, stem())


def read_path(
    path: Path, limits: Limits = DEFAULT_LIMITS, stems: FileStems | None = None
) -> Iterator[Record | ReadError]:
    """Records of one file; a file that cannot be opened is one error row."""
    source = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is done
    except FileNotFoundError:
        yield ReadError(source, "no such file")
        return
    except PermissionError:
        yield ReadError(source, "cannot open: permission denied")
        return
    except OSError as error:
        yield ReadError(source, f"cannot open: {error.strerror or error}")
        return
    with handle:
        yield from read_stream(handle, source, path.name, seekable=handle.seekable(), limits=limits, stems=stems)


def _special_file(path: Path) -> str:
    """What ``path`` is when it is no regular file or directory ("named pipe", "device", "socket"), else ""."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # a broken link: reading it reports that
        return ""
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "socket" if stat.S_ISSOCK(mode) else ""


def _folder_key(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the folder ``path`` leads to (through links), or None when it cannot be read."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def walk(root: Path, skip: frozenset[tuple[int, int]] = frozenset()) -> Iterator[Path | ReadError]:
    """Files below ``root`` in sorted (deterministic) order, hidden files and directories skipped.

    Linked folders are followed, each folder read once: a second way to one (a link to a folder already
    read, or a loop) is an error row. Folders in ``skip`` (``_folder_key`` values: the run's own output
    folder) are passed over, else a second run would read the first one's tables as records. A directory
    that cannot be listed is an error row rather than silently missing records.
    """
    root_key = _folder_key(root)
    if root_key is not None and root_key in skip:
        yield ReadError(str(root), "the output folder: not read as input")
        return
    seen = {root_key} if root_key is not None else set()
    problems: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append, followlinks=True):
        while problems:
            error = problems.pop(0)
            yield ReadError(str(error.filename or dirpath), f"cannot list directory: {error.strerror or error}")
        kept = []
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            key = _folder_key(Path(dirpath) / name)
            if key is not None and key in skip:
                continue
            if key is not None and key in seen:
                yield ReadError(str(Path(dirpath) / name), "a folder already read (a link to it, or a loop): skipped")
                continue
            if key is not None:
                seen.add(key)
            kept.append(name)
        dirnames[:] = kept
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(dirpath) / filename
            special = _special_file(path)
            if special:
                # Opening a named pipe waits for a writer, and a device may never end: either could hang
                # the run. Given by name (a shell's <(...) is a pipe), such a file is read.
                yield ReadError(str(path), f"a {special}, not a regular file: skipped in a folder")
            else:
                yield path
    for error in problems:
        yield ReadError(str(error.filename or root), f"cannot list directory: {error.strerror or error}")


def _stdin_stream(stdin: BinaryIO | None) -> BinaryIO | None:
    if stdin is not None:
        return stdin
    return getattr(sys.stdin, "buffer", None)  # None when the process has no standard input


def iter_inputs(
    inputs: Iterable[str | Path] | str | Path,
    stdin: BinaryIO | None,
    limits: Limits,
    skip_folders: Iterable[str | Path] = (),
) -> Iterator[Record | ReadError]:
    """Records of every input in order: files, directories (walked, ``skip_folders`` passed over), '-' for
    standard input."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]  # a lone path, not an iterable of one-character paths
    skip = frozenset(key for key in (_folder_key(Path(f)) for f in skip_folders) if key is not None)
    stems = FileStems()
    for item in inputs:
        if str(item) == "-":
            stream = _stdin_stream(stdin)
            if stream is None:
                yield ReadError(STDIN_SOURCE, "no standard input to read")
            else:
                yield from read_stream(stream, STDIN_SOURCE, "", seekable=False, limits=limits, stems=stems)
            continue
        if isinstance(item, str) and not item.strip():
            # Path("") is ".": an unset "$DIR" would read whatever the current folder holds.
            yield ReadError(repr(item), "empty input path")
            continue
        try:
            path = Path(item)
            is_dir = path.is_dir()
        except TypeError:
            yield ReadError(str(item), f"not a file path: {type(item).__name__}")
            continue
        except OSError:
            is_dir = False
        if not is_dir:
            yield from read_path(path, limits, stems)
            continue
        for found in walk(path, skip):
            if isinstance(found, ReadError):
                yield found
            else:
                yield from read_path(found, limits, stems)
