"""Time expressions (follow-up schedules, outcome time frames) normalized to days.

Units follow the annotation schema: minute = 1/1440, hour = 1/24, day = 1, week = 7, month = 30,
year = 365 days. Decisions (the tests state them as examples):

* ``days``: the explicit time points, sorted, unique, non-negative. Baseline and pre-treatment phrases
  ("baseline", "pre-infusion", "before surgery"), Day 0 and Month 0 are 0. Screening is not a time
  point (it precedes Day 0 and the schema has no negative days); negative days ("Day -7") are dropped.
* ``through``: the end of a period: "up to / until / through / over / during / within / for" and
  ranges ("from baseline to week 52", "Day 1-Day 28", "1 to 5 years", "between week 8 and week 24"):
  the start of a range is a time point, its end is ``through`` (so "Day 1-Day 28" -> days [1],
  through 28; "from baseline to week 52" -> days [0], through 364). A range end followed by more
  values is a list, not a period ("from baseline to 3, 6 and 12 months" -> days [0, 90, 180, 360]).
  When several periods end at different times the latest is ``through`` and the others are points.
* ``every``: the interval of a periodic expression ("every 3 months" -> 90, "monthly" -> 30,
  "twice weekly" -> 3.5); "every 3 months for 2 years" -> every 90, through 730.
* A visit window ("10 days +/- 24 hours") is not a time point.
* More than ``MAX_TIME_POINTS`` (100) points in one expression is not a schedule but a table of numbers
  read as one list: no value. (Real schedules list at most 18; without a bound, every row of the schedule
  table, one a point, would carry the whole list: a 120,000-number line wrote gigabytes.)
* Numbers before a unit take it ("2, 4 and 8 weeks"); numbers after a unit label take it ("Day 0, 7,
  14 and 28", "at weeks 4, 12 and 24"); when both meet ("day 1, 4, 7 and 1, 3, 6 months") the label's
  numbers end where the sequence restarts.
* ``anchor``: what the times are counted from, as written ("post-treatment", "after MSC
  administration"), or "".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .caseless import fold
from .time_anchor import anchor_at, find_anchor
from .time_lexer import Token, has_hint, lexicon, scan, tokenize

__all__ = ["MAX_TIME_POINTS", "TimeMatch", "TimeValue", "find_time_expressions", "normalize_time"]

#: Most time points one expression may state (see the module).
MAX_TIME_POINTS = 100
_CONTENT = frozenset({"num", "unit", "zero", "periodic"})
_OPENERS = frozenset({"strong", "weak", "every", "freq", "between", "from"})


@dataclass(frozen=True)
class TimeValue:
    """A normalized time expression: points in days, an interval, a period end and the anchor."""

    days: tuple[float, ...] = ()
    every: float | None = None
    through: float | None = None
    anchor: str = ""

    @property
    def is_empty(self) -> bool:
        """Whether the expression states no time at all."""
        return not self.days and self.every is None and self.through is None


@dataclass(frozen=True)
class TimeMatch:
    """A time expression found in running text (end exclusive) with its value and rule name."""

    start: int
    end: int
    value: TimeValue
    rule: str


@dataclass
class _Item:
    value: float
    mode: str  # "point", "through" or "every"
    prefix: float | None  # unit label governing the number when it was read ("Day 0, 7")
    unit: float | None = None
    divisor: float = 1.0  # "twice weekly": the period divided by the frequency
    multiplier: float = 1.0  # "every other week"
    zero: bool = False  # a baseline word, not a number


@dataclass
class _State:
    items: list[_Item] = field(default_factory=list)
    pending: list[_Item] = field(default_factory=list)
    prefix: float | None = None
    flag: str | None = None  # "through" or "every": what the next number is
    strong: bool = False
    multiplier: float = 1.0
    freq: float | None = None
    between: bool = False
    last: _Item | None = None
    only_seps: bool = False  # nothing but list separators since ``last``

    def finalize(self) -> None:
        """Numbers still waiting for a unit take their label's unit, or stay unitless (dropped)."""
        for item in self.pending:
            if item.unit is None:
                item.unit = item.prefix
        self.pending.clear()

    def suffix(self, unit: float) -> None:
        """A unit after numbers: they take it, unless a label governs the first ones (see doc)."""
        run = self.pending
        label = run[0].prefix if run else None
        split = 0
        if label is not None and label != unit:
            split = len(run) - 1
            for j in range(len(run) - 1, 0, -1):
                if run[j].value <= run[j - 1].value:
                    split = j
                    break
        for j, item in enumerate(run):
            if item.unit is None:
                item.unit = label if j < split else unit
        run.clear()
        self.prefix = None


def _is(tokens: list[Token], i: int, hi: int, *kinds: str) -> bool:
    return 0 <= i < hi and tokens[i].kind in kinds


def _label_gap(text: str, tokens: list[Token], i: int, hi: int) -> int | None:
    """Index of the number a unit label at ``i`` governs ("Day 7", "Day #7", "Day-0", '"month" 1')."""
    k = i + 1
    while k < hi and k - i <= 3 and tokens[k].kind in ("sep", "break", "weak"):
        char = text[tokens[k].start]
        glued_hyphen = char == "-" and tokens[k].start == tokens[k - 1].end and k + 1 < hi
        if char not in "#=:\"'" and not (glued_hyphen and tokens[k + 1].start == tokens[k].end):
            return None
        k += 1
    return k if _is(tokens, k, hi, "num") else None


def _after_anchor_word(text: str, tokens: list[Token], i: int, lo: int) -> bool:
    """Whether token ``i`` follows "after", "post", "following" ... ("post-baseline")."""
    k = i - 1
    if k > lo and tokens[k].kind == "weak" and text[tokens[k].start] == "-":
        k -= 1
    if k < lo or tokens[k].kind != "word":
        return False
    return lexicon().anchor_head.fullmatch(text, tokens[k].start, tokens[k].end) is not None


def _word(text: str, token: Token) -> str:
    return text[token.start : token.end].lower()


def _parse(text: str, tokens: list[Token], lo: int, hi: int, carry: bool) -> list[_Item]:
    """The items (numbers with units and modes) of ``tokens[lo:hi]``; ``carry``: strong flags cross words."""
    s = _State()
    i = lo
    while i < hi:
        tok = tokens[i]
        kind = tok.kind
        if s.flag == "every" and kind not in ("num", "unit", "qual"):
            s.flag = None  # "every" applies to what follows it: "each time point (day 1" is no interval
        if kind == "tol":  # skip the window: "+/- 24 hours", "(± 3 days)"
            i += 1
            while _is(tokens, i, hi, "qual", "sep") and text[tokens[i].start] != ")":
                i += 1
            if _is(tokens, i, hi, "num"):
                i += 1
                if _is(tokens, i, hi, "unit"):
                    if s.pending:  # "28±3 days": the window's unit is the time's unit too
                        s.suffix(tokens[i].value)
                    i += 1
            continue
        if kind == "num":
            if _is(tokens, i + 1, hi, "times"):  # "3 times a week"
                s.freq = tok.value
                i += 2
                continue
            mode = s.flag or ("every" if s.freq else "point")
            item = _Item(tok.value, mode, s.prefix, divisor=s.freq or 1.0, multiplier=s.multiplier)
            if mode == "point" and s.last is not None and s.last.mode == "through" and s.only_seps:
                s.last.mode = "point"  # "to 3, 6 and 12 months": a list, not a period
            s.flag, s.multiplier = None, 1.0
            s.pending.append(item)
            s.items.append(item)
            s.last, s.only_seps = item, True
        elif kind == "unit":
            label_gap = _label_gap(text, tokens, i, hi)
            before_number = label_gap is not None
            if before_number and tok.end - tok.start == 1 and tokens[i + 1].start != tok.end:
                before_number = False  # "d"/"h" alone label nothing ("Vitamin D 1000 IU"); "d7" does
            after_number = i - 1 >= lo and (
                _is(tokens, i - 1, hi, "num")
                or (  # "12-month", but not "Day 1-Day 28"
                    _is(tokens, i - 1, hi, "weak")
                    and i - 2 >= lo
                    and _is(tokens, i - 2, hi, "num")
                    and not before_number
                )
            )
            if after_number:
                s.suffix(tok.value)
            elif before_number:
                s.finalize()
                s.prefix = tok.value
                s.freq = None  # "once on day 1" is one time point, not once a day
                i = label_gap - 1  # past '#', '=', ':', quotes or a glued hyphen ("Day-0")
            elif s.flag == "every" or s.freq:  # "every month", "each week"
                mode_item = _Item(1.0, "every", None, tok.value, s.freq or 1.0, s.multiplier)
                s.items.append(mode_item)
                s.flag, s.freq, s.multiplier = None, None, 1.0
            else:  # a unit word without a number ("day of infusion") ends a list like any word
                s.finalize()
                s.prefix = None
                s.only_seps = False
        elif kind == "zero":
            if s.flag == "through":  # "compared to baseline" is no period
                s.flag = None
            if not _after_anchor_word(text, tokens, i, lo):  # "12 weeks after randomization"
                item = _Item(0.0, "point", None, 1.0, zero=True)
                s.items.append(item)
                s.last, s.only_seps = item, True
        elif kind == "interval":  # "on a 4-week interval": the time is the interval
            if s.last is not None and s.last.mode == "point" and not s.last.zero and _is(tokens, i - 1, hi, "unit"):
                s.last.mode = "every"
        elif kind == "periodic":
            s.items.append(_Item(tok.value, "every", None, 1.0, s.freq or 1.0))
            s.freq = None
        elif kind == "every":
            s.flag, s.multiplier = "every", tok.value
        elif kind == "freq":
            s.freq = tok.value
        elif kind in ("strong", "weak"):
            # A dash or tilde ends a period only before a number ("1-5 years", "Day 1-Day 28");
            # otherwise it is a hyphen ("12-month").
            nxt_num = _is(tokens, i + 1, hi, "num", "zero") or (
                _is(tokens, i + 1, hi, "unit") and _is(tokens, i + 2, hi, "num")
            )
            after_value = i - 1 >= lo and _is(tokens, i - 1, hi, "num", "unit", "zero")
            if _word(text, tok)[:1].isalpha() or (nxt_num and after_value):  # "~12 months" is no range
                s.flag, s.strong = "through", kind == "strong"
        elif kind == "between":
            s.between = True
        elif kind == "glue" and s.between and _word(text, tok) == "and":
            s.flag, s.strong, s.between = "through", False, False
        elif kind in ("glue", "qual", "sep", "from"):
            pass
        elif kind == "break":
            s.finalize()
            s.prefix = s.flag = s.freq = None
            s.between = s.only_seps = False
        else:  # word, or "times" without a number
            s.finalize()
            s.prefix = None
            s.only_seps = False
            if s.flag and not (s.strong and carry):
                s.flag = None
            if _word(text, tok) != "per":  # "twice per week"
                s.freq = None
        i += 1
    s.finalize()
    return s.items


def _value(items: list[_Item], anchor: str = "") -> TimeValue:
    points, ends, every = [], [], None
    for item in items:
        if item.unit is None:
            continue
        days = round(item.value * item.unit * item.multiplier / item.divisor, 6)
        if not math.isfinite(days):  # a number of hundreds of digits is no time, and no JSON holds it
            continue
        if item.mode == "every":
            if every is None and days > 0:
                every = days
        elif days >= 0:
            (ends if item.mode == "through" and days > 0 else points).append(days)
    through = max(ends) if ends else None
    points += [d for d in ends if d != through]
    days = tuple(sorted(set(points)))
    if len(days) > MAX_TIME_POINTS:
        return TimeValue()
    return TimeValue(days, every, through, anchor)


def normalize_time(text: str) -> TimeValue:
    """The value of one time expression or time frame ("Baseline, 3, 6 and 12 months"). Never raises."""
    if not isinstance(text, str) or not text:
        return TimeValue()
    tokens = tokenize(text)
    items = _parse(text, tokens, 0, len(tokens), carry=True)
    value = _value(items)
    if value.is_empty:
        return value
    first = next((t.start for t in tokens if t.kind in _CONTENT), 0)
    return TimeValue(value.days, value.every, value.through, find_anchor(text, first))


def _rule(value: TimeValue) -> str:
    if value.every is not None:
        return "periodic"
    if value.through is not None:
        return "range" if value.days else "through"
    return "list" if len(value.days) > 1 else "point"


def find_time_expressions(text: str) -> list[TimeMatch]:
    """Time expressions in running text, in order, not overlapping. Never raises.

    An expression is a run of time tokens (numbers, units, separators, "and", "up to", ...) that
    states a time with a number or a periodic word; a following anchor phrase is part of its span.
    Baseline words alone are not reported.
    """
    if not isinstance(text, str) or not text:
        return []
    lowered = fold(text)  # the regexes run faster on lower-cased text
    if not has_hint(text, lowered):
        return []  # no unit, periodic word or glued unit: no expression (and tokenizing is the cost)
    out: list[TimeMatch] = []
    group: list[Token] = []
    for token in [*scan(text, lowered, words=False), None]:
        # Words and sentence punctuation end a group; so does "times" unless it follows a number ("3 times").
        kind = token.kind if token is not None else "word"
        if kind == "word" or kind == "break" or (kind == "times" and not (group and group[-1].kind == "num")):
            if group and _may_state_time(group):
                match = _group_match(text, group, 0, len(group))
                if match is not None and (not out or match.start >= out[-1].end):
                    out.append(match)
            group = []
        else:
            group.append(token)
    return out


def _may_state_time(group: list[Token]) -> bool:
    """Whether a group can state a time: a periodic word, or a number and a unit (a time needs a unit, which
    only a unit token or a periodic word gives, and a number or a periodic word to count it)."""
    if len(group) == 1:  # most groups: a lone "the", "and" or comma between words
        return group[0].kind == "periodic"
    kinds = {token.kind for token in group}
    return "periodic" in kinds or ("num" in kinds and "unit" in kinds)


def _group_match(text: str, tokens: list[Token], lo: int, hi: int) -> TimeMatch | None:
    """The expression of the word-free token run ``tokens[lo:hi]``, or None when it states no time."""
    if not any(tokens[k].kind in ("num", "periodic") for k in range(lo, hi)):
        return None
    items = _parse(text, tokens, lo, hi, carry=False)
    value = _value(items)
    if value.is_empty or not any(it.unit is not None and not it.zero for it in items):
        return None  # nothing, or only baseline words
    content = [k for k in range(lo, hi) if tokens[k].kind in _CONTENT]
    start_k = next(k for k in range(lo, hi) if tokens[k].kind in _CONTENT | _OPENERS)
    if value.through is None and value.every is None:
        start_k = content[0]
    end = tokens[content[-1]].end
    anchor = ""
    cursor = end
    while cursor < len(text) and text[cursor] in " \t":
        cursor += 1
    span = anchor_at(text, cursor, len(text))
    if span is not None:
        anchor, end = text[span[0] : span[1]], span[1]
    value = TimeValue(value.days, value.every, value.through, anchor)
    return TimeMatch(tokens[start_k].start, end, value, _rule(value))
