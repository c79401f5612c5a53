"""The evaluate / agree / convert commands and the file-level API."""

from __future__ import annotations

import argparse
import json

import pytest

from extractor.evaluation import evaluate
from extractor.evaluation.commands import main, register
from extractor.evaluation.gold import load_annotations


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_register_adds_three_subcommands():
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["convert", "a", "b", "--from", "brat", "--to", "jsonl"])
    assert (args.src_format, args.dst_format) == ("brat", "jsonl")
    assert callable(args.func)
    args = parser.parse_args(["evaluate", "g.jsonl", "-o", "out"])
    assert (args.pred, args.bootstrap, args.seed, args.html_errors_only) == (None, 1000, 0, False)
    assert parser.parse_args(["agree", "a.jsonl", "b.jsonl"]).out is None


def test_evaluate_with_predictions(capsys, fixtures, tmp_path):
    out_dir = tmp_path / "eval"
    code, out, err = _run(
        capsys, "evaluate", fixtures / "gold_small.jsonl", "--pred", fixtures / "pred_small.jsonl",
        "-o", out_dir, "--bootstrap", "50", "--seed", "3",
    )  # fmt: skip
    assert code == 0, err
    assert "4 document(s) scored" in out
    assert "ROUTE" in out and "micro" in out and "0.64/0.54/0.58" in out  # strict micro P/R/F1 (7/11, 7/13)
    assert "warning: 1 gold document(s) without prediction" in out
    metrics = json.loads((out_dir / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["bootstrap"]["n"] == 50 and metrics["bootstrap"]["seed"] == 3
    assert (out_dir / "report.html").exists() and (out_dir / "report.md").exists()


def test_agree_prints_summary_and_optional_reports(capsys, fixtures, tmp_path):
    code, out, _ = _run(capsys, "agree", fixtures / "gold_small.jsonl", fixtures / "pred_small.jsonl")
    assert code == 0
    assert "3 document(s) scored (A: 4, B: 4, shared)" in out
    assert "symmetric" in out
    assert list(tmp_path.iterdir()) == []
    code, out, _ = _run(
        capsys,
        "agree",
        fixtures / "gold_small.jsonl",
        fixtures / "pred_small.jsonl",
        "-o",
        tmp_path / "agree",
    )
    assert code == 0 and (tmp_path / "agree" / "report.html").exists()


def test_convert_command(capsys, fixtures, tmp_path):
    code, out, _ = _run(
        capsys, "convert", fixtures / "brat_foreign", tmp_path / "x.jsonl", "--from", "brat", "--to", "jsonl"
    )
    assert code == 0
    assert "converted 2 document(s), 4 span(s)" in out
    assert "note: doc1.ann:11: discontinuous span T4 merged to 0-22" in out
    assert [d.id for d in load_annotations(tmp_path / "x.jsonl")] == ["doc1", "doc2"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evaluate", "{invalid}", "--pred", "{gold}", "-o", "{tmp}"], "annotation problem(s)"),
        (["evaluate", "{tmp}/missing.jsonl", "-o", "{tmp}"], "file not found"),
        (["agree", "{gold}", "{tricky}"], "no document id in common"),
        (["convert", "{gold}", "{tmp}/x", "--from", "jsonl", "--to", "excel"], "unknown format 'excel'"),
        (["convert", "{tmp}", "{tmp}/x", "--from", "labelstudio", "--to", "jsonl"], ""),
    ],
)
def test_bad_input_gives_one_line_errors_and_exit_1(capsys, fixtures, tmp_path, argv, message):
    names = {
        "invalid": fixtures / "invalid.jsonl",
        "gold": fixtures / "gold_small.jsonl",
        "tricky": fixtures / "tricky.jsonl",
        "tmp": tmp_path,
    }
    code, _, err = _run(capsys, *(a.format(**names) for a in argv))
    assert code == 1
    assert "Traceback" not in err
    assert err.strip(), "an error message is printed"
    assert all(line.startswith("protocol-facts: ") for line in err.strip().splitlines())
    assert message in err


def test_validation_errors_are_listed_with_location(capsys, fixtures, tmp_path):
    code, _, err = _run(capsys, "evaluate", fixtures / "invalid.jsonl", "-o", tmp_path)
    assert code == 1
    assert f"{fixtures / 'invalid.jsonl'}:5: record bad-label: spans[0] has unknown label 'DRUG'" in err


def test_mismatched_texts_are_reported(capsys, fixtures, tmp_path):
    pred = load_annotations(fixtures / "pred_small.jsonl")
    lines = [json.dumps({**d.to_dict(), "text": d.text.upper()}) for d in pred]
    (tmp_path / "p.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = _run(
        capsys, "evaluate", fixtures / "gold_small.jsonl", "--pred", tmp_path / "p.jsonl", "-o", tmp_path
    )
    assert code == 1
    assert "document D1: predicted text differs from gold text (first at offset 1)" in err


def test_evaluate_api_returns_metrics_and_writes_reports(fixtures, tmp_path):
    metrics = evaluate(fixtures / "gold_small.jsonl", fixtures / "pred_small.jsonl", tmp_path, n_boot=20)
    assert metrics["overlap"]["micro"]["tp"] == 10
    assert metrics["files"]["pred"].endswith("pred_small.jsonl")
    assert (tmp_path / "metrics.json").exists()
    assert (
        evaluate(fixtures / "gold_small.jsonl", fixtures / "gold_small.jsonl", n_boot=0)["strict"]["micro"]["f1"] == 1.0
    )


def _extractor_available() -> bool:
    try:
        from extractor.api import predict_documents  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _extractor_available(), reason="extractor.api.predict_documents not available")
def test_evaluate_runs_the_extractor_without_pred(capsys, fixtures, tmp_path):
    code, out, err = _run(capsys, "evaluate", fixtures / "gold_small.jsonl", "-o", tmp_path, "--bootstrap", "0")
    assert code == 0, err
    assert "4 document(s) scored" in out
    predictions = load_annotations(tmp_path / "predictions.jsonl")
    assert [d.id for d in predictions] == ["D1", "D2", "D3", "D5"]
    metrics = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["files"]["pred"] == "extractor"
    assert metrics["documents"]["missing_pred"] == 0


def test_project_cli_offers_the_commands():
    cli = pytest.importorskip("extractor.cli")
    if not hasattr(cli, "build_parser"):
        pytest.skip("the project CLI has no build_parser")
    args = cli.build_parser().parse_args(["convert", "a", "b", "--from", "brat", "--to", "jsonl"])
    assert args.func.__name__ == "run_convert"
