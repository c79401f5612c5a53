"""Tokenizer of time expressions: one precompiled regex, built from ``time_units.tsv``.

Every character that is not white space belongs to a token, so the parser sees what stands between
two numbers. Token kinds:

``num`` (value; digits, number words, ordinals, "a"/"half" before a unit, signed "-7"/"+1"),
``unit`` (value = days), ``zero`` (baseline and pre-treatment phrases), ``periodic`` (value = interval),
``every`` (value = multiplier), ``freq`` (value = times per period), ``times`` ("3 times a week"),
``interval`` ("at 4-week intervals"),
``strong``/``weak`` (period ends: "up to", "until" / "to", "for", "-"), ``between``, ``from``, ``qual``
(qualifiers between an introducer and its number), ``tol`` (visit window), ``glue`` ("and", "at"),
``sep`` (list punctuation), ``break`` (sentence punctuation), ``word`` (anything else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import alternation, parse_value, rows_of_kind
from .numbers import (
    article_words_pattern,
    cardinal_words_pattern,
    ordinal_words_pattern,
    parse_plain_number,
)

_LEXICON = "time_units.tsv"
_BEFORE = r"(?<![^\W\d_])"
_AFTER = r"(?![^\W\d_])"

# Keyword kinds in priority order: earlier kinds win at the same position ("every other week" is
# periodic, not "every" + "other"; "up to" is strong, not "up" + "to").
_KEYWORD_KINDS = (
    "tol",
    "zero",
    "interval",
    "periodic",
    "qual",
    "every",
    "freq",
    "strong",
    "weak",
    "between",
    "from",
    "glue",
)
_LEXICON_KINDS = {
    "tol": "tolerance",
    "zero": "zero",
    "periodic": "periodic",
    "qual": "qualifier",
    "every": "every",
    "freq": "frequency",
    "between": "between",
    "from": "from",
    "glue": "glue",
    "interval": "interval",
}
_PUNCT_WEAK = "-–—‑~～"  # range dashes: the end of a period when a number follows
_PUNCT_SEP = ",，、&()[]{}=#\"'*/+"
_PUNCT_BREAK = ".;:!?|；：。\n"


@dataclass(frozen=True)
class Token:
    """One token: its kind, character offsets and numeric value (0.0 when it has none)."""

    kind: str
    start: int
    end: int
    value: float = 0.0


@dataclass(frozen=True)
class Lexicon:
    """The compiled tokenizer with the value tables it needs."""

    token: re.Pattern[str]
    group_kinds: tuple[str, ...]
    values: dict[str, tuple[tuple[re.Pattern[str], float], ...]]
    unit_word: re.Pattern[str]
    hint: re.Pattern[str]  # something every time expression holds: a unit, a periodic word, a glued unit
    anchor_start: re.Pattern[str]
    anchor_word: re.Pattern[str]
    anchor_stops: frozenset[str]
    anchor_bad_first: re.Pattern[str]
    anchor_bad_first_from: re.Pattern[str]  # after "from", a baseline word starts a period, not an anchor
    anchor_head: re.Pattern[str]


def _rows(kind: str) -> list[tuple[str, ...]]:
    return rows_of_kind(_LEXICON, kind)


def _valued(rows: list[tuple[str, ...]]) -> tuple[tuple[re.Pattern[str], float], ...]:
    out = []
    for row in rows:
        value = row[1] if len(row) > 1 else "1"
        number = 1.0 if value in ("strong", "weak") else parse_value(value)
        out.append((re.compile(f"(?:{row[0]})", re.IGNORECASE), number))
    return tuple(out)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The tokenizer, compiled on first use and then shared."""
    units = _rows("unit")
    unit_alt = alternation([r[0] for r in units])
    unit_ahead = rf"(?=[^\S\n]*-?[^\S\n]*{unit_alt}{_AFTER})"
    through = _rows("through")
    keyword_patterns = {k: alternation([r[0] for r in _rows(v)]) for k, v in _LEXICON_KINDS.items()}
    keyword_patterns["strong"] = alternation([r[0] for r in through if r[1] == "strong"])
    # Punctuation dashes are kept out of the word alternation; they are tokenized as punctuation.
    keyword_patterns["weak"] = alternation(
        [p for r in through if r[1] == "weak" for p in r[0].split("|") if p.isalpha()]
    )
    parts = [f"(?P<{k}>{_BEFORE}{keyword_patterns[k]}{_AFTER})" for k in _KEYWORD_KINDS]
    unit_modifier = f"{_BEFORE}{alternation([r[0] for r in _rows('unit_modifier')])}"
    glued_before = alternation([r[0] for r in _rows("glued_before")])
    glued_after = alternation([r[0] for r in _rows("glued_after")])
    word_number = (
        rf"(?:{cardinal_words_pattern()}(?:\s+and\s+a\s+half)?"
        rf"|{_BEFORE}half[\s-]+an?{_AFTER}{unit_ahead}|{_BEFORE}half{unit_ahead}"
        rf"|{ordinal_words_pattern()}{unit_ahead}|{article_words_pattern()}{unit_ahead})"
    )
    digits = (
        r"(?:(?:(?<=[\s(\[~～,;:=#])|(?<![\s\S]))[-+])?\d+(?:\.\d+)?"  # a sign only after a delimiter
        rf"(?:(?:st|nd|rd|th|\.th){_AFTER}|\.{unit_ahead})?"  # ordinal "6th", "6.th", "6. month"
    )
    parts += [
        rf"(?P<unit>{_BEFORE}(?:{unit_modifier}[^\S\n]+)?(?P<unitword>{unit_alt}){_AFTER})",
        rf"(?P<gbefore>{_BEFORE}(?-i:{glued_before})(?=[-+]?\d))",
        rf"(?P<times>{_BEFORE}times{_AFTER})",
        rf"(?P<wnum>{word_number})",
        rf"(?P<num>{digits})",
        rf"(?P<gafter>(?<=\d){glued_after}{_AFTER})",
        r"(?P<word>[^\W\d_]+(?:'[^\W\d_]+)?)",
        r"(?P<punct>[^\w\s]|\n)",
    ]
    token = re.compile("|".join(parts), re.IGNORECASE)
    values = {k: _valued(_rows(v)) for k, v in _LEXICON_KINDS.items()}
    values["unit"] = _valued(units)
    values["gbefore"] = tuple((re.compile(r[0]), parse_value(r[1])) for r in _rows("glued_before"))
    values["gafter"] = _valued(_rows("glued_after"))

    stops = {s.lower() for r in _rows("anchor_stop") for s in r[0].split("|")}
    heads = alternation([r[0] for r in _rows("anchor_head")])
    glued = alternation([r[0] for r in _rows("anchor_glued")])
    bad_first = "|".join([unit_alt, cardinal_words_pattern(), r"\d"])
    return Lexicon(
        token=token,
        group_kinds=tuple(token.groupindex),
        values=values,
        unit_word=re.compile(rf"{_BEFORE}{unit_alt}{_AFTER}", re.IGNORECASE),
        hint=re.compile(
            rf"{_BEFORE}(?:{unit_alt}|{keyword_patterns['periodic']}){_AFTER}"
            rf"|{_BEFORE}(?-i:{glued_before})(?=[-+]?\d)|(?<=\d){glued_after}{_AFTER}",
            re.IGNORECASE,
        ),
        anchor_start=re.compile(
            rf"{_BEFORE}(?:(?P<glued>{glued}){_AFTER}|(?P<head>{heads})(?:[^\S\n]*-[^\S\n]*|[^\S\n]+))",
            re.IGNORECASE,
        ),
        anchor_word=re.compile(r"[^\W\d_][\w'+]*(?:-[^\W\d_][\w'+]*)*"),
        anchor_stops=frozenset(stops),
        anchor_bad_first=re.compile(rf"(?:{bad_first}){_AFTER}", re.IGNORECASE),
        anchor_bad_first_from=re.compile(rf"(?:{bad_first}|{keyword_patterns['zero']}){_AFTER}", re.IGNORECASE),
        anchor_head=re.compile(rf"{heads}|{glued}", re.IGNORECASE),
    )


def _value(lex: Lexicon, kind: str, text: str, start: int, end: int) -> float:
    for pattern, value in lex.values.get(kind, ()):
        if pattern.fullmatch(text, start, end):
            return value
    return 1.0


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` in order (white space other than newlines is skipped)."""
    lex = lexicon()
    tokens: list[Token] = []
    for match in lex.token.finditer(text):
        kind = match.lastgroup or "word"
        start, end = match.span()
        value = 0.0
        if kind in ("num", "wnum"):
            raw = match.group(0)
            sign = -1.0 if raw.startswith("-") else 1.0
            number = parse_plain_number(raw.lstrip("+-"))
            if number is None:
                kind = "word"
            else:
                kind, value = "num", sign * number
        elif kind in ("unit", "gbefore", "gafter"):
            span = match.span("unitword") if kind == "unit" else (start, end)
            value = _value(lex, kind, text, *span)
            kind = "unit"
        elif kind in _LEXICON_KINDS or kind in ("strong", "weak"):
            value = _value(lex, kind, text, start, end)
        elif kind == "punct":
            char = match.group(0)
            kind = "weak" if char in _PUNCT_WEAK else "break" if char in _PUNCT_BREAK else "sep"
            kind = kind if char in _PUNCT_WEAK + _PUNCT_BREAK + _PUNCT_SEP else "word"
        tokens.append(Token(kind, start, end, value))
    return tokens
