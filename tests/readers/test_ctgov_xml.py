"""Legacy clinical_study XML: mapping to the v2 layout, safe parsing, textblock re-flow."""

from __future__ import annotations

import re

import pytest

from extractor.readers.textblocks import reflow
from extractor.records import Record

from .helpers import FIXTURES, only_error, only_record, read_all, read_bytes

_MARKER = re.compile(r"^(?:[-*]\s+|\d{1,3}\.\s+)")


def _content_lines(text: str) -> list[str]:
    """Non-blank lines without list markers or indentation: what the XML and JSON layouts share."""
    return [_MARKER.sub("", line.strip()) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("nct_id", ["NCT02028676", "NCT00023673"])
def test_xml_and_classic_json_of_one_trial_render_alike(nct_id: str) -> None:
    xml = only_record(read_all(FIXTURES / f"{nct_id}.xml"))
    json_ = only_record(read_all(FIXTURES / f"{nct_id}.classic.json"))
    assert (xml.kind, json_.kind) == ("ctgov-xml", "ctgov-classic")
    assert xml.id == json_.id == nct_id
    assert xml.title == json_.title
    assert [s.name for s in xml.sections] == [s.name for s in json_.sections]
    assert xml.meta == json_.meta
    # The classic API dropped list markers ("1.", "-"); otherwise the texts agree line for line.
    assert _content_lines(xml.text) == _content_lines(json_.text)


@pytest.mark.parametrize(
    ("nct_id", "expected"),
    [
        (
            "NCT02028676",
            {
                "enrollment": 1206,
                "enrollment_type": "ACTUAL",
                "phases": ["PHASE4"],
                "study_type": "INTERVENTIONAL",
                "allocation": "RANDOMIZED",
                "masking": "NONE",
                "conditions": ["Human Immunodeficiency Virus"],
                "n_arms": 9,
                "n_interventions": 9,
            },
        ),
        (
            "NCT00023673",
            {
                "enrollment": 63,
                "enrollment_type": "ACTUAL",
                "phases": ["PHASE1", "PHASE2"],
                "study_type": "INTERVENTIONAL",
                "allocation": "NON_RANDOMIZED",
                "masking": "NONE",
                "conditions": ["Lung Cancer"],
                "n_arms": 4,
                "n_interventions": 3,
            },
        ),
    ],
)
def test_xml_meta(nct_id: str, expected: dict) -> None:
    meta = only_record(read_all(FIXTURES / f"{nct_id}.xml")).meta
    got = {k: meta[k] for k in expected if k in meta}
    got["n_arms"], got["n_interventions"] = len(meta["arms"]), len(meta["interventions"])
    assert got == expected


def test_xml_interventions_keep_other_names_and_arm_links() -> None:
    meta = only_record(read_all(FIXTURES / "NCT02028676.xml")).meta
    arm_a = next(i for i in meta["interventions"] if i["name"] == "Arm A: ABC+3TC+NNRTI")
    assert arm_a["type"] == "DRUG"
    assert arm_a["other_names"][:2] == ["ABC: abacavir: Ziagen", "3TC: lamivudine: Epivir"]
    arm = next(a for a in meta["arms"] if a["label"] == "Arm A: abacavir (ABC)+lamivudine (3TC)+NNRTI")
    assert (arm["type"], arm["intervention_names"]) == ("ACTIVE_COMPARATOR", ["Drug: Arm A: ABC+3TC+NNRTI"])


def test_redacted_header_only_record_is_still_a_record() -> None:
    record = only_record(read_all(FIXTURES / "NCT01341288-redacted.xml"))
    assert record.id == "NCT01341288"
    assert record.title == "[Trial of device that is not approved or cleared by the U.S. FDA]"
    assert [s.name for s in record.sections] == ["title", "design", "other"]
    assert record.meta["phases"] == ["NA"]


def test_textblocks_are_reflowed_into_sentences() -> None:
    record = only_record(read_all(FIXTURES / "NCT00023673.xml"))
    sentence = (
        "- Determine the maximum tolerated dose of 3-dimensional conformal radiotherapy when "
        "administered concurrently with paclitaxel and carboplatin in patients with inoperable stage "
        "IIIA or IIIB non-small cell lung cancer. (Phase I) (Closed to accrual as of 01/13/04.)\n"
    )
    assert sentence in record.text
    assert "  - Squamous cell carcinoma\n  - Adenocarcinoma\n" in record.text


def _study_xml(body: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> str:
    return f"{prolog}<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>{body}</clinical_study>"


def test_old_style_study_design_line() -> None:
    design = (
        "<study_design>Allocation: Randomized, Endpoint Classification: Safety/Efficacy Study, "
        "Intervention Model: Parallel Assignment, Masking: Double Blind (Subject, Caregiver, "
        "Investigator), Primary Purpose: Treatment</study_design>"
    )
    record = only_record(read_bytes(_study_xml("<brief_title>T</brief_title>" + design).encode()))
    assert (record.meta["allocation"], record.meta["masking"]) == ("RANDOMIZED", "DOUBLE")
    assert "Masking: Double (Participant, Care Provider, Investigator)" in record.text
    assert "Intervention Model: Parallel\n" in record.text


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (_study_xml("<brief_title>Caf\xe9 study</brief_title>", prolog="").encode("latin-1"), "Café study"),
        (
            _study_xml(
                "<brief_title>Caf\xe9 study</brief_title>", '<?xml version="1.0" encoding="ISO-8859-1"?>'
            ).encode("latin-1"),
            "Café study",
        ),
        (b"\xef\xbb\xbf" + _study_xml("<brief_title>Caf\xe9 study</brief_title>").encode(), "Café study"),
        (
            _study_xml("<brief_title>Caf\xe9 study</brief_title>", '<?xml version="1.0" encoding="UTF-16"?>').encode(
                "utf-16"
            ),
            "Café study",
        ),
    ],
)
def test_xml_encodings(data: bytes, title: str) -> None:
    record = only_record(read_bytes(data))
    assert (record.id, record.title, record.kind) == ("NCT00000001", title, "ctgov-xml")


_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>\n<clinical_study><brief_title>&lol9;</brief_title></clinical_study>"
)


def test_billion_laughs_is_refused_without_expansion() -> None:
    error = only_error(read_bytes(_LAUGHS.encode()))
    assert error.reason == "XML declares entities, which are refused (entity-expansion or external-entity attack)"


@pytest.mark.parametrize("kind", ["general", "parameter", "external-dtd"])
def test_external_entities_are_never_read(tmp_path, kind: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "TOPSECRET">')
    doctype = {
        "general": f'<!DOCTYPE clinical_study [<!ENTITY leak SYSTEM "file://{secret}">]>',
        "parameter": f'<!DOCTYPE clinical_study [<!ENTITY % p SYSTEM "file://{dtd}"> %p;]>',
        "external-dtd": f'<!DOCTYPE clinical_study SYSTEM "file://{dtd}">',
    }[kind]
    body = "<clinical_study><brief_title>x &leak; y</brief_title></clinical_study>"
    doc = f'<?xml version="1.0"?>\n{doctype}\n{body}'
    results = read_bytes(doc.encode())
    error = only_error(results)
    assert "TOPSECRET" not in repr(results)
    expected = {
        "general": "XML declares entities, which are refused (entity-expansion or external-entity attack)",
        "parameter": "XML declares entities, which are refused (entity-expansion or external-entity attack)",
        "external-dtd": "malformed XML: undefined entity &leak;: line 3, column 31",
    }[kind]
    assert error.reason == expected


@pytest.mark.parametrize(
    ("data", "reason", "record_id"),
    [
        (
            _study_xml("<brief_title>abc")[:-17],
            "malformed XML: no element found: line 2, column 79",
            "NCT00000001",
        ),
        (
            _study_xml("<brief_title>abc</brief><x>"),
            "malformed XML: mismatched tag: line 2, column 81",
            "NCT00000001",
        ),
        ("<rss><channel/></rss>", "XML root element is <rss>, not a <clinical_study> trial record", ""),
        ("<clinical_study/>", "empty record", ""),
        (
            "<clinical_study><brief_title>&nbsp;</brief_title></clinical_study>",
            "malformed XML: undefined entity: line 1, column 29",
            "",
        ),
    ],
)
def test_broken_xml(data: str, reason: str, record_id: str) -> None:
    error = only_error(read_bytes(data.encode()))
    assert (error.reason, error.record_id) == (reason, record_id)


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "\n      The aim is to\n      compare two doses.\n\n      Second paragraph\n      here.\n    ",
            "The aim is to compare two doses.\n\nSecond paragraph here.",
        ),
        (
            "\n        Inclusion Criteria:\n\n          -  Age 18 or\n             older\n\n"
            "          -  Signed consent\n",
            "Inclusion Criteria:\n\n- Age 18 or older\n- Signed consent",
        ),
        (
            "\n  1. First item\n     continued\n\n       a) nested item\n\n  2. Second\n",
            "1. First item continued\n  a) nested item\n2. Second",
        ),
        ("\n  Exclusion Criteria:\n  Pregnancy\n", "Exclusion Criteria:\nPregnancy"),
        ("one line", "one line"),
        ("", ""),
    ],
)
def test_reflow(block: str, expected: str) -> None:
    assert reflow(block) == expected


def test_directory_of_xml_records_reads_in_sorted_order() -> None:
    results = read_all(FIXTURES)
    xml = [r for r in results if isinstance(r, Record) and r.kind == "ctgov-xml"]
    assert [r.id for r in xml] == ["NCT00023673", "NCT01341288", "NCT02028676"]


def test_a_record_without_nct_id_is_named_after_its_file(tmp_path) -> None:
    # As JSON and page text records are: an empty id would be a blank cell in every table.
    path = tmp_path / "sponsor-trial-7.xml"
    path.write_text(
        "<clinical_study><brief_title>A trial</brief_title><brief_summary><textblock>Ten mg."
        "</textblock></brief_summary></clinical_study>"
    )
    assert only_record(read_all(path)).id == "sponsor-trial-7"


def test_a_record_in_a_namespace_reads_as_without() -> None:
    # <clinical_study xmlns="..."> passed the root check, then every lookup by name failed: "empty record".
    data = (FIXTURES / "NCT00023673.xml").read_bytes()
    plain = only_record(read_bytes(data))
    namespaced = re.sub(rb"<clinical_study\b", b'<clinical_study xmlns="https://example.org/ctgov"', data, count=1)
    assert namespaced != data
    record = only_record(read_bytes(namespaced))
    assert (record.id, record.text, record.meta) == (plain.id, plain.text, plain.meta)
