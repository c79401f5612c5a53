"""One-to-one matching of gold and predicted spans of one document.

* strict: same start, end and label;
* overlap: same label and at least one shared character, matched greedily by the largest overlap
  (ties: the smaller boundary difference, then document order), each span used at most once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.evaluation.gold import Span

STRICT = "strict"
OVERLAP = "overlap"
MODES = (STRICT, OVERLAP)


@dataclass
class Alignment:
    """Matched ``(gold index, pred index)`` pairs and the indices left unmatched on each side."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    unmatched_gold: list[int] = field(default_factory=list)
    unmatched_pred: list[int] = field(default_factory=list)


def _alignment(pairs: list[tuple[int, int]], n_gold: int, n_pred: int) -> Alignment:
    used_gold = {g for g, _ in pairs}
    used_pred = {p for _, p in pairs}
    return Alignment(
        sorted(pairs),
        [i for i in range(n_gold) if i not in used_gold],
        [i for i in range(n_pred) if i not in used_pred],
    )


def match_strict(gold: Sequence[Span], pred: Sequence[Span]) -> Alignment:
    """Pairs with identical offsets and label; duplicates pair off one to one."""
    waiting: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    for j, span in enumerate(pred):
        waiting[(span.start, span.end, span.label)].append(j)
    pairs = []
    for i, span in enumerate(gold):
        queue = waiting.get((span.start, span.end, span.label))
        if queue:
            pairs.append((i, queue.pop(0)))
    return _alignment(pairs, len(gold), len(pred))


def overlap(a: Span, b: Span) -> int:
    """Number of characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_overlap(gold: Sequence[Span], pred: Sequence[Span]) -> Alignment:
    """Greedy one-to-one pairs of same-label spans that share characters, largest overlap first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g.label != p.label:
                continue
            shared = overlap(g, p)
            if shared > 0:
                # Largest overlap first; an exact match beats a superset of equal overlap.
                candidates.append((-shared, abs(g.start - p.start) + abs(g.end - p.end), i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return _alignment(pairs, len(gold), len(pred))


def match(gold: Sequence[Span], pred: Sequence[Span], mode: str) -> Alignment:
    """The alignment for ``mode`` (``"strict"`` or ``"overlap"``)."""
    if mode == STRICT:
        return match_strict(gold, pred)
    if mode == OVERLAP:
        return match_overlap(gold, pred)
    raise ValueError(f"unknown matching mode {mode!r}; expected one of {', '.join(MODES)}")
