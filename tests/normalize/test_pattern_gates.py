"""Case-insensitive patterns searched in lowercased text: the same matches as re.IGNORECASE, faster."""

import re

import pytest

from extractor.normalize.pattern_gates import FoldedPattern, fold, lowercase_pattern
from extractor.normalize.products import product_lexicon

#: Real sentences of ClinicalTrials.gov records, ASCII and not.
SENTENCES = [
    # NCT03211793
    "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic bone "
    "marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb.",
    # NCT04432545
    "Infusion of Allogeneic Stromal Mesenchymal Stem Cells From Wharton´s Jelly in Patients With Diffuse "
    "Cutaneous Systemic Sclerosis With Refractory Pulmonary Involvement to Treatment",
    # NCT02633163
    "The goal of this study is to determine if patients receiving an MSC infusion plus Standard of Care "
    "respond better than patients receiving PLACEBO infusion plus standard of care.",
    # NCT03896568
    "I. To determine the maximal tolerated dose (MTD) of allogeneic bone marrow-derived human mesenchymal stem "
    "cells (BM-hMSCs) loaded with the oncolytic adenovirus DNX-2401 (BM-hMSCs-DNX2401).",
    "Autologous CAR-T Cells Targeting CD19 in Patients With Relapsed or Refractory B-cell Lymphoma",
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"CAR[\s-]?T[\s-]+cells?", r"car[\s-]?t[\s-]+cells?"),
        # \W and \s mean the same whatever the case; they stay as they are.
        (r"Wharton\W{0,3}s?\W{0,2}\s*jelly", r"wharton\W{0,3}s?\W{0,2}\s*jelly"),
        (r"(?P<strong>MSC)|(?P<weak>Cells?)", r"(?P<strong>msc)|(?P<weak>cells?)"),
        (r"[^]a]B", r"[^]a]b"),
        (r"^Study Type:[ \t]*Observational", r"^study type:[ \t]*observational"),
        # Capitals that are not plain literals: lowercasing would change what they match.
        (r"[A-Z]{2}", None),
        (r"[]A]", None),
        (r"\x41", None),
        (r"(a)\1", None),
        (r"(?-i:MSC)", None),
        (r"(?i)MSC", None),
        ("Wharton´s", None),
    ],
)
def test_lowercase_pattern(pattern, expected):
    assert lowercase_pattern(pattern) == expected


def test_fold_only_ascii():
    assert fold("Allogeneic BM-MSC") == "allogeneic bm-msc"
    assert fold("Wharton´s Jelly") is None


def test_folded_pattern_finds_what_ignorecase_finds():
    lex = product_lexicon()
    patterns = [lex.any_name, lex.any_head, lex.any_control, lex.modifiers_before, lex.not_after]
    assert all(p.lowered is not None for p in patterns)
    for p in patterns:
        for sentence in SENTENCES:
            expected = [m.span() for m in p.ignorecase.finditer(sentence)]
            assert list(p.spans(sentence, fold(sentence))) == expected
            first = expected[0] if expected else None
            assert p.span(sentence, fold(sentence)) == first
            assert p.first(sentence, fold(sentence)) == (first[0] if first else None)


def test_folded_pattern_spans_in_real_sentences():
    heads = FoldedPattern(r"(?<![\w-])(?:CAR[\s-]?T[\s-]+cells?|mesenchymal[\s-]+stem[\s-]+cells?)(?![\w-])")
    found = {s: [s[a:b] for a, b in heads.spans(s, fold(s))] for s in SENTENCES}
    assert found[SENTENCES[1]] == ["Mesenchymal Stem Cells"]  # not ASCII: searched case-insensitively
    assert found[SENTENCES[4]] == ["CAR-T Cells"]
    assert found[SENTENCES[0]] == []
    # Without the lowered text, the same matches.
    assert [SENTENCES[4][a:b] for a, b in heads.spans(SENTENCES[4])] == ["CAR-T Cells"]


def test_a_pattern_that_cannot_be_lowered_still_searches():
    p = FoldedPattern(r"\b[A-Z]{2,}-?\d+\b")
    assert p.lowered is None
    sentence = SENTENCES[3]
    assert [sentence[a:b] for a, b in p.spans(sentence, fold(sentence))] == [
        m.group(0) for m in re.finditer(r"\b[A-Z]{2,}-?\d+\b", sentence, re.IGNORECASE)
    ]
    assert [sentence[a:b] for a, b in p.spans(sentence, fold(sentence))] == ["DNX-2401", "DNX2401"]
