"""The adjusted scispaCy tokenizer splits dose notations where their parts meet, and tokenizes an overlong
run without whitespace in pieces."""

import re

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from extractor.pipeline.tokenizer import MAX_RUN_CHARS, protocol_tokenizer, run_cuts


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = protocol_tokenizer(nlp)
    return nlp


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("(45-50*10^6)", ["(", "45", "-", "50", "*", "10", "^", "6", ")"]),
        ("45–50×10^6", ["45", "–", "50", "×", "10", "^", "6"]),
        ("1x10^6 cells/kg", ["1", "x", "10", "^", "6", "cells", "/", "kg"]),
        ("1 × 10(6)", ["1", "×", "10", "(", "6", ")"]),
        ("1.5mg/kg", ["1.5", "mg", "/", "kg"]),
        ("0.5mL", ["0.5", "mL"]),
        ("≥1x10^6", ["≥", "1", "x", "10", "^", "6"]),
        ("Injection，600 mg", ["Injection", "，", "600", "mg"]),
    ],
)
def test_dose_notations_split_at_their_parts(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize("word", ["BM-MSC", "e.g.", "COVID-19", "CD34", "10e7"])
def test_words_stay_whole(nlp, word):
    assert [t.text for t in nlp(word)] == [word]


def test_real_runs_without_whitespace_are_not_cut(nlp):
    # The longest run without whitespace in the corpus (NCT05816499, 129 characters) is one call.
    run = "CTLA-4（CD152）、TIGIT、OX-40、CD137、ICOS、CD40、CD47、CD73、GITR、TOX、LAG-3、TIM3、SIRPα、BTLA、VISTA"
    assert len(run) <= MAX_RUN_CHARS and run_cuts(f"Markers: {run} and more") == []
    assert nlp(f"Markers: {run}").text == f"Markers: {run}"


@pytest.mark.parametrize("run", ["!" * 1000, "a" * 1000, "https://x.org/" + "☃" * 1000, "1.2-" * 250])
def test_an_overlong_run_is_tokenized_in_pieces_and_the_text_kept(nlp, run):
    # spaCy's time grows with the square of a run's length (40,000 "!" took three minutes); pieces of
    # MAX_RUN_CHARS keep it proportional. The words around the run are tokenized as they are alone.
    before, after = "Patients receive 10 mg/kg  intravenously.\n", " then\n\nfollow-up (weeks 2, 4)."
    text = before + run + after
    doc = nlp(text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= MAX_RUN_CHARS
    assert run_cuts(text) == list(range(len(before) + MAX_RUN_CHARS, len(before) + len(run), MAX_RUN_CHARS))
    words = [(t.text, t.whitespace_) for t in doc]
    head = [(t.text, t.whitespace_) for t in nlp(before + "x")][:-1]
    tail = [(t.text, t.whitespace_) for t in nlp("x" + after)][1:]
    assert words[: len(head)] == head and words[len(words) - len(tail) :] == tail
    assert (
        "".join(t.text_with_ws for t in doc[len(head) : len(doc) - len(tail)]) == run + " "
    )  # the space before "then"


@given(st.lists(st.tuples(st.integers(0, 320), st.sampled_from(" \n\t\u00a0")), max_size=12))
def test_run_cuts_finds_every_overlong_run(parts):
    # The quick block test must never miss a run: compare with the plain search for runs.
    text = "".join("x" * length + space for length, space in parts)
    expected = [
        cut
        for m in re.finditer(rf"\S{{{MAX_RUN_CHARS + 1},}}", text)
        for cut in range(m.start() + MAX_RUN_CHARS, m.end(), MAX_RUN_CHARS)
    ]
    assert run_cuts(text) == expected
