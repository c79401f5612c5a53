"""Is a span part of this trial's protocol? Sections and background sentences decide.

Facts come only from sections that may hold their label (``data/lexicons/section_scope.tsv``) and never
from background sentences about other studies or preclinical work (``background_cues.tsv``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from weakref import WeakKeyDictionary

import numpy as np
from spacy.tokens import Doc

from extractor.lexicon_files import lexicon_rows
from extractor.normalize.caseless import CaselessPattern, Folded, folded
from extractor.pipeline.sentences import SENTENCES_KEY, doc_fold, doc_text
from extractor.records import Section
from extractor.sections import SectionIndex, detect_sections


@lru_cache(maxsize=1)
def section_labels() -> dict[str, frozenset[str]]:
    """Section name -> the labels it may yield."""
    return {
        row[0]: frozenset(row[1].split()) if len(row) > 1 else frozenset() for row in lexicon_rows("section_scope.tsv")
    }


@lru_cache(maxsize=1)
def background_pattern() -> re.Pattern[str]:
    """One pattern for all background cues."""
    return re.compile("|".join(f"(?:{row[1]})" for row in lexicon_rows("background_cues.tsv")), re.IGNORECASE)


def doc_sections(doc: Doc, text: str | None = None) -> list[Section]:
    """The Doc's sections, found from its text when the reader gave none (pass ``text`` if you have it)."""
    if doc._.sections is None:
        doc._.sections = [s.to_dict() for s in detect_sections(doc_text(doc) if text is None else text)]
    return [Section(**s) for s in doc._.sections]


_SECTION_INDEXES: WeakKeyDictionary[Doc, SectionIndex] = WeakKeyDictionary()


def section_index(doc: Doc) -> SectionIndex:
    """A section lookup for ``doc``, built once per Doc (every fact asks for its section)."""
    index = _SECTION_INDEXES.get(doc)
    if index is None:
        index = _SECTION_INDEXES[doc] = SectionIndex(doc_sections(doc))
    return index


def section_name(doc: Doc, offset: int) -> str:
    """Name of the section holding character ``offset``."""
    section = section_index(doc).at(offset)
    return section.name if section else "other"


@lru_cache(maxsize=1)
def _background_search() -> CaselessPattern:
    return CaselessPattern.compile(background_pattern())


def find_background_cues(text: str | Folded) -> Iterator[re.Match[str]]:
    """Background cues in ``text`` (with its ``caseless.fold``, when the caller has it), searched on the
    lower-cased copy where that is exact: much faster than a case-insensitive search."""
    return _background_search().finditer(*folded(text))


_SENTENCE_STARTS: WeakKeyDictionary[Doc, list[int]] = WeakKeyDictionary()


def sentence_starts(doc: Doc) -> list[int]:
    """The start offsets of the rows of :func:`sentence_scope`, for bisection, listed once per Doc (a
    record with thousands of arms asked for them thousands of times)."""
    starts = _SENTENCE_STARTS.get(doc)
    if starts is None:
        starts = _SENTENCE_STARTS[doc] = [row[0] for row in sentence_scope(doc)]
    return starts


#: user_data key of the per-sentence scope table: [start_char, end_char, start_token, end_token, section, background].
SCOPE_KEY = "protocol_facts.sentence_scope"


def sentence_scope(doc: Doc) -> list[list]:
    """Every sentence with its section and whether it is background, computed once per Doc.

    Kept in ``doc.user_data`` as plain lists (JSON-safe), so it travels with the Doc between processes.
    """
    table = doc.user_data.get(SCOPE_KEY)
    if table is not None:
        return table
    bounds = doc.user_data.get(SENTENCES_KEY)
    if bounds is None:
        bounds = [[s.start_char, s.end_char] for s in doc.sents]
    text = doc_text(doc)
    idx = doc.to_array("IDX").astype(np.int64)
    sections = sorted(doc_sections(doc, text), key=lambda sec: sec.start)
    section_starts = [sec.start for sec in sections]
    starts = [start for start, _end in bounds]
    ends = np.asarray([end for _start, end in bounds], dtype=np.int64)
    firsts = (np.searchsorted(idx, np.asarray(starts, dtype=np.int64), side="right") - 1).tolist()
    lasts = np.searchsorted(idx, ends, side="left").tolist()
    # One pass over the whole text: a background cue marks the sentence it starts in.
    background = {bisect_right(starts, m.start()) - 1 for m in find_background_cues(Folded(text, doc_fold(doc)))}
    table = []
    for i, (start, end) in enumerate(bounds):
        k = bisect_right(section_starts, start) - 1
        name = sections[k].name if k >= 0 else "other"
        table.append([start, end, firsts[i], lasts[i], name, i in background])
    doc.user_data[SCOPE_KEY] = table
    return table
