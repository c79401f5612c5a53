"""Case-insensitive patterns run as case-sensitive twins on lower-cased ASCII text find the same matches."""

from __future__ import annotations

import re

from extractor.normalize.pattern_gates import fold
from extractor.normalize.regex_tools import Caseless

SENTENCES = [
    "Follow-up visits will be scheduled at 48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment.",
    "The Primary Outcome is the change in FEV1; secondary end-points include MRI-assessed lesion volume.",
    "Efficacy will be assessed by the following:",
]


def test_fold_gives_the_lowered_text_caseless_searches():
    assert fold("Week 12") == "week 12"
    assert fold("Straße") is None  # not ASCII: lower-casing may change the length


def test_caseless_agrees_with_its_pattern():
    pattern = re.compile(r"\b(?:primary|secondary)\s+(?P<what>outcomes?|end-?points?)", re.IGNORECASE)
    caseless = Caseless(pattern)
    assert caseless.required == ("primary", "secondary") and caseless.quick
    for text in [*SENTENCES, "Primary outcome – the µ-opioid score", "no lead here"]:
        lowered = fold(text)
        found, fast = pattern.search(text), caseless.search(text, lowered)
        assert (found and (found.span(), found.span("what"))) == (fast and (fast.span(), fast.span("what")))
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in caseless.finditer(text, lowered)]
        assert (pattern.match(text) is None) == (caseless.match(text, lowered) is None)
    assert caseless.search(SENTENCES[1], fold(SENTENCES[1]), pos=30).group("what") == "end-points"


def test_caseless_may_match_reads_spans_of_a_whole_text():
    caseless = Caseless(re.compile(r"\b(?:primary|secondary)\s+outcomes?", re.IGNORECASE))
    assert caseless.required == ("outcome",)  # one string as long as the two others
    text = "Study visits. The Primary Outcome is pain. Secondary outcomes: none. Primary"
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text)]
    assert caseless.may_match(text.lower(), spans) == [False, True, True, False]
    assert caseless.may_match(text.lower(), [(0, 20), (20, 30)]) == [False, False]  # "outcome" crosses the end
    everything = Caseless(re.compile(r"\d+", re.IGNORECASE))  # no required string: every span may match
    assert everything.may_match("a 1", [(0, 1), (2, 3)]) == [True, True]
