"""Rows of the trials and schedule tables from the MANUS seed page."""

from pathlib import Path

import pytest

import extractor

SEED = Path(__file__).parents[1] / "fixtures" / "seeds" / "NCT03211793-page.txt"


@pytest.fixture(scope="module")
def tables():
    return extractor.extract_tables([SEED])


def test_schedule_has_one_row_per_time_point(tables):
    schedule = tables["schedule"]
    assert schedule["day"].tolist() == [84, 2, 14, 28, 56, 84, 168, 364]
    assert set(schedule["anchor"]) == {"after MSC administration", "post-treatment"}


def test_trials_gather_endpoints_and_follow_up(tables):
    trial = tables["trials"].iloc[0]
    assert trial["primary_endpoints"] == "toxicity of the treatment"
    assert trial["n_secondary_endpoints"] >= 8
    assert list(trial["follow_up_days"]) == [2, 14, 28, 56, 84, 168, 364]
    assert trial["doses"] == "45000000-50000000 cells"
    assert trial["routes"] == "intramuscular"
    assert trial["sample_size"] == 20
