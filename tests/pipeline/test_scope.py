"""Scope: background sentences are found in any text, lower-cased where that is exact."""

from __future__ import annotations

import pytest

from extractor.api import as_record, load
from extractor.batch import process_one
from extractor.pipeline.scope import background_pattern, find_background_cues, sentence_scope


@pytest.mark.parametrize(
    "text",
    [
        "Previous Studies Have Shown that MSCs are safe. Patients ≥ 18 years – receive cells.",  # lowered
        "In Vitro data (Smith Et Al.) — études précliniques. This trial enrols 20 patients.",  # lowered
        "İn vivo work in MICE with 10 µg was reported. This trial enrols 20 patients.",  # as it is
        "Prevıous studıes have shown that MSCs are safe.",  # "ı" is "i" to IGNORECASE: as it is
    ],
)
def test_background_cues_are_those_of_the_case_insensitive_pattern(text):
    expected = [m.span() for m in background_pattern().finditer(text)]
    assert expected
    assert [m.span() for m in find_background_cues(text)] == expected


def test_background_sentences_of_a_non_ascii_record():
    text = "Previous Studies Have Shown – in MICE – that MSCs are safe.\n\nPatients ≥ 18 years receive 1×10⁶ cells/kg."
    doc = process_one(load(), as_record(text)).doc
    assert [row[5] for row in sentence_scope(doc)] == [True, False]
