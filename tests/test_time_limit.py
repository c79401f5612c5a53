"""The time limit of one record: the timer itself, then records that overrun it in a batch and in a run.

Slow records are made by a component that keeps busy for 5 s on texts holding "SLOW" (and fails on "FAIL"),
so every case is exact and costs fractions of a second; one test runs a real slow shape through the command.
"""

from __future__ import annotations

import contextlib
import re
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extractor.api import load
from extractor.batch import Processed, process_records
from extractor.cli import main
from extractor.pipeline.assemble import build_nlp
from extractor.records import ReadError, Record
from extractor.time_limit import RecordTimeout, can_limit_time, time_limit
from extractor.workers import FreshPipeline, iter_extracted, record_rows

LIMIT = 0.3


def _busy(seconds: float) -> None:
    """Python code running for ``seconds`` (what a slow rule looks like; a sleep would be stopped too)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


class Slow:
    """Takes 5 s on a text with "SLOW", fails on one with "FAIL"."""

    def __call__(self, doc: Doc) -> Doc:
        if "SLOW" in doc.text:
            _busy(5)
        return self.fail(doc)

    @staticmethod
    def fail(doc: Doc) -> Doc:
        if "FAIL" in doc.text:
            raise ValueError("a failing record")
        return doc


class SlowInBatches(Slow):
    """The same, with a ``pipe`` of its own that takes all the Docs it is given before it returns any."""

    def pipe(self, docs, batch_size: int = 64):
        batch = list(docs)
        return [self(doc) for doc in batch]


@Language.factory("test_slow_on_text", default_config={"batches": False})
def make_slow(nlp: Language, name: str, batches: bool) -> Slow:
    return SlowInBatches() if batches else Slow()


def slow_pipeline(batches: bool = False) -> Language:
    nlp = build_nlp()  # a pipeline of its own: the one load() shares stays as it is
    nlp.add_pipe("test_slow_on_text", config={"batches": batches})
    return nlp


def record(i: int, words: str = "") -> Record:
    text = f"Trial {i}. Patients receive 1 million cells/kg intravenously. {words}"
    return Record(id=f"NCT{i:08d}", text=text, source=f"t.jsonl:{i + 1}", kind="jsonl")


pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer on this system")


# --- the timer -------------------------------------------------------------------------------------


def test_a_block_that_overruns_is_stopped_near_its_limit():
    started = time.monotonic()
    with pytest.raises(RecordTimeout), time_limit(LIMIT):
        _busy(5)
    assert LIMIT <= time.monotonic() - started < LIMIT + 1


def test_a_regular_expression_is_stopped_in_the_middle_of_its_search():
    """A nested quantifier that would search for hours: the timer stops the engine itself."""

    def search() -> re.Match[str] | None:  # a block is a call (the limit stops what the block calls)
        return re.match(r"(a+)+b", "a" * 40)

    started = time.monotonic()
    with pytest.raises(RecordTimeout), time_limit(LIMIT):
        search()
    assert time.monotonic() - started < LIMIT + 1


class SwallowsOnCollection:
    """Code that swallows any exception: what Python does with one raised in a ``__del__`` (or a weak
    reference's callback) that the signal happened to interrupt."""

    def __del__(self) -> None:
        with contextlib.suppress(BaseException):  # the point: the first RecordTimeout is lost here
            _busy(2 * LIMIT)


def test_a_limit_whose_first_exception_is_swallowed_still_stops_the_block():
    # In the test suite's own process a record once ran seconds past its limit, into the rows stage: its
    # first RecordTimeout was lost, most likely raised in such code run by a collection.
    started = time.monotonic()
    with pytest.raises(RecordTimeout), time_limit(LIMIT):
        SwallowsOnCollection()  # collected at once: the limit runs out in its __del__
        _busy(5)
    assert LIMIT <= time.monotonic() - started < 2 * LIMIT + 1
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_timer_raises_only_in_what_the_block_calls():
    """The timer rings again after the limit until ``__exit__`` stops it. A ring in the block's own frame
    (its call has returned: the block is ending) or in ``__exit__`` must not raise, or the exception would
    leave the block with its timer still ringing; a ring in anything the block calls raises."""
    from types import SimpleNamespace

    from extractor import time_limit as module

    block = SimpleNamespace(f_code=_busy.__code__, f_back=None)
    called = SimpleNamespace(f_code=_busy.__code__, f_back=SimpleNamespace(f_code=_busy.__code__, f_back=block))
    exiting = SimpleNamespace(f_code=time_limit.__exit__.__code__, f_back=block)
    elsewhere = SimpleNamespace(f_code=_busy.__code__, f_back=None)
    module._state.update(armed=True, block=block)
    try:
        for frame in (block, exiting, elsewhere, None):
            module._on_alarm(signal.SIGALRM, frame)  # type: ignore[arg-type]
        with pytest.raises(RecordTimeout):
            module._on_alarm(signal.SIGALRM, called)  # type: ignore[arg-type]
    finally:
        module._state.update(armed=False, block=None)


@pytest.mark.parametrize("seconds", [None, 0, float("inf")])
def test_no_limit(seconds):
    with time_limit(seconds):
        _busy(LIMIT + 0.1)


def test_a_block_within_its_limit_leaves_no_timer_and_the_handler_as_it_was():
    def mine(signum, frame):
        raise AssertionError("the caller's handler ran")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with time_limit(5):
            pass
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_nothing_is_limited():
    results = {}

    def work():
        results["can"] = can_limit_time()
        with time_limit(0.1):
            _busy(0.3)
        results["done"] = True

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert results == {"can": False, "done": True}


# --- records in a batch ----------------------------------------------------------------------------


@pytest.mark.parametrize("batches", [False, True], ids=["one_doc_at_a_time", "component_with_pipe"])
def test_the_record_that_overruns_is_the_error_row_and_the_batch_goes_on(batches):
    """Also when the record before it failed (spaCy drops it from the stream, and it is retried alone)."""
    records = [record(0), record(1, "FAIL"), record(2, "SLOW"), record(3), record(4, "SLOW"), record(5)]
    started = time.monotonic()
    out = list(process_records(slow_pipeline(batches), records, batch_size=2, seconds=LIMIT))
    assert [type(x).__name__ for x in out] == [
        "Processed",
        "ReadError",
        "ReadError",
        "Processed",
        "ReadError",
        "Processed",
    ]
    assert [x.record.id for x in out if isinstance(x, Processed)] == ["NCT00000000", "NCT00000003", "NCT00000005"]
    assert "a failing record" in out[1].reason
    for i in (2, 4):
        assert (out[i].record_id, out[i].source, out[i].stage) == (f"NCT0000000{i}", f"t.jsonl:{i + 1}", "process")
        assert out[i].reason == f"time limit: process took longer than {LIMIT:g} s, the limit for one record; left out"
    # Each slow record costs its limit once (twice when a batching component hides which record it was).
    assert time.monotonic() - started < (4 if batches else 2) * LIMIT + 3


@pytest.mark.parametrize("batches", [False, True], ids=["one_doc_at_a_time", "component_with_pipe"])
def test_a_failing_record_is_an_error_row_and_runs_once_unless_a_batch_hides_it(batches, monkeypatch):
    """spaCy hands the failed Doc to the error handler, which keeps the reason: no second run of a record
    whose failure may come late (a record past the cap of facts). A component failing a whole batch leaves
    the record to be run again alone."""
    runs: list[str] = []
    monkeypatch.setattr(Slow, "__call__", lambda self, doc: runs.append(doc.text) or Slow.fail(doc))
    records = [record(0), record(1, "FAIL"), record(2)]
    out = list(process_records(slow_pipeline(batches), records, batch_size=1 if not batches else 3))
    assert [type(x).__name__ for x in out] == ["Processed", "ReadError", "Processed"]
    assert out[1].reason == "processing failed: ValueError: a failing record"
    assert (out[1].record_id, out[1].source, out[1].stage) == ("NCT00000001", "t.jsonl:2", "process")
    assert sum("FAIL" in text for text in runs) == (2 if batches else 1)


def test_records_after_an_overrun_get_the_rows_they_get_without_it():
    nlp = slow_pipeline()
    plain = [record(i, "Doses: 2 x 10^6 cells/kg.") for i in range(4)]
    expected = record_rows(nlp, plain)
    rows = record_rows(nlp, [plain[0], record(9, "SLOW"), *plain[1:]], batch_size=2, seconds=LIMIT)
    assert isinstance(rows[1], ReadError)
    assert [rows[0], *rows[2:]] == expected


def test_building_rows_has_the_limit_too(monkeypatch):
    import extractor.workers as workers

    def slow_rows(item):
        if "SLOW-ROWS" in item.record.text:
            _busy(5)
        return real(item)

    real = workers.rows_or_error
    monkeypatch.setattr(workers, "rows_or_error", slow_rows)
    rows = record_rows(load(), [record(0), record(1, "SLOW-ROWS"), record(2)], seconds=LIMIT)
    assert isinstance(rows[1], ReadError) and rows[1].stage == "rows"
    assert rows[1].reason.startswith("time limit: rows took longer than")
    assert rows[2]["trials"][0]["id"] == "NCT00000002"


def test_a_pipeline_interrupted_mid_record_is_replaced_by_a_fresh_copy():
    nlp = slow_pipeline()
    fresh = FreshPipeline(nlp)
    fresh.rows([record(0), record(1, "SLOW")], seconds=LIMIT)
    assert fresh.nlp is nlp, "renewed before the next records, not during the run of these"
    rows = fresh.rows([record(2)], seconds=LIMIT)
    assert fresh.nlp is not nlp and rows[0]["trials"][0]["id"] == "NCT00000002"


@pytest.mark.skipif(sys.platform == "win32", reason="worker processes by fork")
def test_worker_processes_limit_their_records():
    records = [record(i, "SLOW" if i == 3 else "") for i in range(8)]
    out = list(iter_extracted(slow_pipeline(), records, n_process=2, batch_size=1, seconds=LIMIT))
    assert [isinstance(x, ReadError) for x in out] == [i == 3 for i in range(8)]
    assert out[3].reason.startswith("time limit: process")


# --- a run -----------------------------------------------------------------------------------------


def test_a_run_refuses_a_negative_limit(tmp_path):
    from extractor.run import run_extraction

    with pytest.raises(ValueError, match="record_timeout"):
        run_extraction(load(), [], tmp_path, record_timeout=-1)


@pytest.mark.parametrize("value", ["-1", "nan"])
def test_the_cli_refuses_a_negative_limit(value, capsys):
    assert main(["extract", "-o", "out", "--record-timeout", value]) == 2
    assert "--record-timeout must be 0 or more" in capsys.readouterr().err


def test_a_record_of_a_slow_shape_becomes_an_error_row_and_the_run_goes_on(tmp_path, capsys):
    """One sentence of 16,000 doses of 800 interventions (560 KB, the shape of benchmarks/worst_cases.py's
    ``one_sentence_of_doses``): 7 s of processing without a limit on the 2-vCPU machine of 2026-12-07."""
    import json

    import pandas as pd

    doses = ", ".join(f"Drugamab{i % 800} {i % 9 + 1} mg/kg intravenously" for i in range(16_000))
    slow = {"id": "NCT09999999", "text": f"Patients receive {doses}."}
    lines = [json.dumps({"id": r.id, "text": r.text}) for r in (record(0), record(1))]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([lines[0], json.dumps(slow), lines[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    assert main(["extract", str(path), "-o", str(out), "-q", "--record-timeout", "0.5"]) == 0
    assert time.monotonic() - started < 8
    assert "in.jsonl:2 [NCT09999999]: time limit: process took longer than 0.5 s" in capsys.readouterr().err
    errors = pd.read_csv(Path(out) / "errors.csv")
    assert errors[["record_id", "stage"]].values.tolist() == [["NCT09999999", "process"]]
    assert pd.read_csv(Path(out) / "trials.csv")["id"].tolist() == ["NCT00000000", "NCT00000001"]


def test_with_spacys_worker_processes_no_record_is_timed_in_the_parent():
    """``process_records(n_process=2)`` runs spaCy's own workers: the parent cannot tell which record is slow."""
    records = [record(i) for i in range(3)]
    out = list(process_records(load(), records, n_process=2, seconds=1e-4))
    assert [x.record.id for x in out if isinstance(x, Processed)] == [r.id for r in records]
