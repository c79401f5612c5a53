"""The time tokenizer's regular expression rebuilt to give the same tokens several times faster.

The tokenizer (:mod:`extractor.normalize.time_lexer`) is one alternation of named branches: keywords,
units, numbers, then any other word, then punctuation. ``re`` tries every branch at every token and at
every space, and most tokens are plain words. For lower-cased text (``caseless.fold``) the rebuilt pattern

* runs case-sensitively (:func:`~extractor.normalize.pattern_analysis.lowered_twin`);
* steps over spaces first, since no branch starts with one (checked on the pattern);
* reads a plain word or a punctuation mark first, before the keyword branches, where no keyword can start:
  a guard, made of the first characters every keyword match starts with
  (:func:`~extractor.normalize.pattern_analysis.prefixes`), rules out every keyword there; where the guard
  passes, the branches run in their order as before.

The scan pattern goes further and reads a run of such words, with the spaces between them, as one match:
a caller that only needs to know where words stand (the expression finder) then sees one match per run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pattern_analysis import Prefix, lowercase_safe, prefixes

_SPACE = r"[^\S\n]"
_SKIP_SPACES = rf"{_SPACE}*(?!{_SPACE})"  # the look-ahead stops useless backtracking (no possessive in 3.10)
_GUARD_CHARS = 3
#: Group names of the fast branches: their matches are "word" tokens (in the scan pattern, runs of them)
#: and "punct" tokens.
FAST_WORD, FAST_PUNCT = "fastword", "fastpunct"


@dataclass(frozen=True)
class FastTokenizer:
    """Patterns for lower-cased text; token spans are the spans of the match's ``lastgroup``."""

    token: re.Pattern[str]  # one match a token, as the original pattern
    scan: re.Pattern[str]  # the same, but a run of plain words is one match


def fast_tokenizer(parts: list[str], word: str, punct: str) -> FastTokenizer | None:
    """The fast patterns for the case-insensitive alternation of ``parts`` (named branches, in order), or
    None when they cannot be built safely. ``word`` and ``punct`` are the sources of the last two parts
    (``(?P<word>...)`` and ``(?P<punct>...)``); the branches before them are the ones the guard rules out."""
    source = "|".join(parts)
    if not lowercase_safe(source, re.IGNORECASE) or parts[-2:] != [f"(?P<word>{word})", f"(?P<punct>{punct})"]:
        return None
    starts = [prefixes(part, _GUARD_CHARS) for part in parts]  # case-sensitive, as the twin reads them
    if any(found is None or any(_first_atom(p) is None for p in found) for found in starts):
        return None  # a branch that may start with anything: no guard
    if not _starts_off_space([_first_atom(p) for found in starts for p in found]):
        return None
    # Where the guard fails no keyword starts, so the original would reach its word or punct branch.
    guard = _trie([_sources(p) for found in starts[:-2] for p in found])
    plain = f"(?!{guard}){word}"
    # Where it passes, each keyword branch is tried only where its own guard passes (cheaper than failing).
    keywords = zip(parts[:-2], starts[:-2], strict=True)
    guarded = [f"(?={_trie([_sources(p) for p in found])}){part}" for part, found in keywords]
    source = "|".join(guarded + parts[-2:])
    token = rf"{_SKIP_SPACES}(?:(?!{guard})(?:(?P<{FAST_WORD}>{word})|(?P<{FAST_PUNCT}>{punct}))|{source})"
    scan = (
        rf"{_SKIP_SPACES}(?:(?!{guard})(?:(?P<{FAST_WORD}>{word}(?:{_SPACE}+(?!{_SPACE}){plain})*)"
        rf"|(?P<{FAST_PUNCT}>{punct}))|{source})"
    )
    return FastTokenizer(re.compile(token), re.compile(scan))  # case-sensitive: for lower-cased text


def _first_atom(prefix: Prefix) -> str | None:
    return next((source for source, consumes in prefix if consumes), None)


def _sources(prefix: Prefix) -> tuple[str, ...]:
    return tuple(source for source, _ in prefix)


def _trie(sequences: list[tuple[str, ...]]) -> str:
    """An alternation of the atom sequences, sharing their first atoms: ``re`` then tries each first atom
    once instead of once a sequence (the order does not matter to a look-ahead)."""
    if any(not sequence for sequence in sequences):
        return ""  # the empty sequence matches everywhere, and so does the whole
    heads: dict[str, list[tuple[str, ...]]] = {}
    for sequence in sequences:
        heads.setdefault(sequence[0], []).append(sequence[1:])
    branches = [head + _trie(tails) for head, tails in sorted(heads.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _starts_off_space(firsts: list[str | None]) -> bool:
    """Whether none of the first characters of a pattern's matches is a space other than a newline."""
    spaces = [chr(c) for c in range(0x3001) if re.fullmatch(_SPACE, chr(c))]  # U+3000 is the last space
    return all(first is not None and not any(re.fullmatch(first, c) for c in spaces) for first in firsts)
