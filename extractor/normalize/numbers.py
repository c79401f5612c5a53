"""Number parsing shared by the dose and time normalizers: digits and number words, no units.

Digit forms: ``12``, ``1.5``, ``.5``, ``1,000,000`` (comma thousands), ``1.000.000`` (European
thousands: two or more dot groups, since a single ``1.000`` is more often a decimal), ``0,5``
(European decimal comma, only after a zero: ``1,5`` is read as the list 1, 5 because clinical
texts write lists without spaces: "0.5, 1.0,2.5 million cells/kg").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import alternation, parse_value, read_rows

_LEXICON = "number_words.tsv"

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
"""Translation of superscript digits and signs to ASCII (``10⁶`` -> ``106``)."""

# Alternatives in order of preference; the thousands forms come first so that "1,000,000" is one number.
DIGIT_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?"  # 1,000,000 / 10,000.5
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.])"  # 1.000.000
    r"|0,\d+"  # 0,5
    r"|\d+(?:\.\d+)?"  # 12 / 1.5
    r"|\.\d+)"  # .5
)
"""Regex (no groups) of a number written in digits."""

_WORD_EDGE_BEFORE = r"(?<![^\W\d_])"
_WORD_EDGE_AFTER = r"(?![^\W\d_])"


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[float, str]]:
    """Lowercase number word -> (value, kind) from the lexicon."""
    return {row[0].lower(): (parse_value(row[1]), row[2]) for row in read_rows(_LEXICON)}


def _words(*kinds: str) -> list[str]:
    return [re.escape(w) for w, (_, k) in number_words().items() if k in kinds]


@lru_cache(maxsize=1)
def cardinal_words() -> tuple[str, ...]:
    """The cardinal number words, lower case, in lexicon order ("zero", "one", ... "ninety").

    Every match of :func:`cardinal_words_pattern` begins with one of them ("twenty-four" with "twenty").
    """
    return tuple(w for w, (_, k) in number_words().items() if k == "cardinal")


@lru_cache(maxsize=4)
def cardinal_words_pattern() -> str:
    """Regex (no groups) of a cardinal in words: "six", "twenty-four", "twenty four" (and "twenty-first")."""
    words = number_words()
    tens = [re.escape(w) for w in cardinal_words() if words[w][0] >= 20]
    # "twenty-four", and the ordinal "twenty-first" ("at the twenty-first day")
    units = [re.escape(w) for w, (v, k) in words.items() if k in ("cardinal", "ordinal") and 1 <= v <= 9]
    compound = f"{alternation(tens)}(?:[-\\s]{alternation(units)}{_WORD_EDGE_AFTER})?"
    cardinals = alternation([re.escape(w) for w in cardinal_words()])
    return f"{_WORD_EDGE_BEFORE}(?:{compound}|{cardinals}){_WORD_EDGE_AFTER}"


@lru_cache(maxsize=4)
def ordinal_words_pattern() -> str:
    """Regex (no groups) of an ordinal in words: "sixth", "first"."""
    return f"{_WORD_EDGE_BEFORE}{alternation(_words('ordinal'))}{_WORD_EDGE_AFTER}"


@lru_cache(maxsize=4)
def article_words_pattern() -> str:
    """Regex (no groups) of the articles that stand for one ("a week")."""
    return f"{_WORD_EDGE_BEFORE}{alternation(_words('article'))}{_WORD_EDGE_AFTER}"


_DIGITS_RE = re.compile(DIGIT_NUMBER)
_SPACE_RE = re.compile(r"[\s\-]+")


def parse_digits(text: str) -> float | None:
    """Value of a number written in digits (see module doc for the accepted forms), else None."""
    text = text.strip()
    if not _DIGITS_RE.fullmatch(text):
        return None
    if re.fullmatch(r"0,\d+", text):
        return float(text.replace(",", "."))
    if text.count(".") >= 2:  # European thousands groups
        return float(text.replace(".", ""))
    return float(text.replace(",", ""))


def parse_words(text: str) -> float | None:
    """Value of a number in words ("six", "twenty-four", "sixth", "a", "half", "one and a half")."""
    words = number_words()
    key = _SPACE_RE.sub(" ", text.strip().lower())
    if key in words:
        return words[key][0]
    half = re.fullmatch(r"(.+) and a half", key)
    if half:
        base = parse_plain_number(half.group(1))
        return None if base is None else base + 0.5
    if re.fullmatch(r"half an?", key):
        return 0.5
    parts = key.split(" ")
    if len(parts) == 2 and all(p in words for p in parts):
        (tens, kind_t), (unit, kind_u) = words[parts[0]], words[parts[1]]
        compound = kind_t == "cardinal" and tens >= 20 and tens % 10 == 0 and 1 <= unit <= 9
        if compound and kind_u in ("cardinal", "ordinal"):
            return tens + unit
    return None


_ORDINAL_SUFFIX_RE = re.compile(r"(?<=\d)(?:st|nd|rd|th|\.th|\.)$", re.IGNORECASE)


def parse_plain_number(text: str) -> float | None:
    """Value of a plain number in digits or words, ordinal suffixes allowed ("6th", "6."), else None."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if not stripped:
        return None
    value = parse_digits(_ORDINAL_SUFFIX_RE.sub("", stripped))
    return value if value is not None else parse_words(stripped)
