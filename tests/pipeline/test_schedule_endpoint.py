"""SCHEDULE and ENDPOINT: outcome sections, running-text lists and follow-up statements."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract
from extractor.pipeline.endpoint import MAX_MEASURE_LINE_CHARS, _measure_lines, endpoint_lexicon
from extractor.pipeline.schedule import time_frames

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


# The time frame and measure patterns as first written, with plain lazy groups between "\s*" (cubic time on
# a long run of spaces): the package's forms must find the same matches.
_PLAIN_TIME_FRAME = re.compile(r"\[\s*Time\s*Frame\s*:\s*(?P<frame>[^\n]*?)\s*\][^\]\n]*$", re.I | re.M)
_PLAIN_MEASURE_LINE = re.compile(
    r"^[ \t]*(?:\d{1,3}[.)][ \t]+|[-*•][ \t]+)?(?P<measure>\S.*?)[ \t]*"
    r"(?:\[[ \t]*Time[ \t]*Frame[ \t]*:[ \t]*(?P<frame>[^\n]*?)[ \t]*\][ \t]*)?$",
    re.I | re.M,
)
_FRAME_PIECES = [
    " ",
    "  ",
    "\t",
    "\n",
    "\xa0",
    "\r",
    "[",
    "]",
    ":",
    "x",
    "1. ",
    "12",
    " weeks",
    "- ",
    "Time",
    "Frame",
    "[Time Frame:",
    "[ time frame :",
    "[Time Frame:",
    "LOCF",
    ".",
]
_texts = st.lists(st.sampled_from(_FRAME_PIECES), max_size=20).map("".join)


@settings(max_examples=3000, deadline=None)
@given(text=_texts, bounds=st.tuples(st.integers(0, 80), st.integers(0, 80)))
def test_time_frames_are_those_of_the_plain_pattern(text, bounds):
    start, end = min(bounds[0], len(text)), min(max(bounds), len(text))
    found = [(m.span(), m.span("frame")) for m in time_frames(text, start, end)]
    assert found == [(m.span(), m.span("frame")) for m in _PLAIN_TIME_FRAME.finditer(text, start, end)]


@settings(max_examples=3000, deadline=None)
@given(text=_texts)
def test_measure_lines_are_those_of_the_plain_pattern(text):
    pattern = endpoint_lexicon().measure_line
    found = [(m.span(), m.span("measure"), m.group("frame")) for m in _measure_lines(pattern, text)]
    assert found == [(m.span(), m.span("measure"), m.group("frame")) for m in _PLAIN_MEASURE_LINE.finditer(text)]


def test_a_measure_line_longer_than_any_registry_line_is_passed_over():
    body = "1. Pain [Time Frame: 12 weeks]\n2. " + "x " * MAX_MEASURE_LINE_CHARS + "\n3. Function"
    assert [m.group("measure") for m in _measure_lines(endpoint_lexicon().measure_line, body)] == ["Pain", "Function"]


@pytest.mark.parametrize(
    ("description", "frame"),
    [
        ("[Time Frame:" + " " * 3000 + "x", "12 weeks"),  # no "]": 2,000 spaces took 9 s
        ("[Time Frame: x " * 3000, "12 weeks"),  # thousands of unclosed frames on one line
    ],
)
def test_outcome_descriptions_with_unclosed_time_frames(description, frame):
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT01234567", "briefTitle": "A study"},
            "outcomesModule": {
                "primaryOutcomes": [{"measure": "Overall survival", "timeFrame": frame, "description": description}]
            },
        }
    }
    endpoints = [f for f in extract(study) if f.label == "ENDPOINT"]
    assert [(f.text, f.attrs["kind"], f.extras["time_frame"]) for f in endpoints] == [
        ("Overall survival", "primary", "12 weeks")
    ]
