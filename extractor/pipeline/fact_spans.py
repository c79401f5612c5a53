"""Adding fact spans to a Doc: the one place that turns a character match into a fact span.

Every component finds matches in the text of the sentences that may carry its label, then calls
:func:`add_fact`, which aligns the match to tokens, records provenance and sets the attributes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from extractor.facts import FACTS_KEY
from extractor.normalize.caseless import fold
from extractor.pipeline.scope import doc_text, section_labels, section_name, sentence_scope
from extractor.pipeline.sentences import doc_fold

#: Facts one record may yield. Real records yield a few hundred at most (304 in 3,698 records of ../shared,
#: see benchmarks/README.md); a text that yields more is a table or list far beyond any trial record, and
#: every fact holds ~5 KB (span, attributes, rows) until its record's rows are written: the cap bounds a
#: record's memory.
MAX_FACTS = 10_000


class TooManyFacts(ValueError):
    """A record yields more than :data:`MAX_FACTS` facts; it becomes an error row."""


class Sentence(NamedTuple):
    """A sentence as components read it: its text and where it lies (token and character offsets).

    Lighter than a Span: ``Span.text`` rebuilds the text from its tokens on every access, and every
    component reads every sentence's text.
    """

    text: str
    start_char: int
    end_char: int
    start: int
    end: int
    #: ``caseless.fold(text)``: the lower-cased text where searching it is exact, else None.
    #: Searching it case-sensitively is several times faster than ``re.IGNORECASE``.
    lowered: str | None = None


_SENTENCES: WeakKeyDictionary[Doc, list[tuple[Sentence, frozenset[str]]]] = WeakKeyDictionary()


def scoped_sentences(doc: Doc, label: str) -> Iterator[Sentence]:
    """Sentences whose section may carry ``label`` and that are not background."""
    sentences = _SENTENCES.get(doc)
    if sentences is None:
        # Built once per Doc and shared by every component (each asks for its own label).
        allowed = section_labels()
        text, lowered = doc_text(doc), doc_fold(doc)
        # End of each token, from two arrays: cheaper than a Token object per sentence.
        token_ends = doc.to_array([IDX, LENGTH]).sum(axis=1).tolist() if len(doc) else []
        sentences = []
        for start, _end, first, last, section, background in sentence_scope(doc):
            if not background and last > first:
                end = token_ends[last - 1]
                sentence_text = text[start:end]
                # A sentence of a text that cannot be folded as a whole may be foldable on its own.
                sentence_lowered = lowered[start:end] if lowered is not None else fold(sentence_text)
                sentence = Sentence(sentence_text, start, end, first, last, sentence_lowered)
                sentences.append((sentence, allowed.get(section, frozenset())))
        _SENTENCES[doc] = sentences
    return (sentence for sentence, labels in sentences if label in labels)


def add_fact(doc: Doc, start: int, end: int, label: str, rule: str, **attrs: Any) -> Span | None:
    """Add a fact span covering characters [start, end) of ``doc`` (expanded to whole tokens).

    Returns None where the range holds no token or repeats a fact of the same label already added. Raises
    :class:`TooManyFacts` beyond :data:`MAX_FACTS` facts.
    """
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    group = doc.spans.get(FACTS_KEY)
    keys = _fact_keys(doc, group)
    if (label, span.start, span.end) in keys:
        return None
    if len(keys) >= MAX_FACTS:
        raise TooManyFacts(f"the record yields more than {MAX_FACTS:,} facts (trial records: a few hundred)")
    span._.rule = rule
    span._.section = section_name(doc, span.start_char)
    for name, value in attrs.items():
        setattr(span._, name, value)
    if group is None:
        doc.spans[FACTS_KEY] = [span]
    else:
        group.append(span)
    keys.add((label, span.start, span.end))
    _FACT_KEYS[doc] = (len(doc.spans[FACTS_KEY]), keys)
    return span


#: Per Doc: (size of the facts group when last seen, (label, start, end) of its spans). Comparing a new
#: span with every fact made add_fact quadratic: a 1 MB record took minutes.
_FACT_KEYS: WeakKeyDictionary[Doc, tuple[int, set[tuple[str, int, int]]]] = WeakKeyDictionary()


def _fact_keys(doc: Doc, group: Any) -> set[tuple[str, int, int]]:
    """The (label, start, end) keys of the facts group, rebuilt when the group changed behind our back."""
    size = len(group) if group is not None else 0
    cached = _FACT_KEYS.get(doc)
    if cached is not None and cached[0] == size:
        return cached[1]
    keys = {(s.label_, s.start, s.end) for s in group} if group is not None else set()
    _FACT_KEYS[doc] = (size, keys)
    return keys


def facts_of(doc: Doc, label: str) -> list[Span]:
    """The fact spans of ``label`` added so far."""
    return [s for s in doc.spans.get(FACTS_KEY, []) if s.label_ == label]
