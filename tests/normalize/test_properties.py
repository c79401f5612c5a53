"""Property tests of the normalizers: they never raise and their results are always consistent."""

from __future__ import annotations

import math
import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor.normalize.dose_grammar import DOSE_UNITS
from extractor.normalize.quantity import find_doses, normalize_dose, parse_number
from extractor.normalize.time import find_time_expressions, normalize_time

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the dose and time grammars, so that generated strings often come close to real expressions.
_PIECE_TEXT = (
    "0|1|2|2.5|10|45|100|1,000|1.000.000|0,5|106|10e6|1.0E+6|⁶|⁻|x|×|*|^|(|)|-|–|~|±|+/-|/|,|.|;|:|#|=| |  |\n"
    "|to|or|and|between|up to|approximately|≥|million|M|billion|cells|MSCs|allogeneic|of|/kg|per kg|kg|mg"
    "|mg/kg|m2|µg|mL|IU|U|units|cGy|Gy|vg|%|cm²|Day|D|W12|week|weeks|Month|months|mo|year|h|hours|min"
    "|baseline|pre-treatment|every|each|other|monthly|twice|times|a|half|one|twenty|first|6th|post-treatment"
    "|after|MSC|administration|from|through|until|for|within|Phase|Cohort|NCT|2013"
)
PIECES = _PIECE_TEXT.split("|")
grammar_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.one_of(st.text(), grammar_text)


def check_doses(text: str) -> None:
    found = find_doses(text)
    previous_end = 0
    for m in found:
        assert 0 <= previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        assert not text[m.start].isspace() and not text[m.end - 1].isspace()
        assert m.low is not None and m.high is not None
        assert math.isfinite(m.low) and math.isfinite(m.high)
        assert m.low <= m.high
        assert m.unit == "" or m.unit in DOSE_UNITS
        assert m.qualifier in ("", "~", "<=", ">=", "<", ">")
        assert m.rule and isinstance(m.unit_text, str)
    best = normalize_dose(text)
    assert (best is None) == (not found)
    assert best is None or best in found


def check_times(text: str) -> None:
    value = normalize_time(text)
    assert list(value.days) == sorted(set(value.days))
    assert all(d >= 0 and math.isfinite(d) for d in value.days)
    assert value.every is None or (value.every > 0 and math.isfinite(value.every))
    assert value.through is None or (value.through >= 0 and math.isfinite(value.through))
    assert value.anchor in text
    previous_end = 0
    for m in find_time_expressions(text):
        assert 0 <= previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        assert not m.value.is_empty
        assert list(m.value.days) == sorted(set(m.value.days)) and all(d >= 0 for d in m.value.days)
        assert m.value.through is None or m.value.through >= 0
        assert m.value.anchor in text[m.start : m.end]
        assert m.rule in ("point", "list", "range", "through", "periodic")


@SETTINGS
@given(any_text)
@example("45-50*10^6")
@example("1, 3 or 10 million cells/kg")
@example("10e99 x 10^99 cells")
def test_doses_never_raise_and_are_consistent(text: str) -> None:
    check_doses(text)
    parse_number(text)


@SETTINGS
@given(any_text)
@example("48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment")
@example("Day -7 to Day -1")
@example("+/-")
def test_times_never_raise_and_are_consistent(text: str) -> None:
    check_times(text)


@SETTINGS
@given(
    st.integers(1, 999),
    st.integers(1, 999),
    st.integers(3, 9),
    st.sampled_from(["x", "×", "*"]),
    st.sampled_from(["-", "–", " to "]),
)
def test_dose_range_with_shared_multiplier(a: int, b: int, exponent: int, times: str, dash: str) -> None:
    low, high = sorted((a, b))
    text = f"{low}{dash}{high} {times} 10^{exponent} cells/kg"
    (m,) = find_doses(text)
    assert (m.start, m.end, m.unit) == (0, len(text), "cells/kg")
    assert (m.low, m.high) == (low * 10.0**exponent, high * 10.0**exponent)


@SETTINGS
@given(
    st.lists(st.integers(1, 120), min_size=1, max_size=8, unique=True).map(sorted),
    st.sampled_from([("days", 1), ("weeks", 7), ("months", 30), ("years", 365)]),
)
def test_time_list_before_its_unit(numbers: list[int], unit: tuple[str, int]) -> None:
    word, days = unit
    listed = ", ".join(map(str, numbers[:-1])) + (" and " if len(numbers) > 1 else "") + str(numbers[-1])
    value = normalize_time(f"{listed} {word} after treatment")
    assert value.days == tuple(float(n * days) for n in numbers)
    assert value.anchor == "after treatment"


@SETTINGS
@given(st.lists(st.integers(0, 400), min_size=1, max_size=8, unique=True).map(sorted))
def test_time_list_after_a_label(numbers: list[int]) -> None:
    value = normalize_time("Day " + ", ".join(map(str, numbers)))
    assert value.days == tuple(float(n) for n in numbers)


def test_long_inputs_stay_fast() -> None:
    # 100 kB of digits and spaces, and shorter runs of the grammar's repetitive pieces.
    texts = [
        "1234567890" * 10_000,
        ("1 22 333 4,5 6.7 " * 6_000)[:100_000],
        "1 x 10 " * 3_000,
        "1-2, " * 5_000,
        "5 million a b c d e f g h " * 1_000,
        "Day 1, 10e" * 2_000,
    ]
    for text in texts:
        for function in (find_doses, normalize_time, find_time_expressions):
            start = time.perf_counter()
            function(text)
            # Linear: about a second at most on a slow machine; backtracking would take minutes.
            assert time.perf_counter() - start < 10, (function.__name__, text[:30])
