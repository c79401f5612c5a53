"""Time expressions to days: the schema's examples, outcome time frames from ClinicalTrials.gov records
(as literals) and follow-up statements in running text."""

from __future__ import annotations

import pytest

from extractor.normalize.time import MAX_TIME_POINTS, TimeValue, find_time_expressions, normalize_time

H = 1 / 24

# (text, days, every, through)
CASES = [
    # Examples of the issue and the annotation schema.
    ("48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment", [2, 14, 28, 56, 84, 168, 364], None, None),
    ("12 weeks after MSC administration", [84], None, None),
    ("Month 1", [30], None, None),
    ("Month 0 and Month 12", [0, 360], None, None),
    ("baseline, 3, 6 and 12 months", [0, 90, 180, 360], None, None),
    ("24 hours, 10 days +/- 24 hours, Month 6, Month 9 and Month 12", [1, 10, 180, 270, 360], None, None),
    ("Day 0, 7, 14 and 28", [0, 7, 14, 28], None, None),
    ("at weeks 4, 12 and 24", [28, 84, 168], None, None),
    ("1 year", [365], None, None),
    ("from baseline to week 52", [0], None, 364),
    ("every 3 months for 2 years", [], 90, 730),
    ("monthly", [], 30, None),
    ("up to 12 months", [], None, 360),
    ("6 months after transplantation", [180], None, None),
    ("two weeks", [14], None, None),
    ("half a year", [182.5], None, None),
    ("one and a half years", [547.5], None, None),
    ("Day 1-Day 28", [1], None, 28),
    # Time frames as registries publish them.
    (
        "48 hours, 2, 4, 8, 12, 24 weeks and 52 weeks after MSC administration",
        [2, 14, 28, 56, 84, 168, 364],
        None,
        None,
    ),
    ("Baseline and 6 months", [0, 180], None, None),
    ("12 months", [360], None, None),
    ("Up to 24 weeks", [], None, 168),
    ("Week 0, 4, 8, 12", [0, 28, 56, 84], None, None),
    ("Day 28", [28], None, None),
    ("Days 1, 7, 14, 21, 28", [1, 7, 14, 21, 28], None, None),
    ("3 and 6 months post-infusion", [90, 180], None, None),
    ("1, 3, 6, 12 months", [30, 90, 180, 360], None, None),
    ("1 month, 3 months, 6 months", [30, 90, 180], None, None),
    ("Change from baseline at 6 months", [0, 180], None, None),
    ("Through study completion, an average of 1 year", [], None, 365),
    ("every 4 weeks up to 48 weeks", [], 28, 336),
    ("daily for 7 days", [], 1, 7),
    ("weekly", [], 7, None),
    ("annually for 5 years", [], 365, 1825),
    ("pre-treatment and 30 days post-treatment", [0, 30], None, None),
    ("12mo", [360], None, None),
    ("6 wks", [42], None, None),
    ("D28", [28], None, None),
    ("W12", [84], None, None),
    ("M6", [180], None, None),
    ("Hour 2", [2 * H], None, None),
    ("30 min after infusion", [30 / 1440], None, None),
    ("through study completion", [], None, None),
    (
        "Baseline (pre-infusion), day 1, 3, 7 and 10 post-infusion, 6 months, 1, 2, 3, 4 and 5 years post-infusion",
        [0, 1, 3, 7, 10, 180, 365, 730, 1095, 1460, 1825],
        None,
        None,
    ),
    (
        "baseline, day 1,4,7, and 1, 3, 6, 12, 18, 24 month after surgery",
        [0, 1, 4, 7, 30, 90, 180, 360, 540, 720],
        None,
        None,
    ),
    ("0 (baseline), 90 and 180 days", [0, 90, 180], None, None),
    ("[Timepoint: Screening, 1 , 3 6, 12, 24 months]", [30, 90, 180, 360, 720], None, None),
    ("0,1,2,3,5,7 12,16,20,36,52 week", [0, 7, 14, 21, 35, 49, 84, 112, 140, 252, 364], None, None),
    ("Post cell transplantation: 1, 3, 6，12 months", [30, 90, 180, 360], None, None),
    ("Week 4、Week 12、Week 24、Week 36、Week 52", [28, 84, 168, 252, 364], None, None),
    ("6 hours post-infusion, and days 1, 2, and 3", [0.25, 1, 2, 3], None, None),
    ("Baseline, 6-weeks & 3-, 6-, 9-, 12- months", [0, 42, 90, 180, 270, 360], None, None),
    (
        "6, 12, 18, 24 months corrected age, 36, 48, and 60 months after birth",
        [180, 360, 540, 720, 1080, 1440, 1800],
        None,
        None,
    ),
    ("Change from baseline to 3, 6, and 12 months post-treatment", [0, 90, 180, 360], None, None),
    ("Baseline to week 2, baseline to month 1, baseline to month 3, baseline to month 6", [0, 14, 30, 90], None, 180),
    ("Between Week 8 and Week 24", [56], None, 168),
    ("1 to 5 years", [365], None, 1825),
    ("6 months-1 year", [180], None, 365),
    ("Day 0 - 28", [0], None, 28),
    ("3 ~ 48 months", [90], None, 1440),
    ("Four to six months post augmentation", [120], None, 180),
    ("From study enrollment to Hospital discharge", [0], None, None),
    ("from first dose of MSCs to 90 days after first dose", [], None, 90),
    ("From date of enrollment until the End-of-Treatment, assessed up to 3 years", [0], None, 1095),
    ("From ISW completion to end of study participation (up to approximately 5 years)", [], None, 1825),
    ("Within 30 days of dosing.", [], None, 30),
    ("Within the first year after intracoronary infusion", [], None, 365),
    ("during the course of 6 months", [], None, 180),
    ("throughout the study duration (12 months), recorded as the first time reported", [], None, 360),
    ("Screening, months 3, 6, 12 and every 12 months thereafter until study conclusion", [90, 180, 360], 360, None),
    ("Every 30 day for 1 year after BMT", [], 30, 365),
    ("twice weekly", [], 3.5, None),
    ("once a week", [], 7, None),
    ("3 times a week", [], 7 / 3, None),
    ("every other week", [], 14, None),
    ("Urodynamic studies before surgery, and at 6 and 12 months after surgery", [0, 180, 360], None, None),
    (
        "Prior to procedure then post-procedure: 2 weeks, 6 weeks, 3 months, 6 months, 1 year.",
        [0, 14, 42, 90, 180, 365],
        None,
        None,
    ),
    ("The evaluation will be completed at baseline and 3rd month", [0, 90], None, None),
    ("6.th month after MSC transplantation", [180], None, None),
    ("6. month", [180], None, None),
    ("the 15th day", [15], None, None),
    ("the enrollment, at the twenty-first day and 6 months after the procedure", [0, 21, 180], None, None),
    ("at base line (zero day) and 90 days after stem cells transfusion", [0, 90], None, None),
    ("Day #28", [28], None, None),
    ("Days = 1, 4, 7, 10, 15, 29 *Labs are not drawn after hospitalization.", [1, 4, 7, 10, 15, 29], None, None),
    ('"month" 6', [180], None, None),
    ("Day-0", [0], None, None),
    ("28±3 days", [28], None, None),
    ("12 weeks (plus or minus 3 days) after treatment.", [84], None, None),
    ("1 year (plus or minus 30 days) after infusion", [365], None, None),
    ("within 6 h after pneumostem transplantation", [], None, 0.25),
    ("36 week's postmenstrual age", [252], None, None),
    ("12 Months", [360], None, None),
    ("1week", [7], None, None),
    ("360days", [360], None, None),
    ("baseline, day56, day 112, day168", [0, 56, 112, 168], None, None),
    ("the first administration12weeks, 48weeks, 96weeks", [84, 336, 672], None, None),
    ("3 consecutive days", [3], None, None),
    # A frequency before a labelled day counts doses, not a period (NCT00030095, NCT00910806).
    ("(2ME2) once on day 1", [1], None, None),
    ("twice on day 1 and once on day 2 and 15", [1, 2, 15], None, None),
    ("12monthes after enrollment or transplantation", [360], None, None),
    # Enrollment and the day of the procedure are 0; after an anchor word they are what times count from.
    ("Enrollment, Treatment, and Days #1, #7, #14, #28, #90", [0, 1, 7, 14, 28, 90], None, None),
    ("Randomization through Day 28", [0], None, 28),
    ("3 months after randomization", [90], None, None),
    ("Week 12 post baseline", [84], None, None),
    ("before and up to 1 year postoperatively", [0], None, 365),
    ("during surgery and following surgery at regular intervals during at least 1 year", [0], None, 365),
    ("from start of infusion until the conclusion of the trial in six months", [0], None, 180),
    ("over a six month evaluation period", [], None, 180),
    ("8 hospital visits on a 4-week interval after registration", [], 28, None),
    ("at 3-month intervals", [], 90, None),
    # Negative days (before Day 0) are not time points; screening is not 0.
    (
        "screening(-4~-2 week), baseline, 1 day after the baseline, and on week 4, week 12, week 24",
        [0, 1, 28, 84, 168],
        None,
        None,
    ),
    (
        "screening, run-in period (-60 day and -30 day), at baseline and at 1, 2, 3, 6, 9 and 12 month FU",
        [0, 30, 60, 90, 180, 270, 360],
        None,
        None,
    ),
    # Numbers that are not times.
    ("Visits 1,2,3,5,6,7,8,9,10", [], None, None),
    ("June 2001", [], None, None),
    ("28", [], None, None),
    ("Week 29, post-infusion #3", [203], None, None),
    (
        "Proportion within target range (<170 mg/dl) at baseline and at each time point (day 1, day 7, "
        "month 1,3,6,12,18 after cell or placebo infusion).",
        [0, 1, 7, 30, 90, 180, 360, 540],
        None,
        None,
    ),
    ("", [], None, None),
]


@pytest.mark.parametrize(("text", "days", "every", "through"), CASES)
def test_normalize_time(text: str, days: list[float], every: float | None, through: float | None) -> None:
    value = normalize_time(text)
    assert value.days == pytest.approx(tuple(days), abs=1e-5)
    assert value.every == (None if every is None else pytest.approx(every, abs=1e-5))
    assert value.through == (None if through is None else pytest.approx(through, abs=1e-5))


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment", "post-treatment"),
        ("12 weeks after MSC administration", "after MSC administration"),
        ("6 months after transplantation", "after transplantation"),
        ("12 weeks after the first infusion", "after the first infusion"),
        ("24 weeks from the first dose", "from the first dose"),
        ("Month 2 post-transplantation", "post-transplantation"),
        ("6 months post MSC infusion", "post MSC infusion"),
        ("12-month postoperative", "postoperative"),
        ("Post cell transplantation: 1, 3, 6, 12months", "Post cell transplantation"),
        ("At 6 months after first mesenchymal stromal cells (MSC) infusion", "after first mesenchymal stromal cells"),
        ("1 day after the baseline", "after the baseline"),
        ("Week 12 post baseline", "post baseline"),
        ("3 months after randomization", "after randomization"),
        ("from baseline to week 52", ""),
        ("The ulcer is measured after 2 weeks", ""),
        ("Baseline, 3, 6 and 12 months", ""),
    ],
)
def test_anchor_as_written(text: str, anchor: str) -> None:
    assert normalize_time(text).anchor == anchor


def test_value_shape() -> None:
    value = normalize_time("12 months, 3 months, 3 months")
    assert value == TimeValue(days=(90.0, 360.0), every=None, through=None, anchor="")
    assert not value.is_empty and TimeValue().is_empty


# (sentence, [(span text, days, every, through, rule), ...])
RUNNING = [
    (
        "Follow-up visits will be scheduled at 48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment.",
        [
            (
                "48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment",
                [2, 14, 28, 56, 84, 168, 364],
                None,
                None,
                "list",
            )
        ],
    ),
    (
        "The primary endpoint is toxicity 12 weeks after MSC administration, and patients are followed up to "
        "12 months.",
        [
            ("12 weeks after MSC administration", [84], None, None, "point"),
            ("up to 12 months", [], None, 360, "through"),
        ],
    ),
    (
        "Visits occur every 3 months for 2 years; the drug is given twice daily.",
        [("every 3 months for 2 years", [], 90, 730, "periodic"), ("twice daily", [], 0.5, None, "periodic")],
    ),
    (
        "Efficacy is compared from baseline to week 52.",
        [("from baseline to week 52", [0], None, 364, "range")],
    ),
    (
        "MSCs (4 doses of 2 x 106/kg administered on days 1, 4, 11 and 18).",
        [("days 1, 4, 11 and 18", [1, 4, 11, 18], None, None, "list")],
    ),
    # Digits glued to a short word are part of a name ("mg/m2", "T3", "RAD001", "T1D", "H1N1", "C1D28"),
    # not a time; real sentences of ctgov-text.jsonl.gz (NCT03123276, NCT03306797, NCT01345136,
    # NCT03494010, NCT01404182, NCT00942877).
    (
        "the starting dose will be a fixed dose rate (FDR) gemcitabine of 800 mg/m2 on day 1 and 8 of 21 days "
        "cycles in combination of 200 mg of pembrolizumab given as an infusion on day 1 every 3 weeks.",
        [
            ("day 1 and 8 of 21 days", [1, 8, 21], None, None, "list"),
            ("day 1 every 3 weeks", [1], 21, None, "periodic"),
        ],
    ),
    (
        "The intervention will be assessed in blind at the baseline (T0), at the mid-treatment period (T1 = 2 "
        "weeks), at the end of the treatment (T2 = 4 weeks), and at a follow-up point (T3 = 8 weeks).",
        [
            ("2 weeks", [14], None, None, "point"),
            ("4 weeks", [28], None, None, "point"),
            ("8 weeks", [56], None, None, "point"),
        ],
    ),
    (
        "During the study, subjects will receive continuous daily oral treatment with RAD001 for up to 1 year or "
        "until tumor progression.",
        [("daily", [], 1, None, "periodic"), ("for up to 1 year", [], None, 365, "through")],
    ),
    (
        "The investigators plan to recruit up to 25 patients with type 1 diabetes (T1D) being evaluated for a "
        "living donor kidney transplantation.",
        [],
    ),
    ("5mL of seasonal H1N1, H3N2 and B influenza antigens each), as measured by haemagglutination inhibition.", []),
    (
        "A third optional biopsy after completion of 4 weeks of therapy (between C1D28 and C2D7) may be collected.",
        [("4 weeks", [28], None, None, "point")],
    ),
    ("Baseline characteristics were measured in 20 participants.", []),
    ("The 2 x 10^6 cells/kg dose was well tolerated in Phase 2.", []),
]


@pytest.mark.parametrize(("text", "expected"), RUNNING)
def test_find_time_expressions(text: str, expected: list) -> None:
    found = find_time_expressions(text)
    assert len(found) == len(expected)
    for m, (span, days, every, through, rule) in zip(found, expected, strict=True):
        assert text[m.start : m.end] == span
        assert m.value.days == pytest.approx(tuple(days))
        assert m.value.every == every and m.value.through == through
        assert m.rule == rule


def test_find_reports_anchor_inside_span() -> None:
    text = "Assessments at 3 and 6 months post-infusion were done."
    (m,) = find_time_expressions(text)
    assert text[m.start : m.end] == "3 and 6 months post-infusion"
    assert m.value.anchor == "post-infusion"


@pytest.mark.parametrize("junk", [None, 12, b"12 weeks"])
def test_non_strings_give_nothing(junk: object) -> None:
    assert normalize_time(junk) == TimeValue()  # type: ignore[arg-type]
    assert find_time_expressions(junk) == []  # type: ignore[arg-type]


def test_a_list_longer_than_any_schedule_is_no_value() -> None:
    # A table of numbers read as one list: a value would give a row per point, each carrying every point.
    longest = ", ".join(str(week) for week in range(1, MAX_TIME_POINTS + 1))
    assert len(normalize_time(f"at {longest} weeks").days) == MAX_TIME_POINTS
    too_long = ", ".join(str(week) for week in range(1, MAX_TIME_POINTS + 2))
    assert normalize_time(f"at {too_long} weeks").is_empty
    assert find_time_expressions(f"Participants are seen at {too_long} weeks.") == []


def test_a_number_beyond_any_float_is_no_time() -> None:
    # 400 digits are infinite as a float: the schedule component's int() of it lost the record.
    huge = "9" * 400
    assert normalize_time(f"{huge} weeks").is_empty
    assert normalize_time(f"2 and {huge} weeks").days == (14.0,)
    assert [m.value.days for m in find_time_expressions(f"Visits at {huge} weeks and 4 weeks.")] == [(28.0,)]
