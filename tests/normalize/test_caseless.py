"""Case-insensitive patterns searched on a lower-cased copy: the same matches as re.IGNORECASE (real text)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize.caseless import CaselessPattern, Folded, fold, folded
from extractor.normalize.pattern_analysis import top_level_alternatives as alternatives
from extractor.normalize.products import product_lexicon
from extractor.pipeline.endpoint import endpoint_lexicon

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


def test_fold_gives_a_copy_only_where_searching_it_is_exact():
    assert fold("Double-Blind") == "double-blind"
    assert folded("Week 12") == Folded("Week 12", "week 12")
    # "İ" lowers to two characters: offsets would shift.
    assert fold("İstanbul, double-blind") is None
    # IGNORECASE matches "ı" to "i" and "ſ" to "s"; lower() does not.
    assert fold("randomızed") is None
    assert fold("ſingle-blind") is None
    assert fold("µg") is None and fold("μg") is None  # micro sign and Greek mu: IGNORECASE relates them
    assert fold("Σ") is None  # lower() picks "σ" or "ς" by context
    # Caseless signs and plain letters keep the copy (most registry text): "´", "≥", "–", "é"/"É", "Α".
    assert fold("Wharton´s Jelly") == "wharton´s jelly"
    assert fold("Age ≥ 18 – L'Évaluation, ΑΓ") == "age ≥ 18 – l'évaluation, αγ"


@pytest.mark.parametrize("boundary", [False, True])
@pytest.mark.parametrize("prefilter", [False, True])
@pytest.mark.parametrize("pattern", PATTERNS)
def test_search_and_finditer_are_those_of_ignorecase(pattern, prefilter, boundary):
    caseless = CaselessPattern.compile(pattern, re.MULTILINE, prefilter=prefilter, boundary=boundary)
    reference = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    for sentence in SENTENCES + [s.upper() for s in SENTENCES]:
        lowered = fold(sentence)
        m, expected = caseless.search(sentence, lowered), reference.search(sentence)
        assert (m and m.span()) == (expected and expected.span())
        found = spans(caseless.finditer(sentence, lowered))
        assert [(s, e) for s, e, _groups in found] == [m.span() for m in reference.finditer(sentence)]
        assert (caseless.match(sentence, lowered) is None) == (reference.match(sentence) is None)
        for pos in (1, len(sentence) // 2):
            m, expected = caseless.search(sentence, lowered, pos), reference.search(sentence, pos)
            assert (m and m.span()) == (expected and expected.span())


def test_matches_in_real_sentences():
    masking = CaselessPattern.compile(PATTERNS[1])
    assert masking.search(*folded(SENTENCES[1])).span() == (32, 43)  # "non blinded"
    assert masking.search(*folded(SENTENCES[5].upper())).span() == (41, 50)  # "UNBLINDED"
    count = CaselessPattern.compile(PATTERNS[5])
    m = count.search(*folded(SENTENCES[7].upper()))
    assert (m.span(), m.group("n")) == ((27, 39), "105")
    enrollment = CaselessPattern.compile(PATTERNS[4], re.MULTILINE)
    assert enrollment.search(*folded(SENTENCES[4])).group("n") == "20"


def test_word_boundary_is_checked_at_each_candidate():
    randomized = CaselessPattern.compile(PATTERNS[2], boundary=True)
    assert randomized.body is not None  # "random..." is scanned for; \b is checked where it is found
    assert CaselessPattern.compile(PATTERNS[2]).body is None  # only when asked for
    # NCT01428661: "-" before "randomization" is a word boundary.
    assert randomized.search(*folded(SENTENCES[6])).span() == (36, 49)
    # NCT00081276 "non-randomized" and "nonrandomized" (NCT00007020): only the first has one.
    assert randomized.search(*folded("OUTLINE: This is a non-randomized study.")).span() == (23, 33)
    nonrandomized = (
        "Investigational Plan: A Phase III, open label, single arm, nonrandomized, non-comparative, compassionate "
        "treatment study of cholic acid in the treatment of defects of bile acid metabolism."
    )
    assert randomized.search(*folded(nonrandomized)) is None


def test_prefilter_checks_the_most_telling_clause():
    randomized = CaselessPattern.compile(PATTERNS[2], prefilter=True)
    assert randomized.required == (("random",),)
    assert randomized.possible("random sampling") is True
    assert randomized.search(*folded("Random sampling of sites")) is None
    assert randomized.possible("blinded") is False
    # The scan for a literal prefix is as fast as the check: no prefilter then.
    assert CaselessPattern.compile(r"\brandom\w*", prefilter=True, boundary=True).required == ()


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(\w+)\s+\1\b",  # a back-reference
        r"(?-i:MSC)\s+therapy",  # a case-sensitive group
        r"[A-Z]{2}\d",  # a set of capitals only
    ],
)
def test_patterns_not_safe_to_lower_use_ignorecase(pattern):
    caseless = CaselessPattern.compile(pattern)
    assert caseless.lowered is None
    text = "PHASE II MSC therapy of 10 ug; Phase III; msc therapy; the the; FEV1"
    assert spans(caseless.finditer(*folded(text))) == spans(re.compile(pattern, re.IGNORECASE).finditer(text))


@pytest.mark.parametrize("pattern", [r"\b(?:Phase)\s+(?:IV|I{1,3})", r"\bµg\b|\bug\b"])
def test_capital_and_non_ascii_literals_have_a_twin(pattern):
    caseless = CaselessPattern.compile(pattern)
    assert caseless.lowered is not None
    reference = re.compile(pattern, re.IGNORECASE)
    for text in ["PHASE II MSC therapy of 10 ug; Phase III", "10 µg (Phase IV)"]:  # ASCII, and not
        assert spans(caseless.finditer(*folded(text))) == spans(reference.finditer(text))


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
        m = words.search(*folded(text))
        assert (m and m.span()) == (expected and expected.span())
    assert words.search(*folded("Compared VS. PLACEBO and versus placebo")).span() == (9, 20)
    # Alternatives that share a literal prefix are scanned for together.
    assert CaselessPattern.words(r"double[\s-]*(?:blind|mask)\w*|double-?dummy").alternatives == ()


def test_words_keeps_a_pattern_with_groups_whole():
    # Cut, its groups would be numbered anew in each alternative.
    words = CaselessPattern.words(r"(placebo|sham)[\s-]+controlled|versus\s+(placebo)")
    assert words.alternatives == ()
    m = words.search(*folded("A randomized, Sham-Controlled trial"))
    assert (m.span(), m.group(1)) == ((14, 29), "sham")


#: Real sentences of ClinicalTrials.gov records, ASCII and not.
PRODUCT_SENTENCES = [
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


def test_the_product_gates_find_what_ignorecase_finds():
    lex = product_lexicon()
    patterns = [lex.any_name, lex.any_head, lex.any_control, lex.modifiers_before, lex.not_after]
    assert all(p.lowered is not None for p in patterns)
    for p in patterns:
        for sentence in PRODUCT_SENTENCES:
            expected = [m.span() for m in p.ignorecase.finditer(sentence)]
            assert list(p.spans(*folded(sentence))) == expected
            first = expected[0] if expected else None
            assert p.span(*folded(sentence)) == first
            assert p.first(*folded(sentence)) == (first[0] if first else None)


def test_spans_in_real_sentences():
    heads = CaselessPattern.compile(r"(?<![\w-])(?:CAR[\s-]?T[\s-]+cells?|mesenchymal[\s-]+stem[\s-]+cells?)(?![\w-])")
    found = {s: [s[a:b] for a, b in heads.spans(*folded(s))] for s in PRODUCT_SENTENCES}
    assert found[PRODUCT_SENTENCES[1]] == ["Mesenchymal Stem Cells"]  # not ASCII: searched case-insensitively
    assert found[PRODUCT_SENTENCES[4]] == ["CAR-T Cells"]
    assert found[PRODUCT_SENTENCES[0]] == []
    # Without the lowered text, the same matches.
    assert [PRODUCT_SENTENCES[4][a:b] for a, b in heads.spans(PRODUCT_SENTENCES[4], None)] == ["CAR-T Cells"]


LEAD_SENTENCES = [
    "Follow-up visits will be scheduled at 48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment.",
    "The Primary Outcome is the change in FEV1; secondary end-points include MRI-assessed lesion volume.",
    "Efficacy will be assessed by the following:",
]


def test_the_endpoint_lead_agrees_with_its_pattern():
    pattern = endpoint_lexicon().lead
    lead = CaselessPattern.compile(pattern, prefilter=True)
    assert lead.lowered is not None and lead.required
    for text in [*LEAD_SENTENCES, "Primary outcome – the µ-opioid score", "no lead here"]:
        lowered = fold(text)
        found, fast = pattern.search(text), lead.search(text, lowered)
        assert (found and (found.span(), found.span("kind"))) == (fast and (fast.span(), fast.span("kind")))
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in lead.finditer(text, lowered)]
        assert (pattern.match(text) is None) == (lead.match(text, lowered) is None)
    assert lead.search(LEAD_SENTENCES[1], fold(LEAD_SENTENCES[1]), pos=30).group("kind") == "secondary"


def test_may_match_reads_the_spans_of_a_whole_text():
    outcomes = CaselessPattern.compile(r"\b(?:primary|secondary)\s+outcomes?", prefilter=True)
    assert outcomes.required == (("outcome",),)  # one string as long as the two others
    text = "Study visits. The Primary Outcome is pain. Secondary outcomes: none. Primary"
    spans_ = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text)]
    assert outcomes.may_match(text.lower(), spans_) == [False, True, True, False]
    assert outcomes.may_match(text.lower(), [(0, 20), (20, 30)]) == [False, False]  # "outcome" crosses the end
    everything = CaselessPattern.compile(r"\d+", prefilter=True)  # no required string: every span may match
    assert everything.may_match("a 1", [(0, 1), (2, 3)]) == [True, True]


def _lexicon_patterns() -> list[tuple[str, int]]:
    """Real case-insensitive patterns of the components, as (source, flags)."""
    from extractor.normalize import design
    from extractor.pipeline.sample_size import sample_size_lexicon
    from extractor.pipeline.schedule import schedule_context
    from extractor.pipeline.site import site_lexicon

    found = [site_lexicon().administration.ignorecase]
    lex = product_lexicon()
    found += [lex.any_name.ignorecase, lex.modifiers_before.ignorecase]
    sizes = sample_size_lexicon()
    found += [sizes.count.ignorecase, sizes.planning.ignorecase, sizes.enrollment.ignorecase]
    found += [design._patterns().phase.ignorecase, design._patterns().ratio_cue.ignorecase]
    context = schedule_context()
    found += [context.assessment, context.not_time_point_before, endpoint_lexicon().lead]
    return [(p.pattern, p.flags & ~(re.IGNORECASE | re.UNICODE)) for p in found]


#: Real patterns, and a few whose lowered twin would be wrong (capital-only sets, local flags, negated sets).
LEXICON_PATTERNS = [
    *_lexicon_patterns(),
    (r"[A-Z]{2}\d", 0),
    (r"(?-i:MS)C", 0),
    (r"[^a-z ]{2,}", 0),
    (r"\bµg|[k-s]+", 0),
    (r"[µu]g\b|≥\s*\d+|[α-ω]+|é\w+|Å", 0),  # non-ASCII literals and ranges: checked at their case partners
    (r"\u2126|\u212b|[\u00c0-\u00ff]+", 0),  # the ohm and angstrom signs lower-case to "ω" and "å"
]
#: Letters of the patterns in both cases, digits, separators, and letters that fold in surprising ways.
ALPHABET = (
    "abcdeilmnoprstuvyABCDEILMNOPRSTUVY0123456789 -:;,.()/\n"
    "ıſİ\u212aµμΜσςΣßẞ\u2126\u212b"  # related by IGNORECASE, or lower-cased to several characters or to ASCII
    "éÉåÅαΑωΩ≥–’×\u00a0"  # plain: lower-cased copies are searched
)
#: Pieces of real sentences that these patterns match (from the records above and the lexicons' comments).
FRAGMENTS = [
    "FEV1 in MSC, 10 µg",
    "Phase I/II",
    "randomised (1:1)",
    "Enrollment: 20",
    "A total of 105 patients",
    "will be enrolled",
    "intramuscular injection",
    "infused",
    "follow-up visits",
    "assessed at week 12",
    "The Primary Outcome is",
    "secondary end-points:",
    "mesenchymal stem cells",
    "of allogeneic bone marrow derived",
    "history of",
    "at least",
]
#: What a character may become: its other case, a letter IGNORECASE takes for an ASCII one, or a non-ASCII look-alike.
CONFUSABLE = {"s": "\u017f", "i": "\u0131", "k": "\u212a", "I": "\u0130", "u": "µ", "e": "é", "E": "É", " ": "\u00a0"}


@st.composite
def fragment_texts(draw: st.DrawFn) -> str:
    """Fragments joined by separators, some characters swapped for their other case or a confusable."""
    pieces = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3))
    text = draw(st.sampled_from([" ", ", ", ".\n", " and "])).join(pieces)
    out = []
    for char in text:
        change = draw(st.sampled_from(["keep", "keep", "keep", "swapcase", "confusable"]))
        out.append(
            char.swapcase() if change == "swapcase" else CONFUSABLE.get(char, char) if change == "confusable" else char
        )
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(range(len(LEXICON_PATTERNS))),
    st.one_of(st.text(alphabet=ALPHABET, max_size=60), fragment_texts()),
    st.booleans(),
    st.booleans(),
)
def test_any_text_gives_the_matches_of_ignorecase(index, text, prefilter, boundary):
    source, flags = LEXICON_PATTERNS[index]
    reference = re.compile(source, flags | re.IGNORECASE)
    caseless = CaselessPattern.compile(source, flags, prefilter=prefilter, boundary=boundary)
    lowered = fold(text)
    assert [m.span() for m in caseless.finditer(text, lowered)] == [m.span() for m in reference.finditer(text)]
    for pos in (0, len(text) // 3):
        m, expected = caseless.search(text, lowered, pos), reference.search(text, pos)
        assert _group_spans(m) == _group_spans(expected)  # group texts may be lower case, their spans not


def _group_spans(m: re.Match[str] | None) -> tuple | None:
    return m and (m.span(), *(m.span(k) for k in range(1, (m.re.groups or 0) + 1)))
