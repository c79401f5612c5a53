"""Command-line subcommands ``evaluate``, ``agree`` and ``convert``.

The project's CLI adds them with :func:`register`; each subparser sets ``func`` to its ``run_*``
function, which returns the exit code: 0 success, 1 invalid input (bad file, schema problems,
documents that cannot be paired), 2 usage errors (argparse). Bad input gives one-line messages on
stderr, never a traceback. ``python -m extractor.evaluation`` runs the same commands standalone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from extractor.evaluation.gold import ValidationError
from extractor.evaluation.metrics import EvaluationError

#: At most this many problems are printed; the rest are counted.
MAX_PRINTED_PROBLEMS = 50
EXIT_OK, EXIT_INVALID_INPUT = 0, 1
#: Prefix of error lines, as in the rest of the CLI.
PROG = "protocol-facts"


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_INVALID_INPUT


def _guarded(action: Callable[[], int]) -> int:
    """Run ``action``, turning expected input errors into one-line messages and exit code 1."""
    try:
        return action()
    except ValidationError as err:
        _fail(f"{len(err.problems)} annotation problem(s)")
        for problem in err.problems[:MAX_PRINTED_PROBLEMS]:
            _fail(str(problem))
        if len(err.problems) > MAX_PRINTED_PROBLEMS:
            _fail(f"… and {len(err.problems) - MAX_PRINTED_PROBLEMS} more")
        return EXIT_INVALID_INPUT
    except EvaluationError as err:
        for problem in err.problems:
            _fail(problem)
        return EXIT_INVALID_INPUT
    except FileNotFoundError as err:
        return _fail(f"file not found: {err.filename or err}")
    except (OSError, ValueError) as err:
        return _fail(str(err))


def _print_summary(metrics: dict[str, Any], out_dir: str | None) -> None:
    from extractor.evaluation.formatting import summary_lines

    print("\n".join(summary_lines(metrics)))
    if out_dir:
        print(f"reports written to {out_dir}/ (metrics.json, report.md, report.html)")


def run_evaluate(args: argparse.Namespace) -> int:
    """``evaluate GOLD [--pred PRED] -o DIR``: score predictions (or the extractor) against gold."""
    from extractor.evaluation.workflow import evaluate

    def action() -> int:
        metrics = evaluate(
            args.gold,
            args.pred,
            args.out,
            n_boot=args.bootstrap,
            seed=args.seed,
            html_errors_only=args.html_errors_only,
            html_max_docs=args.html_max_docs,
        )
        _print_summary(metrics, args.out)
        return EXIT_OK

    return _guarded(action)


def run_agree(args: argparse.Namespace) -> int:
    """``agree A B [-o DIR]``: inter-annotator agreement on the shared documents."""
    from extractor.evaluation.workflow import agree

    def action() -> int:
        metrics = agree(args.a, args.b, args.out, n_boot=args.bootstrap, seed=args.seed)
        _print_summary(metrics, args.out)
        print("F1 is symmetric: swapping A and B swaps precision and recall only.")
        return EXIT_OK

    return _guarded(action)


def run_convert(args: argparse.Namespace) -> int:
    """``convert SRC DST --from FMT --to FMT``: between JSONL and annotation tools' formats."""
    from extractor.evaluation.interop import convert

    def action() -> int:
        report = convert(args.src, args.dst, args.src_format, args.dst_format)
        print(f"converted {report.n_docs} document(s), {report.n_spans} span(s): {args.src} -> {args.dst}")
        for note in report.notes[:MAX_PRINTED_PROBLEMS]:
            print(f"note: {note}")
        if len(report.notes) > MAX_PRINTED_PROBLEMS:
            print(f"note: … and {len(report.notes) - MAX_PRINTED_PROBLEMS} more")
        return EXIT_OK

    return _guarded(action)


def _add_bootstrap_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=1000,
        metavar="N",
        help="bootstrap resamples of documents for 95%% intervals (0: none; default 1000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")


def register(subparsers: Any) -> None:
    """Add ``evaluate``, ``agree`` and ``convert`` to an argparse subparsers object."""
    from extractor.evaluation.interop import ALIASES, FORMATS

    evaluate = subparsers.add_parser(
        "evaluate",
        help="score predictions against hand annotations",
        description=(
            "Score predictions (a JSONL file, or the extractor run on the gold texts) against hand "
            "annotations; writes metrics.json, report.md and a self-contained report.html."
        ),
    )
    evaluate.add_argument("gold", metavar="GOLD.jsonl", help="hand annotations (schema JSONL)")
    evaluate.add_argument(
        "--pred",
        metavar="FACTS.jsonl",
        help="predictions in the same format; without it the extractor runs on the gold texts",
    )
    evaluate.add_argument(
        "-o",
        "--out",
        default="protocol-facts-eval",
        metavar="DIR",
        help="directory for the reports (default: %(default)s)",
    )
    _add_bootstrap_options(evaluate)
    evaluate.add_argument(
        "--html-errors-only", action="store_true", help="show only documents with errors in report.html"
    )
    evaluate.add_argument("--html-max-docs", type=int, metavar="N", help="show at most N documents in report.html")
    evaluate.set_defaults(func=run_evaluate)

    agree = subparsers.add_parser(
        "agree",
        help="agreement between two annotators' files",
        description=(
            "Agreement between two annotators' files on their shared documents (A treated as gold; F1 is symmetric)."
        ),
    )
    agree.add_argument("a", metavar="A.jsonl")
    agree.add_argument("b", metavar="B.jsonl")
    agree.add_argument("-o", "--out", metavar="DIR", help="directory for the reports (optional)")
    _add_bootstrap_options(agree)
    agree.set_defaults(func=run_agree)

    names = ", ".join(FORMATS) + "; aliases: " + ", ".join(f"{k}={v}" for k, v in ALIASES.items())
    convert = subparsers.add_parser(
        "convert",
        help="convert annotations between formats",
        description=(f"Convert annotations between the schema JSONL and annotation tools' formats. Formats: {names}."),
    )
    convert.add_argument("src", metavar="SRC")
    convert.add_argument("dst", metavar="DST")
    convert.add_argument("--from", dest="src_format", required=True, metavar="FMT", help=f"input format ({names})")
    convert.add_argument("--to", dest="dst_format", required=True, metavar="FMT", help="output format")
    convert.set_defaults(func=run_convert)


def main(argv: Sequence[str] | None = None) -> int:
    """Standalone entry point (``python -m extractor.evaluation``)."""
    parser = argparse.ArgumentParser(prog="python -m extractor.evaluation")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)
