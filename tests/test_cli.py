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


@pytest.mark.parametrize("option", [["--batch-size", "0"], ["--batch-size", "-1"], ["--n-process", "0"]])
def test_a_count_below_one_is_a_clear_message(tmp_path, capsys, option):
    # --batch-size 0 ended in "generator raised StopIteration" with nothing written.
    assert main(["extract", "-o", str(tmp_path / "out"), "-q", *option]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"protocol-facts: {option[0]} must be at least 1"


def test_an_empty_input_path_is_an_error_row_not_the_current_folder(tmp_path, capsys, monkeypatch):
    # Path("") is ".": an unset "$DIR" read every file of the current folder as trial records.
    (tmp_path / "notes.txt").write_text("NCT01234567\nPatients receive 10 mg intravenously.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "", "-o", str(tmp_path / "out"), "-q"]) == 1
    assert "protocol-facts: skipped '': empty input path" in capsys.readouterr().err
    assert pd.read_csv(tmp_path / "out" / "errors.csv")["reason"].tolist() == ["empty input path"]


def test_control_characters_in_a_message_are_escaped(tmp_path, capsys):
    # A file name with a newline or an escape sequence split the one-line message or restyled the terminal.
    source = tmp_path / "bad\n\x1b[31mname.json"
    source.write_text("{not json")
    main(["extract", str(source), "-o", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "bad\\n\\x1b[31mname.json" in err
    assert len(err.strip().splitlines()) == 1


def test_a_reader_that_goes_away_is_no_error(tmp_path):
    # "protocol-facts extract ... | head -1" ended with an internal-error message after the tables were out.
    import subprocess
    import sys

    source = tmp_path / "t.jsonl"
    source.write_text('{"id": "NCT00000001", "text": "Patients receive 10 mg intravenously."}\n')
    out = tmp_path / "out"
    proc = subprocess.Popen(  # the summary is printed once the tables are out, to a pipe closed by then
        [sys.executable, "-m", "extractor", "extract", str(source), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 141, err
    assert b"error" not in err.lower()
    assert (out / "trials.csv").exists()


def test_worker_processes_are_forked_from_a_process_with_no_other_thread(tmp_path):
    """A fork while another thread runs (tqdm's monitor, for one) may deadlock in the child."""
    import subprocess
    import sys
    import textwrap

    from synthetic_trials import write_jsonl

    source = write_jsonl(tmp_path / "in.jsonl", 6)
    script = textwrap.dedent(
        f"""
        import os, threading
        fork = os.fork
        def counted_fork():
            print("threads at fork:", threading.active_count(), flush=True)
            return fork()
        os.fork = counted_fork
        from extractor.cli import main
        main(["extract", {str(source)!r}, "-o", {str(tmp_path / "out")!r}, "--n-process", "2", "--batch-size", "1"])
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    counts = [line for line in done.stdout.splitlines() if line.startswith("threads at fork:")]
    assert counts and set(counts) == {"threads at fork: 1"}
