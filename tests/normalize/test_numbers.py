"""Number words: the cardinals that every number in words begins with."""

from __future__ import annotations

import re

import pytest

from extractor.normalize.numbers import cardinal_words, cardinal_words_pattern, parse_plain_number


def test_cardinal_words_in_lexicon_order() -> None:
    words = cardinal_words()
    assert words[:4] == ("zero", "one", "two", "three")
    assert words[-3:] == ("seventy", "eighty", "ninety")
    assert len(words) == 28
    assert "first" not in words and "a" not in words and "half" not in words


@pytest.mark.parametrize(
    "text", ["six", "Twenty-four hours", "twenty four", "at the twenty-first day", "ELEVEN", "ninety-nine"]
)
def test_every_cardinal_match_begins_with_a_cardinal_word(text: str) -> None:
    match = re.search(cardinal_words_pattern(), text, re.IGNORECASE)
    assert match is not None
    assert match.group().lower().startswith(cardinal_words())
    assert parse_plain_number(match.group()) is not None
