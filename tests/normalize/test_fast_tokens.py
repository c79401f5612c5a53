"""The fast time tokenizer gives the tokens of the original pattern, found faster on lower-cased text."""

from __future__ import annotations

import re

import pytest

from extractor.normalize.fast_tokens import FAST_PUNCT, FAST_WORD, _trie, fast_tokenizer
from extractor.normalize.time_lexer import lexicon

SENTENCES = [
    "Follow-up visits will be scheduled at 48 hours and 2, 4, 8, 12, 24 and 52 weeks post-treatment.",
    "Patients are followed at 18 weeks, at 6, 9, and 12 months, every 6 months for 1 year, and then annually.",
    "Assessments at baseline, D28, d28, W12 and 3w5; twice weekly for one and a half years (+/- 3 days).",
    "The patient's  cells\tare infused\nat Month 6 (M6) and m6 — not_a_word ² ½.",
    "AZD6738 on days 1-7, IL2 x3 days, H1N1 and CD34+ at W4D1, d28 and m2; administration12weeks.",
]

WORD = r"[^\W\d_]+(?:'[^\W\d_]+)?"
PUNCT = r"[^\w\s]|\n"


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in pattern.finditer(text):
        kind = m.lastgroup or ""
        out.append(({FAST_WORD: "word", FAST_PUNCT: "punct"}.get(kind, kind), *m.span(kind)))
    return out


@pytest.mark.parametrize("text", SENTENCES)
def test_fast_tokens_are_the_tokens_but_for_glued_units(text):
    lex = lexicon()
    assert lex.fast is not None
    original = _spans(lex.token, text)
    fast = _spans(lex.fast.token, text.lower())
    # Only "gbefore" may differ: the fast pattern takes "d28" (or "m6") for "D28", and the tokenizer reads
    # again from there with the original pattern, which may end that token elsewhere ("m6" is one word).
    glued = {start for kind, start, _ in fast if kind == "gbefore"}
    reread = {start: end for _, start, end in original if start in glued}
    assert glued <= set(reread)
    skipped = {pos for start, end in reread.items() for pos in range(start, end)}
    assert [t for t in fast if t[1] not in skipped] == [t for t in original if t[1] not in skipped]
    assert {start for kind, start, _ in original if kind == "gbefore"} <= glued


def test_scan_pattern_reads_runs_of_plain_words_as_one_match():
    lex = lexicon()
    text = "Patients will then be seen at 3 months."
    assert _spans(lex.fast.scan, text.lower()) == [
        ("word", 0, 13),  # "Patients will": "then" may start a keyword (it is glue)
        ("glue", 14, 18),
        ("word", 19, 26),  # "be seen"
        ("glue", 27, 29),
        ("num", 30, 31),
        ("unit", 32, 38),
        ("punct", 38, 39),
    ]


def test_no_fast_tokenizer_when_it_cannot_be_proved_the_same():
    parts = [r"(?P<kw>(?<![^\W\d_])every(?![^\W\d_]))", f"(?P<word>{WORD})", f"(?P<punct>{PUNCT})"]
    assert fast_tokenizer(parts, WORD, PUNCT) is not None
    assert fast_tokenizer([r"(?P<kw>(?-i:D)\d)", *parts[1:]], WORD, PUNCT) is None  # case-sensitive
    assert fast_tokenizer([r"(?P<kw>\s*x)", *parts[1:]], WORD, PUNCT) is None  # may start with a space
    assert fast_tokenizer([r"(?P<kw>(?:a|.)+b)", *parts[1:]], WORD, PUNCT) is None  # may start with anything
    assert fast_tokenizer([r"(?P<kw>(?:ab|cd)\d)", *parts[1:]], WORD, PUNCT) is not None
    assert fast_tokenizer(parts[:2], WORD, PUNCT) is None  # no punctuation branch last


def test_trie_shares_first_atoms():
    assert _trie([("a", "b"), ("a", "c"), ("d",)]) == "(?:a(?:b|c)|d)"
    assert _trie([("a",), ("a", "b")]) == "a"  # "a" alone already matches wherever "ab" does
