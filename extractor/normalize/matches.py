"""Finding lexicon entries in a text, and choosing among overlapping matches."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from extractor.normalize.pattern_analysis import lowered_twin

Match = TypeVar("Match", bound=tuple[Any, ...])


def longest_non_overlapping(found: list[Match]) -> list[Match]:
    """The matches ``(start, end, ...)`` that survive overlaps, in text order.

    Where matches overlap the one that starts first wins, and of those starting together the longest.
    """
    kept: list[Match] = []
    for item in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


@dataclass(frozen=True)
class EntryAlternation:
    """Lexicon entries searched as one alternation, each match reported with the entry that made it.

    A named group per entry would say which entry matched, but groups stop ``re`` from merging the
    entries' common prefixes: on the route lexicon the grouped alternation searched 3.5 times slower.
    So the search runs without groups, and the entry is found afterwards at each (rare) match: the
    first entry, in lexicon order, that matches there is the one the alternation took.
    """

    combined: re.Pattern[str]
    entries: tuple[re.Pattern[str], ...]

    def finditer(self, text: str) -> Iterator[tuple[int, int, int]]:
        """``(start, end, entry index)`` of each match in ``text``, left to right."""
        for m in self.combined.finditer(text):
            start = m.start()
            yield start, m.end(), next(i for i, entry in enumerate(self.entries) if entry.match(text, start))

    def lowered_twin(self) -> EntryAlternation | None:
        """The same alternation for texts lower-cased by ``caseless.fold``, searched case-sensitively (several
        times faster); None when the patterns are not case-insensitive or their twins cannot be vouched for."""
        combined = lowered_twin(self.combined)
        entries = tuple(lowered_twin(entry) for entry in self.entries)
        if combined is None or any(entry is None for entry in entries):
            return None
        return EntryAlternation(combined, entries)  # type: ignore[arg-type]


def entry_alternation(patterns: list[str], before: str = "", after: str = "", flags: int = 0) -> EntryAlternation:
    """An :class:`EntryAlternation` of ``patterns``, each between the ``before`` and ``after`` contexts."""
    combined = re.compile(f"{before}(?:{'|'.join(f'(?:{p})' for p in patterns)}){after}", flags)
    entries = tuple(re.compile(f"{before}(?:{p}){after}", flags) for p in patterns)
    return EntryAlternation(combined, entries)
