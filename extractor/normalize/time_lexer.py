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

Speed: a text is read on its lower-cased copy (``caseless.fold``) by the same regex rebuilt to run faster
(:mod:`extractor.normalize.fast_tokens`; the tokens are the same), and token values are remembered by
token text where they depend on nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .caseless import fold
from .fast_tokens import FAST_PUNCT, FAST_WORD, FastTokenizer, fast_tokenizer
from .lexicons import alternation, parse_value, rows_of_kind
from .numbers import (
    article_words_pattern,
    cardinal_words_pattern,
    ordinal_words_pattern,
    parse_plain_number,
)
from .pattern_analysis import reads_outside
from .time_hint import Hint, build_hint

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
# A short word takes the digits and letters glued after it: "AZD6738", "T1D", "CD34", "COVID19", "mg/m2"
# are names, not numbers ("AZD6738 Days 1-7" is not day 6738). A longer one is a word whose space was
# lost ("administration12weeks", "during14 days"; names that long are rare). A unit or keyword before
# digits ("Day1", "up to12") is matched by its own branch first, so its number stays a number; so does a
# lone "x" ("daily x3 days").
_CODE_LETTERS = 5
_WORD = rf"(?:x(?=\d)|[^\W\d_]+(?:'[^\W\d_]+)?(?:(?=\d)(?<![^\W\d_]{{{_CODE_LETTERS + 1}}})\d+[^\W\d_]*)*)"
_PUNCT = r"[^\w\s]|\n"
# A one-letter unit glued to digits glued to a letter is a name too: "H1N1" is no hour 1, "W4D1" no week 4.
_NOT_A_CODE = r"(?:(?<=[^\W\d_]{2})|(?![-+]?\d+[^\W\d_]))"
# What each punctuation mark is (a dash is weak before it is a break or a separator).
_PUNCT_KINDS = {**dict.fromkeys(_PUNCT_SEP, "sep"), **dict.fromkeys(_PUNCT_BREAK, "break")}
_PUNCT_KINDS.update(dict.fromkeys(_PUNCT_WEAK, "weak"))
_CACHE_LIMIT = 20_000  # distinct token strings whose values are remembered


class Token(NamedTuple):
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
    # Speed: ``token`` rebuilt for lower-cased text (None when the patterns do not allow it; see
    # fast_tokens), and ``hint`` as searches that ``re`` runs fast (see time_hint).
    fast: FastTokenizer | None
    fast_hint: Hint
    cached_kinds: frozenset[str]  # kinds whose value depends on the token's text alone
    cache: dict[tuple[str, str], tuple[str, float]]


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
    glued_cells = [r[0] for r in _rows("glued_before")]
    glued_before = alternation(glued_cells)
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
        rf"(?P<unit>{_BEFORE}(?:{unit_modifier}[^\S\n]+)?(?P<unitword>{unit_alt}){_AFTER}{_NOT_A_CODE})",
        rf"(?P<gbefore>{_BEFORE}(?-i:{glued_before})(?=[-+]?\d){_NOT_A_CODE})",
        rf"(?P<times>{_BEFORE}times{_AFTER})",
        rf"(?P<wnum>{word_number})",
        rf"(?P<num>{digits})",
        rf"(?P<gafter>(?<=\d){glued_after}{_AFTER})",
        rf"(?P<word>{_WORD})",
        rf"(?P<punct>{_PUNCT})",
    ]
    token = re.compile("|".join(parts), re.IGNORECASE)
    values = {k: _valued(_rows(v)) for k, v in _LEXICON_KINDS.items()}
    values["unit"] = _valued(units)
    values["gbefore"] = tuple((re.compile(r[0]), parse_value(r[1])) for r in _rows("glued_before"))
    values["gafter"] = _valued(_rows("glued_after"))
    cached = frozenset(k for k, rows in values.items() if not any(reads_outside(pattern) for pattern, _ in rows))

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
        fast=_fast(parts, glued_cells, glued_before),
        fast_hint=build_hint([r[0] for r in units + _rows("periodic")], glued_after, glued_cells),
        cached_kinds=cached | {"num", "wnum", "punct"},
        cache={},
    )


def _fast(parts: list[str], glued_cells: list[str], glued_before: str) -> FastTokenizer | None:
    """The fast tokenizer, its "gbefore" branch matching the glued units in either case (a superset of the
    case-sensitive branch, whose matches the tokenizer reads again)."""
    if not all(cell.isascii() and cell.isalpha() for cell in glued_cells):
        return None
    either_case = alternation([cell.lower() for cell in glued_cells])
    gbefore = f"(?-i:{glued_before})"
    return fast_tokenizer([p.replace(gbefore, either_case) if "(?P<gbefore>" in p else p for p in parts], _WORD, _PUNCT)


def _value(lex: Lexicon, kind: str, text: str, start: int, end: int) -> float:
    for pattern, value in lex.values.get(kind, ()):
        if pattern.fullmatch(text, start, end):
            return value
    return 1.0


def has_hint(text: str, lowered: str | None = None) -> bool:
    """Whether ``text`` holds something every time expression holds (``lexicon().hint``); ``lowered``:
    ``caseless.fold(text)``."""
    return lexicon().fast_hint.search(text, lowered)


def scan(text: str, lowered: str | None, words: bool) -> list[Token | None]:
    """The tokens of ``text``; ``lowered``: ``caseless.fold(text)``. Without
    ``words``, a word or a run of words is one None (a caller that only needs to know where words stand
    saves making them)."""
    lex = lexicon()
    if len(lex.cache) > _CACHE_LIMIT:
        lex.cache.clear()
    tokens: list[Token | None] = []
    if lowered is None or lex.fast is None:
        _read(lex, text, lex.token.finditer(text), words, tokens)
        return tokens
    fast = lex.fast.token if words else lex.fast.scan
    pos: int | None = 0
    while pos is not None:
        pos = _read(lex, text, fast.finditer(lowered, pos), words, tokens)
    return tokens


def _read(
    lex: Lexicon, text: str, matches: Iterator[re.Match[str]], words: bool, tokens: list[Token | None]
) -> int | None:
    """Append the tokens of ``matches`` (of ``lex.token`` or the fast patterns) to ``tokens``.

    The fast matches have the same spans and group names, but for the fast branches (plain words and
    punctuation) and "gbefore", which may be wrong (it matches "d28" as well as "D28"): there the token is
    read again with ``lex.token``, and the offset to go on from is returned (else None, at the end).
    """
    cache, cached_kinds, append = lex.cache, lex.cached_kinds, tokens.append
    for match in matches:
        kind = match.lastgroup or "word"
        start, end = match.span(kind)
        if kind == FAST_WORD or kind == "word":  # most tokens are plain words and punctuation: the shortest way
            append(Token("word", start, end) if words else None)
            continue
        if kind == FAST_PUNCT:
            kind = _PUNCT_KINDS.get(text[start], "word")
            append(None if kind == "word" and not words else Token(kind, start, end))
            continue
        if kind == "times":
            append(Token(kind, start, end))
            continue
        if kind == "gbefore" and match.re is not lex.token:
            exact = lex.token.search(text, start)
            if exact is not None:
                _read(lex, text, iter((exact,)), words, tokens)
            return exact.end() if exact is not None else None
        span = match.span("unitword") if kind == "unit" else (start, end)
        key = (kind, text[span[0] : span[1]])
        found = cache.get(key)
        if found is None:
            found = _kind_value(lex, kind, text, span)
            if kind in cached_kinds:
                cache[key] = found
        kind, value = found
        append(None if kind == "word" and not words else Token(kind, start, end, value))
    return None


def _kind_value(lex: Lexicon, kind: str, text: str, span: tuple[int, int]) -> tuple[str, float]:
    """The kind and value of a token the regex matched as ``kind`` (numbers that do not parse are words)."""
    start, end = span
    if kind in ("num", "wnum"):
        raw = text[start:end]
        sign = -1.0 if raw.startswith("-") else 1.0
        number = parse_plain_number(raw.lstrip("+-"))
        return ("word", 0.0) if number is None else ("num", sign * number)
    if kind in ("unit", "gbefore", "gafter"):
        return "unit", _value(lex, kind, text, start, end)
    if kind in _LEXICON_KINDS or kind in ("strong", "weak"):
        return kind, _value(lex, kind, text, start, end)
    if kind == "punct":
        return _PUNCT_KINDS.get(text[start], "word"), 0.0
    return kind, 0.0


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` in order (white space other than newlines is skipped)."""
    return scan(text, fold(text), words=True)
