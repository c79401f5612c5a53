"""Which of some character ranges of a text hold an offset: arm and intervention entries, their names,
the exclusions of a sentence.

Pure offsets, no spaCy. A record with thousands of entries, or a line with thousands of matches, made each
lookup compare an offset with every range; :class:`RangeIndex` answers by bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


class RangeIndex:
    """Which of some (start, end) ranges hold an offset: by bisection when, in order of start, they do not
    overlap (a record's entries never do, nor the matches of one ``finditer``), else by a scan."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self.ranges = list(ranges)
        self.order = sorted(range(len(self.ranges)), key=lambda k: self.ranges[k])
        ordered = [self.ranges[k] for k in self.order]
        self.starts = [start for start, _end in ordered]
        self.ends = [end for _start, end in ordered]
        pairs = zip(ordered, ordered[1:], strict=False)  # each range with the next
        self.disjoint = all(a[1] <= b[0] for a, b in pairs) and all(start <= end for start, end in ordered)

    def holding(self, offset: int) -> list[int]:
        """Indexes (into the ranges as given) of the ranges with ``start <= offset < end``, ascending."""
        if not self.disjoint:
            return [k for k, (start, end) in enumerate(self.ranges) if start <= offset < end]
        k = bisect_right(self.starts, offset) - 1
        return [self.order[k]] if k >= 0 and offset < self.ends[k] else []

    def first(self, offset: int) -> int | None:
        """The first range (as given) holding ``offset``, or None."""
        held = self.holding(offset)
        return held[0] if held else None
