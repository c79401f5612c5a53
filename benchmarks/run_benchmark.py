"""Throughput and memory of the extraction against the bare tokenizer, on the first N records of a corpus.

For every N the script runs, each in a fresh subprocess so that peak memory is measured per phase:

* ``tokenizer``: the pipeline's own tokenizer (``nlp.tokenizer.pipe``) over the records' texts; only the
  tokenizer calls are timed (reading is not);
* ``full``: the whole extraction, read -> tables written, through :func:`extractor.run.run_extraction`,
  the code ``protocol-facts extract`` runs, with the command's defaults (checkpoints, the time limit of
  one record); the ``run_extraction`` call is timed (not imports and pipeline loading, reported apart as
  ``startup_s``).

Words are the tokenizer's non-space tokens; the same count divides both phases' times, so
``ratio = (words/s full) / (words/s tokenizer)``. Peak memory: the largest resident set of any one
process (``wait4`` rusage) and the peak of the summed RSS of the phase's process tree (psutil, sampled
every 0.1 s; shared pages of forked workers count twice, so it is an upper bound).

``--e2e`` also times ``protocol-facts extract CORPUS --n-process 2 -o DIR --format parquet`` on the
whole corpus, as a user runs it (wall clock of the command, startup included).

Usage (from the repository root)::

    python benchmarks/run_benchmark.py --sizes 1000,10000,all --e2e --json benchmarks/results.json
    python benchmarks/run_benchmark.py --phase memory --input CORPUS --every 5000      # RSS along one run
    python benchmarks/run_benchmark.py --phase profile --input FILE --out DIR --stats full.prof
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

CORPUS = Path("/work/shared/corpus/ctgov-text.jsonl.gz")
TOKENIZER_CHUNK = 1000


def _quiet_warnings() -> None:
    import warnings

    warnings.filterwarnings("ignore")  # spaCy/scispaCy warnings on stderr would drown the figures


# --- phases (run in a fresh subprocess each) ---------------------------------------------------


def phase_tokenizer(source: Path) -> dict[str, Any]:
    """Time the pipeline's tokenizer alone over the texts of ``source``."""
    _quiet_warnings()
    start = time.perf_counter()
    from extractor.api import load
    from extractor.readers import iter_records
    from extractor.records import Record

    nlp = load()
    startup = time.perf_counter() - start
    seconds, cpu_seconds, records, tokens, words = 0.0, 0.0, 0, 0, 0
    texts: list[str] = []

    def tokenize() -> None:
        nonlocal seconds, cpu_seconds, tokens, words
        began, began_cpu = time.perf_counter(), time.process_time()
        docs = list(nlp.tokenizer.pipe(texts, batch_size=TOKENIZER_CHUNK))
        seconds += time.perf_counter() - began
        cpu_seconds += time.process_time() - began_cpu
        for doc in docs:  # counted outside the timed part
            tokens += len(doc)
            words += len(doc) - int(doc.to_array("IS_SPACE").sum()) if len(doc) else 0
        texts.clear()

    for item in iter_records([source]):
        if isinstance(item, Record) and len(item.text) <= nlp.max_length:
            texts.append(item.text)
            records += 1
            if len(texts) == TOKENIZER_CHUNK:
                tokenize()
    tokenize()
    return {
        "seconds": seconds,
        "cpu_s": cpu_seconds,
        "records": records,
        "tokens": tokens,
        "words": words,
        "startup_s": startup,
    }


def phase_full(source: Path, out: Path, fmt: str, n_process: int, batch_size: int) -> dict[str, Any]:
    """Time the whole extraction of ``source`` into tables in ``out``."""
    _quiet_warnings()
    start = time.perf_counter()
    from extractor.api import load
    from extractor.cli import build_parser
    from extractor.run import run_extraction

    nlp = load()
    command = build_parser().parse_args(["extract"])  # what a user's run has without options
    startup = time.perf_counter() - start
    cpu = os.times()
    began = time.perf_counter()
    summary = run_extraction(
        nlp,
        [source],
        out,
        fmt=fmt,
        n_process=n_process,
        batch_size=batch_size,
        checkpoint_seconds=command.checkpoint_minutes * 60 or None,
        record_timeout=command.record_timeout or None,
    )
    seconds = time.perf_counter() - began
    after = os.times()
    return {
        "seconds": seconds,
        "records": summary.records,
        "errors": summary.errors,
        "facts": sum(summary.facts_per_label.values()),
        "checkpoints": summary.checkpoints,
        "startup_s": startup,
        "cpu_s_parent": (after.user + after.system) - (cpu.user + cpu.system),
        "cpu_s_workers": (after.children_user + after.children_system) - (cpu.children_user + cpu.children_system),
    }


def phase_memory(source: Path, every: int) -> dict[str, Any]:
    """RSS of one process extracting ``source`` (rows only, no tables), read every ``every`` records."""
    _quiet_warnings()
    import psutil

    from extractor.api import load
    from extractor.readers import iter_records
    from extractor.workers import iter_extracted

    nlp = load()
    proc = psutil.Process()
    trajectory = {}
    began = time.perf_counter()
    for i, _item in enumerate(iter_extracted(nlp, iter_records([source])), 1):
        if i % every == 0:
            trajectory[i] = proc.memory_info().rss // 2**20
            print(f"{i} records: {trajectory[i]} MB RSS, {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return {"rss_mb": trajectory, "seconds": time.perf_counter() - began}


def phase_profile(source: Path, out: Path, fmt: str, stats_path: Path) -> dict[str, Any]:
    """The full phase (one process) under cProfile; the stats go to ``stats_path``."""
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    result = phase_full(source, out, fmt, 1, 64)
    profiler.disable()
    profiler.dump_stats(stats_path)
    return result


# --- driver ------------------------------------------------------------------------------------


def _tree_rss(process: Any) -> int:
    try:
        procs = [process, *process.children(recursive=True)]
    except Exception:  # the process ended between samples
        return 0
    total = 0
    for proc in procs:
        with contextlib.suppress(Exception):  # a worker may end between listing and reading
            total += proc.memory_info().rss
    return total


def measured(command: list[str]) -> tuple[dict[str, Any], float, float, float]:
    """Run ``command``; its JSON result line, wall seconds, peak single-process RSS and peak tree RSS (MB)."""
    import psutil

    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    watched = psutil.Process(child.pid)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss(watched))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # wait4 gives the child's own rusage, which on Linux includes the peak of its reaped descendants.
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    done.set()
    sampler.join()
    output = child.stdout.read() if child.stdout else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed with exit code {child.returncode}")
    lines = [line for line in output.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1]) if lines else {}
    return result, wall, usage.ru_maxrss / 1024, peak_tree / 1024 / 1024


def first_lines(corpus: Path, n: int | None, target: Path) -> int:
    """Write the first ``n`` lines (all when None) of the gzip JSONL ``corpus`` to ``target``."""
    count = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, target.open("w", encoding="utf-8") as dst:
        for line in src:
            if n is not None and count >= n:
                break
            dst.write(line)
            count += 1
    return count


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import spacy

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = bool(
        subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
        ).stdout.strip()
    )
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "commit": commit + ("+uncommitted changes" if dirty else ""),
        "load_avg_at_start": os.getloadavg(),
    }


def _self(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def run_sizes(args: argparse.Namespace, work: Path) -> Iterator[dict[str, Any]]:
    for size in args.sizes.split(","):
        n = None if size == "all" else int(size)
        source = work / f"first-{size}.jsonl"
        lines = first_lines(args.corpus, n, source)
        tok, tok_wall, tok_rss, tok_tree = measured(_self("--phase", "tokenizer", "--input", str(source)))
        out = work / f"out-{size}"
        full, full_wall, full_rss, full_tree = measured(
            _self(
                "--phase",
                "full",
                "--input",
                str(source),
                "--out",
                str(out),
                "--format",
                args.format,
                "--n-process",
                str(args.n_process),
                "--batch-size",
                str(args.batch_size),
            )
        )
        shutil.rmtree(out, ignore_errors=True)
        source.unlink()
        words = tok["words"]
        row = {
            "n": size,
            "lines": lines,
            "records": full["records"],
            "errors": full["errors"],
            "words": words,
            "tokenizer_s": tok["seconds"],
            "tokenizer_cpu_s": tok["cpu_s"],
            "tokenizer_words_per_s": words / tok["seconds"],
            "tokenizer_peak_rss_mb": tok_rss,
            "tokenizer_peak_tree_mb": tok_tree,
            "full_s": full["seconds"],
            "full_words_per_s": words / full["seconds"],
            "full_records_per_s": full["records"] / full["seconds"],
            "full_peak_rss_mb": full_rss,
            "full_peak_tree_mb": full_tree,
            "full_startup_s": full["startup_s"],
            "full_cpu_s_parent": full["cpu_s_parent"],
            "full_cpu_s_workers": full["cpu_s_workers"],
            "facts": full["facts"],
            "ratio": tok["seconds"] / full["seconds"],
            "ratio_cpu": tok["cpu_s"] / (full["cpu_s_parent"] + full["cpu_s_workers"]),
            "n_process": args.n_process,
            "format": args.format,
            "load_avg_after": os.getloadavg(),
        }
        print(json.dumps(row), flush=True)
        yield row


def run_e2e(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    out = work / "e2e"
    command = [
        str(Path(sys.executable).with_name("protocol-facts")),
        "extract",
        str(args.corpus),
        "--n-process",
        "2",
        "-o",
        str(out),
        "--format",
        "parquet",
        "-q",
    ]
    _, wall, rss, tree = measured(command)
    import pyarrow.parquet as pq

    records = pq.ParquetFile(out / "trials.parquet").metadata.num_rows
    errors = pq.ParquetFile(out / "errors.parquet").metadata.num_rows
    shutil.rmtree(out, ignore_errors=True)
    row = {
        "command": " ".join(command),
        "wall_s": wall,
        "records": records,
        "errors": errors,
        "peak_rss_mb": rss,
        "peak_tree_mb": tree,
        "load_avg_after": os.getloadavg(),
    }
    print(json.dumps(row), flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="gzip JSONL corpus (default: %(default)s)")
    parser.add_argument("--sizes", default="1000,10000,all", help="comma-separated N, 'all' for the whole file")
    parser.add_argument("--n-process", type=int, default=1, help="processes of the full phase (default: 1)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--format", default="parquet", choices=["csv", "parquet", "jsonl"])
    parser.add_argument("--e2e", action="store_true", help="also time protocol-facts extract on the whole file")
    parser.add_argument("--skip-sizes", action="store_true", help="only the end-to-end run")
    parser.add_argument("--json", type=Path, help="write all results here")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary folder)")
    # internal: one phase in this (fresh) process, its result as one JSON line on stdout
    parser.add_argument("--phase", choices=["tokenizer", "full", "profile", "memory"], help=argparse.SUPPRESS)
    parser.add_argument("--every", type=int, default=5000, help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stats", type=Path, default=Path("full.prof"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase == "tokenizer":
        print(json.dumps(phase_tokenizer(args.input)))
        return 0
    if args.phase == "full":
        print(json.dumps(phase_full(args.input, args.out, args.format, args.n_process, args.batch_size)))
        return 0
    if args.phase == "memory":
        print(json.dumps(phase_memory(args.input, args.every)))
        return 0
    if args.phase == "profile":
        print(json.dumps(phase_profile(args.input, args.out, args.format, args.stats)))
        return 0

    results: dict[str, Any] = {"machine": machine(), "sizes": [], "e2e": None}
    print(json.dumps(results["machine"]), flush=True)
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        if not args.skip_sizes:
            for row in run_sizes(args, Path(tmp)):
                results["sizes"].append(row)
                if args.json:
                    args.json.write_text(json.dumps(results, indent=2) + "\n")
        if args.e2e:
            results["e2e"] = run_e2e(args, Path(tmp))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
