"""Regimens, distinct interventions and the trials table's design columns, built from real records.

The MANUS acceptance (NCT03211793): two distinct interventions (the BM-MSC product: experimental,
allogeneic, bone marrow; placebo: control), a 1:1 allocation, double-blind masking, and a regimen row for
the MSC arm with 45-50 x 10^6 cells, intramuscular, 8 sites, the limb.
"""

import json
from pathlib import Path

import pytest

from extractor.api import extract_tables
from extractor.tables.columns import table_names, table_schema

RECORDS = Path(__file__).parent.parent / "fixtures" / "interventions"
SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def tables():
    return extract_tables(sorted(RECORDS.glob("*.json")))


@pytest.fixture(scope="module")
def page():
    return extract_tables(SEEDS / "NCT03211793-page.txt")


def rows(tables, table, doc_id):
    frame = tables[table]
    frame = frame[frame["id" if table == "trials" else "doc_id"] == doc_id]
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_new_tables_are_written():
    assert {"distinct_interventions", "regimens"} <= set(table_names())
    assert table_schema("regimens").names[:5] == ["doc_id", "arm", "arm_type", "arm_role", "intervention"]
    assert "sample_size_conflict" in table_schema("trials").names


def test_manus_distinct_interventions(tables):
    found = rows(tables, "distinct_interventions", "NCT03211793")
    assert [r["name"] for r in found] == ["Mesenchymal stromal cells", "Placebo"]
    product, placebo = found
    assert (product["role"], product["source"], product["tissue"], product["cell_type"], product["type"]) == (
        "experimental",
        "allogeneic",
        "bone marrow",
        "MSC",
        "drug",
    )
    assert {"BM-MSC", "allogeneic bone marrow derived mesenchymal stromal cells"} <= set(product["aliases"])
    assert (placebo["role"], placebo["type"]) == ("control", "other")


def test_manus_page_distinct_interventions(page):
    found = rows(page, "distinct_interventions", "NCT03211793")
    assert [(r["name"], r["role"], r["source"], r["tissue"]) for r in found] == [
        ("allogeneic bone marrow derived mesenchymal stromal cells", "experimental", "allogeneic", "bone marrow"),
        ("placebo", "control", None, None),
    ]


def test_manus_design(tables, page):
    for trial in rows(tables, "trials", "NCT03211793") + rows(page, "trials", "NCT03211793"):
        assert trial["allocation_ratio"] == "1:1"
        assert trial["masking_text"] == "double"  # "randomized double-blind, placebo-controlled"
        assert trial["control_type"] == "placebo"
        assert trial["allocation"] == "randomized"
        assert trial["sample_size_text"] == 20
        assert not trial["sample_size_conflict"]
    record = rows(tables, "trials", "NCT03211793")[0]
    assert (record["masking"], record["phase"], record["n_arms"], record["n_interventions"]) == (
        "quadruple",
        "1/2",
        2,
        2,
    )


def test_manus_page_regimen(page):
    product = "allogeneic bone marrow derived mesenchymal stromal cells"
    found = [r for r in rows(page, "regimens", "NCT03211793") if r["intervention"] == product]
    assert [(r["dose_low"], r["dose_high"], r["dose_unit"], r["route"], r["n_sites"], r["site"]) for r in found] == [
        (45_000_000, 50_000_000, "cells", "intramuscular", 8, "limb")
    ]


def test_manus_msc_arm_regimen(tables):
    msc = [r for r in rows(tables, "regimens", "NCT03211793") if r["arm"] == "MSC injections"]
    assert len(msc) == 1
    row = msc[0]
    assert (row["intervention"], row["role"]) == ("Mesenchymal stromal cells", "experimental")
    assert (row["dose_low"], row["dose_high"], row["dose_unit"]) == (45_000_000, 50_000_000, "cells")
    assert row["route"] == "intramuscular"
    assert row["n_sites"] == 8
    assert row["site"].split("; ")[0] == "limb"


def test_manus_placebo_arm_regimen(tables):
    placebo = [r for r in rows(tables, "regimens", "NCT03211793") if r["arm"] == "Placebo injections"]
    assert [(r["intervention"], r["role"], r["route"], r["dose_unit"]) for r in placebo] == [
        ("Placebo", "control", "intramuscular", None)
    ]


@pytest.mark.parametrize(
    ("doc_id", "arm", "expected"),
    [
        ("NCT01090817", "Mesenchymal stromal cells", (4, 7)),  # "administered weekly for 4 weeks"
        ("NCT00683722", "Prochymal™", (4, 30)),  # "infusions on Days 0, 30, 60, and 90"
        ("NCT04371393", "Remestemcel-L Plus Standard of Care", (2, 4)),  # "second infusion at 4 days"
    ],
)
def test_administrations_per_arm(tables, doc_id, arm, expected):
    found = [r for r in rows(tables, "regimens", doc_id) if r["arm"] == arm and r["role"] == "experimental"]
    assert [(r["n_administrations"], r["interval_days"]) for r in found] == [expected]


def test_single_arm_record_without_arm_lines(tables):
    # NCT00734396 has no arms: one row per intervention, "two doses ... 7 days apart".
    found = rows(tables, "regimens", "NCT00734396")
    assert [
        (
            r["arm"] is None or r["arm"] == "Mesenchymal stem cell",
            r["intervention"],
            r["dose_unit"],
            r["n_administrations"],
            r["interval_days"],
        )
        for r in found
    ] == [(True, "Mesenchymal stem cell", "cells/kg", 2, 7)]


def test_enrollment_and_text_sample_size_disagree(tables):
    # NCT04371393: "300 patients" in the text, enrollment 223 (actual): both kept, flagged.
    trial = rows(tables, "trials", "NCT04371393")[0]
    assert (trial["sample_size_text"], trial["enrollment"], bool(trial["sample_size_conflict"])) == (300, 223, True)
    assert trial["allocation_ratio"] == "1:1"
    assert trial["control_type"] == "placebo"


def test_comparator_arm_rows(tables):
    found = {(r["arm"], r["intervention"]) for r in rows(tables, "regimens", "NCT02635464")}
    assert ("CABG", "CABG") in found
    assert ("hUC-MSCs+CABG", "hUC-MSCs") in found
    scaffold = [r for r in rows(tables, "distinct_interventions", "NCT02635464") if r["name"] == "CABG"]
    assert [r["type"] for r in scaffold] == ["procedure"]


def test_a_record_with_hundreds_of_arms_gives_each_arm_its_own_regimen(tmp_path):
    # Every fact was looked up in every arm and entry, and every arm x intervention scanned every fact:
    # 1,000 arms took 35 s, 4,000 (1 MB) ten minutes. Each arm must still get its own dose and route.
    n = 300
    arms = [
        {
            "label": f"Arm {i}",
            "type": "EXPERIMENTAL",
            "description": f"Patients receive compound X{i} {i + 1} mg/kg intravenously",
            "interventionNames": [f"Drug: compound X{i}"],
        }
        for i in range(n)
    ]
    interventions = [{"type": "DRUG", "name": f"compound X{i}", "armGroupLabels": [f"Arm {i}"]} for i in range(n)]
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT09999999", "briefTitle": "Many arms"},
            "armsInterventionsModule": {"armGroups": arms, "interventions": interventions},
        }
    }
    path = tmp_path / "many-arms.json"
    path.write_text(json.dumps(study))
    found = rows(extract_tables(path), "regimens", "NCT09999999")
    assert [(r["arm"], r["intervention"], r["dose_low"], r["dose_unit"], r["route"]) for r in found] == [
        (f"Arm {i}", f"compound X{i}", i + 1, "mg/kg", "intravenous") for i in range(n)
    ]
