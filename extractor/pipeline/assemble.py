"""The assembled pipeline: a blank English Language with this package's tokenizer and components."""

from __future__ import annotations

import spacy
from spacy.language import Language

# Importing the component modules registers their factories (entry points do the same for spacy.load).
from extractor.pipeline import (  # noqa: F401
    abbreviations,
    dose,
    endpoint,
    extensions,
    intervention,
    regimen_linker,
    route,
    sample_size,
    schedule,
    sentences,
    site,
    tokenizer,
)

#: Component factories in pipeline order.
COMPONENTS = (
    "protocol_sentences",
    "protocol_abbreviations",
    "protocol_dose",
    "protocol_route",
    "protocol_site",
    "protocol_sample_size",
    "protocol_intervention",
    "protocol_schedule",
    "protocol_endpoint",
    "protocol_regimen_linker",  # last: links DOSE/ROUTE/SITE facts to interventions and arms
)

#: Longest document (characters) the pipeline accepts; spaCy's default is 1,000,000.
MAX_LENGTH = 3_000_000


def build_nlp() -> Language:
    """A fresh pipeline from ``spacy.blank("en")``; no model or data download."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "protocol_facts.tokenizer.v1"}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.max_length = MAX_LENGTH
    nlp.meta.update(
        {
            "name": "protocol_facts",
            "version": "0.1.0",
            "description": "Rule-based protocol-facts pipeline (extractor package); no statistical model.",
            "requirements": ["protocol-facts"],
        }
    )
    return nlp
