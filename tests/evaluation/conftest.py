"""Shared fixtures of the evaluation tests: small handmade files in tests/fixtures/evaluation/."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.evaluation.gold import AnnotatedDoc, load_annotations

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "evaluation"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def gold_small() -> list[AnnotatedDoc]:
    return load_annotations(FIXTURES / "gold_small.jsonl")


@pytest.fixture
def pred_small() -> list[AnnotatedDoc]:
    return load_annotations(FIXTURES / "pred_small.jsonl")


@pytest.fixture
def tricky() -> list[AnnotatedDoc]:
    return load_annotations(FIXTURES / "tricky.jsonl")
