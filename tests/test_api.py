"""The Python API: extract() on texts and records, extract_tables() on files, predict_documents()."""

import json
from pathlib import Path

import extractor
from extractor.api import predict_documents
from extractor.tables.columns import table_names

FIXTURES = Path(__file__).parent / "fixtures"
MANUS_SENTENCE = (
    "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic bone "
    "marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb."
)


def test_extract_text_gives_facts_with_offsets():
    facts = extractor.extract(MANUS_SENTENCE)
    assert {f.label for f in facts} >= {"DOSE", "ROUTE", "SITE", "SAMPLE_SIZE"}
    for f in facts:
        assert MANUS_SENTENCE[f.start : f.end] == f.text


def test_extract_v2_study_dict():
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT00000001", "briefTitle": "A trial"},
            "descriptionModule": {"briefSummary": MANUS_SENTENCE},
        }
    }
    facts = extractor.extract(study)
    assert all(f.doc_id == "NCT00000001" for f in facts)
    assert any(f.label == "DOSE" and f.attrs["low"] == 45e6 for f in facts)


def test_extract_tables_on_files_and_a_bad_one(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"protocolSection": {', encoding="utf-8")
    tables = extractor.extract_tables([FIXTURES / "seeds", bad])
    assert set(tables) == {*table_names(), "documents"}
    assert sorted(tables["trials"]["id"]) == ["NCT03211793", "NCT04356755"]
    assert len(tables["errors"]) == 1 and tables["errors"]["file"][0].endswith("broken.json")
    doses = tables["doses"]
    assert doses[["low", "high", "unit"]].values.tolist() == [[45e6, 50e6, "cells"]]


def test_predictions_are_in_the_annotation_format():
    (doc,) = predict_documents([("x1", MANUS_SENTENCE)])
    assert doc["id"] == "x1" and doc["text"] == MANUS_SENTENCE
    json.dumps(doc)  # JSON-safe
    assert {"start", "end", "label"} <= set(doc["spans"][0])


def test_extract_tables_in_two_processes_gives_the_same_tables():
    """The API hands spaCy's own worker processes Docs (made with the reader's sections): same tables."""
    examples = Path(extractor.__file__).parent / "data" / "examples"
    inputs = [examples / "NCT03211793.json", examples / "NCT04356755-page.txt"]
    one, two = extractor.extract_tables(inputs, n_process=1), extractor.extract_tables(inputs, n_process=2)
    assert len(one["facts"]) > 40
    for name, table in one.items():
        assert table.equals(two[name]), name
