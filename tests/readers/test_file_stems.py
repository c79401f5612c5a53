"""Names of records without a trial id: the file's name, unique across the files of a run."""

from __future__ import annotations

import pytest

from extractor.readers.file_stems import FileStems, file_stem


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NCT0001.json.gz", "NCT0001"),
        ("notes.txt", "notes"),
        ("records.JSONL.GZ", "records"),
        ("no-extension", "no-extension"),
        ("", "stdin"),
    ],
)
def test_file_stem(name, expected):
    assert file_stem(name) == expected


def test_the_first_file_keeps_its_name_a_later_one_of_that_name_takes_its_path():
    stems = FileStems()
    assert stems.stem("a/notes.txt", "notes.txt") == "notes"
    assert stems.stem("b/notes.txt.gz", "notes.txt") == "b/notes"
    assert stems.stem("arch.zip!dir/notes.json", "notes.json") == "arch.zip!dir/notes"


def test_a_file_asked_again_gets_the_same_name():
    stems = FileStems()
    first = [stems.stem(s, "n.txt") for s in ("a/n.txt", "b/n.txt")]
    assert [stems.stem(s, "n.txt") for s in ("a/n.txt", "b/n.txt")] == first == ["n", "b/n"]


def test_two_files_whose_paths_differ_only_in_extension_are_numbered():
    stems = FileStems()
    names = [stems.stem(source, source.rsplit("/", 1)[-1]) for source in ("a/n.txt", "b/n.json", "b/n.xml")]
    assert names == ["n", "b/n", "b/n~2"]
