"""Whole-number counts (sample sizes, injection sites, administrations)."""

from __future__ import annotations

import pytest

from extractor.normalize.counts import parse_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20", 20),
        ("1,200", 1200),
        ("twenty-four", 24),
        ("one hundred and twenty", 120),
        (" Eight ", 8),
        ("999999999999999999", 999_999_999_999_999_999),  # 18 digits: the most a count has here
        ("9999999999999999999", None),  # 19 and more: no count, and a 64-bit column may not hold it
        ("9" * 5000, None),  # int() refuses more than 4,300 digits
        ("1,2", None),
        ("many", None),
        ("", None),
    ],
)
def test_parse_count(text, expected) -> None:
    assert parse_count(text) == expected
