"""SCHEDULE: when participants are assessed, visited or followed up, normalized to days.

Two sources: every outcome time frame ("[Time Frame: 12 weeks after MSC administration]" gives
"12 weeks after MSC administration"), and follow-up statements in running text ("Follow-up visits will
be scheduled at 48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment"). The time grammar lives in
:mod:`extractor.normalize.time`; this component decides which time expressions are assessment times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from extractor.lexicon_files import LexiconComponent, compile_parts
from extractor.normalize.caseless import CaselessPattern
from extractor.normalize.time import TimeMatch, TimeValue, find_time_expressions, normalize_time
from extractor.pipeline.fact_spans import add_fact
from extractor.pipeline.outcome_scope import running_text
from extractor.pipeline.scope import doc_sections, doc_text

LABEL = "SCHEDULE"
FILES = ("schedule_context.tsv",)
# The frame runs to the last "]" of its line: frames may hold brackets of their own ("[LOCF]"). It starts
# and ends with a non-space, and the spaces before it are taken at once ("(?=(?P<ws>...))(?P=ws)" cannot
# give any back): the matches of the plain "\s*(?P<frame>[^\n]*?)\s*", without that pattern's cubic time
# on a long run of spaces with no "]" after it (2,000 spaces took 9 s).
_TIME_FRAME = re.compile(
    r"\[\s*Time\s*Frame\s*:(?=(?P<ws>\s*))(?P=ws)(?P<frame>(?:\S(?:[^\n]*?\S)??)??)\s*\][^\]\n]*$",
    re.IGNORECASE | re.MULTILINE,
)


_FRAME_HEAD = re.compile(r"\[\s*Time\s*Frame\s*:", re.IGNORECASE)
_SPACES = re.compile(r"\s*")


def time_frames(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches ``_TIME_FRAME.finditer(text, start, end)`` gives, in linear time.

    Each "[Time Frame:" is tried in turn. When one finds no closing "]", no later one whose frame would
    start on the same line can (any end that fits the later frame fits the earlier one), so those are
    passed over: a line of thousands of unclosed "[Time Frame:" cost one scan of the line each.
    """
    pos, dead_until = start, -1
    while head := _FRAME_HEAD.search(text, pos, end):
        frame_start = _SPACES.match(text, head.end(), end).end()  # type: ignore[union-attr]
        if frame_start < dead_until:
            pos = head.end()
            continue
        m = _TIME_FRAME.match(text, head.start(), end)
        if m is not None:
            yield m
            pos = m.end()
        else:
            line_end = text.find("\n", frame_start, end)
            dead_until = line_end if line_end >= 0 else end
            pos = head.end()


@dataclass(frozen=True)
class ScheduleContext:
    """Compiled context patterns."""

    assessment: re.Pattern[str]
    administration: re.Pattern[str]
    not_time_point_before: re.Pattern[str]
    not_time_point_after: re.Pattern[str]


class FastContext(NamedTuple):
    """The context patterns, searched on lower-cased text where that is exact (see ``caseless``)."""

    assessment: CaselessPattern
    administration: CaselessPattern
    before: CaselessPattern  # not_time_point_before
    after: CaselessPattern  # not_time_point_after


@lru_cache(maxsize=4)
def schedule_context(directory: Path | None = None) -> ScheduleContext:
    """Compile the schedule context patterns (from the package, or a saved pipeline's ``directory``)."""
    return compile_parts(ScheduleContext, "schedule_context.tsv", directory)


#: Whole days are written as integers up to here (every one of them exact as a float, which is how
#: tables hold them: Arrow refuses a Python int beyond 64 bits even in a float column).
_WHOLE_DAYS_MAX = 2**53


def _day(value: float) -> float | int:
    d = float(value)
    return int(d) if d.is_integer() and abs(d) <= _WHOLE_DAYS_MAX else d


def _attrs(value: TimeValue) -> dict[str, object]:
    return {
        "days": [_day(d) for d in value.days],
        "every": value.every,
        "through": value.through,
        "anchor": value.anchor or None,
    }


class ScheduleRecognizer(LexiconComponent):
    """Adds SCHEDULE facts with ``days``, ``every``, ``through`` and ``anchor``."""

    files = FILES

    def load(self, directory: Path | None) -> None:
        self.context = context = schedule_context(directory)
        # Every sentence in scope is searched for an assessment word: the fast twins pay off.
        self.fast = FastContext(
            CaselessPattern.compile(context.assessment, prefilter=True),
            CaselessPattern.compile(context.administration, prefilter=True),
            CaselessPattern.compile(context.not_time_point_before, prefilter=True),
            CaselessPattern.compile(context.not_time_point_after, prefilter=True),
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for section in doc_sections(doc):
            if section.name != "outcomes":
                continue
            for m in time_frames(text, section.start, section.end):
                start, end = m.start("frame"), m.end("frame")
                while end > start and text[end - 1] in ".,; ":
                    end -= 1
                if end > start:
                    add_fact(doc, start, end, LABEL, "schedule.time_frame", **_attrs(normalize_time(text[start:end])))
        ctx = self.fast
        twin = ctx.assessment.direct  # called as is: the loop is hot
        for sent in running_text(doc, LABEL):
            sentence = sent.text
            lower = sent.lowered
            if twin is not None and lower is not None:
                if twin.search(lower) is None:
                    continue
            elif ctx.assessment.search(sentence, lower) is None:
                continue
            for m in find_time_expressions(sentence):
                value = m.value
                if not (value.days or value.every or value.through) or self._not_assessed(sentence, lower, m):
                    continue
                add_fact(
                    doc,
                    sent.start_char + m.start,
                    sent.start_char + m.end,
                    LABEL,
                    f"schedule.{m.rule}",
                    **_attrs(value),
                )
        return doc

    def _not_assessed(self, sentence: str, lower: str | None, m: TimeMatch) -> bool:
        """Whether the words around a time say it is no assessment time (an age, a window, a dose time)."""
        ctx = self.fast
        a, b = max(0, m.start - 40), m.end + 40
        if ctx.before.search(sentence[a : m.start], lower and lower[a : m.start]):
            return True
        if ctx.after.match(sentence[m.end : b], lower and lower[m.end : b]):
            return True
        # "at week 24, another infusion will be performed": a dosing time, not an assessment.
        a, b = max(0, m.start - 60), m.end + 60
        near, near_lower = sentence[a:b], lower and lower[a:b]
        administration = ctx.administration.search(near, near_lower) is not None
        return administration and ctx.assessment.search(near, near_lower) is None


@Language.factory("protocol_schedule", default_config={})
def make_schedule(nlp: Language, name: str) -> ScheduleRecognizer:
    """The SCHEDULE component."""
    return ScheduleRecognizer()
