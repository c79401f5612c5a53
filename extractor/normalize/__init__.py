"""Pure normalizers (no spaCy): text in, schema values out.

* :mod:`extractor.normalize.quantity`: dose expressions ("2 to 5 × 10^6 cells/kg") to low/high/unit.
* :mod:`extractor.normalize.time`: time expressions ("baseline, 3, 6 and 12 months") to days.
* :mod:`extractor.normalize.numbers`: number parsing (digits and words) shared by both.

Their vocabularies are package data: ``extractor/data/lexicons/dose_units.tsv``, ``time_units.tsv``
and ``number_words.tsv``.

Searching lexicon patterns fast with the results ``re`` would give (every component searches every
sentence, so this is where the time goes):

* :mod:`extractor.normalize.matches`: lexicon entries as one ungrouped alternation, the entry found at
  each match; overlap resolution.
* :mod:`extractor.normalize.caseless`: :class:`~extractor.normalize.caseless.CaselessPattern`, a
  case-insensitive pattern searched as a case-sensitive twin on lower-cased text, with a deferred
  leading ``\\b`` and optional required-string checks; every component's case-insensitive searches use it.
* :mod:`extractor.normalize.letter_case`: which characters lower-case as IGNORECASE reads them (ASCII and
  most others), so which texts the twins may search.
* :mod:`extractor.normalize.pattern_analysis`: what a pattern's parse tree says: whether its lowered twin
  is exact, whether it reads before its start, how its matches may begin.
* :mod:`extractor.normalize.pattern_literals`: strings every match of a pattern contains (prefilters).
"""

from extractor.normalize.quantity import DoseMatch, find_doses, normalize_dose, parse_number
from extractor.normalize.time import TimeMatch, TimeValue, find_time_expressions, normalize_time

__all__ = [
    "DoseMatch",
    "TimeMatch",
    "TimeValue",
    "find_doses",
    "find_time_expressions",
    "normalize_dose",
    "normalize_time",
    "parse_number",
]
