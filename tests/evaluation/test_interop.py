"""Format conversion: round trips for every format, and import of files written by the tools or others."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from extractor.evaluation.gold import AnnotatedDoc, ValidationError, load_annotations
from extractor.evaluation.interop import FORMATS, convert, format_name, read_docs, write_docs
from extractor.evaluation.interop.brat import ann_text
from extractor.evaluation.interop.labelstudio import labeling_config


def _target(tmp_path, fmt):
    return tmp_path / ("out" if fmt == "brat" else f"out.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["gold_small", "tricky"])
def test_round_trip_is_identical(request, tmp_path, fmt, name):
    docs = request.getfixturevalue(name)
    target = _target(tmp_path, fmt)
    write_docs(docs, target, fmt)
    back, notes = read_docs(target, fmt)
    assert back == docs
    assert notes == []


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "jsonl"])
def test_convert_there_and_back_keeps_the_file(fixtures, tmp_path, fmt):
    middle = _target(tmp_path, fmt)
    report = convert(fixtures / "tricky.jsonl", middle, "jsonl", fmt)
    assert (report.n_docs, report.n_spans) == (2, 9)
    convert(middle, tmp_path / "back.jsonl", fmt, "jsonl")
    assert (tmp_path / "back.jsonl").read_text(encoding="utf-8") == (fixtures / "tricky.jsonl").read_text(
        encoding="utf-8"
    )


def test_format_names_and_aliases():
    assert format_name("spacy") == "docbin"
    assert format_name("Label-Studio") == "labelstudio"
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        format_name("xml")


def test_unknown_format_fails_before_reading(tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        convert(tmp_path / "missing.jsonl", tmp_path / "x", "jsonl", "excel")


# --- brat ------------------------------------------------------------------------------------


def test_brat_export_lines(tricky):
    lines = ann_text(tricky[0]).splitlines()
    # A span across a line break is written as fragments, split at the break.
    route = next(line for line in lines if "\tROUTE " in line)
    assert route.split("\t")[1] == "ROUTE 52 58;59 67"
    # Enum attributes as A lines, every attribute as JSON notes.
    assert "A1\trole T1 experimental" in lines
    assert any(line.startswith("#5\tAnnotatorNotes T5\t{") and '"route": "intravenous"' in line for line in lines)


def test_brat_export_writes_config_and_manifest(tmp_path, tricky):
    notes = write_docs(tricky, tmp_path / "brat", "brat")
    assert any("T-1/ä" in n for n in notes), "an unsafe id is renamed and reported"
    assert (tmp_path / "brat" / "T-1__.txt").exists()
    conf = (tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]" in conf and "route\tArg:ROUTE, Value:intravenous|" in conf


def test_brat_import_of_foreign_files(fixtures):
    docs, notes = read_docs(fixtures / "brat_foreign", "brat")
    assert [d.id for d in docs] == ["doc1", "doc2"]  # no manifest: file names, sorted
    first = {(s.label, s.start, s.end): s.attrs for s in docs[0].spans}
    assert first[("DOSE", 13, 17)] == {"low": 5, "high": 5, "unit": "mg"}  # A lines, typed
    assert first[("ROUTE", 23, 36)] == {"route": "intravenous"}  # free-text note ignored
    assert first[("SITE", 40, 47)] == {"site": None, "n_sites": 3}  # JSON note
    assert first[("INTERVENTION", 0, 22)] == {"role": None}  # discontinuous: min-max
    assert docs[1].spans == []  # .txt without .ann
    assert any("discontinuous span T4 merged to 0-22" in n for n in notes)
    assert any("binary attribute 'Negated T2' ignored" in n for n in notes)
    assert any("1 relation/event/normalization line(s) ignored" in n for n in notes)


def test_brat_import_reports_ann_file_and_line(tmp_path):
    (tmp_path / "d.txt").write_text("Give 5 mg.", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tDOSE 5 9\t5 mg\nT2\tDrug 0 4\tGive\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_docs(tmp_path, "brat")
    (problem,) = caught.value.problems
    assert problem.path.endswith("d.ann") and problem.line == 2 and problem.record_id == "d"
    assert "unknown label 'Drug'" in problem.message


# --- doccano ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["doccano_label.jsonl", "doccano_entities.jsonl"])
def test_doccano_import_of_both_variants(fixtures, name):
    (doc,), notes = read_docs(fixtures / name, "doccano")
    assert doc.text == "Give 5 mg orally."
    assert doc.id in ("17", "18")  # doccano's numeric id when there is no doc_id
    assert ("ROUTE", 10, 16) in {(s.label, s.start, s.end) for s in doc.spans}
    assert all(v is None for s in doc.spans for v in s.attrs.values())  # doccano has no attributes
    assert notes == []


def test_doccano_export_variants(tmp_path, gold_small):
    write_docs(gold_small, tmp_path / "l.jsonl", "doccano")
    write_docs(gold_small, tmp_path / "e.jsonl", "doccano-entities")
    label = json.loads((tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()[0])
    entities = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert label["label"][0] == [27, 33, "INTERVENTION"]
    assert entities["entities"][0] == {"id": 1, "label": "INTERVENTION", "start_offset": 27, "end_offset": 33}
    assert label["doc_id"] == "D1" and label["span_attributes"][0]["role"] == "experimental"


def test_doccano_attributes_follow_spans_after_edits(tmp_path, gold_small):
    path = tmp_path / "l.jsonl"
    write_docs(gold_small[:1], path, "doccano")
    record = json.loads(path.read_text(encoding="utf-8"))
    record["label"] = list(reversed(record["label"][1:]))  # annotator deleted one span and re-ordered
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,), notes = read_docs(path, "doccano")
    dose = next(s for s in doc.spans if s.label == "DOSE")
    assert dose.attrs == {"low": 100, "high": 100, "unit": "mg"}
    assert any("1 span(s) no longer present" in n for n in notes)


# --- Label Studio ------------------------------------------------------------------------------


def test_labelstudio_import_of_export(fixtures):
    docs, notes = read_docs(fixtures / "labelstudio_export.json", "labelstudio")
    first, second = docs
    assert first.id == "101"  # task id when data has no doc_id
    spans = {(s.label, s.start, s.end): s.attrs for s in first.spans}
    assert ("ROUTE", 0, 6) not in spans  # only in the cancelled annotation
    assert spans[("DOSE", 7, 11)] == {"low": 5, "high": 5, "unit": "mg"}
    assert spans[("ROUTE", 12, 25)] == {"route": "intravenous"}
    assert spans[("SITE", 29, 36)] == {"site": None, "n_sites": 2}
    assert spans[("SAMPLE_SIZE", 29, 36)] == {"n": None}  # multi-label region: each label keeps its own
    assert second.id == "NCT-W"  # predictions used when there is no annotation
    assert second.spans[0].attrs["days"] == [7, 14]  # "7, 14" text parsed as a day list
    assert any("2 labels became 2 spans" in n for n in notes)
    assert any("without a label ignored" in n for n in notes)


def test_labelstudio_export_shape_and_config(tmp_path, gold_small):
    notes = write_docs(gold_small, tmp_path / "tasks.json", "labelstudio")
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert tasks[0]["data"] == {"text": gold_small[0].text, "doc_id": "D1"}
    result = tasks[0]["predictions"][0]["result"]
    dose = [r for r in result if r["id"] == "s2"]
    assert dose[0]["type"] == "labels" and dose[0]["value"]["labels"] == ["DOSE"]
    assert {r["from_name"]: r["type"] for r in dose[1:]} == {
        "low": "number",
        "high": "number",
        "unit": "choices",
    }
    config = tmp_path / "tasks.config.xml"
    assert config.exists() and any("config" in n for n in notes)
    root = ET.fromstring(config.read_text(encoding="utf-8"))
    assert root.tag == "View"
    assert root.find("Labels").get("name") == "label"
    assert labeling_config() == config.read_text(encoding="utf-8")


# --- spaCy DocBin and Prodigy ------------------------------------------------------------------


def test_docbin_keeps_spans_in_the_facts_group(tmp_path, tricky):
    from spacy.tokens import DocBin

    from extractor.evaluation.interop.spacy_formats import _nlp

    write_docs(tricky, tmp_path / "x.spacy", "docbin")
    doc = next(DocBin().from_disk(tmp_path / "x.spacy").get_docs(_nlp().vocab))
    assert doc.text == tricky[0].text
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["facts"]] == [
        (s.start, s.end, s.label) for s in tricky[0].spans
    ]
    assert doc.user_data["protocol_facts"]["id"] == "T-1/ä"


def test_docbin_import_of_foreign_entities(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    doc = nlp("Give 5 mg orally.")
    doc.ents = [doc.char_span(5, 9, label="DOSE")]
    DocBin(docs=[doc]).to_disk(tmp_path / "f.spacy")
    (back,), notes = read_docs(tmp_path / "f.spacy", "spacy")
    assert back.id == "doc1"
    assert [(s.start, s.end, s.label, s.attrs["unit"]) for s in back.spans] == [(5, 9, "DOSE", None)]
    assert any("entities used" in n for n in notes)


def test_prodigy_export_is_token_aligned(tmp_path, tricky):
    write_docs(tricky, tmp_path / "p.jsonl", "prodigy")
    task = json.loads((tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert task["meta"] == {"id": "T-1/ä"}
    for span in task["spans"]:
        first, last = task["tokens"][span["token_start"]], task["tokens"][span["token_end"]]
        assert (first["start"], last["end"]) == (span["start"], span["end"])
    assert "".join(t["text"] + (" " if t["ws"] else "") for t in task["tokens"]) == task["text"]


def test_prodigy_import_of_foreign_tasks(fixtures):
    docs, notes = read_docs(fixtures / "prodigy_foreign.jsonl", "prodigy")
    assert [d.id for d in docs] == ["P1", "12345"]
    assert [(s.start, s.end, s.label) for s in docs[0].spans] == [(5, 9, "DOSE")]
    assert any("'reject' skipped" in n for n in notes)


def test_foreign_jsonl_problems_are_collected(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ab", "spans": [{"start": 0, "end": 9, "label": "DOSE"}], "meta": {"id": "x"}}\n{oops\n')
    with pytest.raises(ValidationError) as caught:
        read_docs(path, "prodigy")
    assert [(p.line, p.record_id) for p in caught.value.problems] == [(1, "x"), (2, "?")]


def test_empty_document_list_round_trips(tmp_path):
    docs: list[AnnotatedDoc] = []
    for fmt in FORMATS:
        target = _target(tmp_path / fmt, fmt)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_docs(docs, target, fmt)
        assert read_docs(target, fmt)[0] == []


def test_jsonl_reader_is_the_validating_loader(fixtures):
    assert read_docs(fixtures / "gold_small.jsonl", "jsonl")[0] == load_annotations(fixtures / "gold_small.jsonl")


def test_brat_documents_added_after_export_are_read(tmp_path, gold_small):
    write_docs(gold_small, tmp_path, "brat")
    (tmp_path / "A-new.txt").write_text("Added in brat.", encoding="utf-8")
    docs, _ = read_docs(tmp_path, "brat")
    assert [d.id for d in docs] == ["D1", "D2", "D3", "D5", "A-new"]  # manifest order, then the rest
