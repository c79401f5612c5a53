"""SAMPLE_SIZE: how many participants the trial plans or enrolled ("20 participants will be randomised").

Two sources: the structured ``Enrollment:`` line of a rendered record, and sentences of the summary
or description that count participants with a planning verb. Counts of one arm or group, and counts
in background sentences or eligibility criteria, are not sample sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.lexicon_files import LexiconComponent, lexicon_parts
from extractor.normalize.caseless import CaselessPattern, Folded, folded
from extractor.normalize.counts import parse_count
from extractor.pipeline.fact_spans import add_fact, scoped_sentences

LABEL = "SAMPLE_SIZE"
#: Counts above this are not a trial's participants (registries, years, sample counts).
MAX_PARTICIPANTS = 100_000


@dataclass(frozen=True)
class SampleSizeLexicon:
    """Compiled sample-size patterns (case-insensitive; those searched in every sentence on its lower-cased copy)."""

    count: CaselessPattern
    planning: CaselessPattern
    per_group: re.Pattern[str]
    per_group_before: re.Pattern[str]
    enrollment: CaselessPattern


FILES = ("sample_size_patterns.tsv",)


@lru_cache(maxsize=4)
def sample_size_lexicon(directory: Path | None = None) -> SampleSizeLexicon:
    """Compile the sample-size patterns (from the package, or a saved pipeline's ``directory``)."""
    parts = lexicon_parts("sample_size_patterns.tsv", directory)
    count = rf"(?<![\w.,:/-])(?:{parts['lead']})?{parts['number']}\s+{parts['modifiers']}{parts['people']}(?![\w-])"
    flags = re.IGNORECASE
    # Searched on each sentence's lower-cased copy. No prefilter: on a sentence, checking for the many
    # words these patterns require costs what it saves (measured).
    return SampleSizeLexicon(
        count=CaselessPattern.compile(count, boundary=True),
        planning=CaselessPattern.compile(parts["planning"], boundary=True),
        per_group=re.compile(parts["per_group"], flags),
        per_group_before=re.compile(parts["per_group_before"], flags),
        enrollment=CaselessPattern.compile(parts["enrollment"], re.MULTILINE),
    )


def find_sample_sizes(text: str | Folded, lex: SampleSizeLexicon | None = None) -> list[tuple[int, int, int, str]]:
    """(start, end, n, rule) for the participant counts of one sentence of running text (or of its fold)."""
    lex = lex or sample_size_lexicon()
    text, low = folded(text)
    if not lex.planning.search(text, low):
        return []
    out = []
    for m in lex.count.finditer(text, low):
        n = parse_count(m.group("n"))
        if n is None or not 0 < n <= MAX_PARTICIPANTS:
            continue
        if lex.per_group.search(text[m.end() : m.end() + 40]) or lex.per_group_before.search(
            text[max(0, m.start() - 30) : m.start()]
        ):
            continue
        out.append((m.start("n"), m.end(), n, "sample_size.count"))
    return out


class SampleSizeRecognizer(LexiconComponent):
    """Adds SAMPLE_SIZE facts with the count ``n``."""

    files = FILES

    def load(self, directory: Path | None) -> None:
        self.lexicon = sample_size_lexicon(directory)

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicon
        for sent in scoped_sentences(doc, LABEL):
            pair = Folded(sent.text, sent.lowered)
            m = lex.enrollment.search(*pair)
            if m:
                n = parse_count(m.group("n"))
                if n is not None:
                    add_fact(
                        doc,
                        sent.start_char + m.start("n"),
                        sent.start_char + m.end("n"),
                        LABEL,
                        "sample_size.enrollment",
                        n=n,
                    )
                continue
            for start, end, n, rule in find_sample_sizes(pair, lex):
                add_fact(doc, sent.start_char + start, sent.start_char + end, LABEL, rule, n=n)
        return doc


@Language.factory("protocol_sample_size", default_config={})
def make_sample_size(nlp: Language, name: str) -> SampleSizeRecognizer:
    """The SAMPLE_SIZE component."""
    return SampleSizeRecognizer()
