"""Same rows before and after a change: dump every table row of a record set, or compare two dumps.

    python benchmarks/equivalence.py dump OUT.jsonl.gz RECORDS [RECORDS ...]
    python benchmarks/equivalence.py compare BEFORE.jsonl.gz AFTER.jsonl.gz

Speed work must not change what is extracted. Dump with the code before the change (e.g. a
``git worktree`` of the old commit, run with ``PYTHONPATH`` pointing at it), dump again after, compare:
the comparison lists, by table, the records whose rows differ and a few of the differing rows.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import warnings
from pathlib import Path
from typing import Any


def dump(out: Path, inputs: list[Path]) -> int:
    """Write one JSON line per record (or error) of ``inputs``: its id and the rows of every table."""
    import extractor
    from extractor import api
    from extractor.batch import process_records
    from extractor.readers import iter_records
    from extractor.tables.rows import rows_for

    print(f"extractor from {Path(extractor.__file__).parent}", file=sys.stderr)
    nlp = api.load()
    count = 0
    with gzip.open(out, "wt", encoding="utf-8") as sink:
        for item in process_records(nlp, iter_records(inputs)):
            record = getattr(item, "record", None)
            key = record.id if record is not None else getattr(item, "record_id", None)
            sink.write(json.dumps({"id": key, "rows": rows_for(item)}, sort_keys=True, default=str) + "\n")
            count += 1
    print(f"{count} records dumped to {out}", file=sys.stderr)
    return 0


def _load(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        return [json.loads(line) for line in source]


def compare(before: Path, after: Path, show: int = 8) -> int:
    """Print the differences; exit status 1 when there are any."""
    old, new = _load(before), _load(after)
    if len(old) != len(new):
        print(f"record counts differ: {len(old)} before, {len(new)} after")
    differing: dict[str, int] = {}
    examples = []
    for a, b in zip(old, new, strict=False):  # unequal counts are reported above
        for table in sorted(set(a["rows"]) | set(b["rows"])):
            rows_a, rows_b = a["rows"].get(table, []), b["rows"].get(table, [])
            if rows_a == rows_b:
                continue
            differing[table] = differing.get(table, 0) + 1
            if len(examples) < show:
                set_a = {json.dumps(r, sort_keys=True) for r in rows_a}
                set_b = {json.dumps(r, sort_keys=True) for r in rows_b}
                examples.append((a["id"], table, sorted(set_a - set_b)[:3], sorted(set_b - set_a)[:3]))
    if not differing and len(old) == len(new):
        print(f"IDENTICAL: {len(old)} records, every table equal")
        return 0
    print("records differing, by table:", differing)
    for record_id, table, only_before, only_after in examples:
        print(f"--- {record_id} [{table}]")
        for row in only_before:
            print("  before only:", row[:400])
        for row in only_after:
            print("  after only: ", row[:400])
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("inputs", nargs="+", type=Path)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    if args.command == "dump":
        return dump(args.out, args.inputs)
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
