"""Ctrl-C and SIGTERM: the run stops between records, publishes what is done, and --resume goes on."""

from __future__ import annotations

import os
import signal

import pytest
from output_folders import output_bytes
from synthetic_trials import write_jsonl

from extractor import run as run_module
from extractor.api import load
from extractor.cli import main
from extractor.graceful_stop import GracefulStop
from extractor.run import run_extraction


@pytest.fixture(scope="module")
def nlp():
    return load()


def test_the_first_signal_is_a_request_the_second_ctrl_c_stops_at_once():
    before = signal.getsignal(signal.SIGINT)
    with GracefulStop() as stopping:
        assert not stopping.requested()
        os.kill(os.getpid(), signal.SIGTERM)
        assert (stopping.requested(), stopping.exit_code) == (True, 143)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is before, "the handlers are put back"


@pytest.mark.parametrize(("fmt", "n_process"), [("csv", 1), ("jsonl", 1), ("parquet", 1), ("xlsx", 1), ("csv", 2)])
def test_a_stopped_run_then_resumed_gives_the_bytes_of_one_run(nlp, tmp_path, fmt, n_process):
    source = write_jsonl(tmp_path / "t.jsonl", 30, corrupt={4})
    run_extraction(nlp, [source], tmp_path / "whole", fmt=fmt)
    done = []
    out = tmp_path / "out"
    first = run_extraction(
        nlp,
        [source],
        out,
        fmt=fmt,
        n_process=n_process,
        batch_size=2,
        on_item=done.append,
        stop=lambda: len(done) >= 12,
    )
    assert (first.interrupted, first.records + first.errors) == (True, 12)
    resumed = run_extraction(nlp, [source], out, fmt=fmt, resume=True)
    assert (resumed.interrupted, resumed.skipped, resumed.records + resumed.errors) == (False, 12, 18)
    assert output_bytes(out) == output_bytes(tmp_path / "whole")


def _signal_after(monkeypatch, items, *signals):
    """Make the run's records arrive as usual, ``signals`` sent to this process after ``items`` of them."""
    real = run_module.iter_extracted

    def signalling(*args, **kwargs):
        for n, item in enumerate(real(*args, **kwargs), 1):
            yield item
            if n == items:
                for number in signals:
                    os.kill(os.getpid(), number)

    monkeypatch.setattr(run_module, "iter_extracted", signalling)


@pytest.mark.parametrize(("number", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_cli_stopped_by_a_signal_keeps_the_records_done(tmp_path, monkeypatch, capsys, number, code):
    source = write_jsonl(tmp_path / "t.jsonl", 20)
    out = tmp_path / "out"
    _signal_after(monkeypatch, 3, number)
    assert main(["extract", str(source), "-o", str(out), "-q"]) == code
    err = capsys.readouterr().err
    assert "stopping after the records in progress" in err
    assert f"stopped by {signal.Signals(number).name}" in err and "--resume to go on" in err
    assert len((out / "trials.csv").read_text().splitlines()) == 1 + 3

    monkeypatch.undo()
    assert main(["extract", str(source), "-o", str(out), "-q", "--resume"]) == 0
    run_extraction(load(), [source], tmp_path / "whole", fmt="csv")
    assert output_bytes(out) == output_bytes(tmp_path / "whole")


def test_cli_ctrl_c_twice_publishes_nothing(tmp_path, monkeypatch, capsys):
    source = write_jsonl(tmp_path / "t.jsonl", 20)
    out = tmp_path / "out"
    _signal_after(monkeypatch, 3, signal.SIGINT, signal.SIGINT)
    assert main(["extract", str(source), "-o", str(out), "-q"]) == 130
    assert "the tables hold what was last published, if anything" in capsys.readouterr().err
    assert list(out.iterdir()) == []
