"""The extraction run: streaming, byte-identical outputs, the same rows with any number of processes, resume."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import count

import pandas as pd
import pyarrow.parquet as pq
import pytest
from output_folders import output_bytes
from synthetic_trials import write_jsonl

from extractor.api import load
from extractor.cli import main
from extractor.readers import iter_records
from extractor.run import run_extraction
from extractor.tables import writers
from extractor.tables.columns import table_names
from extractor.workers import Extracted, iter_extracted

FORMATS = ("csv", "jsonl", "parquet", "xlsx")


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 lines, one of them broken (line 31), and a record without text: 59 records, 2 errors."""
    folder = tmp_path_factory.mktemp("corpus")
    path = write_jsonl(folder / "trials.jsonl", 60, corrupt={30})
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "NCT99999999", "text": ""}) + "\n")
    return path


def read_table(path):
    fmt = path.suffix[1:]
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    if fmt == "xlsx":
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    return pd.DataFrame([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()])


@pytest.mark.parametrize("fmt", FORMATS)
def test_identical_inputs_give_byte_identical_outputs(nlp, corpus, tmp_path, fmt):
    first = run_extraction(nlp, [corpus], tmp_path / "a", fmt=fmt)
    run_extraction(nlp, [corpus], tmp_path / "b", fmt=fmt)
    assert first.records == 59 and first.errors == 2
    assert output_bytes(tmp_path / "a") == output_bytes(tmp_path / "b")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(
        [f"{name}.{fmt}" for name in table_names()] + ["documents.jsonl"]
    ), "every table is published and no temporary file is left"


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_two_processes_give_the_same_bytes_as_one(nlp, corpus, tmp_path, fmt):
    # A small batch size makes several chunks, so chunks from both workers are interleaved back in order.
    run_extraction(nlp, [corpus], tmp_path / "one", fmt=fmt, n_process=1, batch_size=4)
    run_extraction(nlp, [corpus], tmp_path / "two", fmt=fmt, n_process=2, batch_size=4)
    one, two = output_bytes(tmp_path / "one"), output_bytes(tmp_path / "two")
    assert one == two
    facts = read_table(tmp_path / "one" / f"facts.{fmt}")
    assert len(facts) > 60 and facts["doc_id"].is_monotonic_increasing


def test_outputs_do_not_depend_on_the_hash_seed(corpus, tmp_path):
    # Python salts str hashes per process: a set iterated to pick a value makes runs differ.
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "extractor", "extract", str(corpus), "-o", str(tmp_path / seed), "-q"]
        subprocess.run([*command, "--format", "parquet"], check=True, env=env, capture_output=True)
    assert output_bytes(tmp_path / "1") == output_bytes(tmp_path / "2")


def test_batch_size_does_not_change_the_rows(nlp, corpus, tmp_path):
    run_extraction(nlp, [corpus], tmp_path / "small", fmt="csv", batch_size=3)
    run_extraction(nlp, [corpus], tmp_path / "large", fmt="csv", batch_size=64)
    assert output_bytes(tmp_path / "small") == output_bytes(tmp_path / "large")


@pytest.mark.parametrize("n_process", [1, 2])
def test_records_are_read_lazily_a_bounded_chunk_ahead(nlp, tmp_path, n_process):
    path = write_jsonl(tmp_path / "t.jsonl", 200)
    read = count()

    def counted():
        for item in iter_records([path]):
            next(read)
            yield item

    results = iter_extracted(nlp, counted(), n_process=n_process, batch_size=2)
    first = next(results)
    ahead = next(read)  # how many records had been read when the first result came back
    results.close()
    assert isinstance(first, Extracted) and first.record.id == "NCT00000000"
    # chunks of 8 records, at most 2 per worker in flight (plus the one being handed back)
    assert ahead <= 8 * (2 * n_process + 2) < 200


def test_parquet_is_written_in_bounded_row_groups(nlp, corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(writers, "ROW_GROUP_ROWS", 16)
    run_extraction(nlp, [corpus], tmp_path, fmt="parquet")
    meta = pq.ParquetFile(tmp_path / "facts.parquet").metadata
    assert meta.num_row_groups > 2
    assert max(meta.row_group(i).num_rows for i in range(meta.num_row_groups)) <= 16
    assert b"created" not in pq.ParquetFile(tmp_path / "facts.parquet").metadata.metadata.get(b"ARROW:schema", b"")


def test_a_failing_run_publishes_nothing(nlp, corpus, tmp_path):
    def stop(item):
        if isinstance(item, Extracted) and item.record.id == "NCT00000010":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_extraction(nlp, [corpus], tmp_path, fmt="parquet", n_process=2, batch_size=4, on_item=stop)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_resume_adds_only_new_records_after_the_old_rows(nlp, tmp_path, fmt):
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_jsonl(inputs / "a.jsonl", 12, corrupt={5})
    out = tmp_path / "out"
    first = run_extraction(nlp, [inputs], out, fmt=fmt)
    old = {name: read_table(out / f"{name}.{fmt}") for name in ("facts", "trials", "errors")}

    write_jsonl(inputs / "b.jsonl", 8, start=100)
    resumed = run_extraction(nlp, [inputs], out, fmt=fmt, resume=True)
    assert (first.records, first.errors) == (11, 1)
    assert (resumed.records, resumed.errors, resumed.skipped) == (8, 0, 12), "old records and errors are skipped"

    fresh = tmp_path / "fresh"
    run_extraction(nlp, [inputs], fresh, fmt=fmt)
    for name in ("facts", "trials", "errors", "doses"):
        table = read_table(out / f"{name}.{fmt}")
        pd.testing.assert_frame_equal(table, read_table(fresh / f"{name}.{fmt}"))
        if name in old:
            pd.testing.assert_frame_equal(table.head(len(old[name])), old[name])
    documents = [json.loads(line)["id"] for line in (out / "documents.jsonl").read_text().splitlines()]
    assert len(documents) == len(set(documents)) == 19
    assert not list(out.glob(".*"))


def test_resume_reads_a_new_file_named_like_a_done_one(nlp, tmp_path):
    # Records without a trial id are named after their file; a second file of the same name in another
    # folder is new, not done.
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
    (tmp_path / "in" / "a" / "notes.jsonl").write_text('{"text": "Placebo, intravenous infusion."}\n')
    out = tmp_path / "out"
    run_extraction(nlp, [tmp_path / "in"], out, fmt="csv")
    (tmp_path / "in" / "b" / "notes.jsonl").write_text('{"text": "Saline, intramuscular injection."}\n')
    resumed = run_extraction(nlp, [tmp_path / "in"], out, fmt="csv", resume=True)
    assert (resumed.records, resumed.skipped) == (1, 1)
    routes = read_table(out / "routes.csv")
    assert sorted(zip(routes["doc_id"], routes["route"], strict=True)) == [
        (str(tmp_path / "in" / "b" / "notes:1"), "intramuscular"),
        ("notes:1", "intravenous"),
    ]


def test_resume_with_nothing_new_keeps_the_tables(nlp, corpus, tmp_path):
    run_extraction(nlp, [corpus], tmp_path, fmt="csv")
    before = output_bytes(tmp_path)
    summary = run_extraction(nlp, [corpus], tmp_path, fmt="csv", resume=True)
    assert (summary.records, summary.errors, summary.skipped) == (0, 0, 61)
    assert output_bytes(tmp_path) == before


def test_resume_into_an_empty_folder_is_a_normal_run(nlp, corpus, tmp_path):
    run_extraction(nlp, [corpus], tmp_path / "plain", fmt="jsonl")
    run_extraction(nlp, [corpus], tmp_path / "resumed", fmt="jsonl", resume=True)
    assert output_bytes(tmp_path / "plain") == output_bytes(tmp_path / "resumed")


def test_cli_resume(tmp_path, capsys):
    source = write_jsonl(tmp_path / "t.jsonl", 6)
    out = tmp_path / "out"
    assert main(["extract", str(source), "-o", str(out), "--format", "parquet", "-q"]) == 0
    write_jsonl(source, 9)
    capsys.readouterr()
    assert main(["extract", str(source), "-o", str(out), "--format", "parquet", "-q", "--resume"]) == 0
    assert "Records: 3 " in capsys.readouterr().out
    assert pd.read_parquet(out / "trials.parquet")["id"].tolist() == [f"NCT{i:08d}" for i in range(9)]


def test_cli_resume_refuses_a_table_with_other_columns(tmp_path, capsys):
    source = write_jsonl(tmp_path / "t.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "trials.csv").write_text("something,else\n1,2\n")
    assert main(["extract", str(source), "-o", str(out), "-q", "--resume"]) == 2
    assert "cannot resume" in capsys.readouterr().err
    assert (out / "trials.csv").read_text() == "something,else\n1,2\n"
    assert not list(out.glob(".*part"))


def test_a_failure_building_one_records_rows_is_its_error_row(tmp_path, monkeypatch, nlp):
    # A value no row builder foresaw raised in the parent and stopped the whole run.
    from extractor.tables import rows as rows_module

    design_columns = rows_module.design_columns

    def failing_for_one(record, doc, text_size):
        if record.id == "NCT00000001":
            raise TypeError("unforeseen value")
        return design_columns(record, doc, text_size)

    monkeypatch.setattr(rows_module, "design_columns", failing_for_one)
    source = write_jsonl(tmp_path / "t.jsonl", 3)
    summary = run_extraction(nlp, [source], tmp_path / "out", fmt="csv")
    assert (summary.records, summary.errors) == (2, 1)
    errors = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert errors[["record_id", "stage"]].values.tolist() == [["NCT00000001", "rows"]]
    assert errors["reason"].tolist() == ["building rows failed: TypeError: unforeseen value"]
    assert pd.read_csv(tmp_path / "out" / "trials.csv")["id"].tolist() == ["NCT00000000", "NCT00000002"]
    documents = (tmp_path / "out" / "documents.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in documents] == ["NCT00000000", "NCT00000002"]


def test_a_table_that_cannot_be_finished_publishes_no_table(tmp_path, monkeypatch, nlp):
    # Tables were finished and moved into place one by one: a failure at the last left the others published.
    finish = writers.TableSink.finish

    def failing_for_sites(sink):
        if sink.table == "sites":
            raise OSError("disk full")
        finish(sink)

    monkeypatch.setattr(writers.TableSink, "finish", failing_for_sites)
    source = write_jsonl(tmp_path / "t.jsonl", 3)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="disk full"):
        run_extraction(nlp, [source], out, fmt="parquet")
    assert list(out.iterdir()) == []


def test_an_internal_error_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    import extractor.run

    def failing(*args, **kwargs):
        raise RuntimeError("boom\nmore detail")

    monkeypatch.setattr(extractor.run, "run_extraction", failing)
    monkeypatch.delenv("PROTOCOL_FACTS_TRACEBACK", raising=False)
    source = write_jsonl(tmp_path / "t.jsonl", 1)
    assert main(["extract", str(source), "-o", str(tmp_path / "out"), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "protocol-facts: stopped by an internal error: RuntimeError: boom "
        "(please report it; PROTOCOL_FACTS_TRACEBACK=1 shows where it happened)"
    ]
    monkeypatch.setenv("PROTOCOL_FACTS_TRACEBACK", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["extract", str(source), "-o", str(tmp_path / "out"), "-q"])


def test_an_output_folder_inside_the_input_folder_is_not_read(tmp_path, nlp):
    # A second run read the first one's tables as trial records (ids such as "doses").
    source = tmp_path / "trials"
    source.mkdir()
    write_jsonl(source / "t.jsonl", 3)
    first = run_extraction(nlp, [source], source / "out", fmt="csv")
    second = run_extraction(nlp, [source], source / "out", fmt="csv")
    assert (first.records, first.errors) == (second.records, second.errors) == (3, 0)
