"""Loading and validating annotation files: every problem with file, line and record id."""

from __future__ import annotations

import json

import pytest

from extractor.evaluation.gold import (
    ValidationError,
    docs_from_dicts,
    load_annotations,
    validate_file,
    write_annotations,
)
from extractor.schema import attributes


@pytest.fixture
def problems(fixtures):
    return validate_file(fixtures / "invalid.jsonl")


def _at(problems, line):
    return [p for p in problems if p.line == line]


def test_every_problem_names_file_line_and_record(problems, fixtures):
    assert problems, "the invalid fixture must produce problems"
    assert {p.path for p in problems} == {str(fixtures / "invalid.jsonl")}
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert not _at(problems, 1), "line 1 is valid"
    assert not _at(problems, 7), "blank lines are skipped"
    text = str(problems[0])
    assert text.startswith(f"{fixtures / 'invalid.jsonl'}:2: record ?:")


def test_invalid_json(problems):
    (problem,) = _at(problems, 2)
    assert problem.record_id == "?"
    assert "invalid JSON" in problem.message


def test_missing_key(problems):
    (problem,) = _at(problems, 3)
    assert problem.record_id == "no-text"
    assert "'text'" in problem.message


def test_offsets(problems):
    messages = [p.message for p in _at(problems, 4)]
    assert {p.record_id for p in _at(problems, 4)} == {"bad-offsets"}
    assert any("spans[0]" in m and "out of range" in m for m in messages)
    assert any("spans[1]" in m and "before end" in m for m in messages)
    assert any("spans[2].start must be an integer" in m for m in messages)


def test_unknown_label(problems):
    (problem,) = _at(problems, 5)
    assert problem.record_id == "bad-label"
    assert "unknown label 'DRUG'" in problem.message


def test_attribute_types_values_and_names(problems):
    messages = [p.message for p in _at(problems, 6)]
    assert len(messages) == 3  # the ROUTE span on that line is fine
    assert any("low must be a number" in m for m in messages)
    assert any("unit must be one of" in m and "'grams'" in m for m in messages)
    assert any("unknown attribute 'colour'" in m for m in messages)


def test_duplicate_id_points_at_first_line(problems):
    (problem,) = _at(problems, 8)
    assert problem.record_id == "ok1"
    assert "duplicate id (first on line 1)" in problem.message


def test_structure_errors(problems):
    assert "spans must be a list" in _at(problems, 9)[0].message
    assert "must be a JSON object" in _at(problems, 10)[0].message
    messages = [p.message for p in _at(problems, 11)]
    assert any("days must be a list of numbers" in m for m in messages)
    assert any("unknown attribute 'n' for label SCHEDULE" in m for m in messages)


def test_load_raises_with_all_problems_listed(fixtures, problems):
    with pytest.raises(ValidationError) as caught:
        load_annotations(fixtures / "invalid.jsonl")
    assert caught.value.problems == problems
    message = str(caught.value)
    assert f"{len(problems)} annotation problem(s)" in message
    for problem in problems:
        assert str(problem) in message


def test_missing_attributes_are_null(gold_small):
    (span,) = gold_small[2].spans  # D3's SCHEDULE gives only "days"
    assert span.attrs == {"days": [180], "every": None, "through": None}
    assert list(span.attrs) == list(attributes("SCHEDULE"))


def test_valid_file_has_no_problems_and_round_trips(fixtures, tmp_path, gold_small):
    assert validate_file(fixtures / "gold_small.jsonl") == []
    out = tmp_path / "copy.jsonl"
    write_annotations(gold_small, out)
    assert load_annotations(out) == gold_small


def test_in_memory_records_are_validated():
    records = [{"id": "a", "text": "x y", "spans": [{"start": 0, "end": 1, "label": "NOPE"}]}]
    with pytest.raises(ValidationError, match="record a: spans\\[0\\] has unknown label 'NOPE'"):
        docs_from_dicts(records, "extractor output")


def test_empty_file_is_valid(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    assert load_annotations(path) == []


def test_bom_is_tolerated(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_text("\ufeff" + json.dumps({"id": "a", "text": "t", "spans": []}) + "\n", encoding="utf-8")
    assert [d.id for d in load_annotations(path)] == ["a"]
