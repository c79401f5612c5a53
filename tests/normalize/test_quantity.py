"""Dose grammar: exact spans and values, including sentences from ClinicalTrials.gov records."""

from __future__ import annotations

import pytest

from extractor.normalize.dose_grammar import grammar
from extractor.normalize.quantity import DoseMatch, find_doses, normalize_dose, parse_number
from extractor.normalize.quantity_scan import quantity_starts


def spans(text: str) -> list[tuple[str, float | None, float | None, str]]:
    return [(text[m.start : m.end], m.low, m.high, m.unit) for m in find_doses(text)]


# (text, [(span text, low, high, unit), ...]) -- every dose the grammar must find, and nothing else.
CASES = [
    # The annotation schema's own examples.
    ("45-50*10^6", [("45-50*10^6", 45e6, 50e6, "")]),
    ("45–50×10^6", [("45–50×10^6", 45e6, 50e6, "")]),
    ("1x10^6 cells/kg", [("1x10^6 cells/kg", 1e6, 1e6, "cells/kg")]),
    ("1 million UCMSC/kg", [("1 million UCMSC/kg", 1e6, 1e6, "cells/kg")]),
    ("2 x 10^6 cells/kg", [("2 x 10^6 cells/kg", 2e6, 2e6, "cells/kg")]),
    ("100 mg", [("100 mg", 100, 100, "mg")]),
    # Powers of ten written every way.
    ("4.5 x 10e7", [("4.5 x 10e7", 45e6, 45e6, "")]),
    ("1 × 10(6)", [("1 × 10(6)", 1e6, 1e6, "")]),
    ("10⁶", [("10⁶", 1e6, 1e6, "")]),
    ("2 x 10^(6) cells", [("2 x 10^(6) cells", 2e6, 2e6, "cells")]),
    ("1.0E+6 MSC/kg, IV drop in Day 0", [("1.0E+6 MSC/kg", 1e6, 1e6, "cells/kg")]),
    ("Dose: 10e6 cells/Kg.", [("10e6 cells/Kg", 1e6, 1e6, "cells/kg")]),
    ("10e6cells", [("10e6cells", 1e6, 1e6, "cells")]),
    ("4.0*10E7 cells per time", [("4.0*10E7 cells", 4e7, 4e7, "cells")]),
    ("The MSCs of 1×10*6/kg will be given", [("1×10*6/kg", 1e6, 1e6, "cells/kg")]),
    # A superscript lost in copying: "x 106" is x 10^6.
    ("approximately 2.5 x 106 cells/kg body weight", [("2.5 x 106 cells/kg", 2.5e6, 2.5e6, "cells/kg")]),
    ("maximum tolerated dose was 1 * 107 cells /kg", [("1 * 107 cells /kg", 1e7, 1e7, "cells/kg")]),
    (
        "escalating doses of 1 x 10 6 MSC/kg, 3 x 10 6 MSC/kg",
        [("1 x 10 6 MSC/kg", 1e6, 1e6, "cells/kg"), ("3 x 10 6 MSC/kg", 3e6, 3e6, "cells/kg")],
    ),
    ("1-2 x 1000000 MSC/Kg body weight", [("1-2 x 1000000 MSC/Kg", 1e6, 2e6, "cells/kg")]),
    ("MSC 2×1,000,000 MSC/kg, IV", [("2×1,000,000 MSC/kg", 2e6, 2e6, "cells/kg")]),
    ("approximately 10^6", [("10^6", 1e6, 1e6, "")]),
    # Cell words as the unit, with their modifiers in the span.
    ("50 million allogeneic MSCs", [("50 million allogeneic MSCs", 5e7, 5e7, "cells")]),
    (
        "transendocardial injection of 30-40 million bone marrow-derived MSCs with the NOGA",
        [("30-40 million bone marrow-derived MSCs", 3e7, 4e7, "cells")],
    ),
    ("A single dose of 2×107 hUC-MSC will be implanted", [("2×107 hUC-MSC", 2e7, 2e7, "cells")]),
    ("2.0 x 10^6 MSC per kg body weight", [("2.0 x 10^6 MSC per kg", 2e6, 2e6, "cells/kg")]),
    ("one million cells per kilogram", [("one million cells per kilogram", 1e6, 1e6, "cells/kg")]),
    (
        "Intravenous infusion of 1million UCMSCs per kilogram body weight",
        [("1million UCMSCs per kilogram", 1e6, 1e6, "cells/kg")],
    ),
    (
        "2 x 10e6 allogeneic ABCB5-positive stem cells/kg",
        [("2 x 10e6 allogeneic ABCB5-positive stem cells/kg", 2e6, 2e6, "cells/kg")],
    ),
    ("5 x 10^6 CD34+ cells/kg", [("5 x 10^6 CD34+ cells/kg", 5e6, 5e6, "cells/kg")]),
    (
        "6 infusions of Prochymal® 2x10^6 human mesenchymal stem cells (hMSC)/kg IV",
        [("2x10^6 human mesenchymal stem cells (hMSC)/kg", 2e6, 2e6, "cells/kg")],
    ),
    ("OSSM-001 at dose of 100M or 300M cells", [("100M", 1e8, 1e8, "cells"), ("300M cells", 3e8, 3e8, "cells")]),
    ("1,000,000 cells", [("1,000,000 cells", 1e6, 1e6, "cells")]),
    ("1.000.000 cells", [("1.000.000 cells", 1e6, 1e6, "cells")]),
    (
        "DOSE A - 250,000 cells per 5 uL per 1 entry site",
        [("250,000 cells", 25e4, 25e4, "cells"), ("5 uL", 5, 5, "other")],
    ),
    ("1 × 10^8 cells/mL", [("1 × 10^8 cells/mL", 1e8, 1e8, "cells/mL")]),
    (
        "5000 cells/cm2 and 5000 cells/cm²",
        [("5000 cells/cm2", 5e3, 5e3, "cells/cm2"), ("5000 cells/cm²", 5e3, 5e3, "cells/cm2")],
    ),
    (
        "single application of APZ2; 500000 cells per square cm;",
        [("500000 cells per square cm", 5e5, 5e5, "cells/cm2")],
    ),
    # A count per kg without cell word is cells/kg (documented decision).
    ("2-5 x 10^6/kg", [("2-5 x 10^6/kg", 2e6, 5e6, "cells/kg")]),
    ("hUC-MSCs 2.0×10^6/kg, weekly for 4 weeks", [("2.0×10^6/kg", 2e6, 2e6, "cells/kg")]),
    ("MSCs intravenous infusion of 1-2 millions/kg/day", [("1-2 millions/kg", 1e6, 2e6, "cells/kg")]),
    ("(1*10^6/kg cells)", [("1*10^6/kg cells", 1e6, 1e6, "cells/kg")]),
    (
        "intravenously with 2.5x10E6/kg and 3.0x10E6/kg",
        [("2.5x10E6/kg", 2.5e6, 2.5e6, "cells/kg"), ("3.0x10E6/kg", 3e6, 3e6, "cells/kg")],
    ),
    # Ranges; a multiplier after the range applies to both ends.
    ("2 to 5 × 10^6 cells/kg", [("2 to 5 × 10^6 cells/kg", 2e6, 5e6, "cells/kg")]),
    ("between 1 and 2 x 10^6", [("1 and 2 x 10^6", 1e6, 2e6, "")]),
    (
        "ravenous injection of 0.3-1 million cells per kg, intravenously",
        [("0.3-1 million cells per kg", 3e5, 1e6, "cells/kg")],
    ),
    ("infusions of 1.0 to 10x10^5cells/kg MSCs", [("1.0 to 10x10^5cells/kg", 1e5, 1e6, "cells/kg")]),
    ("Dose : 1x10e8 ~3x10e8 cells", [("1x10e8 ~3x10e8 cells", 1e8, 3e8, "cells")]),
    ("(range: 4.5 x 10^7 to 5.5 x 10^7 cells)", [("4.5 x 10^7 to 5.5 x 10^7 cells", 4.5e7, 5.5e7, "cells")]),
    ("10 mg to 20 mg daily", [("10 mg to 20 mg", 10, 20, "mg")]),
    # Coordinated alternatives: one match per value, multiplier and unit shared from the last.
    (
        "1, 3 or 10 million cells/kg",
        [("1", 1e6, 1e6, "cells/kg"), ("3", 3e6, 3e6, "cells/kg"), ("10 million cells/kg", 1e7, 1e7, "cells/kg")],
    ),
    (
        "combination of 0.5, 1.0,2.5 million cells/kg (3 dose levels)",
        [
            ("0.5", 5e5, 5e5, "cells/kg"),
            ("1.0", 1e6, 1e6, "cells/kg"),
            ("2.5 million cells/kg", 2.5e6, 2.5e6, "cells/kg"),
        ],
    ),
    (
        "remestemcel-L at a dose of 150 or 300 million MSCs",
        [("150", 1.5e8, 1.5e8, "cells"), ("300 million MSCs", 3e8, 3e8, "cells")],
    ),
    (
        "a fixed cell dose of either 100 x 10^6, 200 x 10^6 or 400 x 10^6 cells in 10mL",
        [
            ("100 x 10^6", 1e8, 1e8, "cells"),
            ("200 x 10^6", 2e8, 2e8, "cells"),
            ("400 x 10^6 cells", 4e8, 4e8, "cells"),
            ("10mL", 10, 10, "mL"),
        ],
    ),
    # Masses, volumes, units, radiation, vector genomes, percentages.
    ("1.5 mg/kg", [("1.5 mg/kg", 1.5, 1.5, "mg/kg")]),
    ("1.5mg/kg", [("1.5mg/kg", 1.5, 1.5, "mg/kg")]),
    ("0.5 mL", [("0.5 mL", 0.5, 0.5, "mL")]),
    ("10 mls and 2 cc", [("10 mls", 10, 10, "mL"), ("2 cc", 2, 2, "mL")]),
    ("100 μg", [("100 μg", 100, 100, "ug")]),
    ("100 µg", [("100 µg", 100, 100, "ug")]),
    ("50 mcg", [("50 mcg", 50, 50, "ug")]),
    ("10 μg/kg/day of Filgrastim", [("10 μg/kg", 10, 10, "ug/kg")]),
    ("Rituximab 375 mg/m2 by vein on Day -9", [("375 mg/m2", 375, 375, "mg/m2")]),
    ("25 mg/m^2/dose in children", [("25 mg/m^2", 25, 25, "mg/m2")]),
    ("5 grams", [("5 grams", 5, 5, "g")]),
    ("5 x 10^8 vg/kg", [("5 x 10^8 vg/kg", 5e8, 5e8, "vg/kg")]),
    ("15,000 IU/day", [("15,000 IU", 15e3, 15e3, "IU")]),
    ("100 IU/kg", [("100 IU/kg", 100, 100, "IU/kg")]),
    ("10 units", [("10 units", 10, 10, "U")]),
    ("2 Gy", [("2 Gy", 2, 2, "Gy")]),
    ("300 cGy on Day -1", [("300 cGy", 3, 3, "Gy")]),
    ("1 mg/ml collagenase", [("1 mg/ml", 1, 1, "other")]),
    ("NaCl 0,9%", [("0,9%", 0.9, 0.9, "%")]),
    ("10% human serum albumin", [("10%", 10, 10, "%")]),
    # A bare count with multiplier: the caller decides cells from context.
    ("Dose: 200 million", [("200 million", 2e8, 2e8, "")]),
    ("20 million (2 x 10^7) allogeneic MSC's total", [("20 million", 2e7, 2e7, ""), ("2 x 10^7", 2e7, 2e7, "")]),
    # Not doses: labels, identifiers, years, ratios, plain numbers without unit.
    ("two doses", []),
    ("NCT01234567 started in 2013 with 1:1 randomisation", []),
    ("Phase 2, Grade 2, CD34+ selection", []),
    ("3 stem cell injections", []),
    ("20 participants will be randomised", []),
    ("in 2013, 20 mg", [("20 mg", 20, 20, "mg")]),
    (
        "Cohort 1 : 3 million cells/kg ; Cohort 2 : 10 million cells/kg",
        [("3 million cells/kg", 3e6, 3e6, "cells/kg"), ("10 million cells/kg", 1e7, 1e7, "cells/kg")],
    ),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_doses(text: str, expected: list) -> None:
    found = spans(text)
    assert len(found) == len(expected)
    for (span, low, high, unit), (e_span, e_low, e_high, e_unit) in zip(found, expected, strict=True):
        assert span == e_span
        assert (low, high, unit) == (pytest.approx(e_low), pytest.approx(e_high), e_unit)


def test_seed_sentence_span_and_offsets() -> None:
    text = (
        "intramuscular injection of allogeneic bone marrow derived mesenchymal stromal cells (BM-MSC) "
        "(45-50*10^6) or placebo in the most affected limb."
    )
    (m,) = find_doses(text)
    assert text[m.start : m.end] == "45-50*10^6"
    assert (m.low, m.high, m.unit, m.rule) == (45e6, 50e6, "", "sci_range_bare")


def test_rule_names_say_number_form_range_and_unit() -> None:
    rules = {
        text: find_doses(text)[-1].rule
        for text in ("45-50*10^6", "1 million UCMSC/kg", "1.5 mg/kg", "2-5 x 10^6/kg", "10%", "2 to 5 × 10^6 cells/kg")
    }
    assert rules == {
        "45-50*10^6": "sci_range_bare",
        "1 million UCMSC/kg": "million_cells_per_kg",
        "1.5 mg/kg": "plain_mg_per_kg",
        "2-5 x 10^6/kg": "sci_range_count_per_kg",
        "10%": "plain_percent",
        "2 to 5 × 10^6 cells/kg": "sci_range_cells_per_kg",
    }


def test_shared_unit_text_and_flags() -> None:
    text = "1, 3 or 10 million cells/kg"
    first, second, last = find_doses(text)
    assert first.shared and second.shared and not last.shared
    assert first.unit_text == last.unit_text == "cells/kg"
    assert last.per_kg and first.per_kg
    assert not DoseMatch(0, 1, 1.0, 1.0, "mg", "mg", "plain_mg").per_kg


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("≥ 1 × 10^6", ">="),
        ("at least 10 million of Wharton Jelly derived Mesenchymal Stem Cells", ">="),
        ("up to 1x10^6 MSCs per kg", "<="),
        ("a maximum dose of 2 x 10^8 cells", "<="),
        ("approximately 5 x 10^7 cells/10 mL", "~"),
        ("Dosage of intracoronary route is ±50 million MSCs for each subject.", "~"),
        ("viability > 70%", ">"),
        ("a dose of 2 x 10^6 cells/kg", ""),
    ],
)
def test_qualifier_kept_outside_the_span(text: str, qualifier: str) -> None:
    m = find_doses(text)[0]
    assert m.qualifier == qualifier
    assert text[m.start].isdigit()
    assert m.low == m.high


def test_between_range_and_list_spans_do_not_overlap() -> None:
    text = "Low Dose Group (3 patients): 1.0 x 10^7 cells/kg High Dose Group (6 patients): 2.0 x 10^7 cells/kg"
    found = find_doses(text)
    assert [(text[m.start : m.end], m.low) for m in found] == [
        ("1.0 x 10^7 cells/kg", 1e7),
        ("2.0 x 10^7 cells/kg", 2e7),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("45", 45.0),
        ("1,000,000", 1e6),
        ("1.000.000", 1e6),
        ("0,5", 0.5),
        (".5", 0.5),
        ("4.5 x 10e7", 45e6),
        ("1 × 10(6)", 1e6),
        ("10⁶", 1e6),
        ("2.5x10E6", 2.5e6),
        ("1 million", 1e6),
        ("six", 6.0),
        ("twenty-four", 24.0),
        ("6th", 6.0),
        ("one and a half", 1.5),
        ("abc", None),
        ("", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_normalize_dose_takes_the_whole_expression() -> None:
    m = normalize_dose("2 to 5 × 10^6 cells/kg")
    assert m is not None and (m.low, m.high, m.unit) == (2e6, 5e6, "cells/kg")
    assert normalize_dose("two doses") is None
    assert normalize_dose("") is None


@pytest.mark.parametrize("junk", [None, 12, b"10 mg", ["1 mg"]])
def test_non_strings_give_nothing(junk: object) -> None:
    assert find_doses(junk) == []  # type: ignore[arg-type]
    assert parse_number(junk) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Participants will receive 1.5 mg/kg of tacrolimus, then 20 mg daily for 2 weeks.",
        "Twenty participants will be randomised (1:1); 10% received 300 cGy.",
        "Up to 100 mls of bone marrow will be harvested from the iliac crest.",
    ],
)
def test_unit_without_cell_phrase_is_the_same_where_no_cell_word_is(text: str) -> None:
    g = grammar()
    assert g.cell_cue is not None and g.cell_cue.search(text.lower()) is None
    for position in range(len(text) + 1):
        full, cheap = g.unit.match(text, position), g.unit_without_cells.match(text, position)
        assert (full.span(), full.groups()) == (cheap.span(), cheap.groups())


@pytest.mark.parametrize(
    "text",
    [
        "Patients will receive 1, 3 or 10 million cells/kg.",
        "Subjects will receive two doses of 1 x 10.6 MSCs per kilogram body weight, intravenously, 7 days apart.",
        "Phase 2: 20 patients, 2 x 10^6 cells/kg at week 4",
        "There are two main types of diabetes: type 1 and type 2.",
    ],
)
def test_quantity_starts_given_or_found(text: str) -> None:
    assert find_doses(text, quantity_starts(text)) == find_doses(text)


def test_sentences_of_plain_numbers_hold_no_dose() -> None:
    assert find_doses("Phase 2 trial in 20 patients aged 18 to 65, visits at weeks 1, 2 and 4.") == []
    # A multiplier alone is enough for a (bare) dose, a unit alone too.
    assert [m.rule for m in find_doses("Phase 2 trial in 20 patients, 2 x 10^6 each")] == ["sci_bare"]
    assert [m.rule for m in find_doses("Phase 2 trial in 20 patients, 20 mg each")] == ["plain_mg"]
