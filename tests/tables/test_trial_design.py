"""The running text's sample size, shared by the trials row's ``sample_size`` and design columns (real facts)."""

from pathlib import Path

import pytest

from extractor.api import extract_tables
from extractor.facts import Fact
from extractor.tables.trial_design import text_sample_size

RECORDS = Path(__file__).parent.parent / "fixtures" / "interventions"


def sample_size(doc_id, text, n, section, rule):
    return Fact(doc_id, "SAMPLE_SIZE", text, 0, len(text), attrs={"n": n}, section=section, rule=rule)


# As the pipeline finds them in NCT04371393: a count in the description, the design section's enrollment.
NCT04371393 = [
    sample_size("NCT04371393", "300 patients", 300, "description", "sample_size.count"),
    sample_size("NCT04371393", "223", 223, "design", "sample_size.enrollment"),
]


def test_text_sample_size_leaves_the_design_section_out():
    assert text_sample_size(NCT04371393) == 300
    assert text_sample_size(NCT04371393[1:]) is None
    assert text_sample_size([]) is None


def test_text_sample_size_is_the_largest_count():
    # NCT00000611: "Approximately 27,500 women aged 50 to 79 are participating in the HRT", "Approximately
    # 45,000 postmenopausal women are randomized", "The study enrolled 93,726 postmenopausal women".
    facts = [
        sample_size("NCT00000611", "27,500 women", 27500, "description", "sample_size.count"),
        sample_size("NCT00000611", "45,000 postmenopausal women", 45000, "description", "sample_size.count"),
        sample_size("NCT00000611", "93,726 postmenopausal women", 93726, "description", "sample_size.count"),
    ]
    assert text_sample_size(facts) == 93726


@pytest.fixture(scope="module")
def trials():
    return extract_tables(sorted(RECORDS.glob("*.json")))["trials"]


def test_trials_row_and_design_columns_share_it(trials):
    with_text = trials[trials["sample_size_text"].notna()]
    assert len(with_text) > 0
    assert (with_text["sample_size"] == with_text["sample_size_text"]).all()
    nct04371393 = trials[trials["id"] == "NCT04371393"].iloc[0]
    assert (nct04371393["sample_size"], nct04371393["sample_size_text"], nct04371393["enrollment"]) == (300, 300, 223)
