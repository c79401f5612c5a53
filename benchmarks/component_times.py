"""CPU time of each pipeline step per record: the tokenizer, every component, and the table rows.

    python benchmarks/component_times.py RECORDS [RECORDS ...] [--json OUT] [--append TEXT]

Records are read with the package's readers (any supported input). Each record is tokenized, run through
the components one at a time and turned into table rows, each step timed with ``time.process_time`` (CPU
time of this process, so a busy machine disturbs the figures less than wall time). Which component pays for
work shared by all (the sentence scope table is built by the first component that asks for it: the dose
component) shows up where it happens.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from spacy.language import Language

from extractor import api
from extractor.batch import Processed, _attach
from extractor.readers import iter_records
from extractor.records import Record
from extractor.tables.rows import rows_for
from extractor.workers import frozen_heap


def component_times(paths: list[Path], append: str = "") -> dict[str, float]:
    """Seconds of CPU time per step, summed over the records of ``paths``; ``records`` holds their count.
    ``append`` is added to the end of every record's text (a non-ASCII character takes an ASCII corpus
    down the paths that other text takes)."""
    nlp = api.load()
    records = [r for r in iter_records(paths) if isinstance(r, Record)]
    if append:
        records = [replace(r, text=r.text + append) for r in records]
    times: dict[str, float] = defaultdict(float)
    clock = time.process_time
    with frozen_heap():  # as a run keeps the pipeline out of the garbage collector's walks
        _time_steps(nlp, records, times, clock)
    return {**times, "records": len(records)}


def _time_steps(nlp: Language, records: list[Record], times: dict[str, float], clock: Callable[[], float]) -> None:
    for record in records:
        start = clock()
        doc = nlp.make_doc(record.text)
        times["tokenizer"] += clock() - start
        _attach(doc, record)
        for name, component in nlp.pipeline:
            start = clock()
            doc = component(doc)
            times[name] += clock() - start
        start = clock()
        rows_for(Processed(record, doc))
        times["rows"] += clock() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--append", default="", help='text added to every record, e.g. " é" (see component_times)')
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    times = component_times(args.inputs, args.append)
    n = int(times.pop("records"))
    total = sum(times.values())
    for name, seconds in [*times.items(), ("total", total)]:
        print(f"{name:26s} {seconds:7.2f} s  {1000 * seconds / max(n, 1):6.2f} ms/record")
    print(f"{n} records")
    if args.json:
        per_record = {name: round(1000 * s / max(n, 1), 3) for name, s in times.items()}
        args.json.write_text(json.dumps({"records": n, "ms_per_record": per_record}, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
