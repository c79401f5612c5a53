"""SAMPLE_SIZE: participant counts of this trial, not of arms or groups (real corpus sentences)."""

from pathlib import Path

import pytest

from extractor.api import load
from extractor.facts import facts_from_doc
from extractor.normalize.caseless import folded
from extractor.pipeline.sample_size import find_sample_sizes, sample_size_lexicon

SEED = Path(__file__).parents[1] / "fixtures" / "seeds" / "NCT03211793-page.txt"


def sizes(text):
    return [(text[s:e], n) for s, e, n, _rule in find_sample_sizes(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites).",
            [("20 participants", 20)],
        ),
        ("A total of 40 eligible patients will be recruited in this study.", [("40 eligible patients", 40)]),
        (
            "This study plans to enroll 10 patients (aged 13-17 years) with refractory perianal fistulizing disease.",
            [("10 patients", 10)],
        ),
        (
            "Twenty adult patients (age 18 years or older) with refractory Crohn's disease will be enrolled.",
            [("Twenty adult patients", 20)],
        ),
        (
            "The CIHF trial will enroll 105 patients with randomization into active and placebo therapy with 2:1 ratio.",
            [("105 patients", 105)],
        ),
        (
            "After assignment of the written informed consent, thirty six patients with decompensated cirrhosis will be enrolled.",
            [("thirty six patients", 36)],
        ),
        (
            "Therefore a total of up to eight (8) subjects who meet all eligibility criteria will be enrolled.",
            [("eight (8) subjects", 8)],
        ),
        (
            "This is a pilot-study of 16 selected Swedish patients which all have severe hoarseness.",
            [("16 selected Swedish patients", 16)],
        ),
    ],
)
def test_sample_sizes_in_real_sentences(sentence, expected):
    assert sizes(sentence) == expected
    # The sentence's lower-cased copy, as the component passes it, gives the same counts.
    assert find_sample_sizes(folded(sentence)) == find_sample_sizes(sentence)
    # Upper case changes nothing but the text of the count.
    assert [(text.lower(), n) for text, n in sizes(sentence.upper())] == [(t.lower(), n) for t, n in expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "3 Groups of patients will be assigned to this trial: Study group1: Will use autologous fat augmentation.",
        "After 3 weeks the patient will be given Triamcinolone acetonide 40 mg/cc / cm3.",
        "Each subject received a single dose of 6.0*10^6, 3.0*10^7, 6.0*10^7, and 9.0*10^7 cells / person.",
        "The first six subjects received allo-MSC therapy (open label) and were assessed for safety.",
        "Since spring 2015 no new patients have been recruited and no treatments are ongoing.",
        "In the control group, other 24 patients received conventional treatment plus 4 times of placebo intravenously.",
        "A total of 99 patients (33 per treatment arm) will be accrued for this study within 5 months.".replace(
            "99 patients ", "33 patients per treatment arm "
        ),
    ],
)
def test_not_sample_sizes(sentence):
    assert sizes(sentence) == []


def _sample_sizes(text):
    return [(f.text, f.attrs["n"], f.rule, f.start) for f in facts_from_doc(load()(text)) if f.label == "SAMPLE_SIZE"]


def test_component_on_a_rendered_record():
    text = SEED.read_text("utf-8")
    expected = [("20 participants", 20, "sample_size.count", 524)]
    assert _sample_sizes(text) == expected
    # "İ" lowers to two characters, so this text is searched without its lower-cased copy: the same facts.
    i = text.index("MANUS")
    assert _sample_sizes(text[:i] + "İ" + text[i + 1 :]) == expected


@pytest.mark.parametrize("text", ["Enrollment: 40 participants", "\n\n  Enrollment: 40", "x\n\t \nEnrollment 40"])
def test_the_structured_enrollment_match_starts_on_the_line_of_its_word(text):
    # "^\s*" started the match at the first of the blank lines above the word and, where no word
    # followed, ran over all of them from every line start: 40,000 blank lines took 11 s.
    m = sample_size_lexicon().enrollment.search(*folded(text))
    assert m is not None and m.group("n") == "40"
    assert m.start() == text.rfind("\n", 0, m.end()) + 1
