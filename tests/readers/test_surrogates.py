"""Lone surrogates (which UTF-8 cannot hold) come out of the readers as U+FFFD, one for one."""

from __future__ import annotations

import json
import os

from extractor.readers.surrogates import REPLACEMENT, without_surrogates
from extractor.records import ReadError, Record, Section

from .helpers import read_all, read_bytes


def test_json_escapes_of_lone_halves_are_replaced_everywhere() -> None:
    # Valid JSON, but "\ud83d" alone is half an emoji: writing it as UTF-8 raised and stopped the run.
    line = '{"id": "NCT0000000\\ud801", "title": "T \\udc00", "text": "Ten mg \\ud83d IV.", "brief_summary": "S"}'
    pair = json.dumps({"id": "NCT00000002", "text": "Smile \U0001f600 10 mg."}, ensure_ascii=True)
    first, second = read_bytes(f"{line}\n{pair}\n".encode())
    assert isinstance(first, Record) and isinstance(second, Record)
    assert first.id == "NCT0000000" + REPLACEMENT and first.title == "T " + REPLACEMENT
    assert f"Ten mg {REPLACEMENT} IV." in first.text
    for value in (first.id, first.title, first.text, json.dumps(first.meta, ensure_ascii=False)):
        value.encode("utf-8")
    assert second.text == "Smile \U0001f600 10 mg."  # an escaped pair is one character: kept


def test_undecodable_file_names_are_replaced_in_sources(tmp_path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/tri\xffal.jsonl", "w") as fh:
        fh.write(json.dumps({"id": "NCT00000003", "text": "Ten mg."}) + "\n")
    with open(folder + b"/bad\xfe.json", "w") as fh:
        fh.write("{broken")
    error, record = read_all(tmp_path)
    assert isinstance(error, ReadError) and error.source.endswith(f"bad{REPLACEMENT}.json")
    assert isinstance(record, Record) and record.source.endswith(f"tri{REPLACEMENT}al.jsonl:1")


def test_items_without_surrogates_are_returned_as_they_are() -> None:
    record = Record("NCT1", "Text é.", "s", "jsonl", "T", [Section("title", 0, 4)], {"arms": [{"label": "A"}]})
    error = ReadError("f.json", "bad", "NCT1")
    assert without_surrogates(record) is record and without_surrogates(error) is error


def test_offsets_stay_right() -> None:
    text = "Heading \ud800\n\nTen \udfff mg."
    record = Record("x", text, "s", "text", "", [Section("title", 0, 10, "Heading \ud800")], {"k\ud800": ["\udc00"]})
    clean = without_surrogates(record)
    assert len(clean.text) == len(text) and clean.text.index("mg") == text.index("mg")
    assert clean.sections == [Section("title", 0, 10, f"Heading {REPLACEMENT}")]
    assert clean.meta == {f"k{REPLACEMENT}": [REPLACEMENT]}
