"""Sentence boundaries for trial documents: every line is a unit, and so is every sentence in it.

Registry fields put one item a line (an arm, an outcome with its time frame, a criterion), so a line
break always ends a sentence; inside a line, a full stop, question or exclamation mark ends one when
the next word starts a new sentence. A list marker ("1.") at the start of a line does not.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_ENDERS = frozenset({".", "!", "?"})


class SentenceSplitter:
    """Sets ``is_sent_start`` on every token."""

    def __call__(self, doc: Doc) -> Doc:
        line_start = True
        sentence_len = 0
        previous = None
        for token in doc:
            if token.is_space:
                token.is_sent_start = False if previous is not None else True
                if "\n" in token.text:
                    line_start = True
                continue
            if previous is None or line_start:
                start = True
            elif previous.text in _ENDERS:
                first = token.text[0]
                list_marker = sentence_len == 2 and doc[previous.i - 1].like_num
                start = (first.isupper() or first.isdigit() or first in "(\"'[") and not list_marker
            else:
                start = False
            token.is_sent_start = start
            sentence_len = 1 if start else sentence_len + 1
            line_start = "\n" in token.whitespace_
            previous = token
        return doc


@Language.factory("protocol_sentences", default_config={})
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    """Line- and punctuation-based sentence boundaries."""
    return SentenceSplitter()
