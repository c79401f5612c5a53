"""Lone surrogates out of everything a reader yields.

JSON may spell a UTF-16 half on its own (``"\\ud800"``: broken encoders split emoji so), and Python
decodes a file name's undecodable bytes to such halves. Neither can be written as UTF-8: one in a
record's id or title stopped a whole run when its row was written. Each becomes U+FFFD, one character
for one, so offsets into the text stay right.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from extractor.records import ReadError, Record, Section

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def _clean(value: Any) -> Any:
    """``value`` (a string, or JSON-like lists and dicts of them) with lone surrogates replaced."""
    if isinstance(value, str):
        return value if value.isascii() or not _SURROGATE.search(value) else _SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def without_surrogates(item: Record | ReadError) -> Record | ReadError:
    """``item`` as it is, or a copy whose strings hold U+FFFD where they held lone surrogates."""
    if isinstance(item, ReadError):
        cleaned = {name: _clean(getattr(item, name)) for name in ("source", "reason", "record_id")}
        return item if all(cleaned[n] is getattr(item, n) for n in cleaned) else replace(item, **cleaned)
    fields = {name: _clean(getattr(item, name)) for name in ("id", "text", "source", "title")}
    meta = _clean(item.meta) if _holds_surrogate(item.meta) else item.meta
    if all(fields[n] is getattr(item, n) for n in fields) and meta is item.meta:
        return item
    sections = [Section(s.name, s.start, s.end, _clean(s.heading)) for s in item.sections]
    return replace(item, **fields, meta=meta, sections=sections)


def _holds_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return not value.isascii() and _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_holds_surrogate(key) or _holds_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_surrogate(item) for item in value)
    return False
