"""Facts about regular expressions read from their parse trees (real patterns of the lexicons among them)."""

from __future__ import annotations

import re

import pytest

from extractor.normalize.pattern_analysis import (
    lowercase_safe,
    lowered_source,
    lowered_twin,
    prefixes,
    reads_outside,
    same_parse,
    scan_kind,
    top_level_alternatives,
)
from extractor.pipeline.endpoint import endpoint_lexicon
from extractor.pipeline.schedule import schedule_context

SENTENCES = [
    "Follow-up visits will be scheduled at 48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment.",
    "The Primary Outcome is the change in FEV1; secondary end-points include MRI-assessed lesion volume.",
    "Efficacy will be assessed by the following:",
    "Patients were Examined and Re-evaluated at Week 12 (±3 days) by the Investigator.",
]


@pytest.mark.parametrize(
    ("pattern", "safe"),
    [
        (r"\b(?:assess\w*|visits?)\b", True),
        (r"[A-Za-z]-?$", True),  # a set holding both cases reads the same
        (r"(?<![^\W\d_])(?:days?|d)(?![^\W\d_])", True),
        (r"[A-Z]x", False),
        (r"[0-_]", False),  # holds the capitals but not the small letters
        ("\u212a", False),  # the Kelvin sign folds to "k"
        ("\u017f", False),  # the long s folds to "s"
        (r"(?-i:D)\d", False),  # local flags
        (r"(a)\1", False),  # back references are not checked
    ],
)
def test_lowercase_safe(pattern, safe):
    assert lowercase_safe(pattern, re.IGNORECASE) is safe
    assert (lowered_twin(re.compile(pattern, re.IGNORECASE)) is not None) is safe


def test_lowered_twin_lowers_capital_literals_first():
    assert lowercase_safe(r"\bMRI\b", re.IGNORECASE) is False  # as written, the lower-cased text never holds it
    twin = lowered_twin(re.compile(r"\bMRI\b|(?P<Kind>Primary)", re.IGNORECASE))
    assert twin is not None and twin.pattern == r"\bmri\b|(?P<Kind>primary)"  # group names keep their case
    assert twin.search("cardiac mri at week 12").span() == (8, 11)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"CAR[\s-]?T[\s-]+cells?", r"car[\s-]?t[\s-]+cells?"),
        # \W and \s mean the same whatever the case; they stay as they are.
        (r"Wharton\W{0,3}s?\W{0,2}\s*jelly", r"wharton\W{0,3}s?\W{0,2}\s*jelly"),
        ("Wharton\u00b4s", "wharton\u00b4s"),  # only ASCII capitals: the lower-cased text is ASCII
        (r"(?P<Strong>MSC)|(?P<weak>Cells?)", r"(?P<Strong>msc)|(?P<weak>cells?)"),
        (r"[^]a]B", r"[^]a]b"),
        (r"^Study Type:[ \t]*Observational", r"^study type:[ \t]*observational"),
        # Sets stay as they are: whether they read lower-cased text the same is lowercase_safe's to say.
        (r"[A-Z]{2}", r"[A-Z]{2}"),
        (r"[]A]x", r"[]A]x"),
        # Escapes and flags that may stand for capitals: not rewritten.
        (r"\x41", None),
        (r"(a)\1", None),
        (r"(?-i:MSC)", None),
        (r"(?i)MSC", None),
    ],
)
def test_lowered_source(pattern, expected):
    assert lowered_source(pattern) == expected


def test_lowered_twin_needs_a_case_insensitive_pattern():
    assert lowercase_safe("abc", 0) is False
    assert lowered_twin(re.compile("abc")) is None


@pytest.mark.parametrize("name", ["assessment", "administration", "not_time_point_before", "not_time_point_after"])
def test_schedule_context_twins_find_the_same_matches(name):
    pattern = getattr(schedule_context(), name)
    twin = lowered_twin(pattern)
    assert twin is not None
    for sentence in SENTENCES:
        for pos in range(len(sentence)):
            found, fast = pattern.match(sentence, pos), twin.match(sentence.lower(), pos)
            assert (found and found.span()) == (fast and fast.span())


def test_endpoint_lead_twin_finds_the_same_spans_and_groups():
    lead = endpoint_lexicon().lead
    twin = lowered_twin(lead)
    assert twin is not None
    text = SENTENCES[1]
    assert [(m.span(), m.span("kind")) for m in lead.finditer(text)] == [
        (m.span(), m.span("kind")) for m in twin.finditer(text.lower())
    ]
    assert [m.group("kind") for m in twin.finditer(text.lower())] == ["primary", "secondary"]


@pytest.mark.parametrize(
    ("pattern", "outside"),
    [
        (r"\bab", True),  # a word boundary at the start looks at the character before
        (r"a\b", False),
        (r"(?<=a)b", True),
        (r"a(?<=a)b", False),  # the look-behind stays inside the match
        (r"ab(?<=a.)c", False),
        (r"x(?<=\bx)", True),  # a look-around inside a look-behind: assumed to reach out
        (r"an?(?=\s+(?:\d|one)\b)", False),
        (r"^x", True),
    ],
)
def test_reads_outside(pattern, outside):
    assert reads_outside(re.compile(pattern, re.IGNORECASE)) is outside


def _sources(found):
    return sorted("".join(source for source, _ in prefix) for prefix in found)


@pytest.mark.parametrize(
    ("pattern", "k", "expected"),
    [
        ("abc", 3, ["abc"]),
        ("abcd", 2, ["ab"]),
        ("a?b", 3, ["ab", "b"]),
        (r"(?:x|y)+z", 3, ["[xy]"]),  # after one turn of a repeat the prefix stops
        (r"(?=ab)c", 3, ["c"]),  # look-arounds before the first character are left out
        (r"[-+]?\d+", 3, [r"[\-\+][\d]", r"[\d]"]),
        (r"(?<![^\W\d_])(?:weeks?|wk|w)(?![^\W\d_])", 3, [r"w(?![^\W\d_])", "wee", r"wk(?![^\W\d_])"]),
        (r"d(?=[-+]?\d)", 3, [r"d(?=(?:[\-\+][\d]|[\d]))"]),  # a longer look-ahead: what it starts with
        (r"(?i:k)x", 3, [""]),  # local flags: nothing known
    ],
)
def test_prefixes(pattern, k, expected):
    assert _sources(prefixes(pattern, k)) == expected


def test_prefixes_are_necessary_conditions():
    pattern = r"(?<![^\W\d_])(?:every\s+other\s+week|weekly|w(?:ee)?ks?|d)(?![^\W\d_])"
    guard = re.compile("|".join(_sources(prefixes(pattern, 3))))
    for text in ["every  other week", "weekly", "wks", "d", "6 wk", "dose"]:
        for m in re.finditer(pattern, text):
            assert guard.match(text, m.start())


def test_prefixes_refuse_case_insensitive_flags_and_give_up_past_the_limit():
    with pytest.raises(ValueError):
        prefixes("abc", 3, re.IGNORECASE)
    assert prefixes("(?:ab|cd|ef|gh)(?:ij|kl|mn|op)", 3, limit=3) is None


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("a|b(c|d)", ["a", "b(c|d)"]),
        (r"x\|y|z", [r"x\|y", "z"]),
        ("[|]|a", ["[|]", "a"]),
        ("[]|]|b", ["[]|]", "b"]),
        ("[^]|]|c", ["[^]|]", "c"]),
        (r"[\]|]|q", [r"[\]|]", "q"]),
        ("(?:a|b)|c", ["(?:a|b)", "c"]),
        ("abc", ["abc"]),
        ("(?#a|b)|c", ["(?#a|b)|c"]),  # comments are not followed
    ],
)
def test_top_level_alternatives(pattern, expected):
    assert top_level_alternatives(pattern) == expected


@pytest.mark.parametrize(
    ("pattern", "kind"),
    [
        ("random", "literal"),
        ("(?:random|blind)", "set"),  # alternatives that all start with a literal
        ("[ab]c", "set"),
        (r"\bx", None),  # a word boundary first: every position is tried
        ("(?<!a)b", None),
        ("x?y", None),
    ],
)
def test_scan_kind(pattern, kind):
    assert scan_kind(pattern) == kind


def test_same_parse():
    assert same_parse("(?:a)|(?:b)", "a|b")
    assert not same_parse("a|bc", "(?:a|b)c")
    assert not same_parse("(", "a")
