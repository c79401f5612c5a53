"""ClinicalTrials.gov JSON: API v2 (study, array, API page), classic API, streaming and broken input."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.readers.json_stream import iter_json_items
from extractor.readers.limits import ReadProblem
from extractor.records import ReadError, Record

from .helpers import FIXTURES, only_error, only_record, read_all, read_bytes

FULL = (
    "title",
    "summary",
    "description",
    "design",
    "arms",
    "interventions",
    "outcomes",
    "eligibility",
    "other",
)
NO_DESCRIPTION = ("title", "summary", "design", "arms", "interventions", "outcomes", "eligibility", "other")


def _study(nct_id: str, **extra: object) -> dict:
    ident = {"nctId": nct_id, "briefTitle": f"Trial {nct_id}"}
    return {"protocolSection": {"identificationModule": ident, **extra}}


def _section_names(record: Record) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.name for s in record.sections))


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "NCT03453554.json",
            [("NCT03453554", "ctgov-v2", "Evaluating a Digital...", None, ("title", "other"))],
        ),
        (
            "nsclc-3-studies.json",
            [
                (
                    "NCT06576635",
                    "ctgov-v2",
                    "LUNG-05: Investigating Chemotherapy Effectiveness for Non-Small Cell Lung Cancer "
                    "(NSCLC) Metastatic Patients",
                    29,
                    FULL,
                ),
                (
                    "NCT07247227",
                    "ctgov-v2",
                    "Real-world First-line Sugemalimab-Chemotherapy in Advanced NSCLC",
                    150,
                    NO_DESCRIPTION,
                ),
                (
                    "NCT04318938",
                    "ctgov-v2",
                    "Advancing Brigatinib Properties in ALK+ NSCLC Patients by Deep Phenotyping",
                    118,
                    FULL,
                ),
            ],
        ),
        (
            "api-page-NCT03281889.json",
            [
                (
                    "NCT03281889",
                    "ctgov-v2",
                    "Proton Craniospinal Irradiation With Bone Sparing to Decrease Growth Decrement From Radiation",
                    20,
                    FULL,
                )
            ],
        ),
        (
            "msc-3-trials.json",
            [
                (
                    "NCT03211793",
                    "ctgov-v2",
                    "Mesenchymal Stromal Cells as Treatment for Digital Ulcers in Systemic Sclerosis",
                    20,
                    FULL,
                ),
                (
                    "NCT00081055",
                    "ctgov-v2",
                    "OTI-010 for Graft-Versus-Host Disease Prophylaxis in Treating Patients Who Are "
                    "Undergoing Donor Peripheral Stem Cell Transplantation for Hematologic Malignancies",
                    0,
                    (
                        "title",
                        "summary",
                        "description",
                        "design",
                        "interventions",
                        "outcomes",
                        "eligibility",
                        "other",
                    ),
                ),
                (
                    "NCT00114452",
                    "ctgov-v2",
                    "Safety Study of Adult Mesenchymal Stem Cells (MSC) to Treat Acute Myocardial Infarction",
                    60,
                    FULL,
                ),
            ],
        ),
        (
            "NCT02028676.classic.json",
            [
                (
                    "NCT02028676",
                    "ctgov-classic",
                    "Efficacy Study of Different Laboratory Management Strategies and "
                    "Drug Regimens in HIV-infected Children in Africa",
                    1206,
                    FULL,
                )
            ],
        ),
        (
            "NCT00023673.classic.json",
            [
                (
                    "NCT00023673",
                    "ctgov-classic",
                    "Radiation Therapy Combined With Paclitaxel and Carboplatin in "
                    "Treating Patients With Stage III Non-Small Cell Lung Cancer",
                    63,
                    FULL,
                )
            ],
        ),
    ],
)
def test_json_fixtures(fixture: str, expected: list[tuple]) -> None:
    results = read_all(FIXTURES / fixture)
    assert all(isinstance(r, Record) for r in results), results
    got = [(r.id, r.kind, r.title, r.meta["enrollment"], _section_names(r)) for r in results]
    assert got == expected
    assert all(r.source == str(FIXTURES / fixture) for r in results)


def test_classic_api_is_mapped_to_v2_values() -> None:
    record = only_record(read_all(FIXTURES / "NCT04780763.classic.json"))
    assert record.kind == "ctgov-classic"
    meta = record.meta
    assert (meta["enrollment"], meta["enrollment_type"], meta["phases"]) == (168, "ESTIMATED", ["NA"])
    assert (meta["study_type"], meta["allocation"], meta["masking"]) == (
        "INTERVENTIONAL",
        "RANDOMIZED",
        "QUADRUPLE",
    )
    assert [(a["type"], a["intervention_names"]) for a in meta["arms"]] == [
        ("ACTIVE_COMPARATOR", ["Other: Milk product fermented by lactic bacteria or not fermented"]),
        ("PLACEBO_COMPARATOR", ["Other: Milk product fermented by lactic bacteria or not fermented"]),
    ]
    assert meta["conditions"] == ["Anxious Healthy Subjects"]
    assert "Masking: Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)" in record.text
    assert "Intervention Model: Parallel\n" in record.text


def test_sections_come_from_the_text() -> None:
    record = only_record(read_all(FIXTURES / "NCT03453554.json"))
    from extractor.sections import detect_sections

    assert record.sections == detect_sections(record.text)


class CountingStream(io.RawIOBase):
    """A byte stream that remembers how much of it has been read."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        self.consumed += len(chunk)
        return len(chunk)


def test_large_array_is_streamed_not_loaded() -> None:
    filler = "x" * 2000
    studies = [_study(f"NCT{i:08d}", descriptionModule={"briefSummary": filler}) for i in range(5000)]
    data = json.dumps(studies).encode()
    stream = CountingStream(data)
    from extractor.readers import iter_records

    records = iter_records(["-"], stdin=stream)
    first = next(records)
    assert isinstance(first, Record) and first.id == "NCT00000000"
    assert stream.consumed < len(data) / 4  # only the first megabytes were read
    rest = list(records)
    assert len(rest) == 4999 and rest[-1].id == "NCT00004999"


def test_truncated_array_yields_complete_records_then_one_error() -> None:
    text = json.dumps([_study("NCT00000001"), _study("NCT00000002"), _study("NCT00000003")])
    results = read_bytes(text[: text.index("NCT00000003") + 20].encode())
    assert [r.id for r in results[:2]] == ["NCT00000001", "NCT00000002"]
    error = results[2]
    assert isinstance(error, ReadError) and len(results) == 3
    assert error.reason == "truncated JSON: the file ends inside record 3"
    assert error.record_id == "NCT00000003"
    assert error.source == "<stdin>"


def test_malformed_json_keeps_records_before_the_fault() -> None:
    text = json.dumps([_study("NCT00000001"), _study("NCT00000002")])
    broken = text.replace('{"protocolSection"', '{"protocolSection" "oops"', 2).replace(
        '{"protocolSection" "oops"', '{"protocolSection"', 1
    )
    results = read_bytes(broken.encode())
    assert isinstance(results[0], Record) and results[0].id == "NCT00000001"
    error = results[1]
    assert isinstance(error, ReadError) and len(results) == 2
    assert error.reason.startswith("malformed JSON in record 2 at line 1 column")
    assert "Expecting ':' delimiter" in error.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{", "truncated JSON: the file ends inside an object"),
        (b'{"protocolSection": ', "truncated JSON: the file ends inside property 'protocolSection'"),
        (b"[", "truncated JSON: the file ends inside record 1"),
        (b"[]", "no study records in the file"),
        (b'{"studies": [], "nextPageToken": null}', "no study records in the file"),
        (b"{}", "empty record"),
        (b'{"protocolSection": {}}', "empty record"),
        (b'{"foo": 1}', "not a trial record: no protocolSection (keys: foo)"),
        (
            b'{"protocolSection": {"designModule": [1]}}',
            "unexpected study layout: AttributeError: 'list' object has no attribute 'get'",
        ),
        (b'[{"protocolSection": {}}] trailing', "malformed JSON at line 1 column 27: unexpected 't'"),
    ],
)
def test_bad_json_documents(data: bytes, reason: str) -> None:
    results = read_bytes(data)
    assert [r.reason for r in results if isinstance(r, ReadError)][-1:] == [reason]
    assert not [r for r in results if isinstance(r, Record)]


def test_bad_element_is_one_error_and_reading_goes_on() -> None:
    data = json.dumps([_study("NCT00000001"), 42, {}, _study("NCT00000004")]).encode()
    results = read_bytes(data)
    assert [(type(r).__name__, getattr(r, "id", None) or getattr(r, "reason", "")) for r in results] == [
        ("Record", "NCT00000001"),
        ("ReadError", "record 2: not a trial record: a JSON int, not an object"),
        ("ReadError", "record 3: empty record"),
        ("Record", "NCT00000004"),
    ]


def test_concatenated_documents_are_all_read() -> None:
    data = (json.dumps(_study("NCT00000001"), indent=1) + json.dumps([_study("NCT00000002")], indent=1)).encode()
    assert [r.id for r in read_bytes(data)] == ["NCT00000001", "NCT00000002"]


def test_one_megabyte_record_reads_fine() -> None:
    description = ("Patients receive 2 x 10^6 cells/kg intravenously. " * 21000)[:1_050_000]
    data = json.dumps([_study("NCT00000001", descriptionModule={"detailedDescription": description})]).encode()
    record = only_record(read_bytes(data))
    assert record.id == "NCT00000001" and description.strip() in record.text
    assert len(record.text) > 1_000_000


def test_record_over_the_limit_is_refused() -> None:
    from extractor.readers import Limits

    big = json.dumps([_study("NCT00000001", descriptionModule={"briefSummary": "x" * 300_000})]).encode()
    error = only_error(read_bytes(big, limits=Limits(max_record_bytes=100_000)))
    assert error.reason == "record 1 is larger than the 100000 bytes limit"
    assert error.record_id == "NCT00000001"


def test_study_without_nct_id_gets_the_file_stem(tmp_path) -> None:
    path = tmp_path / "my-study.json"
    path.write_text(json.dumps({"protocolSection": {"descriptionModule": {"briefSummary": "A trial."}}}))
    assert only_record(read_all(path)).id == "my-study"


@pytest.mark.parametrize("nct_id", [["NCT00000001"], {"id": "NCT00000001"}, True, None, "  "])
def test_an_nct_id_that_is_no_string_is_missing_not_a_python_repr(tmp_path, nct_id) -> None:
    path = tmp_path / "my-study.json"
    ident = {"nctId": nct_id, "briefTitle": "Cells for knee pain"}
    path.write_text(json.dumps({"protocolSection": {"identificationModule": ident}}))
    record = only_record(read_all(path))
    assert (record.id, "NCT number" in record.text) == ("my-study", False)


def test_array_of_text_documents() -> None:
    data = json.dumps([{"id": "NCT00000001", "text": "Some trial text."}]).encode()
    record = only_record(read_bytes(data))
    assert (record.id, record.kind, record.text) == ("NCT00000001", "jsonl", "Some trial text.")


@pytest.mark.parametrize(("chunks", "values"), [(["[12", "34, 5", "6]"], [1234, 56]), (['["a', 'b"]'], ["ab"])])
def test_values_split_across_chunks(chunks: list[str], values: list) -> None:
    assert [item.value for item in iter_json_items(iter(chunks), 1000)] == values


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=200))
def test_any_chunking_gives_the_same_items(sizes: list[int]) -> None:
    page = {"studies": [_study("NCT00000001", x=[1.5, '\\u00e9 "q"']), _study("NCT00000002")], "next": None}
    text = json.dumps(page, indent=1)
    chunks, pos = [], 0
    for size in sizes * (len(text) // sum(sizes) + 1):
        if pos >= len(text):
            break
        chunks.append(text[pos : pos + size])
        pos += size
    items = [item.value for item in iter_json_items(iter(chunks), 10_000)]
    assert items == page["studies"]


def test_truncation_is_reported_not_raised_for_any_prefix() -> None:
    text = json.dumps({"studies": [_study("NCT00000001"), _study("NCT00000002")]})
    for end in range(0, len(text), 7):
        try:
            list(iter_json_items(iter([text[:end]]), 10_000))
        except ReadProblem as problem:
            assert problem.reason.startswith(("truncated JSON", "malformed JSON"))


def test_a_lone_value_where_a_list_belongs_counts_as_a_list_of_one() -> None:
    # Hand-made JSON: "phases": "PHASE1" was read letter by letter ("P/H/A/S/E/1").
    protocol = {
        "identificationModule": {"nctId": "NCT00000007", "briefTitle": "T"},
        "designModule": {
            "phases": "PHASE2",
            "designInfo": {"maskingInfo": {"masking": "DOUBLE", "whoMasked": "PARTICIPANT"}},
        },
        "armsInterventionsModule": {
            "armGroups": {"label": "MSC", "interventionNames": "Biological: MSC"},
            "interventions": [{"type": "BIOLOGICAL", "name": "MSC", "otherNames": "Stromal cells"}],
        },
        "conditionsModule": {"conditions": "Knee Osteoarthritis"},
    }
    record = only_record(read_bytes(json.dumps({"protocolSection": protocol}).encode()))
    assert record.meta["phases"] == ["PHASE2"] and record.meta["conditions"] == ["Knee Osteoarthritis"]
    assert record.meta["arms"][0]["intervention_names"] == ["Biological: MSC"]
    assert record.meta["interventions"][0]["other_names"] == ["Stromal cells"]
    for line in [
        "Phase: Phase 2",
        "(Participant)",
        "Assigned interventions: Biological: MSC",
        "Other names: Stromal cells",
        "Knee Osteoarthritis",
    ]:
        assert line in record.text, line


@pytest.mark.parametrize("layout", ["jsonl", "array"])
def test_an_integer_too_long_for_python_is_read_not_an_error(layout) -> None:
    # Valid JSON that int() refuses (over 4,300 digits): it ended the whole file.
    studies = [
        {
            "protocolSection": {
                "identificationModule": {"nctId": f"NCT0000000{i}", "briefTitle": "T"},
                "designModule": {"enrollmentInfo": {"count": 0}},
            }
        }
        for i in (1, 2)
    ]
    texts = [
        json.dumps(s).replace('"count": 0', '"count": ' + "9" * 5000, 1 if i == 0 else 0) for i, s in enumerate(studies)
    ]
    data = "\n".join(texts) if layout == "jsonl" else "[" + ",".join(texts) + "]"
    records = read_bytes(data.encode())
    assert [r.id for r in records] == ["NCT00000001", "NCT00000002"]
    assert records[0].meta["enrollment"] is None


@pytest.mark.parametrize(
    "value",
    [7, 1.5, True, None, [1, 2], {"a": 1}, ["RANDOMIZED"], float("nan")],
    ids=["int", "float", "bool", "null", "list", "object", "list_of_label", "nan"],
)
def test_a_value_where_a_label_belongs_is_a_string_or_missing(value) -> None:
    # "allocation": 7 (valid JSON) reached the trials table's design columns, whose .strip() stopped the run.
    protocol = {
        "identificationModule": {"nctId": "NCT00000008", "briefTitle": "T"},
        "designModule": {
            "studyType": value,
            "phases": [value, "PHASE2"],
            "enrollmentInfo": {"count": 40, "type": value},
            "designInfo": {"allocation": value, "maskingInfo": {"masking": value}},
        },
        "armsInterventionsModule": {
            "armGroups": [{"label": "A", "type": value, "interventionNames": [value, "Biological: MSC"]}],
            "interventions": [{"type": value, "name": "MSC", "otherNames": [value]}],
        },
        "conditionsModule": {"conditions": [value, "Knee Osteoarthritis"]},
    }
    meta = only_record(read_bytes(json.dumps({"protocolSection": protocol}).encode())).meta
    label = {7: "7", 1.5: "1.5"}.get(value) if isinstance(value, (int, float)) else None  # NaN: none
    listed = [label] if label is not None else []
    design = (meta["study_type"], meta["enrollment_type"], meta["allocation"], meta["masking"])
    assert design == (label, label, label, label)
    assert (meta["arms"][0]["type"], meta["interventions"][0]["type"]) == (label, label)
    assert meta["phases"] == [*listed, "PHASE2"]
    assert meta["arms"][0]["intervention_names"] == [*listed, "Biological: MSC"]
    assert meta["interventions"][0]["other_names"] == listed
    assert meta["conditions"] == [*listed, "Knee Osteoarthritis"]
    assert meta["enrollment"] == 40


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (40, 40),
        (40.0, 40),
        ("1,206", 1206),
        (2**63 - 1, 2**63 - 1),
        (2**63, None),  # no table column holds it: it stopped a Parquet run
        (10**30, None),
        (1e30, None),
        (-1, None),
        (40.5, None),
        ("²", None),  # a digit to str.isdigit that int() refuses
        (True, None),
        ([40], None),
    ],
)
def test_enrollment_is_a_count_a_table_can_hold(count, expected) -> None:
    protocol = {
        "identificationModule": {"nctId": "NCT00000009", "briefTitle": "T"},
        "designModule": {"enrollmentInfo": {"count": count}},
    }
    assert only_record(read_bytes(json.dumps({"protocolSection": protocol}).encode())).meta["enrollment"] == expected
