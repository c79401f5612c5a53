"""ENDPOINT: outcome measures, from outcome sections and from running text.

In outcome sections each measure's title line is an endpoint whose kind comes from the section heading
(Primary / Secondary / Other Outcome Measures). In running text, "The primary outcome is ...",
"Secondary outcome measures are: A; B, C and D", "Primary endpoint: ..." give one endpoint per listed
measure. Each endpoint carries the time frame the record pairs with it (the SCHEDULE fact on its line or
in its clause, set by the schedule component that runs before this one).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.lexicon_files import LexiconComponent, compile_parts
from extractor.normalize.caseless import CaselessPattern
from extractor.pipeline.fact_spans import add_fact, facts_of
from extractor.pipeline.outcome_scope import running_text
from extractor.pipeline.scope import doc_sections, doc_text, section_name
from extractor.pipeline.sentences import doc_fold

LABEL = "ENDPOINT"
FILES = ("endpoint_patterns.tsv",)
#: A measure list item longer than this is prose, not a measure name.
MAX_MEASURE_CHARS = 300
#: A colon-introduced list is read for at most this many lines, each of at most this many words.
MAX_LISTED_LINES = 15
MAX_LISTED_WORDS = 80


@dataclass(frozen=True)
class EndpointLexicon:
    """Compiled endpoint patterns."""

    measure_line: re.Pattern[str]
    numbered: re.Pattern[str]
    kind_primary: re.Pattern[str]
    kind_secondary: re.Pattern[str]
    lead: re.Pattern[str]
    list_lead: re.Pattern[str]
    stop: re.Pattern[str]
    time_lead: re.Pattern[str]


@lru_cache(maxsize=4)
def endpoint_lexicon(directory: Path | None = None) -> EndpointLexicon:
    """Compile the endpoint patterns (from the package, or a saved pipeline's ``directory``)."""
    return compile_parts(EndpointLexicon, "endpoint_patterns.tsv", directory, re.IGNORECASE | re.MULTILINE)


#: Longer lines of an outcome section are no measure lines: a registry measure and its time frame hold at
#: most 255 characters each. The bound keeps a line of thousands of "[Time Frame:" from costing the
#: measure pattern one scan of the line each (a 200 KB line took minutes).
MAX_MEASURE_LINE_CHARS = 2000


def _measure_lines(pattern: re.Pattern[str], body: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(body)`` for a pattern anchored at line starts and ends, long lines passed over."""
    start = 0
    while start <= len(body):
        end = body.find("\n", start)
        end = len(body) if end < 0 else end
        if end - start <= MAX_MEASURE_LINE_CHARS:
            m = pattern.match(body, start, end)
            if m is not None:
                yield m
        start = end + 1


def heading_kind(heading: str, lex: EndpointLexicon) -> str:
    """primary / secondary / other from an outcome section's heading."""
    if lex.kind_primary.search(heading):
        return "primary"
    if lex.kind_secondary.search(heading):
        return "secondary"
    return "other"


def running_text_kind(word: str) -> str:
    """primary / secondary / other from the word that introduces a running-text list."""
    word = word.lower()
    if word in ("primary", "main", "principal", "co-primary", "coprimary"):
        return "primary"
    return "secondary" if "secondary" in word else "other"


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space, a final full stop or comma, and unbalanced outer brackets."""
    while start < end and text[start] in " \t\"'":
        start += 1
    while end > start and text[end - 1] in " \t.,;:\"'":
        end -= 1
    return start, end


def split_measures(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character ranges of the measures listed in ``text[start:end]``.

    Lists split on ";" always, and on commas outside parentheses; the last comma item splits on " and "
    when both sides have two words or more ("time to healing and reduction of ulcers" is two measures,
    "pain and disability parameters" is one).
    """
    pieces: list[tuple[int, int]] = []
    for chunk in _split_outside_parens(text, start, end, ";", respect_parens=False):
        items = _split_outside_parens(text, chunk[0], chunk[1], ",", respect_parens=True)
        if len(items) > 1:
            last = items.pop()
            items.extend(_split_and(text, *last))
        pieces.extend(items)
    out = []
    for s, e in pieces:
        s, e = _strip_span(text, s, e)
        s = _skip_article(text, s, e)
        if e - s >= 3 and e - s <= MAX_MEASURE_CHARS:
            out.append((s, e))
    return out


def _skip_article(text: str, s: int, e: int) -> int:
    m = re.match(r"(?:the|a|an|and|or)\s+", text[s:e], re.IGNORECASE)
    return s + m.end() if m else s


def _split_outside_parens(text: str, start: int, end: int, sep: str, respect_parens: bool) -> list[tuple[int, int]]:
    out, depth, begin = [], 0, start
    for i in range(start, end):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == sep and (depth == 0 or not respect_parens):
            out.append((begin, i))
            begin = i + 1
    out.append((begin, end))
    return out


def _split_and(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segment = text[start:end]
    m = None
    for candidate in re.finditer(r"\s+and\s+", segment):
        if "(" not in segment[: candidate.start()] or ")" in segment[: candidate.start()]:
            m = candidate
    if m is None:
        return [(start, end)]
    left, right = segment[: m.start()].split(), segment[m.end() :].split()
    if len(left) >= 2 and len(right) >= 2:
        return [(start, start + m.start()), (start + m.end(), end)]
    return [(start, end)]


class EndpointRecognizer(LexiconComponent):
    """Adds ENDPOINT facts with ``kind``, ``time_frame`` and ``time_frame_days``."""

    files = FILES

    def load(self, directory: Path | None) -> None:
        self.lexicon = endpoint_lexicon(directory)
        # Every sentence in scope is searched for a lead: the fast twins pay off.
        self.lead = CaselessPattern.compile(self.lexicon.lead, prefilter=True)
        self.list_lead = CaselessPattern.compile(self.lexicon.list_lead, prefilter=True)

    def __call__(self, doc: Doc) -> Doc:
        schedules = facts_of(doc, "SCHEDULE")
        self._outcome_sections(doc, schedules)
        self._running_text(doc, schedules)
        return doc

    def _outcome_sections(self, doc: Doc, schedules: list[Span]) -> None:
        lex, text = self.lexicon, doc_text(doc)
        # By position, for bisection (a record with thousands of measures compared each with every frame).
        order = sorted(range(len(schedules)), key=lambda i: schedules[i].start_char)
        schedule_starts = [schedules[i].start_char for i in order]
        for section in doc_sections(doc):
            if section.name != "outcomes":
                continue
            kind = heading_kind(section.heading, lex)
            body_start = text.find("\n", section.start, section.end)
            if body_start < 0:
                continue
            body = text[body_start + 1 : section.end]
            numbered = bool(lex.numbered.search(body))
            for m in _measure_lines(lex.measure_line, body):
                if numbered and not lex.numbered.match(m.group(0)):
                    continue  # a description line under a numbered measure
                if not numbered and m.group("frame") is None:
                    continue  # unnumbered layouts: a measure line carries its time frame
                s, e = _strip_span(text, body_start + 1 + m.start("measure"), body_start + 1 + m.end("measure"))
                if e <= s or e - s > MAX_MEASURE_CHARS:
                    continue
                line_end = body_start + 1 + m.end()
                # The first-added SCHEDULE fact between the measure's end and its line's end.
                lo = bisect_left(schedule_starts, e)
                on_line = order[lo : bisect_left(schedule_starts, line_end, lo)]
                frame = schedules[min(on_line)] if on_line else None
                self._add(doc, s, e, kind, "endpoint.outcome_section", frame)

    def _running_text(self, doc: Doc, schedules: list[Span]) -> None:
        sentences, doc_lower = running_text(doc, LABEL), doc_fold(doc)
        # One look for the words every lead holds in the whole text spares searching most sentences.
        spans = [(s.start_char, s.end_char) for s in sentences]
        lead = self.lead.may_match(doc_lower, spans) if doc_lower else [True] * len(sentences)
        list_lead = self.list_lead.may_match(doc_lower, spans) if doc_lower else [True] * len(sentences)
        for number, sent in enumerate(sentences):
            if not lead[number] and not list_lead[number]:
                continue
            text = sent.text
            lowered = sent.lowered
            leads = self.lead.finditer(text, lowered) if lead[number] else iter(())
            if list_lead[number] and self.list_lead.search(text, lowered) and not self.lead.search(text, lowered):
                self._listed_lines(doc, sentences[number + 1 :], "other", schedules)
                continue
            for m in leads:
                kind = running_text_kind(m.group("kind") or "")  # lower case either way
                start = m.end()
                next_lead = self.lead.search(text, lowered, start)
                end = next_lead.start() if next_lead else len(text)
                if not text[start:end].strip(" \t\n:.-"):
                    # "Primary outcomes:" then one measure a line: the list is in the sentences that follow.
                    self._listed_lines(doc, sentences[number + 1 :], kind, schedules)
                    continue
                end, frame = self._clause(sent, start, end, schedules)
                for s, e in split_measures(text, start, end):
                    self._add(doc, sent.start_char + s, sent.start_char + e, kind, "endpoint.running_text", frame)

    def _clause(self, sent: Span, start: int, end: int, schedules: list[Span]) -> tuple[int, Span | None]:
        """Where the measures of a clause end, and the time frame that closes it ("... at 12 weeks")."""
        lex, text = self.lexicon, sent.text
        stop = lex.stop.search(text, start, end)
        if stop:
            end = stop.start()
        time = lex.time_lead.search(text, start, end)
        if not time:
            return end, None
        lo, hi = sent.start_char + time.end(), sent.start_char + end + 1
        return time.start(), next((f for f in schedules if lo <= f.start_char < hi), None)

    def _listed_lines(self, doc: Doc, following: list[Span], kind: str, schedules: list[Span]) -> None:
        """Measures written one a line after a lead that ends with a colon."""
        lex = self.lexicon
        section = section_name(doc, following[0].start_char) if following else ""
        for sent in following[:MAX_LISTED_LINES]:
            text = sent.text
            if section_name(doc, sent.start_char) != section or lex.lead.search(text) or lex.list_lead.search(text):
                return
            if len(text.split()) > MAX_LISTED_WORDS or text.rstrip().endswith(":"):
                return
            start = len(text) - len(text.lstrip(" \t-*•0123456789.)"))
            end, frame = self._clause(sent, start, len(text.rstrip()), schedules)
            s, e = _strip_span(text, start, end)
            s = _skip_article(text, s, e)
            if e - s >= 3:
                self._add(doc, sent.start_char + s, sent.start_char + e, kind, "endpoint.listed_line", frame)

    @staticmethod
    def _add(doc: Doc, start: int, end: int, kind: str, rule: str, frame: Span | None) -> None:
        span = add_fact(doc, start, end, LABEL, rule, kind=kind)
        if span is not None and frame is not None:
            span._.time_frame = frame.text
            span._.time_frame_days = frame._.days


@Language.factory("protocol_endpoint", default_config={})
def make_endpoint(nlp: Language, name: str) -> EndpointRecognizer:
    """The ENDPOINT component."""
    return EndpointRecognizer()
