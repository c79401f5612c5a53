"""scispaCy's abbreviation detector, under a factory name of this package and with a faster candidate search.

scispaCy finds "( ... )" candidates with a Matcher pattern whose "+" operator makes it slow on long
documents; candidates with more than eight tokens inside are then discarded by its own filter. Here the
same candidates (every "(" paired with every ")" up to nine tokens after it) are found from the token
array, scispaCy's filter and Schwartz & Hearst matching run unchanged, and later uses of each short form
are found on the token array instead of with a second Matcher, so the results are the same.
Registering the factory here (and as an entry point) lets ``spacy.load`` rebuild a saved pipeline
without importing scispaCy first.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scispacy.abbreviation import AbbreviationDetector, filter_matches, find_abbreviation
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.pipeline.sentences import doc_text

#: scispaCy's filter drops candidates with more than this many tokens inside the brackets.
MAX_INSIDE = 8


class ProtocolAbbreviationDetector(AbbreviationDetector):
    """Sets ``doc._.abbreviations`` (serializable dicts) exactly as scispaCy's detector does."""

    def __init__(self, nlp: Language, name: str = "protocol_abbreviations", make_serializable: bool = True) -> None:
        super().__init__(nlp, name=name, make_serializable=make_serializable)
        self._open = nlp.vocab.strings.add("(")
        self._close = nlp.vocab.strings.add(")")

    def candidates(self, doc: Doc, orth: np.ndarray | None = None) -> list[tuple[int, int, int]]:
        """(0, start, end) for the tokens inside every bracket pair scispaCy's filter could keep."""
        orth = doc.to_array("ORTH") if orth is None else orth
        opens = np.flatnonzero(orth == self._open)
        closes = np.flatnonzero(orth == self._close)
        out = []
        for i in opens.tolist():
            lo = np.searchsorted(closes, i + 2)
            hi = np.searchsorted(closes, i + MAX_INSIDE + 1, side="right")
            out.extend((0, i + 1, j) for j in closes[lo:hi].tolist())
        return out

    def find_matches_for(
        self, filtered: list[tuple[Span, Span]], doc: Doc, orth: np.ndarray | None = None
    ) -> list[tuple[Span, set[Span]]]:
        """scispaCy's definition step, with every later use of a short form found on the token array.

        scispaCy adds each short form to a Matcher run over the whole Doc; comparing ORTH ids gives the
        same occurrences without walking the tokens in Python.
        """
        rules: dict[str, Span] = {}
        occurrences: dict[Span, set[Span]] = defaultdict(set)
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        forms: list[tuple[str, list[int]]] = []
        for long_candidate, short_candidate in filtered:
            short, long = find_abbreviation(long_candidate, short_candidate)
            if long is None or long.text in seen_long or short.text in seen_short:
                continue
            seen_long.add(long.text)
            seen_short.add(short.text)
            occurrences[long].add(short)
            rules[long.text] = long
            forms.append((long.text, [t.orth for t in short]))
        if forms:
            orth = doc.to_array("ORTH") if orth is None else orth
            for long_text, sequence in forms:
                hits = np.flatnonzero(orth[: len(orth) - len(sequence) + 1] == sequence[0])
                for k, value in enumerate(sequence[1:], 1):
                    hits = hits[orth[hits + k] == value]
                for start in hits.tolist():
                    occurrences[rules[long_text]].add(doc[start : start + len(sequence)])
        return list(occurrences.items())

    def __call__(self, doc: Doc) -> Doc:
        orth = doc.to_array("ORTH")
        filtered = filter_matches(self.candidates(doc, orth), doc)
        if not filtered:
            return doc
        occurrences = self.find_matches_for(filtered, doc, orth)
        text = doc_text(doc)
        found = doc._.abbreviations
        seen: set[tuple[int, int]] = set()
        for long_form, short_forms in occurrences:
            long_text = text[long_form.start_char : long_form.end_char]
            for short in sorted(short_forms, key=lambda s: (s.start, s.end)):
                # A short form can be reached from two definitions ("CMV" defined twice differently); its
                # extension value is stored per offsets, so it keeps the first definition only.
                if (short.start, short.end) in seen:
                    continue
                seen.add((short.start, short.end))
                if not self.make_serializable:
                    short._.long_form = long_form
                    found.append(short)
                    continue
                # What scispaCy's make_short_form_serializable leaves, built from the text directly.
                short._.long_form = long_text
                found.append(
                    {
                        "short_text": text[short.start_char : short.end_char],
                        "short_start": short.start,
                        "short_end": short.end,
                        "long_text": long_text,
                        "long_start": long_form.start,
                        "long_end": long_form.end,
                    }
                )
        if self.make_serializable:
            # Entries someone added before this component, as scispaCy would leave them.
            doc._.abbreviations = [a if isinstance(a, dict) else self.make_short_form_serializable(a) for a in found]
        return doc


@Language.factory("protocol_abbreviations", default_config={"make_serializable": True})
def make_abbreviations(nlp: Language, name: str, make_serializable: bool) -> ProtocolAbbreviationDetector:
    """Short form -> long form pairs ("BM-MSC" -> "bone marrow derived mesenchymal stromal cells").

    ``make_serializable`` stores abbreviations as plain dicts so Docs pickle across processes.
    """
    return ProtocolAbbreviationDetector(nlp, name=name, make_serializable=make_serializable)
