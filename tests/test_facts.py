"""Facts read off Docs: the sentence a fact row carries as provenance."""

from __future__ import annotations

import pytest

from extractor.facts import ELLIPSIS, MAX_SENTENCE_CHARS, sentence_context

LONG = "a" * 3000 + " 10 mg " + "b" * 3000  # one "sentence" of 6,007 characters


def test_a_sentence_of_usual_length_is_given_whole_and_stripped():
    text = "  Patients receive 10 mg of compound-1 intravenously.\n"
    assert sentence_context(text, (0, len(text)), 19, 24) == text.strip()


@pytest.mark.parametrize(
    ("start", "end", "cut_before", "cut_after"),
    [
        (3001, 3006, True, True),  # in the middle: the window is centred on the fact
        (0, 4, False, True),  # at the start: all the room goes after it
        (len(LONG) - 4, len(LONG), True, False),  # at the end: all the room goes before it
    ],
)
def test_a_long_sentence_is_cut_to_a_window_around_the_fact(start, end, cut_before, cut_after):
    window = sentence_context(LONG, (0, len(LONG)), start, end)
    assert LONG[start:end] in window
    assert window.startswith(ELLIPSIS) is cut_before and window.endswith(ELLIPSIS) is cut_after
    assert len(window.strip(ELLIPSIS)) == MAX_SENTENCE_CHARS


def test_a_fact_longer_than_the_limit_is_kept_whole():
    window = sentence_context(LONG, (0, len(LONG)), 10, 2010)
    assert window == ELLIPSIS + LONG[10:2010] + ELLIPSIS
