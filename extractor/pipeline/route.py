"""ROUTE: explicit routes of administration ("intramuscular injection", "infused intravenously", "IV").

Route words come from ``data/lexicons/routes.tsv``; a route is never inferred from "infusion" alone.
Abbreviations (IV, IM, SC ...) and ambiguous adjectives ("oral") count only beside a word of
administration, so "stage IV" and "oral mucositis" are not routes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.lexicon_files import LexiconComponent, lexicon_rows
from extractor.normalize.caseless import Folded, folded
from extractor.normalize.matches import EntryAlternation, entry_alternation, longest_non_overlapping
from extractor.normalize.text_ranges import RangeIndex
from extractor.pipeline.fact_spans import add_fact, scoped_sentences

LABEL = "ROUTE"


@dataclass(frozen=True)
class RouteLexicon:
    """Compiled route forms, administration words and exclusions."""

    words: EntryAlternation  # word and needs_admin forms, case-insensitive
    words_lowered: EntryAlternation | None  # their twin for lower-cased text (``caseless.fold``), much faster
    abbreviations: EntryAlternation  # abbreviations, case-sensitive
    word_forms: tuple[tuple[str, str], ...]  # (route, form) of each entry of ``words``
    abbreviation_forms: tuple[tuple[str, str], ...]  # (route, form) of each entry of ``abbreviations``
    join_after: re.Pattern[str]
    join_before: re.Pattern[str]
    license_after: re.Pattern[str]
    license_before: re.Pattern[str]
    exclusions: re.Pattern[str]


FILES = ("routes.tsv", "administration_words.tsv", "route_exclusions.tsv")


@lru_cache(maxsize=4)
def route_lexicon(directory: Path | None = None) -> RouteLexicon:
    """Compile the route lexicons (from the package, or a saved pipeline's ``directory``)."""
    # One alternation per case mode instead of a pattern per form: every sentence of every record is
    # searched, and one pass is several times faster than forty.
    rows = lexicon_rows("routes.tsv", directory)
    words = [row for row in rows if row[1] != "abbr"]
    abbreviations = [row for row in rows if row[1] == "abbr"]

    def alternation(entries: list[list[str]], flags: int = 0) -> EntryAlternation:
        return entry_alternation([p for _r, _f, p in entries], r"(?<![\w-])", r"(?![\w-])", flags)

    admin = {position: pattern for position, pattern in lexicon_rows("administration_words.tsv", directory)}
    exclusions = "|".join(f"(?:{pattern})" for _why, pattern in lexicon_rows("route_exclusions.tsv", directory))
    word_alternation = alternation(words, re.IGNORECASE)
    return RouteLexicon(
        words=word_alternation,
        words_lowered=word_alternation.lowered_twin(),
        abbreviations=alternation(abbreviations),
        word_forms=tuple((route, form) for route, form, _p in words),
        abbreviation_forms=tuple((route, form) for route, form, _p in abbreviations),
        join_after=re.compile(rf"\s+(?:\([A-Za-z.]{{2,5}}\)\s+)?{admin['after']}(?![\w-])", re.IGNORECASE),
        join_before=re.compile(rf"(?<![\w-]){admin['before']}\s+$", re.IGNORECASE),
        license_after=re.compile(
            rf"\s*(?:\([A-Za-z.]{{2,5}}\)\s*)?(?:{admin['after']}|{admin['license']})(?![\w-])", re.IGNORECASE
        ),
        license_before=re.compile(
            rf"(?:(?<![\w-])(?:via|by|through|the)|{admin['before']}|{admin['after']}|(?:ly|IV|PO|SC|IM)\s+(?:or|and|/))\s+$",
            re.IGNORECASE,
        ),
        exclusions=re.compile(rf"(?<![\w-])(?:{exclusions})(?![\w-])", re.IGNORECASE),
    )


def find_routes(text: str | Folded, lex: RouteLexicon | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, route, rule) of every route mention in ``text`` (with its ``caseless.fold``, when the
    caller has it), longest first where they overlap."""
    lex = lex or route_lexicon()
    text, lowered = folded(text)
    if lowered is not None and lex.words_lowered is not None:
        words = lex.words_lowered.finditer(lowered)
    else:
        words = lex.words.finditer(text)
    matches = [(s, e, lex.word_forms[i]) for s, e, i in words]
    matches += [(s, e, lex.abbreviation_forms[i]) for s, e, i in lex.abbreviations.finditer(text)]
    if not matches:  # most sentences: no need to look for exclusions
        return []
    # Looked up by bisection: scanning every exclusion for each match took minutes on a long line of both.
    excluded = RangeIndex([(m.start(), m.end()) for m in lex.exclusions.finditer(text)])
    found: list[tuple[int, int, str, str]] = []
    for first, last, (route, form) in matches:
        start, end = first, last
        if excluded.first(start) is not None:
            continue
        before, after = text[max(0, start - 40) : start], text[end : end + 60]
        if form in ("abbr", "needs_admin"):
            licensed = lex.license_after.match(after) or lex.license_before.search(before)
            if not licensed:
                continue
            # "intravenous (IV) infusion": the abbreviation defines the word before it; one span.
            if form == "abbr" and before.endswith("(") and after.startswith(")"):
                continue
        joined = lex.join_after.match(after)
        if joined:
            end += joined.end()
        elif text[first:last].lower().endswith(("ly", "mouth", "os")):
            preceding = lex.join_before.search(before)
            if preceding:
                start -= len(before) - preceding.start()
        rule = f"route.{form}" + (".joined" if (start, end) != (first, last) else "")
        found.append((start, end, route, rule))
    return longest_non_overlapping(found)


class RouteRecognizer(LexiconComponent):
    """Adds ROUTE facts with a ``route`` attribute from the schema vocabulary."""

    files = FILES

    def load(self, directory: Path | None) -> None:
        self.lexicon = route_lexicon(directory)

    def __call__(self, doc: Doc) -> Doc:
        for sent in scoped_sentences(doc, LABEL):
            for start, end, route, rule in find_routes(Folded(sent.text, sent.lowered), self.lexicon):
                add_fact(doc, sent.start_char + start, sent.start_char + end, LABEL, rule, route=route)
        return doc


@Language.factory("protocol_route", default_config={})
def make_route(nlp: Language, name: str) -> RouteRecognizer:
    """The ROUTE component."""
    return RouteRecognizer()
