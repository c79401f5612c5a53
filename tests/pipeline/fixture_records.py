"""Real records under tests/fixtures/interventions, and running the pipeline on one."""

import json
from pathlib import Path

from extractor.api import as_record, load
from extractor.batch import process_one

FIXTURES = Path(__file__).parent.parent / "fixtures"
RECORDS = FIXTURES / "interventions"


def run(item):
    """The processed Doc of a text, a v2 study dict or a Record."""
    return process_one(load(), as_record(item)).doc


def record(nct_id):
    """The v2 study of ``nct_id`` from the fixtures."""
    return json.loads((RECORDS / f"{nct_id}.json").read_text("utf-8"))
