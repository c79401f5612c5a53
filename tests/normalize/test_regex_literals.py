"""Required literals of regular expressions (prefilters) and literal alternations."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize.dose_grammar import grammar
from extractor.normalize.regex_literals import literal_alternation, required_literals


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("cells?", {"cell"}),
        # The cell heads of dose_units.tsv: the leading "[a-z]*-?" is optional, "MSC" is not.
        (r"[a-z]*-?MSC(?:'s|s)?", {"msc"}),
        (r"[a-z]*-?MSC-?like\s+cells?", {"like"}),
        # An alternation: one literal per alternative, reusing "cell" where an alternative allows it.
        (r"(?:cells?|[a-z]*-?MSC(?:'s|s)?|cell\s+(?:equivalents|particles))", {"cell", "msc"}),
        ("(?:ab)+", {"ab"}),
        # A case-sensitive part is compared lower-cased too; a character outside ASCII ends a literal.
        ("(?-i:M)SC", {"sc"}),
        ("µg", {"g"}),
        # What a lookahead needs is not part of the match.
        ("a(?=bcd)", {"a"}),
    ],
)
def test_required_literals(pattern: str, literals: set[str]) -> None:
    assert required_literals(pattern, re.IGNORECASE) == literals


@pytest.mark.parametrize("pattern", ["x*", r"\d+", "(?:abc|d*)", "[ab]", "(", None])
def test_nothing_required(pattern: str) -> None:
    assert required_literals(pattern) is None  # type: ignore[arg-type]


def test_cell_phrase_cues_of_the_dose_grammar() -> None:
    cue = grammar().cell_cue
    assert cue is not None
    # From the cell_head rows of dose_units.tsv ("bmmnc" and "admsc" are left out: they contain "mnc", "msc").
    assert cue.pattern == (
        "a(?:drc|dsc|sc)|b(?:mmc)|c(?:ell|tx0e03)|d(?:psc)|e(?:pc)|h(?:sc|spc)|m(?:apc|lpc|nc|pc|sc|spc)|n(?:sc)"
        "|p(?:bsc)|s(?:hed|vf)"
    )
    for text in ("50 million allogeneic MSCs", "2 x 10^6 CD34+ cells/kg", "1 million UCMSC/kg", "2×107 hUC-MSC"):
        assert cue.search(text.lower()) is not None
    assert cue.search("20 patients were randomised (1:1) to two groups.") is None


def test_literal_alternation() -> None:
    assert literal_alternation(["cell", "msc", "mnc", "asc"]) == "a(?:sc)|c(?:ell)|m(?:nc|sc)"
    assert literal_alternation(("one", "two", "ten")) == "o(?:ne)|t(?:en|wo)"
    assert re.fullmatch(literal_alternation(["a+b", "c"]), "a+b")


PATTERNS = [
    r"[a-z]*-?MSC(?:'s|s)?",
    r"(?:cells?|[a-z]*-?M(?:SC|NC)\b)",
    r"ab+c|x(?:yz)?y",
    r"(?:of\s+)?(?:\w+\s+){0,3}?cells?",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet="abcxyzMSCNmsnlel -'", max_size=30))
def test_a_text_without_the_literals_never_matches(pattern: str, text: str) -> None:
    literals = required_literals(pattern, re.IGNORECASE)
    assert literals
    if re.search(pattern, text, re.IGNORECASE):
        assert any(literal in text.lower() for literal in literals)
