"""Case-insensitive patterns searched on a lower-cased copy: the same matches as re.IGNORECASE (real text)."""

import re

import pytest

from extractor.normalize.caseless import CaselessPattern, Folded, fold, possible, required_clauses
from extractor.normalize.caseless import _alternatives as alternatives

# Real sentences (the NCT03211793 lines as its rendered page writes them); tests also search them upper-cased.
SENTENCES = [
    "The MANUS Trial is a randomized double-blind, placebo-controlled clinical trial.",  # NCT03211793
    # NCT00314483
    "A single center non randomized, non blinded Phase I/II clinical trial is proposed to study the role of "
    "mesenchymal stem cells (MSC) in the management of steroid refractory graft versus host disease (GVHD) "
    "following an allogeneic stem cell transplant.",
    # NCT02290041
    "In the second phase of the trial, subjects are block randomised (1:1) to receive either MSCs (n=5), or "
    "placebo (n=5), as the control treatment.",
    # NCT01768702
    "Evaluation the safety and efficacy of C3BS-CQR-1 by comparing the overall response to standard of care "
    "and C3BS-CQR-1 relative to standard of care and a sham procedure.",
    "Phase: Phase 1/Phase 2\nAllocation: Randomized\nEnrollment: 20 (Anticipated)\n",  # NCT03211793
    "PROTOCOL OUTLINE: This is an randomized, unblinded, multicenter study.",  # NCT00004398
    # NCT01428661
    "The study has three phases: the pre-randomization phase, the randomization phase, and an open-label "
    "extension phase.",
    "The CIHF trial will enroll 105 patients with randomization into active and placebo therapy with 2:1 ratio.",
]

PATTERNS = [
    r"\b(?:single[\s-]*(?:blind|mask)\w*|(?:assessor|observer|evaluator|rater)[\s-]+(?:blind|mask)\w*)",
    r"\b(?:open[\s-]*label\w*|un-?blinded|non[\s-]?blinded|open\s+(?:study|trial)|no\s+masking)",
    r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided)|randomi[sz]ation)",
    r"\b(?:standard[\s-]+(?:of[\s-]+)?care|usual\s+care)",
    r"^\s*(?:enrol(?:l)?ment|sample\s+size)\s*(?::|=|of|is|will\s+be)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d{1,6})\b",
    r"(?<![\w.,:/-])(?P<n>\d{1,5}|twenty|forty)\s+(?:patients?|subjects?)(?![\w-])",
]


def spans(matches):
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


def test_fold_keeps_offsets_or_gives_no_copy():
    assert fold("Double-Blind") == ("Double-Blind", "double-blind")
    # "İ" lowers to two characters: offsets would shift.
    assert fold("İstanbul, double-blind").low is None
    # IGNORECASE matches "ı" to "i" and "ſ" to "s"; lower() does not.
    assert fold("randomızed").low is None
    assert fold("ſingle-blind").low is None


@pytest.mark.parametrize("pattern", PATTERNS)
def test_search_and_finditer_are_those_of_ignorecase(pattern):
    caseless = CaselessPattern.compile(pattern, re.MULTILINE)
    reference = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    for sentence in SENTENCES + [s.upper() for s in SENTENCES]:
        text = fold(sentence)
        m, expected = caseless.search(text), reference.search(sentence)
        assert (m and m.span()) == (expected and expected.span())
        found = spans(caseless.finditer(text))
        assert [(s, e) for s, e, _groups in found] == [m.span() for m in reference.finditer(sentence)]


def test_matches_in_real_sentences():
    masking = CaselessPattern.compile(PATTERNS[1])
    assert masking.search(fold(SENTENCES[1])).span() == (32, 43)  # "non blinded"
    assert masking.search(fold(SENTENCES[5].upper())).span() == (41, 50)  # "UNBLINDED"
    count = CaselessPattern.compile(PATTERNS[5])
    m = count.search(fold(SENTENCES[7].upper()))
    assert (m.span(), m.group("n")) == ((27, 39), "105")
    enrollment = CaselessPattern.compile(PATTERNS[4], re.MULTILINE)
    assert enrollment.search(fold(SENTENCES[4])).group("n") == "20"


def test_word_boundary_is_checked_at_each_candidate():
    randomized = CaselessPattern.compile(PATTERNS[2])
    assert randomized.body is not None  # "random..." is scanned for; \b is checked where it is found
    # NCT01428661: "-" before "randomization" is a word boundary.
    assert randomized.search(fold(SENTENCES[6])).span() == (36, 49)
    # NCT00081276 "non-randomized" and "nonrandomized" (NCT00007020): only the first has one.
    assert randomized.search(fold("OUTLINE: This is a non-randomized study.")).span() == (23, 33)
    nonrandomized = (
        "Investigational Plan: A Phase III, open label, single arm, nonrandomized, non-comparative, compassionate "
        "treatment study of cholic acid in the treatment of defects of bile acid metabolism."
    )
    assert randomized.search(fold(nonrandomized)) is None


def test_required_clauses_of_lexicon_patterns():
    # Of "(?:assessor|...)[\s-]+(?:blind|mask)", the fewer strings: "blind" or "mask".
    assert required_clauses(PATTERNS[0]) == (("blind", "mask", "single"),)
    assert required_clauses(PATTERNS[1]) == (("blinded", "label", "masking", "open"),)
    assert required_clauses(PATTERNS[2]) == (("random",), ("ation", "ed", "ly"))
    assert required_clauses(r"(?P<ratio>\d{1,2}(?:\s*:\s*\d{1,2}){1,5})") == ((":",),)
    assert required_clauses(r"\d+\s*(?:mg|ml)?") == ()


def test_possible_needs_one_string_of_each_clause():
    clauses = required_clauses(PATTERNS[2])
    assert possible(clauses, fold(SENTENCES[0])) is True
    assert possible(clauses, fold("Random sampling of sites")) is False  # "random" but none of the endings
    assert possible(clauses, Folded("text", None)) is True  # no lower-cased copy: nothing is ruled out


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:Phase)\s+(?:IV|I{1,3})",  # upper-case literals
        r"\b(\w+)\s+\1\b",  # a back-reference
        r"(?-i:MSC)\s+therapy",  # a case-sensitive group
        r"\bµg\b",  # a non-ASCII literal
    ],
)
def test_patterns_not_safe_to_lower_use_ignorecase(pattern):
    caseless = CaselessPattern.compile(pattern)
    assert caseless.lowered is None
    text = "PHASE II MSC therapy of 10 µg; Phase III; msc therapy; the the"
    assert spans(caseless.finditer(fold(text))) == spans(re.compile(pattern, re.IGNORECASE).finditer(text))


def test_alternatives_cut_at_top_level_bars_only():
    assert alternatives(r"a|b(c|d)|[|]|\||[]|]x|[^]|]y|(?:e|f)g") == [
        "a",
        "b(c|d)",
        "[|]",
        r"\|",
        "[]|]x",
        "[^]|]y",
        "(?:e|f)g",
    ]


def test_words_searches_alternatives_one_by_one():
    pattern = r"placebo(?:[\s-]+controlled|\s+group|\s+arm)?|versus\s+placebo|vs\.?\s+placebo"
    words = CaselessPattern.words(pattern)
    assert len(words.alternatives) == 3
    reference = re.compile(rf"\b(?:{pattern})", re.IGNORECASE)
    for text in ["Compared VS. PLACEBO and versus placebo", "the placebo group versus placebo", "no comparator"]:
        expected = reference.search(text)
        m = words.search(fold(text))
        assert (m and m.span()) == (expected and expected.span())
    assert words.search(fold("Compared VS. PLACEBO and versus placebo")).span() == (9, 20)
    # Alternatives that share a literal prefix are scanned for together.
    assert CaselessPattern.words(r"double[\s-]*(?:blind|mask)\w*|double-?dummy").alternatives == ()


def test_words_keeps_a_pattern_with_groups_whole():
    # Cut, its groups would be numbered anew in each alternative.
    words = CaselessPattern.words(r"(placebo|sham)[\s-]+controlled|versus\s+(placebo)")
    assert words.alternatives == ()
    m = words.search(fold("A randomized, Sham-Controlled trial"))
    assert (m.span(), m.group(1)) == ((14, 29), "sham")
