"""Page text copied from a trial web page: the trial's own NCT id, stated facts, text kept verbatim."""

from __future__ import annotations

import pytest

from extractor.readers.page_text import find_trial_id

from .helpers import FIXTURES, only_record, read_all, read_bytes

SEED_SECTIONS = ["title", "summary", "description", "design", "other", "other"]


@pytest.mark.parametrize(
    ("fixture", "nct_id", "phases"),
    [
        ("seed-000_3a8632f599f5c24a.txt", "NCT04356755", ["PHASE2"]),
        ("seed-004_9c2bdc48ccb5a371.txt", "NCT03211793", ["PHASE1", "PHASE2"]),
    ],
)
def test_seed_pages(fixture: str, nct_id: str, phases: list[str]) -> None:
    path = FIXTURES / fixture
    record = only_record(read_all(path))
    assert (record.id, record.kind, record.source, record.title) == (nct_id, "page-text", str(path), "")
    assert record.text == path.read_text("utf-8")  # verbatim: annotation offsets point into it
    assert [s.name for s in record.sections] == SEED_SECTIONS
    assert [s.heading for s in record.sections][-1] == "See also"
    assert record.meta["phases"] == phases
    assert (record.meta["study_type"], record.meta["enrollment"]) == ("INTERVENTIONAL", None)


def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


SEE_ALSO = ("See also", "  Status Clinical Trial Phase", "Completed NCT03274076 - Another trial Phase 3")


@pytest.mark.parametrize(
    ("text", "nct_id"),
    [
        (_page("Summary", "About NCT01111111.", "NCT number NCT04356755", *SEE_ALSO), "NCT04356755"),
        (_page("Summary", "NCT ID: NCT02222222", *SEE_ALSO), "NCT02222222"),
        (_page("ClinicalTrials.gov Identifier: NCT03333333", "Text NCT01111111"), "NCT03333333"),
        (_page("Summary", *SEE_ALSO, "Brief Summary", "This trial (NCT05555555) ..."), "NCT05555555"),
        (_page("Summary", "A trial.", *SEE_ALSO), None),
        (_page("Summary", "Compared with NCT01111111 we ...", *SEE_ALSO), "NCT01111111"),
    ],
)
def test_find_trial_id(text: str, nct_id: str | None) -> None:
    assert find_trial_id(text) == nct_id


def test_id_falls_back_to_the_file_stem(tmp_path) -> None:
    path = tmp_path / "my-page.txt"
    path.write_text(_page("Brief Summary", "A trial of cells.", *SEE_ALSO))
    assert only_record(read_all(path)).id == "my-page"


def test_stated_facts_are_parsed() -> None:
    text = _page(
        "Official Title: A Trial of Cells",
        "Brief Summary",
        "Cells for ulcers.",
        "Study Design",
        "Study Type: Interventional",
        "Phase: Early Phase 1",
        "Allocation: Randomized",
        "Masking: Double (Participant, Investigator)",
        "Actual Enrollment: 1,204 participants",
        "Conditions: Scleroderma; Digital Ulcer",
        *SEE_ALSO,
    )
    record = only_record(read_bytes(text.encode()))
    assert record.title == "A Trial of Cells"
    meta = record.meta
    assert (meta["enrollment"], meta["enrollment_type"], meta["phases"]) == (1204, "ACTUAL", ["EARLY_PHASE1"])
    assert (meta["allocation"], meta["masking"]) == ("RANDOMIZED", "DOUBLE")
    assert meta["conditions"] == ["Scleroderma", "Digital Ulcer"]


def test_phase_of_other_trials_is_ignored() -> None:
    text = _page("Summary", "A trial.", "See also", "Recruiting NCT01111111 - X", "Phase 3")
    assert only_record(read_bytes(text.encode())).meta["phases"] == []


def test_first_line_is_the_title_and_crlf_is_normalised() -> None:
    record = only_record(read_bytes(b"Clinical Trials Logo\r\nCells for Ulcers\r\n\r\nBrief Summary\r\nText.\r\n"))
    assert record.title == "Cells for Ulcers"
    assert record.text == "Clinical Trials Logo\nCells for Ulcers\n\nBrief Summary\nText.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252"])
def test_page_text_encodings(encoding: str) -> None:
    text = "Brief Summary\nCafé patients receive 5 µg/kg.\nNCT number NCT04356755\n"
    # Python's utf-16-be codec writes no BOM; the test wants one, as a Windows tool would write it.
    data = (b"\xfe\xff" if encoding == "utf-16-be" else b"") + text.encode(encoding)
    record = only_record(read_bytes(data))
    assert (record.text, record.id) == (text, "NCT04356755")


@pytest.mark.parametrize("digits", [20, 5000])
def test_an_enrollment_no_table_can_hold_is_missing(digits) -> None:
    # 20 digits overflowed the Parquet column and stopped the run; 5,000 made int() raise.
    text = _page(
        "Brief Summary", "Cells.", "Study Design", f"Estimated Enrollment: {'9' * digits} participants", *SEE_ALSO
    )
    assert only_record(read_bytes(text.encode())).meta["enrollment"] is None
