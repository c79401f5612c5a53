"""Is a span part of this trial's protocol? Sections and background sentences decide.

Facts come only from sections that may hold their label (``data/lexicons/section_scope.tsv``) and never
from background sentences about other studies or preclinical work (``background_cues.tsv``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from extractor.lexicon_files import lexicon_rows
from extractor.records import Section
from extractor.sections import SectionIndex, detect_sections


@lru_cache(maxsize=1)
def section_labels() -> dict[str, frozenset[str]]:
    """Section name -> the labels it may yield."""
    return {row[0]: frozenset(row[1].split()) if len(row) > 1 else frozenset() for row in lexicon_rows("section_scope.tsv")}


@lru_cache(maxsize=1)
def background_pattern() -> re.Pattern[str]:
    """One pattern for all background cues."""
    return re.compile("|".join(f"(?:{row[1]})" for row in lexicon_rows("background_cues.tsv")), re.IGNORECASE)


def doc_sections(doc: Doc) -> list[Section]:
    """The Doc's sections, found from its text when the reader gave none."""
    if doc._.sections is None:
        doc._.sections = [s.to_dict() for s in detect_sections(doc.text)]
    return [Section(**s) for s in doc._.sections]


def section_index(doc: Doc) -> SectionIndex:
    """A section lookup for ``doc``; built per call because a record has only a dozen sections."""
    return SectionIndex(doc_sections(doc))


def section_name(doc: Doc, offset: int) -> str:
    """Name of the section holding character ``offset``."""
    section = section_index(doc).at(offset)
    return section.name if section else "other"


def section_heading(doc: Doc, offset: int) -> str:
    """Heading line of the section holding ``offset`` ("" for the title section)."""
    section = section_index(doc).at(offset)
    return section.heading if section else ""


def is_background(sentence: Span) -> bool:
    """True when the sentence speaks of other studies, the literature or preclinical work."""
    return background_pattern().search(sentence.text) is not None


def in_scope(span: Span, label: str) -> bool:
    """May ``span`` carry a fact of ``label``? Checks its section and its sentence."""
    allowed = section_labels().get(section_name(span.doc, span.start_char), frozenset())
    if label not in allowed:
        return False
    return not is_background(span.sent)
