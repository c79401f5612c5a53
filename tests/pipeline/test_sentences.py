"""Sentence boundaries: lines, sentence-final punctuation, list markers."""

import numpy as np
import pytest
import spacy

from extractor.pipeline.sentences import SENTENCES_KEY, SentenceSplitter, sentence_starts
from extractor.pipeline.tokenizer import protocol_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = protocol_tokenizer(nlp)
    return nlp


def sentences(nlp, text):
    doc = SentenceSplitter()(nlp(text))
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_lines_and_periods(nlp):
    text = "Primary Outcome Measures\n1. Toxicity of the treatment [Time Frame: 12 weeks]\nThe MANUS Trial is a trial. 20 participants will be randomised."
    assert sentences(nlp, text) == [
        "Primary Outcome Measures",
        "1. Toxicity of the treatment [Time Frame: 12 weeks]",
        "The MANUS Trial is a trial.",
        "20 participants will be randomised.",
    ]


def test_abbreviation_periods_do_not_split(nlp):
    text = "Follow-up is at e.g. Day 7 and Dr. Smith sees them."
    assert sentences(nlp, text) == [text]


def test_character_ranges_are_kept(nlp):
    doc = SentenceSplitter()(nlp("One. Two\nThree"))
    assert doc.user_data[SENTENCES_KEY] == [[0, 5], [5, 9], [9, 14]]


def test_sentence_starts_are_token_starts():
    assert sentence_starts("A b. C d", np.array([0, 2, 3, 5, 7])) == [0, 5]
    # the full stop of "e.g." starts no token: no boundary
    assert sentence_starts("Use e.g. Cells", np.array([0, 4, 9])) == [0]
    assert sentence_starts("", np.array([], dtype=np.int64)) == []
