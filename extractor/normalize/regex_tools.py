"""Facts about regular expressions read from their parse trees, for running them faster with the same results.

Python's ``re`` matches a case-insensitive pattern several times slower than a case-sensitive one: its
literals are compared through case folding and alternatives lose their first-character shortcuts. For
ASCII text, searching ``text.lower()`` with a case-sensitive twin of the pattern finds the same matches at
the same offsets, provided every literal and character range of the pattern means the same thing to a
lower-cased ASCII character as it does to the original one under ``re.IGNORECASE``.
:func:`lowered_twin` checks that on the pattern's parse tree (and declines patterns it cannot vouch for).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

try:
    from re import _parser as _sre
except ImportError:  # Python < 3.11
    import sre_parse as _sre  # type: ignore[no-redef]

__all__ = [
    "Caseless",
    "Prefix",
    "lowercase_safe",
    "lowered_twin",
    "prefixes",
    "reads_outside",
    "required_strings",
    "top_level_alternatives",
]

_ASCII = [chr(c) for c in range(128)]
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)


def _children(op: object, av: object) -> list[list] | None:
    """The sub-patterns of a node (lists of nodes), [] for a leaf, None for a node this module does not know."""
    if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY, _sre.AT):
        return []
    if op is _sre.BRANCH:
        return [list(alt) for alt in av[1]]
    if op is _sre.SUBPATTERN:
        return [list(av[3])]
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [list(av[1])]
    if op in _REPEATS:
        return [list(av[2])]
    if _ATOMIC is not None and op is _ATOMIC:
        return [list(av)]
    return None  # back references, conditionals, anything newer


@cache
def _item_agrees(item: str) -> bool:
    """Whether the one-character pattern ``item`` matches each ASCII character under re.IGNORECASE exactly
    when it matches the character's lower case without it."""
    folded, plain = re.compile(item, re.IGNORECASE), re.compile(item)
    return all((folded.fullmatch(c) is None) == (plain.fullmatch(c.lower()) is None) for c in _ASCII)


_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W",
}


def _set_source(items: list) -> str | None:
    """A character set (the items of an IN node) written back as a pattern, or None."""
    parts = []
    for op, av in items:
        if op is _sre.NEGATE:
            parts.insert(0, "^")
        elif op is _sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return None
    return f"[{''.join(parts)}]"


def _safe(data: list) -> bool:
    """Whether every node of ``data`` reads lower-cased ASCII text case-sensitively as the original does."""
    for op, av in data:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            ok = _item_agrees(re.escape(chr(av)))  # a negated literal agrees when the literal does
        elif op is _sre.IN:
            source = _set_source(av)  # the set as a whole: "[A-Za-z]" agrees though "[A-Z]" alone does not
            ok = source is not None and _item_agrees(source)
        elif op is _sre.SUBPATTERN and (av[1] or av[2]):
            ok = False  # local flags such as (?-i:...)
        else:  # ANY and AT read no case (letters stay letters when lower-cased, so word boundaries stay)
            children = _children(op, av)
            ok = children is not None and all(_safe(child) for child in children)
        if not ok:
            return False
    return True


def lowercase_safe(pattern: str, flags: int) -> bool:
    """Whether ``pattern``, case-insensitive, finds in any ASCII text what it finds case-sensitively in the
    text lower-cased (see :func:`lowered_twin`)."""
    if not flags & re.IGNORECASE:
        return False
    try:
        tree = _sre.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unknown parser version: decline rather than guess
        return False
    # Global inline flags in the pattern text, or a node that depends on case: declined.
    return tree.state.flags == _sre.parse("", flags).state.flags and _safe(list(tree))


def lowered_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive twin of a case-insensitive ``pattern`` for lower-cased ASCII text, or None.

    For any ASCII ``text``, ``twin.search(text.lower(), pos, endpos)`` (and ``match``, ``finditer``) gives
    matches with the same offsets and groups spans as ``pattern`` on ``text``; only the matched strings
    are lower case. None when the pattern is not case-insensitive or holds something the check cannot vouch
    for (local flags, back references, a literal or range whose case folding differs).
    """
    if not isinstance(pattern.pattern, str) or not lowercase_safe(pattern.pattern, pattern.flags):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _reads_outside(data: list, state: object, offset: int) -> bool:
    """Whether ``data``, reached at least ``offset`` characters after the start, may read before the start."""
    for k, (op, av) in enumerate(data):
        if op is _sre.AT and offset < 1:
            return True  # anchors and word boundaries at the start look at the character before it
        if op in (_sre.ASSERT, _sre.ASSERT_NOT) and av[0] < 0:
            width = _sre.SubPattern(state, list(av[1])).getwidth()[1]
            if offset < width or _reads_outside(list(av[1]), state, 0):
                return True  # a lookbehind that reaches before the start (nested look-arounds: assume so)
        else:
            children = _children(op, av)
            if children is None or any(_reads_outside(child, state, offset) for child in children):
                return True
        offset += _sre.SubPattern(state, [data[k]]).getwidth()[0]
    return False


def reads_outside(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern.fullmatch(text, start, end)`` may depend on text before ``start`` (anchors, word
    boundaries or lookbehinds at the start). When it cannot, its result depends on ``text[start:end]`` alone
    (``end`` bounds lookaheads)."""
    try:
        tree = _sre.parse(pattern.pattern, pattern.flags)
        return _reads_outside(list(tree), tree.state, 0)
    except Exception:  # noqa: BLE001 - an unknown parser version: assume the worst
        return True


_TRUNCATE = ("truncate",)  # a frame that ends a prefix: what follows is not known well enough
Prefix = tuple[tuple[str, bool], ...]


def _one_char(data: list) -> str | None:
    """The source of a sub-pattern that is one character set or literal, else None."""
    if len(data) != 1:
        return None
    op, av = data[0]
    if op is _sre.LITERAL:
        return re.escape(chr(av))
    if op is _sre.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    return _set_source(av) if op is _sre.IN else None


def _expand(frames: tuple, acc: Prefix, width: int, k: int, out: set[Prefix], limit: int) -> None:
    """Every prefix of the paths through ``frames`` (a stack of (nodes, index), top last) into ``out``."""
    if len(out) > limit:
        raise OverflowError
    while width < k and frames and frames[-1] is not _TRUNCATE:
        nodes, i = frames[-1]
        if i == len(nodes):
            frames = frames[:-1]
            continue
        op, av = nodes[i]
        rest = (*frames[:-1], (nodes, i + 1))
        atom: tuple[str, bool] | None = None
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN):
            source = _one_char([(op, av)])
            if source is None:
                break
            atom = (source, True)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            source = _one_char(list(av[1]))
            if not acc:
                pass  # look-arounds before the first character are left out
            elif source is not None:
                kind = ("<" if av[0] < 0 else "") + ("=" if op is _sre.ASSERT else "!")
                atom = (f"(?{kind}{source})", False)
            elif op is _sre.ASSERT and av[0] > 0:  # a longer look-ahead: what it starts with
                inner: set[Prefix] = set()
                _expand(((list(av[1]), 0),), (), 0, k - width, inner, limit)
                if all(inner_prefix for inner_prefix in inner):
                    sources = sorted("".join(source for source, _ in inner_prefix) for inner_prefix in inner)
                    atom = (f"(?=(?:{'|'.join(sources)}))", False)
        elif op is _sre.BRANCH:
            for alt in av[1]:
                _expand((*rest, (list(alt), 0)), acc, width, k, out, limit)
            return
        elif op is _sre.SUBPATTERN and (av[1] or av[2]):
            break  # local flags: its literals would be read with the wrong case
        elif op is _sre.SUBPATTERN or (_ATOMIC is not None and op is _ATOMIC):
            frames = (*rest, (list(av[3] if op is _sre.SUBPATTERN else av), 0))
            continue
        elif op in _REPEATS:
            low, high, sub = av
            if low == 0:
                _expand(rest, acc, width, k, out, limit)
            after = rest if high == 1 else (_TRUNCATE,)  # after one of several turns: stop
            frames = (*after, (list(sub), 0))
            continue
        elif op is not _sre.AT:  # anchors are left out; anything else ends the prefix
            break
        if atom is not None:
            acc += (atom,)
            width += atom[1]
        frames = rest
    out.add(acc)


def prefixes(pattern: str, k: int, flags: int = 0, limit: int = 5000) -> set[Prefix] | None:
    """Necessary conditions for ``pattern`` to match at a position: every match starts with one of them.

    Each prefix is a sequence of (source, consumes) atoms: up to ``k`` one-character sets or literals and
    the simple look-arounds between them (longer look-arounds, anchors and what follows a repeat are left
    out, so a prefix may say less than the pattern, never more). Sources keep the pattern's case and mean
    what they say under ``flags``, which must not include re.IGNORECASE. None when the prefixes number more
    than ``limit``.
    """
    if flags & re.IGNORECASE:
        raise ValueError("prefixes() reads literals case-sensitively")
    out: set[Prefix] = set()
    try:
        _expand(((list(_sre.parse(pattern, flags)), 0),), (), 0, k, out, limit)
    except OverflowError:
        return None
    return out


def _required(data: list) -> frozenset[str] | None:
    """Strings of which every match of ``data`` contains one (the most telling such set), or None."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*data, (None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:  # a run of literals is a string every match holds
            found.append(frozenset(["".join(run)]))
            run = []
        required = None
        if op is _sre.BRANCH:
            alternatives = [_required(list(alt)) for alt in av[1]]
            if all(alternatives):
                required = frozenset().union(*alternatives)
        elif op in _REPEATS and av[0] >= 1 or op is _sre.SUBPATTERN or (_ATOMIC is not None and op is _ATOMIC):
            required = _required(_children(op, av)[0])
        if required:
            found.append(required)
    # The longest shortest string says most (a short one occurs everywhere), then the fewest strings.
    return max(found, key=lambda strings: (min(map(len, strings)), -len(strings)), default=None)


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains one, or None when there is no such set.

    A text that contains none of them holds no match (for a search from ``pos``, its rest holds none). The
    strings keep the pattern's case, so the pattern must not be case-insensitive (use its
    :func:`lowered_twin`, and look for them in the lower-cased text).
    """
    if pattern.flags & re.IGNORECASE:
        raise ValueError("required_strings() reads literals case-sensitively")
    try:
        return _required(list(_sre.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - an unknown parser version: no shortcut
        return None


def top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` at its top level ("a|b(c|d)" gives "a" and "b(c|d)"); the pattern
    itself when it holds a comment group, which this reading does not follow."""
    if "(?#" in pattern:
        return [pattern]
    parts, depth, start, i, in_set = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1  # the escaped character is no operator
        elif in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
            i += 1 if pattern[i + 1 : i + 2] == "^" else 0
            i += 1 if pattern[i + 1 : i + 2] == "]" else 0  # a "]" first in a set is a member
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]


# --- running case-insensitive patterns as their lowered twins (schedule and endpoint components) ---


class Caseless:
    """A case-insensitive pattern that runs as its :func:`lowered_twin` on lower-cased ASCII text.

    Callers lower-case a text once (:func:`extractor.normalize.pattern_gates.fold`) and pass both; match
    offsets and group spans are those of the pattern on the text, but matched strings are lower case when
    the twin ran. When every match holds one of a few strings (:func:`required_strings`), a text without
    them is not searched at all; for many texts at once (the sentences of a document), :meth:`may_match`
    looks for the strings in one go.
    """

    __slots__ = ("pattern", "quick", "required", "twin")

    #: More required strings than this cost more to look for in one short text than the search they save.
    MAX_QUICK = 8

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.twin = lowered_twin(pattern)
        required = required_strings(self.twin) if self.twin is not None else None
        # A string that holds another one adds nothing.
        self.required = tuple(sorted(s for s in required or () if not any(t != s and t in s for t in required or ())))
        self.quick = 0 < len(self.required) <= self.MAX_QUICK

    def _absent(self, lowered: str, pos: int) -> bool:
        return self.quick and all(lowered.find(s, pos) < 0 for s in self.required)

    def search(self, text: str, lowered: str | None, pos: int = 0) -> re.Match[str] | None:
        """``pattern.search(text, pos)``; ``lowered``: ``fold(text)``."""
        if lowered is None or self.twin is None:
            return self.pattern.search(text, pos)
        return None if self._absent(lowered, pos) else self.twin.search(lowered, pos)

    def match(self, text: str, lowered: str | None) -> re.Match[str] | None:
        """``pattern.match(text)``; ``lowered``: ``fold(text)``."""
        if lowered is None or self.twin is None:
            return self.pattern.match(text)
        return None if self._absent(lowered, 0) else self.twin.match(lowered)

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``; ``lowered``: ``fold(text)``."""
        if lowered is None or self.twin is None:
            return self.pattern.finditer(text)
        return iter(()) if self._absent(lowered, 0) else self.twin.finditer(lowered)

    def may_match(self, lowered: str, spans: list[tuple[int, int]]) -> list[bool]:
        """For each span (start, end) of a lower-cased ASCII text, False when ``text[start:end]`` holds no
        match for sure (none of the required strings); spans are sorted and do not overlap."""
        if not self.required or self.twin is None:
            return [True] * len(spans)
        starts = [start for start, _ in spans]
        found = [False] * len(spans)
        for string in self.required:
            pos = lowered.find(string)
            while pos >= 0:
                k = bisect_right(starts, pos) - 1
                if k >= 0 and pos + len(string) <= spans[k][1]:
                    found[k] = True
                    pos = lowered.find(string, spans[k][1])  # the rest of this span adds nothing
                else:
                    pos = lowered.find(string, pos + 1)
        return found
