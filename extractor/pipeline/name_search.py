"""Where INTERVENTION names are looked for: the sentences in scope, and every occurrence of a known name.

A known name ("BM-MSC", "Mesenchymal stromal cells") is searched in a case- and hyphen-folded copy of the
text with plain string search, which is much faster than compiling a pattern of each record's names.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right

from spacy.tokens import Doc

from extractor.normalize.entries import Arm, InterventionEntry
from extractor.pipeline.scope import section_labels, sentence_scope

LABEL = "INTERVENTION"


class Scope:
    """The sentences that may carry INTERVENTION, as (start, end, section) character ranges.

    ``sentences`` leaves out background; ``structural`` keeps the arm and intervention entries even when
    a background cue matches them ("in vitro-treated bone marrow transplantation" is still a name).
    """

    def __init__(self, doc: Doc) -> None:
        allowed = section_labels()
        rows = [(r[0], r[1], r[4], r[5]) for r in sentence_scope(doc) if LABEL in allowed.get(r[4], frozenset())]
        self.sentences = [(s, e, sec) for s, e, sec, background in rows if not background and e > s]
        self.structural = [
            (s, e, sec)
            for s, e, sec, background in rows
            if e > s and (not background or sec in ("arms", "interventions"))
        ]
        self._starts = [s for s, _e, _sec in self.structural]

    def holds(self, start: int, end: int) -> bool:
        """Is [start, end) inside one sentence that may carry INTERVENTION?"""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self.structural[i][1]


def structure_ranges(text: str, arms: list[Arm], entries: list[InterventionEntry]) -> list[tuple[int, int]]:
    """Words of the entries' layout that hold no name: "Arm: ", " (Placebo Comparator)", "Intervention: Drug: "."""
    out = []
    for arm in arms:
        line_end = text.find("\n", arm.start)
        out += [(arm.start, arm.label_start), (arm.label_end, line_end if line_end >= 0 else len(text))]
    out += [(e.start, e.name_start) for e in entries]
    return out


_DASHES = "-‐‑‒–—―"
#: Case and hyphen folding that keeps every character in place (offsets in the folded text are the text's).
FOLD = str.maketrans({**{c: c.lower() for c in string.ascii_uppercase}, **dict.fromkeys(_DASHES, " ")})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold_text(text: str) -> str:
    """``text.translate(FOLD)``, much faster: ``str.lower`` where it changes nothing but A-Z, then the dashes."""
    if text.isascii():
        return text.lower().replace("-", " ")
    if any(c.lower() != c for c in set(_NON_ASCII.findall(text))):
        return text.translate(FOLD)  # "É", "İ": lower() would fold them too (or change the length)
    folded = text.lower()
    for dash in _DASHES:
        folded = folded.replace(dash, " ")
    return folded


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "-_"


def find_known_names(
    text: str, folded: str, names: list[str], ranges: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of ``names`` inside ``ranges``: case- and hyphen-insensitive (short
    capitals exact), whole words, an optional plural "s".

    In text order: the order of the names (a set's, which changes with the hash seed) must not decide which
    long form an abbreviation found here takes its attributes from.
    """
    starts = [r[0] for r in ranges]
    found = []
    for name in {n.strip() for n in names if n.strip()}:
        exact = name.isupper() and len(name) <= 6
        needle = name.translate(FOLD)
        if len(needle) > 3 and needle.endswith("s") and not needle.endswith("ss"):
            needle = needle[:-1]  # "cells" finds "cell" and "cells"
        pos = folded.find(needle)
        while pos >= 0:
            end = pos + len(needle)
            if end < len(text) and text[end] in "sS" and (end + 1 == len(text) or not _is_word_char(text[end + 1])):
                end += 1
            i = bisect_right(starts, pos) - 1
            if (
                (pos == 0 or not _is_word_char(text[pos - 1]))
                and (end == len(text) or not _is_word_char(text[end]))
                and i >= 0
                and end <= ranges[i][1]
                and (not exact or text[pos : pos + len(needle)] == name[: len(needle)])
            ):
                found.append((pos, end))
            pos = folded.find(needle, pos + 1)
    return sorted(found)
