"""Choosing among overlapping matches found in a text."""

from __future__ import annotations

from typing import Any, TypeVar

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
