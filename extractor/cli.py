"""The ``protocol-facts`` command: extract, evaluate, agree, convert, save-model."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor import __version__
from extractor.graceful_stop import GracefulStop

if TYPE_CHECKING:
    from extractor.run import RunSummary

_LABEL_ORDER = ("INTERVENTION", "DOSE", "ROUTE", "SITE", "ENDPOINT", "SCHEDULE", "SAMPLE_SIZE")


def _print_error(message: str) -> None:
    from extractor.run import printable

    print(f"protocol-facts: {printable(message)}", file=sys.stderr)


def _run(
    args: argparse.Namespace,
    inputs: list[str],
    nlp: Any,
    fmt: str,
    on_item: Callable[[Any], None],
    stopping: GracefulStop,
) -> RunSummary:
    """The run ``args`` ask for: on Dask or on this machine."""
    if args.dask:
        from extractor.distributed import run_distributed

        return run_distributed(
            inputs,
            args.output,
            scheduler=args.dask,
            n_workers=args.n_process,
            batch_size=args.batch_size,
            on_item=on_item,
            resume=args.resume,
            stop=stopping.requested,
        )
    from extractor.run import run_extraction

    return run_extraction(
        nlp,
        inputs,
        args.output,
        fmt=fmt,
        n_process=args.n_process,
        batch_size=args.batch_size,
        on_item=on_item,
        resume=args.resume,
        stop=stopping.requested,
        checkpoint_seconds=args.checkpoint_minutes * 60 if args.checkpoint_minutes > 0 else None,
        record_timeout=args.record_timeout or None,
    )


def cmd_extract(args: argparse.Namespace) -> int:
    """Run the extraction and print a short summary; non-zero when nothing could be read or the run was stopped."""
    from tqdm import tqdm

    from extractor.api import load
    from extractor.records import ReadError
    from extractor.run import error_message, example_inputs
    from extractor.tables.writers import ResumeError

    if args.dask and (args.format or "parquet") != "parquet":
        _print_error("--dask writes partitioned Parquet; drop --format")
        return 2

    inputs = args.inputs or [str(p) for p in example_inputs()]
    if not args.inputs:
        print(f"No input given: running on the {len(inputs)} example records shipped with the package.")
    nlp = None if args.dask else load()  # with Dask, the workers load the pipeline
    # tqdm starts a monitor thread with its first bar (disabled or not), and worker processes are forked
    # from this one: a fork while another thread runs may deadlock in the child (Python 3.12 warns).
    tqdm.monitor_interval = 0
    bar = tqdm(unit=" records", desc="extracting", disable=None if not args.quiet else True, file=sys.stderr)

    def on_item(item: object) -> None:
        bar.update(1)
        if isinstance(item, ReadError):
            bar.write(f"protocol-facts: skipped {error_message(item)}", file=sys.stderr)

    fmt = args.format or ("parquet" if args.dask else "csv")
    stopping = GracefulStop(
        "protocol-facts: stopping after the records in progress; the tables will hold every record done so far "
        "(--resume goes on from there). Ctrl-C again stops at once: what is not yet published is lost."
    )
    try:
        with stopping:
            summary = _run(args, inputs, nlp, fmt, on_item, stopping)
    except ResumeError as exc:
        bar.close()
        _print_error(f"cannot resume: {exc}")
        return 2
    except ImportError as exc:  # --dask without the dask extra installed
        bar.close()
        _print_error(str(exc))
        return 2
    except OSError as exc:
        bar.close()
        _print_error(f"cannot write to {args.output}: {exc.strerror or exc}")
        return 2
    bar.close()
    labels = [lab for lab in _LABEL_ORDER if summary.facts_per_label[lab]] + sorted(
        set(summary.facts_per_label) - set(_LABEL_ORDER)
    )
    facts = ", ".join(f"{lab} {summary.facts_per_label[lab]}" for lab in labels) or "none"
    skipped = f"   already in {args.output}: {summary.skipped}" if args.resume else ""
    n_facts = sum(summary.facts_per_label.values())
    print(f"Records: {summary.records}   errors: {summary.errors}   facts: {n_facts}{skipped}")
    print(f"Facts per label: {facts}")
    print(f"Tables written to {Path(args.output).resolve()}")
    if summary.interrupted:
        _print_error(
            f"stopped by {stopping.signal.name if stopping.signal else 'request'} before the end of the inputs: "
            "run the same command with --resume to go on"
        )
        return stopping.exit_code
    return 1 if summary.records == 0 else 0


def cmd_save_model(args: argparse.Namespace) -> int:
    """Save the assembled pipeline (config and pattern files) for ``spacy.load``."""
    from extractor.pipeline.assemble import build_nlp

    build_nlp().to_disk(args.path)
    print(f"Pipeline saved to {Path(args.path).resolve()}; load it with spacy.load({str(args.path)!r}).")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="protocol-facts",
        description="Extract protocol facts (interventions, doses, routes, sites, endpoints, schedules, "
        "sample sizes) from clinical-trial records, and score extractions against hand annotations.",
    )
    parser.add_argument("--version", action="version", version=f"protocol-facts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = sub.add_parser(
        "extract",
        help="extract facts into tables",
        description="Read ClinicalTrials.gov API v2 JSON (a study, an array, an API page, a .zip), legacy XML, "
        "page text or JSONL ({id, text}), files or folders, or - for stdin. With no input, runs on the "
        "example records shipped with the package.",
    )
    extract.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders or - (stdin)")
    extract.add_argument("-o", "--output", default="protocol-facts-out", help="output folder (default: %(default)s)")
    extract.add_argument(
        "--format",
        default=None,
        choices=["csv", "parquet", "jsonl", "xlsx"],
        help="table format (default: csv; parquet with --dask)",
    )
    extract.add_argument("--n-process", type=int, default=1, help="worker processes (default: %(default)s)")
    extract.add_argument("--batch-size", type=int, default=64, help="documents per batch (default: %(default)s)")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    extract.add_argument(
        "--resume",
        action="store_true",
        help="skip records whose ids are already in the output folder's tables (with --dask: its parts); add "
        "the new rows after theirs. Goes on after a run stopped by Ctrl-C or SIGTERM",
    )
    extract.add_argument(
        "--checkpoint-minutes",
        type=float,
        default=10.0,
        metavar="M",
        help="publish the tables every M minutes along the way, so that a run killed outright (out of memory, "
        "SIGKILL) loses only the records since; --resume goes on from there (default: %(default)s; 0: only at "
        "the end; XLSX is built at the end only; with --dask every part is published when done)",
    )
    extract.add_argument(
        "--record-timeout",
        type=float,
        default=60.0,
        metavar="S",
        help="a record that takes longer than S seconds (to process, or to turn into rows) becomes an error row "
        "and the run goes on; real records take well under a second (default: %(default)s; 0: no limit; "
        "not applied with --dask)",
    )
    extract.add_argument(
        "--dask",
        metavar="SCHEDULER",
        default=None,
        help="run on a Dask cluster (a scheduler address, or 'local' for a local cluster of --n-process "
        "workers); writes partitioned Parquet, DIR/<table>/part-NNNNN.parquet (needs protocol-facts[dask])",
    )
    extract.set_defaults(func=cmd_extract)

    save = sub.add_parser("save-model", help="save the pipeline for spacy.load")
    save.add_argument("path", nargs="?", default="models/protocol_facts", help="folder (default: %(default)s)")
    save.set_defaults(func=cmd_save_model)

    from extractor.evaluation.commands import register

    register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m extractor``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    if getattr(args, "n_process", 1) < 1:
        _print_error("--n-process must be at least 1")
        return 2
    if getattr(args, "batch_size", 1) < 1:
        _print_error("--batch-size must be at least 1")
        return 2
    for option in ("checkpoint_minutes", "record_timeout"):
        if not getattr(args, option, 0) >= 0:  # "not >=": NaN is refused too
            _print_error(f"--{option.replace('_', '-')} must be 0 or more")
            return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        _print_error("interrupted; the tables hold what was last published, if anything (--resume goes on from them)")
        return 130
    except BrokenPipeError:  # "... | head": the reader went away; what was published stays
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 141  # as a shell reports a command ended by SIGPIPE
    except Exception as exc:  # a bug, as every foreseen failure is reported where it happens: one line
        if os.environ.get("PROTOCOL_FACTS_TRACEBACK"):
            raise
        first_line = (str(exc).strip().splitlines() or [""])[0]
        _print_error(
            f"stopped by an internal error: {type(exc).__name__}: {first_line} "
            "(please report it; PROTOCOL_FACTS_TRACEBACK=1 shows where it happened)"
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
