"""Lexicon alternations and overlap resolution (extractor/normalize/matches.py)."""

import re

import pytest

from extractor.normalize.matches import entry_alternation, longest_non_overlapping

ROUTE_LIKE = [r"intra-?venous(?:ly)?|i\.v\.(?=\s)", r"intra-?muscular(?:ly)?", r"oral"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus sentences (ctgov-text, seed NCT03211793), lower-cased as the route component searches them
        ("g/kg of total body weight will be given intravenously over 60 minutes", [(40, 53, 0)]),
        ("intramuscular injection (8 sites) in the most affected limb", [(0, 13, 1)]),
        ("i.v. or oral administration", [(0, 4, 0), (8, 12, 2)]),
        # inside a longer word, or followed by a hyphenated word: no match
        ("extraoral and oral-facial pain", []),
    ],
)
def test_entry_alternation_reports_the_entry(text, expected):
    alternation = entry_alternation(ROUTE_LIKE, r"(?<![\w-])", r"(?![\w-])")
    assert list(alternation.finditer(text)) == expected


def test_entry_alternation_matches_the_grouped_alternation():
    # The entry reported is the one a named group per entry would report, on every match.
    grouped = re.compile(
        r"(?<![\w-])(?:" + "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(ROUTE_LIKE)) + r")(?![\w-])"
    )
    alternation = entry_alternation(ROUTE_LIKE, r"(?<![\w-])", r"(?![\w-])")
    text = "given intravenously, intra-muscular or oral; i.v. bolus, intravenous-line, oral."
    assert list(alternation.finditer(text)) == [
        (m.start(), m.end(), int(str(m.lastgroup)[1:])) for m in grouped.finditer(text)
    ]


def test_entry_alternation_prefers_the_earlier_entry_at_one_start():
    alternation = entry_alternation(["ab", "abc"], after=r"\b")
    assert list(alternation.finditer("abc ab")) == [(0, 3, 1), (4, 6, 0)]


def test_longest_non_overlapping():
    assert longest_non_overlapping([(5, 9, "b"), (0, 4, "a"), (0, 6, "c"), (8, 12, "d")]) == [(0, 6, "c"), (8, 12, "d")]
