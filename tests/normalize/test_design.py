"""Design facts (allocation ratio, masking, allocation, comparator, phase) from real record text."""

import pytest

from extractor.normalize.caseless import folded
from extractor.normalize.design import (
    allocation_from_line,
    allocation_from_text,
    allocation_ratio,
    control_types_from_text,
    masking_from_line,
    masking_from_text,
    phase_conflict,
    phase_from_registry,
    phases_from_text,
    structured_lines,
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # NCT03211793
            "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic bone "
            "marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb.",
            "1:1",
        ),
        (  # NCT02468492
            "Subjects who are enrolled and meet all criteria will be blinded and randomized (2:1) to receive Platelet "
            'Rich Plasma or normal saline "control".',
            "2:1",
        ),
        (  # NCT02501811
            "Following a successful lead-in phase, a total of one hundred forty-four (144) subjects will be randomized "
            "(1:1:1:1) to receive Combo, MSCs, c-kit+ cells, or placebo.",
            "1:1:1:1",
        ),
        (  # NCT01781390
            "Study participants were randomly assigned in 1:1:1 fashion to receive either 12.5 Million or 25 Million "
            "MPCs or placebo (saline).",
            "1:1:1",
        ),
        ("Patients will be randomized in a 2:2:1 ratio to one of three Treatment Strategies.", "2:2:1"),  # NCT02503280
        (  # NCT00644410
            "A total of 60 patients with will be enrolled in the study and randomised 2: 1 to cells or placebo "
            "(saline).",
            "2:1",
        ),
        (  # NCT02208713: a prevalence, not an allocation
            "Facioscapulohumeral Dystrophy is a Autosomal dominant inherited dystrophy with the prevalence of 1:20,000 "
            "and it is the third most common dystrophy after the dystrophinopathies and myotonic dystrophy.",
            None,
        ),
        (  # NCT04252118: a clock time
            "As of 24:00 on January 26, 2020, there are 2744 confirmed cases and 461 severe cases in China, the number "
            "is still increasing.",
            None,
        ),
        (  # NCT01742260: a copolymer ratio
            "PLA such as 70:30 poly(L-lactide-co-D,L-lactide) are made from a amorphous biodegradable copolymer which "
            "will ultimately resorb in vivo.",
            None,
        ),
    ],
)
def test_allocation_ratio(sentence, expected):
    assert allocation_ratio(sentence) == expected
    assert allocation_ratio(folded(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # NCT00221403
            "This 2:2:1 randomization scheme was selected because the expectation is that the percent of "
            "responders, in each of the drug arms, will be greater than the percent in the placebo arm.",
            "2:2:1",
        ),
        ("Subjects will be allocated (1:1:1) to placebo and 2 dose levels of NP001.", "1:1:1"),  # NCT01281631
        # The pattern's edges: a ratio opening the text; one after a decimal point or a slash is no ratio.
        ("2:1 randomisation of MSC and placebo.", "2:1"),
        ("Randomisation as in protocol version 3.2:1 of the trial.", None),
        ("Randomisation as in amendment 4/2:1 of the trial.", None),
    ],
)
def test_allocation_ratio_edges(sentence, expected):
    assert allocation_ratio(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "masking", "allocation"),
    [
        ("The MANUS Trial is a randomized double-blind, placebo-controlled clinical trial.", "double", "randomized"),
        (
            "This is an open-label, single institution, phase II study in patients with epidermolysis bullosa (EB).",
            "none",
            None,
        ),
        ("This study is a multi-center, single-blind, randomized, parallel controlled trail.", "single", "randomized"),
        ("This is single center, randomized, triple blind phase II clinical study.", "triple", "randomized"),
        ("Study design Open label, non-randomized, non-blinded, prospective clinical trial.", "none", "non-randomized"),
        (  # NCT00314483
            "A single center non randomized, non blinded Phase I/II clinical trial is proposed to study the role of "
            "mesenchymal stem cells (MSC) in the management of steroid refractory graft versus host disease (GVHD) "
            "following an allogeneic stem cell transplant.",
            "none",
            "non-randomized",
        ),
    ],
)
def test_masking_and_allocation_from_text(sentence, masking, allocation):
    assert masking_from_text(sentence) == masking
    assert allocation_from_text(sentence) == allocation
    # The same from the lower-cased copy that a trial's design columns share between searches.
    assert (masking_from_text(folded(sentence)), allocation_from_text(folded(sentence))) == (masking, allocation)
    # Upper case changes nothing (the patterns match case-insensitively).
    assert (masking_from_text(sentence.upper()), allocation_from_text(sentence.upper())) == (masking, allocation)


@pytest.mark.parametrize(
    ("sentence", "masking", "allocation"),
    [
        (  # NCT00763321: "open label" comes first, although the "double" row comes first in the lexicon
            "The study used a randomized withdrawal design with an open label (OL) period prior to a double-blind "
            "(DB) period.",
            "none",
            "randomized",
        ),
        (  # NCT01424566
            "The first part of the study (Part A) was single-blind (participants) and the second part of the study "
            "(Part B) was randomized, double-blind.",
            "single",
            "randomized",
        ),
        (  # NCT00714025: "single arm" before "non-randomized"
            "An open-label, single arm, non-randomized, single stage phase II study.",
            "none",
            "single group",
        ),
        (  # NCT00148538: "randomized" before "not randomized"
            "Subjects randomized to resistance exercise (R and AR combined) will have greater reductions in A1c than "
            "in those not randomized to resistance exercise (A and C combined).",
            None,
            "randomized",
        ),
    ],
)
def test_earliest_statement_wins(sentence, masking, allocation):
    assert masking_from_text(sentence) == masking
    assert allocation_from_text(sentence) == allocation


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)", "quadruple"),
        ("None (Open Label)", "none"),
        ("QUADRUPLE", "quadruple"),
        ("NONE", "none"),
        ("Double (Participant, Outcomes Assessor)", "double"),
    ],
)
def test_masking_from_structured_values(value, expected):
    assert masking_from_line(value) == expected


def test_allocation_from_structured_values():
    assert [
        allocation_from_line(v) for v in ("Randomized", "RANDOMIZED", "Non Randomized", "NON_RANDOMIZED", "Na")
    ] == ["randomized", "randomized", "non-randomized", "non-randomized", "n/a"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The MANUS Trial is a randomized double-blind, placebo-controlled clinical trial.", ["placebo"]),
        (  # NCT01768702
            "Evaluation the safety and efficacy of C3BS-CQR-1 by comparing the overall response to standard of care "
            "and C3BS-CQR-1 relative to standard of care and a sham procedure.",
            ["sham", "standard of care"],
        ),
        (  # NCT02290041
            "In the second phase of the trial, subjects are block randomised (1:1) to receive either MSCs (n=5), or "
            "placebo (n=5), as the control treatment.",
            ["placebo"],
        ),
    ],
)
def test_control_types_from_text(sentence, expected):
    assert control_types_from_text(sentence) == expected
    assert control_types_from_text(folded(sentence.upper())) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # NCT00260338
            "The aim of the study is in a phase I/II safety and efficacy study to evaluate the clinical effect of "
            "autologous mesenchymal stem cell therapy in patients with severe chronic myocardial ischemia.",
            ["1/2"],
        ),
        ("This is single center, randomized, triple blind phase II clinical study.", ["2"]),
        (  # NCT01909154 official title
            "Official Title: Phase I Pilot Study to Evaluate the Security of Local Administration of Autologous Stem "
            "Cells Obtained From the Bone Marrow Stroma, in Traumatic Injuries of the Spinal Cord",
            ["1"],
        ),
    ],
)
def test_phases_from_text(sentence, expected):
    assert phases_from_text(sentence) == expected
    assert phases_from_text(folded(sentence)) == expected


def test_phase_from_registry_and_conflicts():
    assert phase_from_registry(["PHASE1", "PHASE2"]) == "1/2"
    assert phase_from_registry("Phase 1/Phase 2") == "1/2"
    assert phase_from_registry(["EARLY_PHASE1"]) == "early 1"
    assert phase_from_registry(["NA"]) == "n/a"
    assert phase_conflict(["2"], "1/2") is False
    assert phase_conflict(["3"], "1/2") is True
    assert phase_conflict([], "2") is False


def test_structured_lines_of_a_rendered_record():
    # NCT03211793 as rendered
    text = (
        "Study Design\nStudy Type: Interventional\nPhase: Phase 1/Phase 2\nAllocation: Randomized\n"
        "Intervention Model: Parallel Assignment\nPrimary Purpose: Treatment\n"
        "Masking: Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)\n"
        "Enrollment: 20 (Anticipated)\n"
    )
    lines = structured_lines(text)
    assert lines["allocation"] == "Randomized"
    assert masking_from_line(lines["masking"]) == "quadruple"
    assert phase_from_registry(lines["phase"]) == "1/2"
    assert lines["enrollment"] == "20 (Anticipated)"
