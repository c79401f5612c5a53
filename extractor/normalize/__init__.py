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
* :mod:`extractor.normalize.regex_tools`: lowered twins of case-insensitive patterns and the strings
  every match holds, read from the parse tree (schedule, endpoint, time tokens).
* :mod:`extractor.normalize.caseless`: :class:`~extractor.normalize.caseless.CaselessPattern`, the same
  idea with a deferred leading ``\\b`` (trial design, sample size).
* :mod:`extractor.normalize.pattern_gates`: folded per-sentence gates (interventions, sites).
* :mod:`extractor.normalize.regex_literals`: required literals of the dose grammar.

These four grew side by side while each component was made faster; they overlap and should become one
module (a known debt, see benchmarks/README.md).
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
