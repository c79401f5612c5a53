"""Checkpoints: tables published along the way, so a run killed outright loses only the records since."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest
from output_folders import output_bytes
from synthetic_trials import write_jsonl

from extractor.api import load
from extractor.cli import main
from extractor.run import CheckpointClock, run_extraction
from extractor.tables import writers
from extractor.tables.publication import INTENT_NAME
from extractor.workers import Extracted


@pytest.fixture(scope="module")
def nlp():
    return load()


def test_the_clock_counts_from_the_end_of_the_last_checkpoint_and_never_without_an_interval():
    now = [0.0]
    clock = CheckpointClock(10, clock=lambda: now[0])
    assert not clock.due()
    now[0] = 10.0
    assert clock.due()
    now[0] = 25.0  # the checkpoint took 15 s, longer than the interval
    clock.restart()
    assert not clock.due(), "not due again right after a long checkpoint"
    now[0] = 35.0
    assert clock.due()
    assert not CheckpointClock(None, clock=lambda: 1e9).due()


def published_trials(folder, fmt):
    """Rows of the published trials table."""
    path = folder / f"trials.{fmt}"
    if fmt == "parquet":
        return pq.ParquetFile(path).metadata.num_rows
    return len(path.read_text(encoding="utf-8").splitlines()) - (fmt == "csv")


@pytest.mark.parametrize(("fmt", "n_process"), [("csv", 1), ("jsonl", 1), ("parquet", 1), ("parquet", 2)])
def test_a_checkpoint_after_every_record_gives_the_bytes_of_a_run_without(nlp, tmp_path, monkeypatch, fmt, n_process):
    monkeypatch.setattr(writers, "ROW_GROUP_ROWS", 16)  # row groups cut across checkpoints, too
    source = write_jsonl(tmp_path / "t.jsonl", 24, corrupt={3})
    run_extraction(nlp, [source], tmp_path / "whole", fmt=fmt)
    seen = []

    def check_published(item):  # called before the item's checkpoint: the tables hold every record before it
        if seen:
            assert published_trials(tmp_path / "out", fmt) == sum(isinstance(i, Extracted) for i in seen)
        seen.append(item)

    summary = run_extraction(
        nlp, [source], tmp_path / "out", fmt=fmt, n_process=n_process, on_item=check_published, checkpoint_seconds=0
    )
    assert (summary.records, summary.errors, summary.checkpoints) == (23, 1, 24)
    assert output_bytes(tmp_path / "out") == output_bytes(tmp_path / "whole")


def test_a_run_killed_outright_goes_on_from_its_last_checkpoint(nlp, tmp_path):
    source = write_jsonl(tmp_path / "t.jsonl", 300, corrupt={7})
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extractor", "extract", str(source), "-o", str(out), "-q"]
    proc = subprocess.Popen([*command, "--checkpoint-minutes", "0.0001"], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not (out / "trials.csv").exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert (out / "trials.csv").exists(), f"no checkpoint published within 120 s (exit code {proc.poll()})"
        proc.send_signal(signal.SIGKILL)  # no handler runs: what is published is what the checkpoints left
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    kept = len((out / "trials.csv").read_text().splitlines()) - 1
    assert 0 < kept < 299, "killed between the first checkpoint and the end"

    resumed = run_extraction(nlp, [source], out, resume=True)
    assert resumed.skipped >= kept and resumed.records + resumed.errors + resumed.skipped == 300
    run_extraction(nlp, [source], tmp_path / "whole")
    assert output_bytes(out) == output_bytes(tmp_path / "whole"), "no record lost, none twice"


def test_a_run_killed_while_publishing_is_completed_before_resuming(nlp, tmp_path):
    out, later, path = tmp_path / "out", tmp_path / "later", tmp_path / "t.jsonl"
    run_extraction(nlp, [write_jsonl(path, 8)], out)  # the tables of the checkpoint before: 8 records
    run_extraction(nlp, [write_jsonl(path, 14)], later)  # those of the one being published: 14
    source = write_jsonl(path, 20)
    # What a kill after the first two moves of that publication leaves in the folder.
    names = sorted(p.name for p in later.iterdir())
    for name in names:
        shutil.copyfile(later / name, out / f".{name}.part")
    (out / INTENT_NAME).write_text(json.dumps({"moves": [[f".{n}.part", n] for n in names]}))
    for name in names[:2]:
        os.replace(out / f".{name}.part", out / name)

    resumed = run_extraction(nlp, [source], out, resume=True)

    assert (resumed.skipped, resumed.records) == (14, 6), "all 14 published records are done, none twice"
    run_extraction(nlp, [source], tmp_path / "whole")
    assert output_bytes(out) == output_bytes(tmp_path / "whole")


def test_xlsx_is_published_at_the_end_only(nlp, tmp_path):
    # A published XLSX cannot be read back as written ("=X1" comes back empty), so it is never reopened.
    source = write_jsonl(tmp_path / "t.jsonl", 3)
    summary = run_extraction(nlp, [source], tmp_path / "out", fmt="xlsx", checkpoint_seconds=0)
    assert (summary.records, summary.checkpoints) == (3, 0)


@pytest.mark.parametrize("failure", ["ctrl-c", "disk"])
def test_a_publication_that_fails_part_way_loses_no_record(nlp, tmp_path, monkeypatch, failure):
    path, out = tmp_path / "t.jsonl", tmp_path / "out"
    run_extraction(nlp, [write_jsonl(path, 5)], out)
    source = write_jsonl(path, 12)
    real_replace = os.replace
    moves = []

    def failing_replace(src, dst):
        moves.append(dst)
        if failure == "ctrl-c" and len(moves) == 3:
            raise KeyboardInterrupt  # a second Ctrl-C: the other moves are made before it ends the run
        if failure == "disk" and str(dst).endswith("trials.csv") and len(moves) < 20:
            raise OSError("no space left")  # the move fails, and again when retried: the next run makes it
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(KeyboardInterrupt if failure == "ctrl-c" else OSError):
        run_extraction(nlp, [source], out, resume=True)
    monkeypatch.undo()
    assert (out / INTENT_NAME).exists() == (failure == "disk")

    again = run_extraction(nlp, [source], out, resume=True)

    assert again.skipped == 12 and again.records == 0, "every table holds the 12 records"
    run_extraction(nlp, [source], tmp_path / "whole")
    assert output_bytes(out) == output_bytes(tmp_path / "whole")


def test_cli_checkpoint_minutes_must_not_be_negative(capsys):
    assert main(["extract", "--checkpoint-minutes", "-1", "-q"]) == 2
    assert "--checkpoint-minutes must be 0 or more" in capsys.readouterr().err
