"""Small synthetic trial records in the ctgov-text JSONL layout, generated inside the tests.

Short texts keep runs fast while still giving every table rows (doses, routes, sites, schedules,
sample sizes); the numbers vary with the record's index so no two records give the same facts.
"""

from __future__ import annotations

import json
from pathlib import Path

_SUMMARY = (
    "This phase 2 trial tests {drug} in adults with knee osteoarthritis. {n} participants will be randomised "
    "to {drug} or placebo."
)
_DESCRIPTION = (
    "Participants receive {dose} mg/kg of {drug} intravenously every {weeks} weeks for 6 months.\n"
    "Autologous mesenchymal stromal cells ({cells}x10^6 cells) are injected intramuscularly at {sites} sites.\n"
    "Follow-up visits take place at 1, 3 and {months} months after the injection."
)


def trial(i: int) -> dict[str, str]:
    """The i-th synthetic record: {id, title, text, brief_summary}."""
    values = {
        "drug": f"compound-{i % 7}",
        "n": 20 + i % 50,
        "dose": 1 + i % 9,
        "weeks": 2 + i % 3,
        "cells": 10 + i % 40,
        "sites": 2 + i % 6,
        "months": 6 + i % 7,
    }
    title = f"A Study of {values['drug']} in Knee Osteoarthritis ({i})"
    return {
        "id": f"NCT{i:08d}",
        "title": title,
        "text": f"{title}\n\n{_DESCRIPTION.format(**values)}",
        "brief_summary": _SUMMARY.format(**values),
    }


def jsonl_lines(count: int, start: int = 0) -> list[str]:
    """``count`` records as JSONL lines (without newlines)."""
    return [json.dumps(trial(i)) for i in range(start, start + count)]


def write_jsonl(path: Path, count: int, *, start: int = 0, corrupt: set[int] = frozenset()) -> Path:
    """Write ``count`` records to ``path``; the line numbers (0-based) in ``corrupt`` are cut in half."""
    lines = jsonl_lines(count, start)
    for i in corrupt:
        lines[i] = lines[i][: len(lines[i]) // 2]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
