"""Which characters lower-case as IGNORECASE reads them: checked over the whole of Unicode."""

from __future__ import annotations

import re
import sys

import pytest

from extractor.normalize.letter_case import case_partners, lowers_plainly, plain_text, shared_uppercase

ALL = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]


@pytest.mark.parametrize(
    ("char", "plain"),
    [
        ("a", True),
        ("≥", True),  # caseless
        ("–", True),
        ("\u00a0", True),
        ("é", True),  # plain letters: one lower and one upper case, each other's
        ("É", True),
        ("Ω", True),
        ("ı", False),  # IGNORECASE: "ı", "i" and "I" are one letter
        ("ſ", False),
        ("µ", False),  # micro sign, Greek mu and capital mu
        ("μ", False),
        ("σ", False),  # final sigma
        ("İ", False),  # lower-cases to two characters
        ("ß", False),  # upper-cases to two
        ("ǅ", False),  # title case
        ("\u212a", False),  # Kelvin sign: lower-cases to ASCII "k"
        ("\u2126", False),  # ohm sign: lower-cases to "ω", whose upper case is "Ω"
    ],
)
def test_lowers_plainly(char, plain):
    assert lowers_plainly(char) is plain


def test_plain_text():
    assert plain_text("Age ≥ 18 – Évaluation") and plain_text("")
    assert not plain_text("10 µg") and not plain_text("randomızed")


def test_shared_uppercase_holds_every_letter_ignorecase_relates_beyond_lower_case():
    pairs = [("i", "ı"), ("s", "ſ"), ("µ", "μ"), ("σ", "ς"), ("β", "ϐ"), ("k", "\u212a".lower())]
    for low, other in pairs[:-1]:
        assert {low, other} <= shared_uppercase()
        assert re.fullmatch(re.escape(low), other, re.IGNORECASE)
    try:  # Python's own table of such letters (private; where it exists)
        from re._casefix import _EXTRA_CASES as extra  # type: ignore[import-not-found]
    except ImportError:
        from sre_compile import _ignorecase_fixes as extra  # type: ignore[import-not-found,no-redef]  # Python 3.10
    related = {chr(k) for k in extra} | {chr(v) for values in extra.values() for v in values}
    assert related and not any(lowers_plainly(char) for char in related - {"i", "s", "k"} if not char.isascii())


def test_nothing_else_cases_onto_a_caseless_character():
    """IGNORECASE relates two characters through lower and upper case; a caseless character is reached
    from no other, so it matches only itself."""
    caseless = {c for c in ALL if not c.isascii() and c.lower() == c == c.upper()}
    for char in ALL:
        for other in (char.lower(), char.upper()):
            assert other == char or other not in caseless, (char, other)


def test_plain_letters_match_under_ignorecase_exactly_their_two_cases():
    letters = [c for c in ALL if not c.isascii() and lowers_plainly(c) and c.lower() != c.upper()]
    assert len(letters) > 1000
    for char in letters:
        low, up = char.lower(), char.upper()
        assert lowers_plainly(low) and lowers_plainly(up)
        pattern = re.compile(re.escape(char), re.IGNORECASE)
        assert pattern.fullmatch(low) and pattern.fullmatch(up)
        assert not any(pattern.fullmatch(c) for c in (low.swapcase() + up.swapcase()) if c not in (low, up))
        for cls in (r"\w", r"\d", r"\s"):  # what \b and classes see does not change with the case
            assert bool(re.fullmatch(cls, char)) == bool(re.fullmatch(cls, low)), (char, cls)


def test_case_partners_hold_every_plain_letter_ignorecase_relates_to_a_character():
    """A pattern's literal is checked at its case partners only: any character of a text that ``fold``
    accepts and IGNORECASE matches to the literal (same lower case; other relations exclude it) is among them."""
    by_lower: dict[str, set[str]] = {}
    for char in ALL:
        if not char.isascii() and lowers_plainly(char) and char.lower() != char.upper():  # caseless: above
            by_lower.setdefault(char.lower(), set()).add(char)
    for char in ALL:
        low = char.lower()
        if len(low) == 1 and low in by_lower:
            assert by_lower[low] <= case_partners(char), char


def test_case_partners():
    assert case_partners("É") == {"É", "é"}
    assert case_partners("µ") == set()  # no partner lowers plainly: a text with one is never lowered
    assert case_partners("\u212b") == {"å", "Å"}  # angstrom sign: checked where it might differ
    assert case_partners("≥") == {"≥"}
