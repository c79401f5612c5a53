"""The fast scan for quantity starts: exact positions, and always the matches of the full grammar search."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize.dose_grammar import grammar
from extractor.normalize.quantity_scan import quantity_matches, quantity_starts


def reference(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in grammar().quantity.finditer(text)]


def spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in quantity_matches(text)]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Infusions will occur on two separate days, 7-10 days apart.", [24, 43, 45]),
        ("There are two main types of diabetes: type 1 and type 2.", [10, 43, 54]),
        ("Participants will receive a total dose of Prochymal® 600 x 10^6 cells, IV infusion", [53, 59, 62]),
        # ".5": the "." may start a quantity; a digit right after "." may not, but is tried anyway.
        ("Tacrolimus .5 mg twice daily", [11, 12]),
        # "Twenty" after "(": every character that is not a word character separates words.
        ("(Twenty) patients", [1]),
        ("No number here.", []),
        ("", []),
    ],
)
def test_quantity_starts(text: str, starts: list[int]) -> None:
    assert quantity_starts(text) == starts


@pytest.mark.parametrize(
    "text",
    [
        "Subjects will receive two doses of 1 x 10.6 MSCs per kilogram body weight, intravenously, 7 days apart.",
        "MSC infusion: two doses of 1-2x106 MSCs per kilogram body weight, intravenously, 7 days apart.\n\n",
        "Arm: Prochymal® - 2 Million cells/kg (Active Comparator)\n",
        "For the study group, the injection is scheduled at 1 month ± 5 days after the fracture.",
        "Patients with COVID-19 receive 1, 3 or 10 million cells/kg.",
        "Dose: 10e6 cells/Kg. 1.0E+6 MSC/kg, IV drop in Day 0",
        "10⁶ cells; twenty-four hours; one million UCMSC/kg",
        # Characters outside ASCII that match a letter case-insensitively ("ſ" is "s", "K" the Kelvin sign).
        "ſix million cells, Kelvin K, ſeven mg",
        # Digits of other scripts are digits to the grammar.
        "٣ million cells",
        "version1.5, v.2, 3.5.1, ^5, A-5, _7",
    ],
)
def test_matches_equal_the_full_search(text: str) -> None:
    assert spans(text) == reference(text)


def test_starts_given_or_not() -> None:
    text = "approximately 2.5 x 106 cells/kg body weight, then two million"
    assert [m.span() for m in quantity_matches(text, quantity_starts(text))] == reference(text) == spans(text)
    assert spans(text) == [(14, 23), (51, 62)]


FRAGMENTS = [
    "1", "10", "0.5", ".5", "1,000,000", "1.000.000", "0,5", "10^6", "10e6", "1.0E+6", "10⁶", "10(6)", "106",
    " x ", "×", "*", " ", "  ", "\n", "\xa0", "-", "–", ",", "(", ")", "/", "^", "_", ".", "a", "A-",
    "mg", "cells", "MSC", "million", "M", "one", "Twenty", "twenty-four", "SIX", "ſix", "İone", "ten", "often",
    "٣", "phase", "n=", "per kg",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=20).map("".join))
def test_matches_equal_the_full_search_for_any_text(text: str) -> None:
    assert spans(text) == reference(text)
