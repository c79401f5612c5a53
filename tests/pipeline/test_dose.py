"""DOSE in context: bare counts beside cell products, and what is not a dose (real corpus sentences)."""

import pytest

from extractor import extract
from extractor.normalize.quantity import find_doses
from extractor.pipeline.dose import _with_quantity_starts
from extractor.pipeline.fact_spans import Sentence


def doses(text):
    return [(f.text, f.attrs["low"], f.attrs["high"], f.attrs["unit"]) for f in extract(text) if f.label == "DOSE"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic bone "
            "marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb.",
            [("45-50*10^6", 45e6, 50e6, "cells")],
        ),
        (
            "Intramuscular injection of mesenchymal stromal cells (50 million allogeneic MSCs in 0.9% NaCl and 10% human serum albumin).",
            [("50 million allogeneic MSCs", 5e7, 5e7, "cells")],
        ),
        (
            "Subjects will receive intravenous infusions of COVI-MSC (two vials, ~37 million cells) on Day 0, Day 2, and Day 4.",
            [("37 million cells", 3.7e7, 3.7e7, "cells")],
        ),
        ("10 patients received a dose of 2 million MSC / kg.", [("2 million MSC / kg", 2e6, 2e6, "cells/kg")]),
        (
            "Patients will receive 1, 3 or 10 million cells/kg.",
            [("1", 1e6, 1e6, "cells/kg"), ("3", 3e6, 3e6, "cells/kg"), ("10 million cells/kg", 1e7, 1e7, "cells/kg")],
        ),
        ("repaglinide 0.5 mg before each meal 3-4 times a day for 2 years.", [("0.5 mg", 0.5, 0.5, "mg")]),
        (
            "Patients will receive 10^8 allogeneic human umbilical cord mesenchymal stem cells intravenously.",
            [("10^8 allogeneic human umbilical cord mesenchymal stem cells", 1e8, 1e8, "cells")],
        ),
    ],
)
def test_doses_in_description_sentences(sentence, expected):
    assert doses("Detailed Description\n" + sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The cells are suspended in 50 ml of PlasmaLyte A and infused over 30 minutes.",
        "With optimal standard of care, only 60% of DUs are healed after 3 months and 46.2% experiences recurrence.",
        "Up to 100 mls of bone marrow will be harvested from the iliac crest.",
    ],
)
def test_not_doses(sentence):
    assert doses("Detailed Description\n" + sentence) == []


def test_no_dose_from_eligibility():
    text = "Eligibility Criteria\nInclusion Criteria:\nPrior treatment with 100 mg methylprednisolone or 1x10^6 cells/kg MSC."
    assert doses(text) == []


def test_cells_per_volume_span():
    assert doses(
        "Detailed Description\nEscalating doses will be assigned 3,000,000 cells/150 µL at the medium dose level."
    ) == [("3,000,000 cells", 3e6, 3e6, "cells")]


def sentences_of(text: str, cuts: list[int]) -> list[Sentence]:
    bounds = list(zip([0, *cuts], [*cuts, len(text)], strict=True))
    return [Sentence(text[a:b].rstrip(), a, a + len(text[a:b].rstrip()), 0, 0) for a, b in bounds]


def test_sentences_without_numbers_are_left_out():
    text = "Cells are thawed at the bedside. Patients receive 2 x 10^6 cells/kg. No number here."
    sentences = sentences_of(text, [text.index("Patients"), text.index("No number")])
    assert [(s.text, starts) for s, starts in _with_quantity_starts(text, sentences)] == [
        ("Patients receive 2 x 10^6 cells/kg.", [17, 21, 24]),
    ]


def test_sentence_glued_to_the_previous_one():
    # "mg.Two": the document scan sees "Two" after "g"; the sentence on its own starts with it. (".7" may be a
    # quantity too, "7" may not: after a ".").
    text = "Dose: 5 mg.Two million cells/kg.7 x 10^6 cells"
    sentences = [
        Sentence(text[0:11], 0, 11, 0, 0),
        Sentence(text[11:32], 11, 32, 0, 0),
        Sentence(text[32:], 32, 46, 0, 0),
    ]
    found = _with_quantity_starts(text, sentences)
    assert [(s.start_char, starts) for s, starts in found] == [(0, [6]), (11, [0, 20]), (32, [0, 4, 7])]
    for sent, starts in found:
        assert find_doses(sent.text, starts) == find_doses(sent.text)
    assert [m.rule for s, starts in found for m in find_doses(s.text, starts)] == [
        "plain_mg",
        "million_cells_per_kg",
        "sci_cells",
    ]


def test_sentence_text_not_from_the_document_is_scanned_on_its_own():
    text = "Patients receive 2 x 10^6 cells/kg."
    odd = Sentence("Patients receive two mg", 0, len(text), 0, 0)
    assert _with_quantity_starts(text, [odd]) == [(odd, None)]
