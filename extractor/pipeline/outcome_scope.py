"""Is a sentence in an outcome section? SCHEDULE and ENDPOINT read outcome sections apart from running text.

Both components ask this of every sentence; most records have no outcome section at all, and then the
answer needs no lookup.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extractor.pipeline.fact_spans import Sentence, scoped_sentences
from extractor.pipeline.scope import section_index
from extractor.sections import SectionIndex

OUTCOMES = "outcomes"


def outcome_sections(doc: Doc) -> SectionIndex | None:
    """The Doc's section index when it has an outcome section, else None (no sentence is in one)."""
    index = section_index(doc)
    return index if any(section.name == OUTCOMES for section in index.sections) else None


def in_outcomes(index: SectionIndex, offset: int) -> bool:
    """Whether ``section_name(doc, offset) == "outcomes"``, given ``outcome_sections(doc)``."""
    section = index.at(offset)
    return section is not None and section.name == OUTCOMES


def running_text(doc: Doc, label: str) -> list[Sentence]:
    """The sentences that may carry ``label`` outside outcome sections (``scoped_sentences``)."""
    outcomes = outcome_sections(doc)
    sentences = list(scoped_sentences(doc, label))
    return sentences if outcomes is None else [s for s in sentences if not in_outcomes(outcomes, s.start_char)]
