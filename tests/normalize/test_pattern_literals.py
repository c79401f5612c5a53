"""Strings every match of a regular expression contains (prefilters), and literal alternations."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize.dose_grammar import grammar
from extractor.normalize.pattern_literals import literal_alternation, possible, required_clauses, required_literals
from extractor.pipeline.endpoint import endpoint_lexicon


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


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("abc", {"abc"}),
        ("a(?:bc|de)f", {"bc", "de"}),  # the shortest string says most when it is longest
        ("x?yz", {"yz"}),
        ("(?:ab)+", {"ab"}),
        ("(?:ab)*c", {"c"}),
        (r"\s+", None),
        (r"\b(?:primary|secondary)\s+(?:outcomes?|end-?points?)", {"primary", "secondary"}),
    ],
)
def test_the_most_telling_strings(pattern, expected):
    assert required_literals(pattern) == (None if expected is None else frozenset(expected))


#: Real patterns of design_patterns.tsv (masking, allocation).
MASKING_SINGLE = r"\b(?:single[\s-]*(?:blind|mask)\w*|(?:assessor|observer|evaluator|rater)[\s-]+(?:blind|mask)\w*)"
OPEN_LABEL = r"\b(?:open[\s-]*label\w*|un-?blinded|non[\s-]?blinded|open\s+(?:study|trial)|no\s+masking)"
RANDOMIZED = r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided)|randomi[sz]ation)"


def test_required_clauses_of_lexicon_patterns():
    assert required_clauses(MASKING_SINGLE) == (("assessor", "evaluator", "observer", "rater", "single"),)
    assert required_clauses(OPEN_LABEL) == (("blinded", "label", "masking", "study", "trial"),)
    # Every match holds "random", and "ation" or "ed" ("assigned", "allocated", "divided" end in "ed").
    assert required_clauses(RANDOMIZED) == (("random",), ("ation", "ed"))
    assert required_clauses(r"(?P<ratio>\d{1,2}(?:\s*:\s*\d{1,2}){1,5})") == ((":",),)
    assert required_clauses(r"\d+\s*(?:mg|ml)?") == ()


def test_required_clauses_of_the_endpoint_leads():
    lead, list_lead = endpoint_lexicon().lead, endpoint_lexicon().list_lead
    assert required_clauses(list_lead.pattern, list_lead.flags)[0] == ("following", "follows")
    assert required_clauses(lead.pattern, lead.flags)[:2] == (
        ("objective", "outcome", "point"),
        ("exploratory", "main", "other", "primary", "principal", "secondary", "tertiary"),
    )


def test_possible_needs_one_string_of_each_clause():
    clauses = required_clauses(RANDOMIZED)
    assert possible(clauses, "the manus trial is a randomized double-blind trial.") is True
    assert possible(clauses, "random sampling of sites") is False  # "random" but none of the endings
    assert possible(clauses, None) is True  # no lower-cased copy: nothing is ruled out


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
