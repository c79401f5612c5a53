"""SCHEDULE and ENDPOINT: outcome sections, running-text lists and follow-up statements."""

import pytest

from extractor import extract

OUTCOMES = (
    "Primary Outcome Measures\n"
    "1. Toxicity of the treatment [Time Frame: 12 weeks after MSC administration]\n"
    "Toxicity of the treatment is defined as local toxicity.\n\n"
    "Secondary Outcome Measures\n"
    "1. Serious adverse events [Time Frame: 48 hours, 2, 4, 8, 12, 24 weeks and 52 weeks after MSC administration]\n"
    "2. Quality of life - SF-36 [Time Frame: 12, 24 and 52 weeks after MSC administration]\n"
)


def by_label(facts, label):
    return [f for f in facts if f.label == label]


def test_outcome_section_measures_and_time_frames():
    facts = extract(OUTCOMES)
    endpoints = [(f.text, f.attrs["kind"], f.extras["time_frame_days"]) for f in by_label(facts, "ENDPOINT")]
    assert endpoints == [
        ("Toxicity of the treatment", "primary", [84]),
        ("Serious adverse events", "secondary", [2, 14, 28, 56, 84, 168, 364]),
        ("Quality of life - SF-36", "secondary", [84, 168, 364]),
    ]
    assert [f.text for f in by_label(facts, "SCHEDULE")] == [
        "12 weeks after MSC administration",
        "48 hours, 2, 4, 8, 12, 24 weeks and 52 weeks after MSC administration",
        "12, 24 and 52 weeks after MSC administration",
    ]


def test_running_text_lists_split_into_measures():
    text = (
        "Detailed Description\nSecondary outcome measures are: number of serious adverse events, pain and disability "
        "parameters; healing, time to healing and reduction of new ischemic digital ulcers; modified Rodnan skin score."
    )
    assert [(f.text, f.attrs["kind"]) for f in by_label(extract(text), "ENDPOINT")] == [
        ("number of serious adverse events", "secondary"),
        ("pain and disability parameters", "secondary"),
        ("healing", "secondary"),
        ("time to healing", "secondary"),
        ("reduction of new ischemic digital ulcers", "secondary"),
        ("modified Rodnan skin score", "secondary"),
    ]


@pytest.mark.parametrize(
    ("sentence", "text", "days"),
    [
        (
            "Follow-up visits will be scheduled at 48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment.",
            "48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment",
            [2, 14, 28, 56, 84, 168, 364],
        ),
        (
            "Patients are followed at 18 weeks, at 6, 9, and 12 months, every 6 months for 1 year, and then annually for 3 years.",
            "18 weeks, at 6, 9, and 12 months, every 6 months for 1 year, and then annually for 3 years",
            [126, 180, 270, 360, 365],
        ),
        # Upper case and text beyond ASCII (read by the case-insensitive patterns themselves) read the same.
        ("PATIENTS WILL BE FOLLOWED UP AT 3, 6 AND 12 MONTHS.", "3, 6 AND 12 MONTHS", [90, 180, 360]),
        (
            "Follow-up visits in Zürich will be scheduled at 48 hours and 2, 4, 8 and 12 weeks post-treatment.",
            "48 hours and 2, 4, 8 and 12 weeks post-treatment",
            [2, 14, 28, 56, 84],
        ),
    ],
)
def test_follow_up_statements(sentence, text, days):
    schedules = by_label(extract("Detailed Description\n" + sentence), "SCHEDULE")
    assert (schedules[0].text, schedules[0].attrs["days"]) == (text, days)


@pytest.mark.parametrize(
    "sentence",
    [
        "At week 24, another infusion will be performed for cross-over re-treatment.",
        "All (near-)term newborns ≥36 weeks of gestation will be included and assessed.",
        "Secondary measures include the EQ-5D and a 6-minute walk test assessed by the investigator.",
    ],
)
def test_not_assessment_times(sentence):
    assert by_label(extract("Detailed Description\n" + sentence), "SCHEDULE") == []


def test_running_text_endpoints_beyond_ascii():
    text = (
        "Detailed Description\nThe primary endpoint is the change in µ-opioid receptor binding at 12 weeks; "
        "secondary outcomes include pain and disability scores."
    )
    facts = extract(text)
    assert [(f.text, f.attrs["kind"]) for f in by_label(facts, "ENDPOINT")] == [
        ("change in µ-opioid receptor binding", "primary"),
        ("pain and disability scores", "secondary"),
    ]
    assert [f.text for f in by_label(facts, "SCHEDULE")] == ["12 weeks"]
