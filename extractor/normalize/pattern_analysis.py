"""Facts about regular expressions read from their parse trees, to run them faster with the same results.

Python's ``re`` matches a case-insensitive pattern several times slower than a case-sensitive one: its
literals are compared through case folding and alternatives lose their first-character shortcuts. For a
text whose letters lower-case plainly (ASCII and most others: :mod:`~extractor.normalize.letter_case`),
searching ``text.lower()`` with a case-sensitive twin of the pattern finds the same matches at the same
offsets, provided every literal and character range of the pattern means the same thing to a lower-cased
character as it does to the original one under ``re.IGNORECASE``. :func:`lowered_twin` checks that on the
pattern's parse tree (and declines patterns it cannot vouch for).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .letter_case import case_partners

try:
    from re import _parser as _sre
except ImportError:  # Python < 3.11
    import sre_parse as _sre  # type: ignore[no-redef]

__all__ = [
    "ATOMIC_GROUP",
    "PARSER",
    "REPEATS",
    "Prefix",
    "lowercase_safe",
    "lowered_source",
    "lowered_twin",
    "prefixes",
    "reads_outside",
    "same_parse",
    "scan_kind",
    "top_level_alternatives",
]

_ASCII = [chr(c) for c in range(128)]
#: Node kinds of the parse tree; those Python 3.10 lacks (atomic groups, possessive repeats) are left out there.
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)


#: For the other modules that read parse trees (``pattern_literals``): the parser module, imported here only.
PARSER = _sre
REPEATS = frozenset(_REPEATS)
ATOMIC_GROUP = _ATOMIC


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
def _item_agrees(item: str, others: tuple[str, ...] = ()) -> bool:
    """Whether the one-character pattern ``item`` matches each ASCII character, and each of ``others``,
    under re.IGNORECASE exactly when it matches the character's lower case without it."""
    folded, plain = re.compile(item, re.IGNORECASE), re.compile(item)
    return all((folded.fullmatch(c) is None) == (plain.fullmatch(c.lower()) is None) for c in (*_ASCII, *others))


#: A set with a non-ASCII range wider than this is not checked character by character: declined.
_MAX_RANGE = 4096


def _others(items: list) -> tuple[str, ...] | None:
    """The non-ASCII characters of a text ``fold`` accepts that IGNORECASE may relate to a literal or a set
    (the items of its node), or None when there are too many to check.

    IGNORECASE relates a character of such a text to nothing outside its lower and upper case
    (:mod:`~extractor.normalize.letter_case`), so an item made of ASCII only reads it as the twin does, and
    an item with non-ASCII characters needs checking only at their case partners."""
    found: set[str] = set()
    for op, av in items:
        if op is _sre.RANGE and av[1] >= 128:
            if av[1] - av[0] > _MAX_RANGE:
                return None
            for code in range(max(av[0], 128), av[1] + 1):
                found |= case_partners(chr(code))
        elif op in (_sre.LITERAL, _sre.NOT_LITERAL) and av >= 128:
            found |= case_partners(chr(av))
    return tuple(sorted(found))


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
    """Whether every node of ``data`` reads lower-cased text case-sensitively as the original does."""
    for op, av in data:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            others = _others([(op, av)])
            ok = others is not None and _item_agrees(re.escape(chr(av)), others)  # negated: as the literal
        elif op is _sre.IN:
            source = _set_source(av)  # the set as a whole: "[A-Za-z]" agrees though "[A-Z]" alone does not
            others = _others(av)
            ok = source is not None and others is not None and _item_agrees(source, others)
        elif op is _sre.SUBPATTERN and (av[1] or av[2]):
            ok = False  # local flags such as (?-i:...)
        else:  # ANY and AT read no case (letters stay letters when lower-cased, so word boundaries stay)
            children = _children(op, av)
            ok = children is not None and all(_safe(child) for child in children)
        if not ok:
            return False
    return True


def lowercase_safe(pattern: str, flags: int) -> bool:
    """Whether ``pattern``, case-insensitive, finds in any text ``caseless.fold`` accepts what it finds
    case-sensitively in the text lower-cased (see :func:`lowered_twin`)."""
    if not flags & re.IGNORECASE:
        return False
    try:
        tree = _sre.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unknown parser version: decline rather than guess
        return False
    # Global inline flags in the pattern text, or a node that depends on case: declined.
    return tree.state.flags == _sre.parse("", flags).state.flags and _safe(list(tree))


#: Letter escapes kept as they are by :func:`lowered_source`: classes and anchors, which mean the same
#: whatever the case, and control characters. Hex, octal, named and back-reference escapes may stand for
#: capitals or groups: a pattern with one is not rewritten.
_SAFE_ESCAPES = frozenset("sSdDwWbBAZntrfv")


def lowered_source(pattern: str) -> str | None:
    """``pattern`` with its capital ASCII literals lower-cased, or None when it has an escape or inline flags
    that may stand for a capital (``\\x41``, ``(?-i:...)``). Character sets and group names are kept as they
    are.

    >>> lowered_source(r"CAR[\\s-]?T[\\s-]+cells?")
    'car[\\\\s-]?t[\\\\s-]+cells?'
    """
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt.isalnum() and nxt not in _SAFE_ESCAPES:
                return None
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            # Kept as it is: lowering a range such as [A-z] would change its meaning. Whether the set
            # reads lower-cased text as it reads the text under IGNORECASE is for lowercase_safe to say.
            out.append(ch)
            in_class = ch != "]"
            i += 1
            continue
        elif ch == "[":
            # A "]" (after an optional "^") right after "[" is a literal, not the end of the class.
            j = i + 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            out.append(pattern[i:j])
            i, in_class = j, True
            continue
        elif ch == "(" and pattern.startswith("(?", i):
            if pattern.startswith(("(?P<", "(?P="), i):
                end = pattern.find(">" if pattern[i + 3] == "<" else ")", i)
                if end < 0:
                    return None
                out.append(pattern[i : end + 1])  # a group name keeps its case
                i = end + 1
                continue
            flag = pattern[i + 2 : i + 3]
            if flag.isalpha() or flag in ("-", "("):
                return None  # inline flags or a conditional group
        out.append(ch.lower() if "A" <= ch <= "Z" else ch)  # others stay; lowercase_safe declines what that breaks
        i += 1
    return "".join(out)


def lowered_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive twin of a case-insensitive ``pattern`` for lower-cased text, or None.

    For any ``text`` that ``caseless.fold`` accepts (ASCII and most other text), ``twin.search(text.lower(),
    pos, endpos)`` (and ``match``, ``finditer``) gives matches with the same offsets and groups spans as
    ``pattern`` on ``text``; only the matched strings are lower case. Capital literals are lower-cased first
    (:func:`lowered_source`). None when the pattern is not case-insensitive or holds something the check
    cannot vouch for (local flags, back references, a character range whose case folding differs).
    """
    if not isinstance(pattern.pattern, str):
        return None
    source = lowered_source(pattern.pattern)
    if source is None or not lowercase_safe(source, pattern.flags):
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


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


def scan_kind(pattern: str, flags: int = 0) -> str | None:
    """How ``re`` scans for where ``pattern`` may start: "literal" (fast), "set" (a set of first characters,
    or alternatives that all start with a literal) or None (it tries every position)."""
    items: Any = _sre.parse(pattern, flags)
    while len(items):
        op, av = items[0]
        if op is not _sre.SUBPATTERN or av[1] or av[2]:
            break
        items = av[3]
    if not len(items):
        return None
    op, av = items[0]
    if op is _sre.LITERAL:
        return "literal"
    if op is _sre.IN or (op is _sre.BRANCH and all(len(b) and b[0][0] is _sre.LITERAL for b in av[1])):
        return "set"
    return None


def _tree(items: Any) -> Any:
    """A parsed pattern as nested tuples, to compare two parses."""
    if isinstance(items, (list, tuple)) or hasattr(items, "data"):
        return tuple(_tree(item) for item in (items.data if hasattr(items, "data") else items))
    return items


def same_parse(a: str, b: str, flags: int = 0) -> bool:
    """Whether two patterns parse to the same tree (False when either does not parse)."""
    try:
        return _tree(_sre.parse(a, flags)) == _tree(_sre.parse(b, flags))
    except re.error:
        return False
