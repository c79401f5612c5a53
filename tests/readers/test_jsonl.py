"""JSON Lines documents: ctgov-text records, annotation-style documents, studies one a line."""

from __future__ import annotations

import gzip
import json

from extractor.records import ReadError, Record

from .helpers import FIXTURES, only_error, only_record, read_all, read_bytes


def test_ctgov_text_lines_from_gzip() -> None:
    path = FIXTURES / "ctgov-text-3.jsonl.gz"
    results = read_all(path)
    assert [(r.id, r.kind, r.source) for r in results] == [
        ("NCT00000116", "jsonl", f"{path}:1"),
        ("NCT00000128", "jsonl", f"{path}:2"),
        ("NCT00000149", "jsonl", f"{path}:3"),
    ]
    first = results[0]
    assert first.title == "Randomized Trial for Retinitis Pigmentosa."
    assert [s.name for s in first.sections] == ["title", "summary", "description"]
    assert first.text.startswith("Randomized Trial for Retinitis Pigmentosa.\n\nBrief Summary\nThe purpose of this")
    assert "\n\nDetailed Description\nRetinitis pigmentosa (RP) is a group" in first.text


def test_annotation_documents_keep_their_text_verbatim() -> None:
    docs = [
        {"id": "NCT03211793", "text": "  Clinical Trial Summary\r\n20 participants ...", "spans": []},
        {"id": "NCT04356755", "text": "Brief Summary\nDigital injection.", "origin": "seed"},
    ]
    data = "".join(json.dumps(d) + "\n" for d in docs).encode()
    results = read_bytes(data)
    assert [(r.id, r.text, r.source) for r in results] == [
        ("NCT03211793", docs[0]["text"], "<stdin>:1"),
        ("NCT04356755", docs[1]["text"], "<stdin>:2"),
    ]
    assert [s.name for s in results[1].sections] == ["summary"]


def test_bad_lines_are_errors_and_reading_goes_on() -> None:
    lines = [
        json.dumps({"id": "NCT00000001", "text": "One."}),
        '{"id": "NCT00000002", "text": "Two.',
        "",
        json.dumps({"id": "NCT00000003", "text": ""}),
        json.dumps({"text": "   "}),
        json.dumps([1, 2]),
        json.dumps({"id": "NCT00000006", "text": "Six."}),
        '{"id": "NCT00000007", "text": "trunc',
    ]
    results = read_bytes("\n".join(lines).encode())
    summary = [(type(r).__name__, r.source, getattr(r, "id", "") or getattr(r, "reason", "")) for r in results]
    assert summary == [
        ("Record", "<stdin>:1", "NCT00000001"),
        ("ReadError", "<stdin>:2", "malformed JSON line (column 31): Unterminated string starting at"),
        ("ReadError", "<stdin>:4", "record has no text"),
        ("ReadError", "<stdin>:5", "empty record"),
        ("ReadError", "<stdin>:6", "not a trial record: a JSON list, not an object"),
        ("Record", "<stdin>:7", "NCT00000006"),
        ("ReadError", "<stdin>:8", "malformed JSON line (column 31): Unterminated string starting at"),
    ]
    assert results[1].record_id == "NCT00000002"


def test_studies_one_a_line() -> None:
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT00000001", "briefTitle": "A"}}}
    data = (json.dumps(study) + "\n" + json.dumps(study).replace("NCT00000001", "NCT00000002") + "\n").encode()
    results = read_bytes(data)
    assert [(r.id, r.kind, r.source) for r in results] == [
        ("NCT00000001", "ctgov-v2", "<stdin>:1"),
        ("NCT00000002", "ctgov-v2", "<stdin>:2"),
    ]


def test_document_without_id_takes_nct_from_text_or_line() -> None:
    data = b'{"text": "Trial NCT01234567 of cells."}\n{"text": "No id here."}\n'
    assert [r.id for r in read_bytes(data)] == ["NCT01234567", "stdin:2"]


def test_an_id_is_a_string_or_a_whole_number_else_the_next_id_key_or_the_line() -> None:
    lines = [
        {"id": 17, "text": "a"},
        {"id": ["NCT01234567"], "nct_id": "NCT07654321", "text": "b"},
        {"id": {"value": "x"}, "text": "c"},
        {"id": True, "text": "Trial NCT01234567."},
        {"id": 1.5, "doc_id": " d-4 ", "text": "e"},
    ]
    data = "".join(json.dumps(line) + "\n" for line in lines).encode()
    assert [r.id for r in read_bytes(data)] == ["17", "NCT07654321", "stdin:3", "NCT01234567", "d-4"]


def test_overlong_line_is_refused_and_the_next_line_read() -> None:
    from extractor.readers import Limits

    lines = [json.dumps({"id": "A", "text": "x" * 5000}), json.dumps({"id": "B", "text": "short"})]
    results = read_bytes("\n".join(lines).encode(), limits=Limits(max_record_bytes=1000))
    assert isinstance(results[0], ReadError) and results[0].reason == "line longer than the 1000 bytes limit"
    assert isinstance(results[1], Record) and results[1].id == "B"


def test_truncated_gzip_keeps_earlier_lines(tmp_path) -> None:
    lines = "".join(json.dumps({"id": f"NCT{i:08d}", "text": f"Trial {i} " * 50}) + "\n" for i in range(2000))
    data = gzip.compress(lines.encode())
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    results = read_all(path)
    records = [r for r in results if isinstance(r, Record)]
    assert len(records) > 10 and records[0].id == "NCT00000000"
    error = results[-1]
    assert isinstance(error, ReadError) and error.source == str(path)
    assert error.reason == (
        "corrupt or truncated gzip data: Compressed file ended before the end-of-stream marker was reached"
    )


def test_empty_jsonl_object_is_empty_record() -> None:
    assert only_error(read_bytes(b"{}\n{}\n"[:3])).reason == "empty record"


def test_one_megabyte_line() -> None:
    text = "Patients receive 100 mg orally. " * 33000
    record = only_record(read_bytes(json.dumps({"id": "NCT00000001", "text": text}).encode() + b"\n"))
    assert record.text == text and len(text) > 1_000_000


def test_a_line_nested_too_deeply_is_an_error_and_the_next_lines_are_read(tmp_path) -> None:
    # json.loads raises RecursionError on such a line; it used to end the whole file (first line: already
    # while telling the file's kind), losing every line after it.
    deep = '{"id": "NCT00000001", "text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"
    good = json.dumps({"id": "NCT00000002", "text": "Two."})
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([deep, good, deep, good.replace("0002", "0004")]) + "\n")
    summary = [(type(r).__name__, r.source, getattr(r, "id", "") or r.reason) for r in read_all(path)]
    reason = "JSON nested too deeply to read (possible attack)"
    assert summary == [
        ("ReadError", f"{path}:1", reason),
        ("Record", f"{path}:2", "NCT00000002"),
        ("ReadError", f"{path}:3", reason),
        ("Record", f"{path}:4", "NCT00000004"),
    ]
