"""The hint as three searches finds a hint exactly where the one hint pattern does."""

from __future__ import annotations

import re

import pytest

from extractor.normalize.time_hint import build_hint
from extractor.normalize.time_lexer import lexicon

SENTENCES = [
    "Follow-up visits will be scheduled at 48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment.",
    "Patients were assessed monthly and then annually.",
    "Assessed at every visit by the investigator.",
    "Labs at D28, W12 and 3w5.",
    "Labs at d28 and xD28.",
    "Each 6-mo. visit, semiannually",
    "Scores on Sunday and Wednesday",
    "Évaluation hebdomadaire à J28 et 12 mois – DAYS",
]


def test_build_hint_on_a_small_lexicon():
    hint = build_hint([r"weeks?|wk|w", r"days?|d", r"weekly|bi-?weekly"], "w|y", ["D", "W"])
    assert hint.words.ignorecase.pattern == (
        r"(?:b(?<![^\W\d_]b)(?:i-?weekly)|d(?<![^\W\d_]d)(?:ays?|)"
        r"|w(?<![^\W\d_]w)(?:eeks?|k||eekly))(?![^\W\d_])"
    )
    found = {text: hint.search(text, text.lower()) for text in ["2 wks", "2 weeks", "weekly", "biweekly", "a day"]}
    assert found == {"2 wks": False, "2 weeks": True, "weekly": True, "biweekly": True, "a day": True}
    assert [hint.search(text, text.lower()) for text in ["D28", "xd28", "4w", "4wk", "xW1"]] == [
        True,
        False,
        True,
        True,
        False,
    ]


def test_glued_capitals_that_are_not_single_letters():
    hint = build_hint([r"days?"], "w", ["Wk"])
    assert [hint.search(text, text.lower()) for text in ["Wk12", "wk12", "xWk12"]] == [True, False, False]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_lexicon_hint_in_three_searches(text):
    hint = lexicon().fast_hint
    expected = lexicon().hint.search(text) is not None
    assert hint.search(text, None) is expected
    if text.isascii():
        assert hint.search(text, text.lower()) is expected


def test_words_are_grouped_by_their_first_letter():
    words = lexicon().fast_hint.words.ignorecase.pattern
    assert re.match(r"\(\?:a\(\?<!", words)  # "annually" leads, read from its letter
