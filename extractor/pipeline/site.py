"""SITE: where an intervention is administered ("the most affected limb", "8 sites", "digital injection").

Only sentences that speak of administering something are searched. A site is an anatomical noun
phrase after a locative preposition whose head is in ``data/lexicons/body_sites.tsv``, an adjective
of place before an injection word, or a count of injection sites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.lexicon_files import LexiconComponent, lexicon_parts, lexicon_rows
from extractor.normalize.caseless import CaselessPattern
from extractor.normalize.counts import parse_count
from extractor.normalize.matches import longest_non_overlapping
from extractor.pipeline.fact_spans import add_fact, scoped_sentences

LABEL = "SITE"


@dataclass(frozen=True)
class SiteLexicon:
    """Compiled site patterns."""

    administration: CaselessPattern  # searched in the lower-cased sentence where that is exact
    count: re.Pattern[str]
    not_injection_sites: re.Pattern[str]
    adjective: re.Pattern[str]
    phrase: re.Pattern[str]
    heads: tuple[tuple[str, re.Pattern[str]], ...]


FILES = ("body_sites.tsv", "site_patterns.tsv")


@lru_cache(maxsize=4)
def site_lexicon(directory: Path | None = None) -> SiteLexicon:
    """Compile the site lexicons (from the package, or a saved pipeline's ``directory``)."""
    heads = [(site, pattern) for site, pattern in lexicon_rows("body_sites.tsv", directory)]
    parts = lexicon_parts("site_patterns.tsv", directory)
    any_head = "|".join(f"(?:{pattern})" for _site, pattern in heads)
    phrase = parts["phrase"].replace("{HEAD}", f"(?:{any_head})")
    return SiteLexicon(
        administration=CaselessPattern.compile(parts["administration"]),
        count=re.compile(parts["count"], re.IGNORECASE),
        not_injection_sites=re.compile(parts["not_injection_sites"], re.IGNORECASE),
        adjective=re.compile(parts["adjective"], re.IGNORECASE),
        phrase=re.compile(phrase, re.IGNORECASE),
        heads=tuple((site, re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)) for site, pattern in heads),
    )


def site_value(phrase: str, lex: SiteLexicon | None = None) -> str | None:
    """The body part a site phrase names: its first head that is not a bare muscle or joint."""
    lex = lex or site_lexicon()
    found = sorted((m.start(), site) for site, pattern in lex.heads for m in pattern.finditer(phrase))
    specific = [site for _pos, site in found if site not in ("muscle", "joint")]
    if specific:
        return specific[0]
    return found[0][1] if found else None


def find_sites(
    text: str, lex: SiteLexicon | None = None, lowered: str | None = None
) -> list[tuple[int, int, str | None, int | None, str]]:
    """(start, end, site, n_sites, rule) of the administration sites in one sentence.

    ``lowered`` (``caseless.fold(text)``) makes the first test, run on every sentence, faster.
    """
    lex = lex or site_lexicon()
    if lex.administration.first(text, lowered) is None:
        return []
    out = []
    for m in lex.count.finditer(text):
        if lex.not_injection_sites.search(text[max(0, m.start() - 30) : m.end() + 30]):
            continue
        n = parse_count(m.group("n"))
        if n is not None and 0 < n <= 100:
            out.append((m.start(), m.end(), None, n, "site.count"))
    for m in lex.adjective.finditer(text):
        out.append((m.start("adj"), m.end("adj"), site_value(m.group("adj"), lex), None, "site.adjective"))
    for m in lex.phrase.finditer(text):
        site = site_value(m.group("np"), lex)
        if site:
            out.append((m.start("np"), m.end("np"), site, None, "site.phrase"))
    return longest_non_overlapping(out)


class SiteRecognizer(LexiconComponent):
    """Adds SITE facts with ``site`` (body part or None) and ``n_sites`` (count or None)."""

    files = FILES

    def load(self, directory: Path | None) -> None:
        self.lexicon = site_lexicon(directory)

    def __call__(self, doc: Doc) -> Doc:
        for sent in scoped_sentences(doc, LABEL):
            for start, end, site, n_sites, rule in find_sites(sent.text, self.lexicon, sent.lowered):
                add_fact(doc, sent.start_char + start, sent.start_char + end, LABEL, rule, site=site, n_sites=n_sites)
        return doc


@Language.factory("protocol_site", default_config={})
def make_site(nlp: Language, name: str) -> SiteRecognizer:
    """The SITE component."""
    return SiteRecognizer()
