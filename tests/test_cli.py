"""The protocol-facts command: extract on the embedded examples and on bad input, clear errors."""

import pandas as pd
import pytest

from extractor.cli import main


def test_extract_without_input_runs_the_examples(tmp_path, capsys):
    assert main(["extract", "-o", str(tmp_path), "-q"]) == 0
    out = capsys.readouterr().out
    assert "Records: 6" in out and "errors: 0" in out
    trials = pd.read_csv(tmp_path / "trials.csv")
    assert {"NCT03211793", "NCT04356755"} <= set(trials["id"])
    assert (tmp_path / "documents.jsonl").exists()
    assert not list(tmp_path.glob(".*part"))


def test_missing_file_is_an_error_row_and_nothing_read_is_exit_1(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.json"), "-o", str(tmp_path / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "nope.json" in err and "Traceback" not in err
    assert len(pd.read_csv(tmp_path / "out" / "errors.csv")) == 1


def test_unknown_option_is_a_clear_message(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "--frobnicate"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --frobnicate" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "xlsx"])
def test_formats(tmp_path, fmt):
    assert main(["extract", "-o", str(tmp_path), "--format", fmt, "-q"]) == 0
    assert (tmp_path / f"facts.{fmt}").exists() and (tmp_path / f"doses.{fmt}").exists()
