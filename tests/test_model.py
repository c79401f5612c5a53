"""The saved pipeline under models/ loads with spacy.load and gives the loader's results."""

from pathlib import Path

import pytest
import spacy

from extractor.api import load
from extractor.facts import facts_from_doc
from extractor.pipeline.assemble import COMPONENTS, build_nlp

MODEL = Path(__file__).parents[1] / "models" / "protocol_facts"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _facts(nlp, text):
    return [(f.label, f.start, f.end, f.attrs, f.rule) for f in facts_from_doc(nlp(text))]


@pytest.mark.parametrize("path", [MODEL, "fresh"])
def test_spacy_load_matches_loader(path, tmp_path):
    if path == "fresh":
        build_nlp().to_disk(tmp_path / "model")
        path = tmp_path / "model"
    loaded = spacy.load(path)
    assert loaded.pipe_names == list(COMPONENTS)
    for seed in SEEDS.glob("*.txt"):
        text = seed.read_text("utf-8")
        assert _facts(loaded, text) == _facts(load(), text)


def test_committed_model_is_current(tmp_path):
    """models/ must be regenerated (protocol-facts save-model) when the pipeline or its patterns change."""
    build_nlp().to_disk(tmp_path / "model")
    for fresh in (tmp_path / "model").rglob("*"):
        if fresh.is_file() and fresh.name != "meta.json":
            committed = MODEL / fresh.relative_to(tmp_path / "model")
            assert committed.exists(), f"{committed} is missing"
            assert committed.read_bytes() == fresh.read_bytes(), f"{committed} is out of date"
