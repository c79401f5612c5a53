"""Extraction on Dask: partitioned Parquet with the same rows as a single-machine run."""

from __future__ import annotations

import builtins
import shutil
import sys

import pandas as pd
import pytest
from synthetic_trials import write_jsonl

from extractor import distributed
from extractor.api import load
from extractor.cli import main
from extractor.run import run_extraction
from extractor.tables.columns import table_names
from extractor.tables.writers import ResumeError

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    # Threads, not processes: starts in a second and still runs two workers with a pipeline each.
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def read_parts(folder):
    parts = sorted(folder.glob("part-*.parquet"))
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)


def test_partitions_have_the_rows_of_a_single_machine_run(client, tmp_path):
    source = write_jsonl(tmp_path / "t.jsonl", 45, corrupt={17})
    single = tmp_path / "single"
    run_extraction(load(), [source], single, fmt="parquet")
    out = tmp_path / "dask"
    summary = distributed.run_distributed([source], out, client=client, partition_size=10)

    assert (summary.records, summary.errors) == (44, 1)
    for table in table_names():
        parts = sorted((out / table).glob("*.parquet"))
        assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(5)]
        expected = pd.read_parquet(single / f"{table}.parquet")
        pd.testing.assert_frame_equal(read_parts(out / table), expected, check_dtype=True)
    documents = sorted((out / "documents").glob("part-*.jsonl"))
    lines = [line for p in documents for line in p.read_text().splitlines()]
    assert lines == (single / "documents.jsonl").read_text().splitlines()
    assert not list(out.glob(".*")), "the staging folder is gone"


def test_a_second_run_replaces_the_table_folders(client, tmp_path):
    out = tmp_path / "dask"
    distributed.run_distributed([write_jsonl(tmp_path / "a.jsonl", 25)], out, client=client, partition_size=10)
    distributed.run_distributed([write_jsonl(tmp_path / "b.jsonl", 5)], out, client=client, partition_size=10)
    assert len(list((out / "trials").glob("*.parquet"))) == 1
    assert len(read_parts(out / "trials")) == 5


def test_records_round_trip_as_plain_tuples(tmp_path):
    from extractor.readers import iter_records

    record = next(iter_records([write_jsonl(tmp_path / "t.jsonl", 1)]))
    assert distributed.from_tuple(distributed.to_tuple(record)) == record


def test_without_dask_the_cli_says_what_to_install(tmp_path, monkeypatch, capsys):
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    for name in [m for m in sys.modules if m.split(".")[0] in ("dask", "distributed")]:
        monkeypatch.delitem(sys.modules, name)
    source = write_jsonl(tmp_path / "t.jsonl", 1)
    assert main(["extract", str(source), "-o", str(tmp_path / "out"), "--dask", "local", "-q"]) == 2
    assert "protocol-facts[dask]" in capsys.readouterr().err
    assert not (tmp_path / "out" / "facts").exists()


def test_cli_refuses_dask_with_another_format(tmp_path, capsys):
    source = write_jsonl(tmp_path / "t.jsonl", 1)
    assert main(["extract", str(source), "-o", str(tmp_path), "--dask", "local", "--format", "csv"]) == 2
    assert "partitioned Parquet" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_dask_local_cluster_of_processes(tmp_path):
    source = write_jsonl(tmp_path / "t.jsonl", 30)
    out = tmp_path / "out"
    assert main(["extract", str(source), "-o", str(out), "--dask", "local", "--n-process", "2", "-q"]) == 0
    run_extraction(load(), [source], tmp_path / "single", fmt="parquet")
    pd.testing.assert_frame_equal(read_parts(out / "facts"), pd.read_parquet(tmp_path / "single" / "facts.parquet"))


def _stop_after(n_items):
    """A ``stop`` callback and ``on_item`` pair: stop is asked for once ``n_items`` items are done."""
    seen = []
    return (lambda: len(seen) >= n_items), seen.append


def test_a_stopped_run_resumed_gives_the_rows_of_one_run(client, tmp_path):
    source = write_jsonl(tmp_path / "t.jsonl", 45, corrupt={17})
    whole = tmp_path / "whole"
    distributed.run_distributed([source], whole, client=client, partition_size=5)

    out = tmp_path / "dask"
    stop, on_item = _stop_after(10)
    first = distributed.run_distributed(
        [source], out, client=client, partition_size=5, stop=stop, on_item=on_item, resume=True
    )
    assert first.interrupted and 10 <= first.records + first.errors < 45
    done = first.records + first.errors
    assert done % 5 == 0, "whole partitions only"
    resumed = distributed.run_distributed([source], out, client=client, partition_size=5, resume=True)
    assert (resumed.skipped, resumed.records + resumed.errors, resumed.interrupted) == (done, 45 - done, False)
    for table in [*table_names(), "documents"]:
        suffix = "jsonl" if table == "documents" else "parquet"
        names = [p.name for p in sorted((out / table).glob("part-*"))]
        assert names == [f"part-{i:05d}.{suffix}" for i in range(9)], table
        if table != "documents":
            pd.testing.assert_frame_equal(read_parts(out / table), read_parts(whole / table))
    nothing_new = distributed.run_distributed([source], out, client=client, partition_size=5, resume=True)
    assert (nothing_new.records, nothing_new.errors, nothing_new.skipped) == (0, 0, 45)
    assert len(list((out / "facts").glob("part-*"))) == 9


def test_resume_removes_the_parts_a_stopped_commit_left_half_added(client, tmp_path):
    source = write_jsonl(tmp_path / "t.jsonl", 25)
    out = tmp_path / "dask"
    distributed.run_distributed([source], out, client=client, partition_size=10)
    for table in ("doses", "routes", "documents"):  # a commit of part 3 stopped after these folders
        suffix = "jsonl" if table == "documents" else "parquet"
        (out / table / f"part-00003.{suffix}").write_bytes((out / table / f"part-00002.{suffix}").read_bytes())
    resumed = distributed.run_distributed([source], out, client=client, partition_size=10, resume=True)
    assert (resumed.records, resumed.skipped) == (0, 25)
    assert not (out / "doses" / "part-00003.parquet").exists()
    assert len(read_parts(out / "trials")) == 25


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda out: (out / "doses" / "part-00001.parquet").unlink(), "part 00001 is missing"),
        (lambda out: shutil.rmtree(out / "sites"), "no sites folder"),
        (
            lambda out: pd.DataFrame({"x": [1]}).to_parquet(out / "trials" / "part-00002.parquet"),
            "other columns",
        ),
        (lambda out: (out / "doses" / "part-00002.parquet").write_bytes(b"not parquet"), "cannot read"),
    ],
)
def test_resume_refuses_parts_it_cannot_add_to_and_removes_nothing(client, tmp_path, change, message):
    out = tmp_path / "dask"
    distributed.run_distributed([write_jsonl(tmp_path / "t.jsonl", 25)], out, client=client, partition_size=10)
    change(out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(ResumeError, match=message):
        distributed.run_distributed([tmp_path / "t.jsonl"], out, client=client, partition_size=10, resume=True)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
