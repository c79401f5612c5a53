"""Sentence boundaries for trial documents: every line is a unit, and so is every sentence in it.

Registry fields put one item a line (an arm, an outcome with its time frame, a criterion), so a line
break always ends a sentence; inside a line, a full stop, question or exclamation mark that stands as
its own token ends one when the next word starts with a capital, a digit or a bracket. A list marker
("1.") at the start of a line does not. Boundaries are found on the text and set in one array
operation, and their character offsets are kept in ``doc.user_data`` so later components need not
walk ``doc.sents`` again.
"""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractor.normalize.caseless import fold

#: user_data key of the sentence boundaries: a list of [start_char, end_char] pairs.
SENTENCES_KEY = "protocol_facts.sentences"

_LINE_START = re.compile(r"(?:^|\n)[^\S\n]*(?=\S)")
_SENTENCE_END = re.compile(r"[.!?][^\S\n]+(?=[A-Z0-9(\"'\[])")
_LIST_MARKER = re.compile(r"[^\S\n]*\d{1,3}$")


_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def remember_text(doc: Doc, text: str) -> None:
    """Record the text a Doc was made from (the tokenizer calls this)."""
    _TEXTS[doc] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, remembered for as long as the Doc lives.

    spaCy builds ``doc.text`` from the tokens on every access; every component needs it once per Doc,
    and so do the table rows built after ``nlp.pipe`` (a batch later, when a short list of recent Docs
    has forgotten it). Docs are keyed weakly, so a Doc's text goes when the Doc does.
    """
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


_FOLDS: WeakKeyDictionary[Doc, tuple[str | None]] = WeakKeyDictionary()


def doc_fold(doc: Doc) -> str | None:
    """``caseless.fold`` of the Doc's text, remembered as its text is: several components search the whole
    text, and every sentence's fold is a slice of it (folding keeps every offset)."""
    found = _FOLDS.get(doc)
    if found is None:
        found = _FOLDS[doc] = (fold(doc_text(doc)),)
    return found[0]


def sentence_starts(text: str, token_starts: np.ndarray) -> list[int]:
    """Character offsets where sentences start (each the start of a token); ``token_starts`` sorted."""
    starts = {m.end() for m in _LINE_START.finditer(text)}
    marks = list(_SENTENCE_END.finditer(text))
    # A mark that starts no token belongs to one such as "e.g." or "al.": looked up in one array call.
    periods = np.asarray([m.start() for m in marks], dtype=np.int64)
    at = np.minimum(np.searchsorted(token_starts, periods), max(len(token_starts) - 1, 0))
    own_token = (token_starts[at] == periods).tolist() if len(token_starts) else [False] * len(marks)
    for m, is_token in zip(marks, own_token, strict=True):
        if not is_token:
            continue
        period = m.start()
        line_start = text.rfind("\n", 0, period) + 1
        if _LIST_MARKER.fullmatch(text, line_start, period):
            continue
        starts.add(m.end())
    return sorted(s for s in starts if s < len(text))


class SentenceSplitter:
    """Sets sentence starts on the Doc and records the sentences' character ranges."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            doc.user_data[SENTENCES_KEY] = []
            return doc
        text = doc_text(doc)
        idx = doc.to_array("IDX").astype(np.int64)
        starts = sentence_starts(text, idx)
        token_index = np.searchsorted(idx, np.asarray(starts, dtype=np.int64), side="right") - 1
        flags = np.full(len(doc), -1, dtype=np.int64)
        flags[0] = 1
        flags[token_index[token_index >= 0]] = 1
        doc.from_array([SENT_START], flags.astype(np.uint64).reshape(-1, 1))
        first = idx[np.flatnonzero(flags == 1)].tolist()
        ends = [*first[1:], len(text)]
        doc.user_data[SENTENCES_KEY] = [[s, e] for s, e in zip(first, ends, strict=True)]
        return doc


@Language.factory("protocol_sentences", default_config={})
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    """Line- and punctuation-based sentence boundaries."""
    return SentenceSplitter()
