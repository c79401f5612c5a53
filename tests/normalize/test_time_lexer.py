"""The time tokenizer: token kinds, offsets and values, the same on the fast path and the plain one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize.caseless import fold
from extractor.normalize.time_lexer import Token, has_hint, lexicon, scan, tokenize

SENTENCE = "Follow-up visits at Day 7 and 3 months, D28, d28 and 3w5."


def test_tokenize_a_follow_up_sentence():
    assert [(t.kind, SENTENCE[t.start : t.end], t.value) for t in tokenize(SENTENCE)] == [
        ("word", "Follow", 0.0),
        ("weak", "-", 0.0),
        ("word", "up", 0.0),
        ("word", "visits", 0.0),
        ("glue", "at", 1.0),
        ("unit", "Day", 1.0),
        ("num", "7", 7.0),
        ("glue", "and", 1.0),
        ("num", "3", 3.0),
        ("unit", "months", 30.0),
        ("sep", ",", 0.0),
        ("unit", "D", 1.0),  # a glued capital
        ("num", "28", 28.0),
        ("sep", ",", 0.0),
        ("unit", "d", 1.0),  # the unit "d"
        ("num", "28", 28.0),
        ("glue", "and", 1.0),
        ("num", "3", 3.0),
        ("unit", "w", 7.0),  # glued after a number
        ("num", "5", 5.0),
        ("break", ".", 0.0),
    ]


def test_glued_capitals_need_their_case():
    text = "M6 and m6, W12 and w12"
    assert [(t.kind, text[t.start : t.end]) for t in tokenize(text)] == [
        ("unit", "M"),
        ("num", "6"),
        ("glue", "and"),
        ("word", "m6"),  # a name, as "T1D" or "IL2" (see test_glued_names_are_words)
        ("sep", ","),
        ("unit", "W"),
        ("num", "12"),
        ("glue", "and"),
        ("word", "w12"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AZD6738 Days 1-7", [("word", "AZD6738"), ("unit", "Days"), ("num", "1"), ("weak", "-"), ("num", "7")]),
        ("75 mg/m2 days", [("num", "75"), ("word", "mg"), ("sep", "/"), ("word", "m2"), ("unit", "days")]),
        ("COVID19, CD34+ T1D", [("word", "COVID19"), ("sep", ","), ("word", "CD34"), ("sep", "+"), ("word", "T1D")]),
        ("H1N1 W4D1", [("word", "H1N1"), ("word", "W4D1")]),  # a one-letter unit before a name is part of it
        # A long word before digits lost its space; a unit or keyword keeps its number; "x3" is "x 3".
        ("administration12weeks", [("word", "administration"), ("num", "12"), ("unit", "weeks")]),
        (
            "Day1 to12 D28 x3",
            [
                ("unit", "Day"),
                ("num", "1"),
                ("weak", "to"),
                ("num", "12"),
                ("unit", "D"),
                ("num", "28"),
                ("word", "x"),
                ("num", "3"),
            ],
        ),
    ],
)
def test_glued_names_are_words(text, expected):
    assert [(t.kind, text[t.start : t.end]) for t in tokenize(text)] == expected


def test_scan_without_words_leaves_none_where_words_stand():
    text = "Patients will be seen at 3 months."
    assert scan(text, text.lower(), words=False) == [
        None,  # "Patients will be seen", one run of words
        Token("glue", 22, 24, 1.0),
        Token("num", 25, 26, 3.0),
        Token("unit", 27, 33, 30.0),
        Token("break", 33, 34, 0.0),
    ]


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        "Baseline, 6-weeks & 3-, 6-, 9-, 12- months; Day #28, Days = 1, 4, 7; 28±3 days.",
        "Every 30 day for 1 year after BMT – twice weekly, once a week, half a year, 36 week's age.",
        "L'évaluation à J28 — µ-opioid scores at 12 Monate, W12, ½ dose, not_a_word ² and İ.",
        "Évaluation à J28 – Día 7,\u00a0Semana 12 and ≥ 3 MONTHS (±3 días) after ΑΓ.",  # lowered: no µ, İ
    ],
)
def test_fast_and_plain_paths_give_the_same_tokens(text):
    _same_on_both_paths(text)


def _same_on_both_paths(text: str) -> None:
    lowered = fold(text)
    assert scan(text, lowered, words=True) == scan(text, None, words=True) == tokenize(text)
    fast, plain = scan(text, lowered, words=False), scan(text, None, words=False)
    assert [t for t in fast if t] == [t for t in plain if t]


#: Time words in both cases, digits, separators, plain non-ASCII letters and signs, and letters ``fold`` refuses.
TIME_ALPHABET = "dDwWmMhHyYaeknorstu0123456789 ,.;-–/()+±≥×\n\u00a0éÉàÀíÍαΑıſµİ"
TIME_WORDS = ["day", "Days", "week", "WEEKS", "month", "D28", "W12", "M6", "hours", "yr", "twice", "weekly", "3w5"]
TIME_WORDS += ["AZD6738", "H1N1", "W4D1", "x3", "administration12", "Day1", "to12", "mg/m2"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TIME_WORDS), st.text(TIME_ALPHABET, max_size=8)), max_size=10))
def test_any_text_gives_the_same_tokens_on_both_paths(pieces):
    _same_on_both_paths(" ".join(pieces))


def test_runs_of_words_are_one_none_on_the_fast_path_only():
    text = "Patients will be seen at 3 months."
    assert scan(text, None, words=False)[:4] == [None, None, None, None]  # one a word on the plain path
    assert [t for t in scan(text, None, words=False) if t] == [t for t in scan(text, text.lower(), False) if t]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Assessed at 3 visits", False),
        ("Visits at month 3", True),
        ("Assessed monthly", True),
        ("D28", True),
        ("xD28", False),
        ("d", True),  # the unit "d"
        ("4w", True),
        ("w4", False),
        ("Sunday and Wednesday", False),
    ],
)
def test_has_hint(text, hint):
    assert has_hint(text, text.lower()) is hint
    assert has_hint(text) is hint
    assert (lexicon().hint.search(text) is not None) is hint
