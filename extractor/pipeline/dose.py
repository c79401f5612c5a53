"""DOSE: amounts of an intervention per administration, normalized to plain units.

The quantity grammar and its normalization live in :mod:`extractor.normalize.quantity` (pure, no
spaCy); this component decides from context which quantities are doses: a bare count is a number of
cells only beside a cell-product word, and diluent volumes or excipient concentrations
("suspended in 50 ml of PlasmaLyte A", "10% human serum albumin") are not doses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.lexicon_files import LexiconComponent, compile_parts
from extractor.normalize.quantity import find_doses
from extractor.normalize.quantity_scan import quantity_starts
from extractor.pipeline.fact_spans import Sentence, add_fact, scoped_sentences
from extractor.pipeline.sentences import doc_text

LABEL = "DOSE"
#: A bare count below this is not a number of cells (it is a visit number, an age, a percentage ...).
MIN_BARE_CELL_COUNT = 10_000
#: How far (characters) a cell-product word may stand from a bare count.
CELL_WORD_WINDOW = 80


@dataclass(frozen=True)
class DoseContext:
    """Compiled context patterns."""

    cell_product: re.Pattern[str]
    vehicle_before: re.Pattern[str]
    vehicle_after: re.Pattern[str]
    concentration_unit: re.Pattern[str]
    percent_dose: re.Pattern[str]
    placebo: re.Pattern[str]


FILES = ("dose_context.tsv",)


@lru_cache(maxsize=4)
def dose_context(directory: Path | None = None) -> DoseContext:
    """Compile the dose context patterns (from the package, or a saved pipeline's ``directory``)."""
    return compile_parts(DoseContext, "dose_context.tsv", directory)


def dose_unit(
    text: str, start: int, end: int, unit: str, low: float | None, ctx: DoseContext | None = None
) -> str | None:
    """The unit a quantity found at [start, end) of a sentence has as a dose, or None if it is no dose."""
    ctx = ctx or dose_context()
    before, after = text[max(0, start - 40) : start], text[end : end + 60]
    if before.rstrip().endswith("/"):
        return None  # the volume of a concentration: "3,000,000 cells/150 µL"
    if unit == "%" and not ctx.percent_dose.match(after):
        return None
    if unit in ("mL", "%", "mL/kg") or ctx.concentration_unit.match(unit):
        if ctx.vehicle_after.match(after) or (unit == "%" and ctx.vehicle_before.search(before)):
            return None
        if unit == "mL" and ctx.vehicle_before.search(before) and not ctx.cell_product.search(after[:30]):
            return None
    if unit:
        return unit
    # A bare count: cells when a cell-product word stands near it and the number is large enough.
    if low is None or low < MIN_BARE_CELL_COUNT:
        return None
    window = text[max(0, start - CELL_WORD_WINDOW) : end + CELL_WORD_WINDOW]
    return "cells" if ctx.cell_product.search(window) else None


class DoseRecognizer(LexiconComponent):
    """Adds DOSE facts with ``low``, ``high`` and ``unit``."""

    files = FILES

    def load(self, directory: Path | None) -> None:
        self.context = dose_context(directory)

    def __call__(self, doc: Doc) -> Doc:
        ctx = self.context
        sentences = list(scoped_sentences(doc, LABEL))
        if not sentences:
            return doc
        for sent, starts in _with_quantity_starts(doc_text(doc), sentences):
            text = sent.text
            matches = find_doses(text, starts)
            if not matches:
                continue
            placebo_only = ctx.placebo.search(text) and not ctx.cell_product.search(text)
            for m in matches:
                unit = dose_unit(text, m.start, m.end, m.unit, m.low, ctx)
                if unit is None or (placebo_only and unit in ("mL", "%")):
                    continue
                add_fact(
                    doc,
                    sent.start_char + m.start,
                    sent.start_char + m.end,
                    LABEL,
                    f"dose.{m.rule}",
                    low=m.low,
                    high=m.high,
                    unit=unit,
                )
        return doc


def _with_quantity_starts(text: str, sentences: list[Sentence]) -> list[tuple[Sentence, list[int] | None]]:
    """The sentences that may hold a quantity, each with the positions where one may start (None: any).

    One scan of the whole document ``text`` replaces a scan per sentence, and most sentences, without any
    number, are left out.
    """
    starts = quantity_starts(text)
    if starts is None:
        return [(sent, None) for sent in sentences]
    begins = [sent.start_char for sent in sentences]
    found: dict[int, list[int] | None] = {}
    for position in starts:
        k = bisect_right(begins, position) - 1
        if k >= 0 and position < sentences[k].end_char:
            found.setdefault(k, []).append(position - begins[k])  # type: ignore[union-attr]
    for k, sent in enumerate(sentences):
        begin = sent.start_char
        if len(sent.text) != sent.end_char - begin:
            found[k] = None  # not the slice of ``text`` it should be: let find_doses scan it
        elif begin and not text[begin - 1].isspace():
            # The document scan judged the sentence's first character by the one before it, which the
            # sentence on its own does not have; after white space both agree.
            relative = found.setdefault(k, [])
            if relative is not None and (not relative or relative[0] != 0):
                relative.insert(0, 0)
    return [(sentences[k], found[k]) for k in sorted(found)]


@Language.factory("protocol_dose", default_config={})
def make_dose(nlp: Language, name: str) -> DoseRecognizer:
    """The DOSE component."""
    return DoseRecognizer()
