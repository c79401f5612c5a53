"""Seconds for one record of an unusual shape at growing sizes: does any shape cost more than linear time?

    python benchmarks/worst_cases.py [--shapes a,b] [--timeout 120] [--json OUT]

A batch must not stall on one record. Each shape below is a record (registry JSON or JSONL text) built at
three sizes, each twice the last; each size is extracted in a fresh subprocess (read -> pipeline ->
tables, the pipeline loaded and warmed first, not timed), stopped after ``--timeout`` seconds. A shape
whose time grows about twice per doubling is linear; four times, quadratic. Run with ``PYTHONPATH``
pointing at a checkout to measure that code.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _study(**modules: Any) -> dict[str, Any]:
    ident = {"nctId": "NCT09999999", "briefTitle": "A study of unusual shape"}
    return {"protocolSection": {"identificationModule": ident, **modules}}


def _arms(arms: list[dict[str, Any]], interventions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"armsInterventionsModule": {"armGroups": arms, "interventions": interventions}}


def many_arms(n: int) -> dict[str, Any]:
    """n arms, each with its own dosed intervention."""
    arms = [
        {
            "label": f"Arm {i}",
            "type": "EXPERIMENTAL",
            "description": f"Compound X{i} 10 mg/kg intravenously",
            "interventionNames": [f"Drug: compound X{i}"],
        }
        for i in range(n)
    ]
    return _study(**_arms(arms, [{"type": "DRUG", "name": f"compound X{i}"} for i in range(n)]))


def arms_times_interventions(n: int) -> dict[str, Any]:
    """k arms each naming all k interventions (k = sqrt(n))."""
    k = max(2, math.isqrt(n))
    arms = [
        {
            "label": f"Arm {a}",
            "type": "EXPERIMENTAL",
            "description": f"Cmpd{a} 5 mg/kg IV.",
            "interventionNames": [f"Drug: Cmpd{i}" for i in range(k)],
        }
        for a in range(k)
    ]
    return _study(**_arms(arms, [{"type": "DRUG", "name": f"Cmpd{i}"} for i in range(k)]))


def one_arm_many_interventions(n: int) -> dict[str, Any]:
    """One arm with a long description and n interventions."""
    description = "Participants receive the study drugs as scheduled and are followed closely. " * n
    arms = [
        {
            "label": "Arm A",
            "type": "EXPERIMENTAL",
            "description": description,
            "interventionNames": [f"Drug: Cmpd{i}" for i in range(n)],
        }
    ]
    return _study(**_arms(arms, [{"type": "DRUG", "name": f"Cmpd{i}"} for i in range(n)]))


def one_sentence_of_doses(n: int) -> dict[str, Any]:
    """One long sentence dosing each of n/10 interventions in turn."""
    k = max(10, n // 10)
    doses = ", ".join(f"Drugamab{i % k} {i % 20 + 1} mg/kg intravenously" for i in range(n))
    description = {"detailedDescription": f"Patients receive {doses} and are followed up."}
    interventions = [{"type": "DRUG", "name": f"Drugamab{i}"} for i in range(k)]
    return _study(descriptionModule=description, **_arms([], interventions))


def abbreviation_uses(n: int) -> dict[str, Any]:
    """100 abbreviations defined, used n times, beside n/10 named interventions."""
    defined = " ".join(f"The quick marker number{i} (QMN{i}) was studied." for i in range(100))
    uses = " ".join(f"QMN{i % 100} and QMN{(i + 1) % 100} were high." for i in range(n))
    interventions = [{"type": "DRUG", "name": f"Drugamab{i}"} for i in range(max(10, n // 10))]
    return _study(descriptionModule={"detailedDescription": f"{defined} {uses}"}, **_arms([], interventions))


def routes_and_exclusions(n: int) -> str:
    """One line of n route words, each beside a phrase that excludes a route reading."""
    return "Interventions\nDrug A " + "oral cavity and orally, " * n + "end."


def spaces_in_a_name(n: int) -> dict[str, Any]:
    """An intervention name holding a run of n spaces."""
    return _study(**_arms([], [{"type": "DRUG", "name": "Drug" + " " * n + "x"}]))


def unclosed_time_frame(n: int) -> dict[str, Any]:
    """An outcome description with "[Time Frame:" and n spaces, no "]"."""
    outcome = {"measure": "Overall survival", "timeFrame": "12 weeks", "description": "[Time Frame:" + " " * n + "x"}
    return _study(outcomesModule={"primaryOutcomes": [outcome]})


def many_unclosed_time_frames(n: int) -> dict[str, Any]:
    """An outcome description of n unclosed "[Time Frame:" on one line."""
    outcome = {"measure": "Overall survival", "timeFrame": "12 weeks", "description": "[Time Frame: x " * n}
    return _study(outcomesModule={"primaryOutcomes": [outcome]})


def spaces_in_a_measure(n: int) -> dict[str, Any]:
    """An outcome measure holding a run of n spaces."""
    outcome = {"measure": "Change in pain score" + " " * n + "x", "timeFrame": "12 weeks"}
    return _study(outcomesModule={"primaryOutcomes": [outcome]})


def many_outcomes(n: int) -> dict[str, Any]:
    """n short outcome measures, each with a time frame."""
    outcomes = [{"measure": f"Score {i}", "timeFrame": f"week {i % 52 + 1}"} for i in range(n)]
    return _study(outcomesModule={"primaryOutcomes": outcomes})


#: shape -> (record builder, the smallest of its three sizes)
SHAPES: dict[str, tuple[Callable[[int], Any], int]] = {
    "many_arms": (many_arms, 1000),
    "arms_times_interventions": (arms_times_interventions, 10_000),
    "one_arm_many_interventions": (one_arm_many_interventions, 2000),
    "one_sentence_of_doses": (one_sentence_of_doses, 1000),
    "abbreviation_uses": (abbreviation_uses, 2500),
    "routes_and_exclusions": (routes_and_exclusions, 4000),
    "spaces_in_a_name": (spaces_in_a_name, 1000),
    "unclosed_time_frame": (unclosed_time_frame, 1000),
    "many_unclosed_time_frames": (many_unclosed_time_frames, 4000),
    "spaces_in_a_measure": (spaces_in_a_measure, 8000),
    "many_outcomes": (many_outcomes, 2500),
}

_MEASURE = """
import json, sys, time
from extractor.api import extract_tables, load
nlp = load()
extract_tables([sys.argv[2]], nlp=nlp)  # warm: the first record pays for compiling patterns
start = time.perf_counter()
tables = extract_tables([sys.argv[1]], nlp=nlp)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "facts": len(tables["facts"]), "errors": len(tables["errors"])}))
"""


def measure(path: Path, warm: Path, timeout: float) -> dict[str, Any]:
    """Seconds, facts and error rows for one record file, or ``timed_out``."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(path), str(warm)], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"timed_out": timeout}
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a size is stopped")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.json"
        warm.write_text(json.dumps(many_arms(3)), encoding="utf-8")
        for shape in args.shapes.split(","):
            build, smallest = SHAPES[shape]
            row: dict[str, Any] = {"shape": shape, "sizes": []}
            for size in (smallest, 2 * smallest, 4 * smallest):
                record = build(size)
                path = Path(folder) / (f"{shape}.jsonl" if isinstance(record, str) else f"{shape}.json")
                body = json.dumps({"id": "X1", "text": record}) if isinstance(record, str) else json.dumps(record)
                path.write_text(body, encoding="utf-8")
                figures = {"n": size, "bytes": path.stat().st_size, **measure(path, warm, args.timeout)}
                row["sizes"].append(figures)
                print(json.dumps({"shape": shape, **figures}), flush=True)
                if "seconds" not in figures:
                    break  # a larger size would take longer still
            results.append(row)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
