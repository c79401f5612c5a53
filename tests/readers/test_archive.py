"""Zip archives: entries read in memory, unsafe names and bombs refused, other entries still read."""

from __future__ import annotations

import gzip
import io
import json
import zipfile

import pytest

from extractor.readers import Limits
from extractor.readers.limits import CappedReader, ReadProblem
from extractor.records import ReadError, Record

from .helpers import FIXTURES, only_error, read_all, read_bytes


def _zip(entries: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def _summary(results: list) -> list[tuple[str, str, str]]:
    return [
        (type(r).__name__, r.source.split("!", 1)[-1], r.id if isinstance(r, Record) else r.reason) for r in results
    ]


def test_bulk_download_style_zip(tmp_path) -> None:
    entries = [
        ("ctg-studies/NCT02028676.xml", (FIXTURES / "NCT02028676.xml").read_bytes()),
        ("ctg-studies/NCT03453554.json", (FIXTURES / "NCT03453554.json").read_bytes()),
        ("ctg-studies/nsclc.json.gz", gzip.compress((FIXTURES / "nsclc-3-studies.json").read_bytes())),
        ("ctg-studies/", b""),
        ("__MACOSX/ctg-studies/._NCT02028676.xml", b"\x00\x05\x16\x07junk"),
        ("ctg-studies/.DS_Store", b"\x00\x00\x00\x01Bud1"),
    ]
    path = tmp_path / "ctg-studies.zip"
    path.write_bytes(_zip(entries))
    results = read_all(path)
    assert _summary(results) == [
        ("Record", "ctg-studies/NCT02028676.xml", "NCT02028676"),
        ("Record", "ctg-studies/NCT03453554.json", "NCT03453554"),
        ("Record", "ctg-studies/nsclc.json.gz", "NCT06576635"),
        ("Record", "ctg-studies/nsclc.json.gz", "NCT07247227"),
        ("Record", "ctg-studies/nsclc.json.gz", "NCT04318938"),
    ]
    assert results[0].source == f"{path}!ctg-studies/NCT02028676.xml"
    assert [r.kind for r in results] == ["ctgov-xml", "ctgov-v2", "ctgov-v2", "ctgov-v2", "ctgov-v2"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.json", "entry path leads outside the archive with '..' (not read)"),
        ("a/../../evil.json", "entry path leads outside the archive with '..' (not read)"),
        ("..\\evil.json", "entry path leads outside the archive with '..' (not read)"),
        ("/etc/evil.json", "absolute entry path, outside the archive (not read)"),
        ("C:/evil.json", "absolute entry path, outside the archive (not read)"),
    ],
)
def test_unsafe_entry_names_are_refused_and_others_read(tmp_path, name: str, reason: str) -> None:
    study = (FIXTURES / "NCT03453554.json").read_bytes()
    before = set(tmp_path.parent.iterdir())
    results = read_bytes(_zip([(name, study), ("good.json", study)]))
    assert _summary(results) == [("ReadError", name, reason), ("Record", "good.json", "NCT03453554")]
    assert set(tmp_path.parent.iterdir()) == before  # nothing was written anywhere


def test_zip_bomb_is_refused_by_ratio() -> None:
    study = (FIXTURES / "NCT03453554.json").read_bytes()
    results = read_bytes(_zip([("bomb.json", b" " * (20 * 1024 * 1024)), ("good.json", study)]))
    assert _summary(results) == [
        ("ReadError", "bomb.json", "zip entry compression ratio over 200:1 (possible zip bomb)"),
        ("Record", "good.json", "NCT03453554"),
    ]


def test_zip_entry_over_the_size_limit() -> None:
    text = json.dumps([{"id": f"NCT{i:08d}", "text": f"trial {i}"} for i in range(5000)])
    data = _zip([("docs.json", text.encode()), ("small.json", b'{"id": "NCT00000001", "text": "x"}')])
    results = read_bytes(data, limits=Limits(max_entry_bytes=100_000))
    assert _summary(results) == [
        ("ReadError", "docs.json", "zip entry larger than the 100000 bytes limit (possible zip bomb)"),
        ("Record", "small.json:1", "NCT00000001"),
    ]


def test_lying_size_in_header_is_caught() -> None:
    payload = b"[" + b" " * 3_000_000 + b"]"
    data = bytearray(_zip([("liar.json", payload)]))
    # Forge a tiny uncompressed size in the central directory so the header check passes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    error = only_error(read_bytes(bytes(data)))
    assert (error.source, error.reason) == (
        "<stdin>!liar.json",
        "corrupt zip data: Bad CRC-32 for file 'liar.json'",
    )


@pytest.mark.parametrize(
    ("compressed", "reason"),
    [
        (None, "entry larger than the 2 MB limit (possible zip bomb)"),
        (1000, "entry compression ratio over 200:1 (possible zip bomb)"),
    ],
)
def test_capped_reader_counts_the_bytes_really_produced(compressed: int | None, reason: str) -> None:
    # Defence in depth: what decompression yields is counted, whatever a header claimed.
    reader = CappedReader(io.BytesIO(b"x" * (3 * 1024 * 1024)), 2 * 1024 * 1024, "entry", compressed)
    with pytest.raises(ReadProblem) as caught:
        while reader.read(65536):
            pass
    assert caught.value.reason == reason


def test_nested_archives_are_read_up_to_the_limit() -> None:
    study = (FIXTURES / "NCT03453554.json").read_bytes()
    inner = _zip([("study.json", study)])
    outer = _zip([("inner.zip", inner)])
    assert _summary(read_bytes(outer)) == [("Record", "inner.zip!study.json", "NCT03453554")]
    too_deep = _zip([("outer.zip", outer)])
    error = only_error(read_bytes(too_deep, limits=Limits(max_nesting=2)))
    assert error.reason == "archives nested more than 2 deep (not read)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "corrupt zip data: File is not a zip file"),
        (b"PK\x05\x06" + b"\x00" * 18, "zip archive holds no files"),
    ],
)
def test_corrupt_or_empty_zip(data: bytes, reason: str) -> None:
    assert only_error(read_bytes(data)).reason == reason


def test_bad_entry_content_is_an_error_for_that_entry() -> None:
    study = (FIXTURES / "NCT03453554.json").read_bytes()
    results = read_bytes(_zip([("a.json", b'{"protocolSection": '), ("b.bin", bytes(range(256))), ("c.json", study)]))
    assert _summary(results) == [
        ("ReadError", "a.json", "truncated JSON: the file ends inside property 'protocolSection'"),
        ("ReadError", "b.bin", "not a text or trial-record file"),
        ("Record", "c.json", "NCT03453554"),
    ]
    assert all(isinstance(r, (Record, ReadError)) for r in results)
