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
from extractor.normalize.matches import longest_non_overlapping
from extractor.pipeline.fact_spans import add_fact, scoped_sentences

LABEL = "ROUTE"


@dataclass(frozen=True)
class RouteLexicon:
    """Compiled route forms, administration words and exclusions."""

    forms: tuple[tuple[str, str], ...]  # (route, form) of group g<i> of the patterns below
    words: re.Pattern[str]  # word and needs_admin forms, written in lower case, matched on lower-cased text
    words_any_case: re.Pattern[str]  # the same, case-insensitive, for texts that lower-casing would resize
    abbreviations: re.Pattern[str]  # abbreviations, case-sensitive
    join_after: re.Pattern[str]
    join_before: re.Pattern[str]
    license_after: re.Pattern[str]
    license_before: re.Pattern[str]
    exclusions: re.Pattern[str]


FILES = ("routes.tsv", "administration_words.tsv", "route_exclusions.tsv")


@lru_cache(maxsize=4)
def route_lexicon(directory: Path | None = None) -> RouteLexicon:
    """Compile the route lexicons (from the package, or a saved pipeline's ``directory``)."""
    # One alternation per case mode (a named group per form) instead of a pattern per form: every
    # sentence of every record is searched, and one pass is several times faster than forty.
    rows = lexicon_rows("routes.tsv", directory)
    forms = tuple((route, form) for route, form, _pattern in rows)

    def alternation(abbreviations: bool) -> str:
        groups = [f"(?P<g{i}>{p})" for i, (_r, form, p) in enumerate(rows) if (form == "abbr") == abbreviations]
        return rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])"

    admin = {position: pattern for position, pattern in lexicon_rows("administration_words.tsv", directory)}
    exclusions = "|".join(f"(?:{pattern})" for _why, pattern in lexicon_rows("route_exclusions.tsv", directory))
    return RouteLexicon(
        forms=forms,
        words=re.compile(alternation(False)),
        words_any_case=re.compile(alternation(False), re.IGNORECASE),
        abbreviations=re.compile(alternation(True)),
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


def find_routes(text: str, lex: RouteLexicon | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, route, rule) of every route mention in ``text``, longest first where they overlap."""
    lex = lex or route_lexicon()
    excluded = [(m.start(), m.end()) for m in lex.exclusions.finditer(text)]
    found: list[tuple[int, int, str, str]] = []
    # Case-sensitive search on a lower-cased copy is much faster than a case-insensitive one; a text whose
    # length lower-casing changes (a few non-ASCII letters) is searched as it is.
    lowered = text.lower()
    words = lex.words.finditer(lowered) if len(lowered) == len(text) else lex.words_any_case.finditer(text)
    for m in (*words, *lex.abbreviations.finditer(text)):
        route, form = lex.forms[int(str(m.lastgroup)[1:])]
        start, end = m.start(), m.end()
        if any(s <= start < e for s, e in excluded):
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
        elif m.group(0).lower().endswith(("ly", "mouth", "os")):
            preceding = lex.join_before.search(before)
            if preceding:
                start -= len(before) - preceding.start()
        rule = f"route.{form}" + (".joined" if (start, end) != (m.start(), m.end()) else "")
        found.append((start, end, route, rule))
    return longest_non_overlapping(found)


class RouteRecognizer(LexiconComponent):
    """Adds ROUTE facts with a ``route`` attribute from the schema vocabulary."""

    files = FILES

    def load(self, directory: Path | None) -> None:
        self.lexicon = route_lexicon(directory)

    def __call__(self, doc: Doc) -> Doc:
        for sent in scoped_sentences(doc, LABEL):
            for start, end, route, rule in find_routes(sent.text, self.lexicon):
                add_fact(doc, sent.start_char + start, sent.start_char + end, LABEL, rule, route=route)
        return doc


@Language.factory("protocol_route", default_config={})
def make_route(nlp: Language, name: str) -> RouteRecognizer:
    """The ROUTE component."""
    return RouteRecognizer()
