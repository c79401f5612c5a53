"""A run over hostile and broken inputs: each gives an error row with a reason and the run goes on.

Every input is generated here, in tmp_path. The run must not write outside its output folder, read
files an XML entity points to, or let a bomb take memory.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import resource
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from synthetic_trials import jsonl_lines, trial, write_jsonl

from extractor.api import load
from extractor.facts import MAX_SENTENCE_CHARS
from extractor.run import run_extraction

SECRET = "S3CRET-MARKER-7f1c"


def study(nct_id: str, summary: str = "Participants receive 5 mg/kg of compound-1 intravenously.") -> dict:
    """A minimal ClinicalTrials.gov API v2 study."""
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct_id, "briefTitle": f"A trial {nct_id}"},
            "descriptionModule": {"briefSummary": summary},
        }
    }


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _page_text(title: str) -> str:
    return f"{title}\n\nBrief Summary\nPatients receive 10 mg/kg of compound-2 intravenously every 2 weeks.\n"


def hostile_inputs(folder: Path, secret: Path) -> dict[str, list[str]]:
    """Write the inputs; returns, per file name, words one of its error reasons must contain (any)."""
    folder.mkdir()
    write_jsonl(folder / "a_valid.jsonl", 2)
    (folder / "b_malformed.json").write_text('{"protocolSection": {"identificationModule": {"nctId": "NCT1"')
    (folder / "c_malformed.xml").write_text(
        "<clinical_study><id_info><nct_id>NCT00000003</nct_id></id_info><brief_title>x</brief"
    )
    whole = gzip.compress(json.dumps(study("NCT00000004")).encode())
    (folder / "d_truncated.json.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "d_truncated.jsonl").write_text(jsonl_lines(1, start=40)[0] + "\n" + jsonl_lines(1, start=41)[0][:60])
    full_zip = _zip([("NCT00000005.json", json.dumps(study("NCT00000005")).encode())])
    (folder / "d_truncated.zip").write_bytes(full_zip[: len(full_zip) - 30])
    (folder / "e_latin1.txt").write_bytes(_page_text("Étude de phase II : café NCT00000006").encode("latin-1"))
    (folder / "f_bom.jsonl").write_bytes(b"\xef\xbb\xbf" + jsonl_lines(1, start=7)[0].encode())
    (folder / "g_utf16.txt").write_bytes(_page_text("Ünïcode trial NCT00000008").encode("utf-16"))
    (folder / "h_empty.json").write_bytes(b"")
    (folder / "h_empty_record.jsonl").write_text(json.dumps({"id": "NCT00000009", "text": "   "}) + "\n")
    filler = "The visits follow the protocol schedule and the participants keep a diary of their symptoms. "
    big = dict(trial(10), text=trial(10)["title"] + "\n\n" + filler * (1_000_000 // len(filler) + 1))
    (folder / "i_one_megabyte.jsonl").write_text(json.dumps(big) + "\n")
    (folder / "j_garbage.bin").write_bytes(random.Random(0).randbytes(200_000))
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    (folder / "k_entity_bomb.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE clinical_study [<!ENTITY l0 "lol">{lol}]>'
        "<clinical_study><nct_id>NCT00000011</nct_id><brief_title>&l9;</brief_title></clinical_study>"
    )
    (folder / "l_external_entity.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE clinical_study [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<clinical_study><nct_id>NCT00000012</nct_id><brief_title>&xxe;</brief_title></clinical_study>"
    )
    (folder / "m_zip_bomb.zip").write_bytes(_zip([("NCT00000013.json", b"0" * 60_000_000)]))
    (folder / "m_gzip_bomb.jsonl.gz").write_bytes(gzip.compress(b"\0" * 30_000_000))
    evil, good = (json.dumps(study(nct)).encode() for nct in ("NCT00000014", "NCT00000015"))
    (folder / "n_path_traversal.zip").write_bytes(
        _zip([("../../escaped.json", evil), ("/tmp/absolute.json", evil), ("ok/NCT00000015.json", good)])
    )
    write_jsonl(folder / "z_valid.jsonl", 2, start=20)
    return {
        "b_malformed.json": ["json", "truncated", "malformed", "end"],
        "c_malformed.xml": ["xml"],
        "d_truncated.json.gz": ["gzip", "truncated", "corrupt", "json", "end"],
        "d_truncated.jsonl": ["json", "malformed"],
        "d_truncated.zip": ["zip"],
        "h_empty.json": ["empty"],
        "h_empty_record.jsonl": ["empty", "no text"],
        "j_garbage.bin": ["not a text"],
        "k_entity_bomb.xml": ["dtd", "entit"],
        "l_external_entity.xml": ["dtd", "external", "entit"],
        "m_zip_bomb.zip": ["zip bomb", "limit"],
        "m_gzip_bomb.jsonl.gz": ["not a text", "limit", "binary"],
        "n_path_traversal.zip": ["outside the archive"],
    }


def snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int] | None]:
    """Every path below ``root`` (but not ``skip``): files with their size and modification time."""
    found: dict[str, tuple[int, int] | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if Path(dirpath, d) != skip]
        found.update({str(Path(dirpath, d)): None for d in dirnames})
        for name in filenames:
            stat = Path(dirpath, name).lstat()
            found[str(Path(dirpath, name))] = (stat.st_size, stat.st_mtime_ns)
    return found


@pytest.mark.parametrize("n_process", [1, 2])
def test_hostile_inputs_become_error_rows_and_the_run_goes_on(tmp_path, monkeypatch, n_process):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    expected = hostile_inputs(tmp_path / "inputs", secret)
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)  # a relative write would land here
    out = tmp_path / "out"
    before = snapshot(tmp_path.parent, skip=out)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    summary = run_extraction(load(), [tmp_path / "inputs"], out, fmt="csv", n_process=n_process, batch_size=4)

    errors = pd.read_csv(out / "errors.csv", dtype=str, keep_default_na=False)
    trials = pd.read_csv(out / "trials.csv", dtype=str, keep_default_na=False)
    for name, words in expected.items():
        reasons = errors[errors["file"].str.contains(name, regex=False)]["reason"].str.lower().tolist()
        assert reasons, f"{name} gave no error row"
        assert all(reasons) and any(w in r for r in reasons for w in words), (name, reasons)
    assert errors["reason"].str.len().min() > 0
    # The readable records around and among the bad ones all made it.
    assert {
        "NCT00000000",
        "NCT00000001",
        "NCT00000020",
        "NCT00000021",
        "NCT00000007",
        "NCT00000010",
        "NCT00000015",
        "NCT00000040",
    } <= set(trials["id"])
    titles = " ".join(trials["title"])
    assert "Étude de phase II : café" in titles and "Ünïcode trial" in titles
    assert summary.records == len(trials) and summary.errors == len(errors)

    # Nothing written outside the output folder, nothing read through an external entity.
    assert snapshot(tmp_path.parent, skip=out) == before
    assert not (tmp_path / "escaped.json").exists() and not Path("/tmp/absolute.json").exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    for path in out.iterdir():
        assert SECRET not in path.read_text(encoding="utf-8", errors="replace")
    # No bomb was expanded: the run's peak memory grew by far less than the bombs' expanded sizes.
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert grown_mb < 400, grown_mb


def test_a_one_line_record_full_of_facts_gives_output_in_proportion(tmp_path):
    # No sentence break in 100 KB: every fact's sentence is the whole record. Rows carry a window of it
    # (before, a 1 MB record like this wrote 50 GB of CSV), and linking a fact to its intervention looks
    # at the mentions near it, not at all the sentence's (a 1 MB record took minutes).
    line = "patients receive 1 million mesenchymal stromal cells (MSC)/kg intravenous infusion, "
    text = "Trial of mesenchymal stromal cells\n\n" + line * (100_000 // len(line))
    source = tmp_path / "one_line.jsonl"
    source.write_text(json.dumps({"id": "NCT00000100", "text": text}) + "\n")
    summary = run_extraction(load(), [source], tmp_path / "out", fmt="csv")
    assert (summary.records, summary.errors) == (1, 0)
    facts = pd.read_csv(tmp_path / "out" / "facts.csv")
    assert len(facts) > 2000 and facts["sentence"].str.len().max() <= MAX_SENTENCE_CHARS + 2
    assert all(row.text in row.sentence for row in facts.itertuples())
    regimens = pd.read_csv(tmp_path / "out" / "regimens.csv")
    assert regimens[["intervention", "dose_low", "dose_unit", "route"]].values.tolist() == [
        ["mesenchymal stromal cells", 1e6, "cells/kg", "intravenous"]
    ]
    written = sum(path.stat().st_size for path in (tmp_path / "out").iterdir())
    assert written < 4 * MAX_SENTENCE_CHARS * len(facts), written  # the fact table, doses and routes: about 3


def test_a_record_with_more_facts_than_the_cap_is_an_error_row_and_the_run_goes_on(tmp_path, monkeypatch):
    # The cap (10,000; real records: a few hundred) bounds what one record holds in memory; lowered here so
    # that a small record reaches it.
    from extractor.pipeline import fact_spans

    monkeypatch.setattr(fact_spans, "MAX_FACTS", 20)
    doses = ", ".join(f"compound-{i} {i + 1} mg/kg intravenously" for i in range(30))
    lines = [
        {"id": "NCT00000001", "text": "Participants receive 5 mg/kg of compound-1 intravenously."},
        {"id": "NCT00000002", "text": f"Participants receive {doses}."},
        {"id": "NCT00000003", "text": "Participants receive 2 mg/kg of compound-2 orally."},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    summary = run_extraction(load(), [source], tmp_path / "out", fmt="csv")
    assert (summary.records, summary.errors) == (2, 1)
    errors = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert errors[["record_id", "stage"]].values.tolist() == [["NCT00000002", "process"]]
    assert "yields more than 20 facts" in errors["reason"][0]
    assert sorted(pd.read_csv(tmp_path / "out" / "facts.csv")["doc_id"].unique()) == ["NCT00000001", "NCT00000003"]


def test_a_corrupted_line_in_2000_records_is_one_error_row(tmp_path):
    source = write_jsonl(tmp_path / "records.jsonl", 2000, corrupt={1234})
    summary = run_extraction(load(), [source], tmp_path / "out", fmt="parquet")
    assert (summary.records, summary.errors) == (1999, 1)
    _check_corrupted_line_run(tmp_path / "out", 2000, 1234)


@pytest.mark.slow
def test_a_corrupted_line_in_10000_records_is_one_error_row(tmp_path):
    source = write_jsonl(tmp_path / "records.jsonl", 10_000, corrupt={7777})
    summary = run_extraction(load(), [source], tmp_path / "out", fmt="parquet", n_process=2)
    assert (summary.records, summary.errors) == (9999, 1)
    _check_corrupted_line_run(tmp_path / "out", 10_000, 7777)


def _check_corrupted_line_run(out: Path, total: int, corrupt: int) -> None:
    trials = pd.read_parquet(out / "trials.parquet")
    errors = pd.read_parquet(out / "errors.parquet")
    facts = pd.read_parquet(out / "facts.parquet")
    expected_ids = [f"NCT{i:08d}" for i in range(total) if i != corrupt]
    assert trials["id"].tolist() == expected_ids
    assert facts["doc_id"].nunique() == total - 1, "every document gave facts"
    assert len(errors) == 1 and errors.loc[0, "file"].endswith(f"records.jsonl:{corrupt + 1}")
    assert errors.loc[0, "record_id"] == f"NCT{corrupt:08d}", "the id is recovered from the broken line"
    assert "json" in errors.loc[0, "reason"].lower()


def test_a_long_run_of_punctuation_is_processed(tmp_path):
    # spaCy's tokenizer takes time in the square of a run's length without whitespace: these 200,000
    # "!" would take over an hour in one piece (40,000 took three minutes); in pieces, about a second.
    text = "Trial of mesenchymal stromal cells\n\nPatients receive 10 mg intravenously. " + "!" * 200_000 + " End."
    source = tmp_path / "bang.jsonl"
    source.write_text(json.dumps({"id": "NCT00000101", "text": text}) + "\n")
    summary = run_extraction(load(), [source], tmp_path / "out", fmt="csv")
    assert (summary.records, summary.errors) == (1, 0)
    facts = pd.read_csv(tmp_path / "out" / "facts.csv")
    assert {"DOSE", "ROUTE"} <= set(facts["label"])


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_text_no_table_format_can_hold_as_is_does_not_stop_the_run(tmp_path, fmt):
    # A lone UTF-16 half in an id or title (valid JSON) could not be written as UTF-8, and a control
    # character could not go into XLSX, nor NUL into CSV on Python 3.10: each stopped the whole run when
    # its row was written.
    lines = [
        '{"id": "NCT0000010\\ud801", "title": "T \\udc00", "text": "Patients receive 10 mg intravenously."}',
        json.dumps({"id": "NCT00000102", "text": "Patients\x00 receive 20 mg\x1b[0m intravenously.\x0b"}),
        json.dumps({"id": "NCT00000103", "text": "Patients receive 30 mg intravenously."}),
    ]
    source = tmp_path / "odd.jsonl"
    source.write_text("\n".join(lines) + "\n")
    summary = run_extraction(load(), [source], tmp_path / "out", fmt=fmt)
    assert (summary.records, summary.errors) == (3, 0)
    assert summary.facts_per_label["DOSE"] == 3


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_numbers_no_table_column_can_hold_do_not_stop_the_run(tmp_path, fmt):
    # Each of these stopped a whole Parquet run (a Python int beyond 64 bits) or lost its record (a time
    # of 400 digits is an infinite float): an enrollment of 20 digits on a page or in registry JSON, a
    # follow-up of 30 digits of weeks, a label that is a number.
    huge, longer = "9" * 30, "9" * 400
    v2 = json.loads((Path(__file__).parent / "fixtures" / "readers" / "NCT03453554.json").read_text())
    v2["protocolSection"]["designModule"] = {
        "enrollmentInfo": {"count": 10**30, "type": 7},
        "designInfo": {"allocation": 7, "maskingInfo": {"masking": [1, 2]}},
    }
    (tmp_path / "v2.json").write_text(json.dumps(v2))
    (tmp_path / "page.txt").write_text(
        f"NCT00000001\nA Trial\n\nEstimated Enrollment: {'9' * 20} participants\n\n"
        "Patients receive 10 mg intravenously.\n"
    )
    texts = [
        f"Follow-up visits at {longer} weeks and {huge} weeks after infusion.",
        f"Patients receive 10 mg intravenously every {longer} days for {huge} weeks.",
        f"Cells are injected intramuscularly at {huge} sites. A total of {huge} patients will be enrolled.",
        f"Primary outcome: survival [Time Frame: {longer} days]. Secondary: pain [Time Frame: {huge} months]",
    ]
    lines = [json.dumps({"id": f"NCT0000010{i}", "text": t}) for i, t in enumerate(texts)]
    (tmp_path / "texts.jsonl").write_text("\n".join(lines) + "\n")
    inputs = [tmp_path / "v2.json", tmp_path / "page.txt", tmp_path / "texts.jsonl"]
    summary = run_extraction(load(), inputs, tmp_path / "out", fmt=fmt)
    assert (summary.records, summary.errors) == (6, 0)
    read = pd.read_parquet if fmt == "parquet" else pd.read_csv
    assert read(tmp_path / "out" / f"trials.{fmt}")["enrollment"].isna().all()
    assert float(huge) * 7 in set(read(tmp_path / "out" / f"schedule.{fmt}")["day"])
