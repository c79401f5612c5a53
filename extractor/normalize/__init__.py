"""Pure normalizers (no spaCy): text in, schema values out.

* :mod:`extractor.normalize.quantity`: dose expressions ("2 to 5 × 10^6 cells/kg") to low/high/unit.
* :mod:`extractor.normalize.time`: time expressions ("baseline, 3, 6 and 12 months") to days.
* :mod:`extractor.normalize.numbers`: number parsing (digits and words) shared by both.

Their vocabularies are package data: ``extractor/data/lexicons/dose_units.tsv``, ``time_units.tsv``
and ``number_words.tsv``.
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
