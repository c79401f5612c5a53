"""The adjusted scispaCy tokenizer splits dose notations where their parts meet."""

import pytest
import spacy

from extractor.pipeline.tokenizer import protocol_tokenizer


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
