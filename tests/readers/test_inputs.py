"""Inputs: files, directories, stdin; nothing ever raises out of iter_records."""

from __future__ import annotations

import gzip
import io
import os
import shutil
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.readers import iter_records
from extractor.records import ReadError, Record

from .helpers import FIXTURES, only_error, only_record, read_all, read_bytes


def test_missing_file() -> None:
    error = only_error(read_all("/nonexistent/dir/NCT00000000.json"))
    assert (error.source, error.reason) == ("/nonexistent/dir/NCT00000000.json", "no such file")


def test_directory_with_mixed_files_in_sorted_order(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(FIXTURES / "NCT00023673.xml", tmp_path / "b" / "z.xml")
    shutil.copy(FIXTURES / "NCT03453554.json", tmp_path / "a.json")
    shutil.copy(FIXTURES / "seed-004_9c2bdc48ccb5a371.txt", tmp_path / "c.txt")
    shutil.copy(FIXTURES / "ctgov-text-3.jsonl.gz", tmp_path / "d.gz")
    (tmp_path / "e.json").write_bytes(b"")
    (tmp_path / "f.dat").write_bytes(os.urandom(4096).replace(b"\x1f\x8b", b"xx").replace(b"PK", b"xx"))
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00junk")
    shutil.copy(FIXTURES / "NCT03453554.json", tmp_path / ".hidden" / "x.json")
    results = read_all(tmp_path)
    summary = [
        (os.path.relpath(r.source.split(":")[0], tmp_path), r.id if isinstance(r, Record) else r.reason)
        for r in results
    ]
    assert summary == [
        ("a.json", "NCT03453554"),
        ("c.txt", "NCT03211793"),
        ("d.gz", "NCT00000116"),
        ("d.gz", "NCT00000128"),
        ("d.gz", "NCT00000149"),
        ("e.json", "empty file"),
        ("f.dat", "not a text or trial-record file"),
        ("b/z.xml", "NCT00023673"),
    ]
    assert [r.kind for r in results if isinstance(r, Record)] == [
        "ctgov-v2",
        "page-text",
        "jsonl",
        "jsonl",
        "jsonl",
        "ctgov-xml",
    ]


def test_stdin_dash_reads_the_given_binary_stream() -> None:
    data = (FIXTURES / "NCT02028676.classic.json").read_bytes()
    record = only_record(read_all("-", stdin=io.BytesIO(data)))
    assert (record.id, record.source, record.kind) == ("NCT02028676", "<stdin>", "ctgov-classic")


def test_gzip_of_anything_on_stdin() -> None:
    data = gzip.compress((FIXTURES / "NCT02028676.xml").read_bytes())
    assert only_record(read_bytes(data)).id == "NCT02028676"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\n\n  \t", "empty file"),
        (b"\x00\x01\x02\x03" * 100, "not a text or trial-record file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a text or trial-record file"),
        (
            b"<!DOCTYPE html><html><body>Trial</body></html>",
            "an HTML page: save the page as text or give its registry record",
        ),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00garbage", "corrupt or truncated gzip data: "),
        (gzip.compress(b""), "empty file"),
        (b"[" * 100_000 + b"]" * 100_000, "data nested too deeply to read (possible attack)"),
    ],
)
def test_unreadable_inputs(data: bytes, reason: str) -> None:
    assert only_error(read_bytes(data)).reason.startswith(reason)


@pytest.mark.parametrize(
    "data",
    [
        (FIXTURES / "NCT03453554.json").read_bytes(),
        b"\xef\xbb\xbf" + (FIXTURES / "NCT03453554.json").read_bytes(),
        (FIXTURES / "NCT03453554.json").read_text("utf-8").encode("utf-16"),
        (FIXTURES / "NCT03453554.json").read_text("utf-8").encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_json_in_any_unicode_encoding(data: bytes) -> None:
    assert only_record(read_bytes(data)).id == "NCT03453554"


def test_latin1_json() -> None:
    data = '{"protocolSection": {"identificationModule": {"nctId": "NCT00000001", "briefTitle": "Étude"}}}'
    assert only_record(read_bytes(data.encode("latin-1"))).title == "Étude"


def test_inputs_are_read_lazily() -> None:
    results = iter_records([FIXTURES / "NCT03453554.json", "/nonexistent.json"])
    assert isinstance(next(results), Record)
    assert isinstance(next(results), ReadError)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.sampled_from([b"[", b"{", b"<", b"\x1f\x8b", b"PK\x03\x04", b'{"id": 1}\n']).flatmap(
            lambda head: st.binary(max_size=200).map(lambda tail: head + tail)
        ),
    )
)
def test_nothing_raises_on_arbitrary_bytes(data: bytes) -> None:
    results = read_bytes(data)
    assert results, "every input yields at least one record or error"
    for r in results:
        if isinstance(r, ReadError):
            assert r.reason and "\n" not in r.reason


def test_a_lone_path_is_one_input() -> None:
    records = list(iter_records(str(FIXTURES / "NCT03453554.json")))  # type: ignore[arg-type]
    assert [r.id for r in records] == ["NCT03453554"]


def test_a_non_path_input_is_an_error_row() -> None:
    error = only_error(read_all(42))
    assert (error.source, error.reason) == ("42", "not a file path: int")


def test_no_standard_input(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", None)
    assert only_error(read_all("-")).reason == "no standard input to read"


def test_unlistable_directory_is_an_error_row(tmp_path, monkeypatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(FIXTURES / "NCT03453554.json", tmp_path / "a.json")
    real_scandir = os.scandir

    def scandir(path):  # chmod 000 does not stop root, so refuse the listing here instead
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    results = read_all(tmp_path)
    assert [r.id for r in results if isinstance(r, Record)] == ["NCT03453554"]
    assert [(r.source, r.reason) for r in results if isinstance(r, ReadError)] == [
        (str(locked), "cannot list directory: Permission denied")
    ]


def test_pipes_and_devices_in_a_folder_are_skipped_not_waited_on(tmp_path) -> None:
    # Opening a named pipe waits for a writer: one in a walked folder hung the run for good.
    os.mkfifo(tmp_path / "a_pipe.jsonl")
    (tmp_path / "b_zero.json").symlink_to("/dev/zero")
    shutil.copy(FIXTURES / "NCT03453554.json", tmp_path / "c.json")
    summary = [(os.path.basename(r.source), getattr(r, "id", "") or r.reason) for r in read_all(tmp_path)]
    assert summary == [
        ("a_pipe.jsonl", "a named pipe, not a regular file: skipped in a folder"),
        ("b_zero.json", "a device, not a regular file: skipped in a folder"),
        ("c.json", "NCT03453554"),
    ]


def test_a_pipe_given_by_name_is_read(tmp_path) -> None:
    # A shell's <(zcat file.gz) is a pipe given by name: the user asked for it, so it is read.
    pipe = tmp_path / "records"
    os.mkfifo(pipe)
    line = b'{"id": "NCT00000001", "text": "Ten mg."}\n'
    writer = threading.Thread(target=pipe.write_bytes, args=(line,))
    writer.start()
    assert [r.id for r in read_all(pipe)] == ["NCT00000001"]
    writer.join()


def test_linked_folders_are_read_once_and_a_loop_ends(tmp_path) -> None:
    # os.walk does not follow links: records in a linked folder were silently missing.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(FIXTURES / "NCT03453554.json", elsewhere / "a.json")
    root = tmp_path / "root"
    root.mkdir()
    (root / "linked").symlink_to(elsewhere)
    (root / "linked_again").symlink_to(elsewhere)
    (elsewhere / "loop").symlink_to(root)
    summary = [(os.path.relpath(r.source, root), getattr(r, "id", "") or r.reason) for r in read_all(root)]
    assert summary == [  # a folder's sub-folders are sorted out before its files are read
        ("linked_again", "a folder already read (a link to it, or a loop): skipped"),
        ("linked/loop", "a folder already read (a link to it, or a loop): skipped"),
        ("linked/a.json", "NCT03453554"),
    ]


def test_skipped_folders_are_not_read(tmp_path) -> None:
    shutil.copy(FIXTURES / "NCT03453554.json", tmp_path / "a.json")
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(FIXTURES / "NCT03453554.json", out / "b.json")
    assert [r.source for r in iter_records(tmp_path, skip_folders=[out])] == [str(tmp_path / "a.json")]
    assert [r.reason for r in iter_records(out, skip_folders=[out])] == ["the output folder: not read as input"]


def test_records_without_an_id_in_same_named_files_get_ids_of_their_own(tmp_path) -> None:
    # Page text with no NCT number is named after its file: two "notes.txt" must not share one id
    # (a resumed run would take the second for done).
    for folder, title in (("a", "Stem cells for knee pain"), ("b", "Stem cells for heart failure")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.txt").write_text(f"{title}\n\nBrief Summary\nA study without a number.\n")
    (tmp_path / "b" / "rows.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n')
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "rows.jsonl").write_text('{"text": "three"}\n')
    ids = [r.id for r in read_all(tmp_path)]
    b, c = str(tmp_path / "b"), str(tmp_path / "c")
    assert ids == ["notes", f"{b}/notes", "rows:1", "rows:2", f"{c}/rows:1"]
    assert ids == [r.id for r in read_all(tmp_path)], "the same inputs give the same ids"
