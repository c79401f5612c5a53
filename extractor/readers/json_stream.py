"""Stream the study objects of a large JSON document without loading the document.

``json.JSONDecoder.raw_decode`` decodes one value from a buffer; this module keeps a sliding text
buffer over the decoded stream and walks the document's outer structure by hand, so that only one
study is held at a time. The studies sit in a top-level array (the website's download), under
``"studies"`` (an API v2 page) or under ``"FullStudiesResponse" -> "FullStudies"`` (the classic API).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from extractor.readers.limits import ReadProblem, size_text

#: Keys whose array value holds the records; a dict value under these keys is walked into.
_ARRAY_KEYS = frozenset({"studies", "FullStudies"})
_WALK_KEYS = frozenset({"FullStudiesResponse"})
_WHITESPACE = " \t\n\r"
_NCT_IN_JSON = re.compile(r'"(?:nctId|NCTId|nct_id|id)"\s*:\s*"(NCT\d{8})"')
#: raw_decode errors that may only mean "the buffer ends inside this value" (read more and retry).
_INCOMPLETE_MARGIN = 16


def _integer(digits: str) -> int | float:
    """A JSON integer; one longer than Python converts (4,300 digits, a guard against slow conversions)
    becomes a float (inf) instead of an error that would end the file: it is valid JSON."""
    try:
        return int(digits)
    except ValueError:
        return float(digits)


#: The decoder of every record: ``json.loads`` with long integers read as above.
RECORD_DECODER = json.JSONDecoder(parse_int=_integer)


@dataclass
class JsonItem:
    """One value found in the document: ``index`` counts records from 1 in document order."""

    value: Any
    index: int


class JsonTextBuffer:
    """A sliding window over a text stream with the helpers a hand-written JSON walker needs."""

    def __init__(self, chunks: Iterator[str], max_value_chars: int) -> None:
        self._chunks = chunks
        self._max = max_value_chars
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._dropped_lines = 0  # newlines in text already dropped from the buffer (for messages)
        self._decoder = RECORD_DECODER

    def _read_more(self, at_least: int = 1) -> bool:
        """Append at least ``at_least`` more characters (fewer at EOF); False when nothing came."""
        if self.pos > (1 << 18) and self.pos > len(self.buf) // 2:
            # Drop consumed text so the buffer stays about one record long.
            self._dropped_lines += self.buf.count("\n", 0, self.pos)
            self.buf = self.buf[self.pos :]
            self.pos = 0
        added = []
        n = 0
        while n < at_least:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                break
            added.append(chunk)
            n += len(chunk)
        if added:
            self.buf += "".join(added)
        return n > 0

    def line_col(self, pos: int | None = None) -> tuple[int, int]:
        pos = self.pos if pos is None else pos
        line = self._dropped_lines + self.buf.count("\n", 0, pos) + 1
        return line, pos - (self.buf.rfind("\n", 0, pos) + 1) + 1

    def peek(self) -> str:
        """The next non-white-space character ('' at the end of the stream), not consumed."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._read_more():
                return ""

    def take(self, expected: str, where: str) -> None:
        char = self.peek()
        if char != expected:
            raise self.problem(f"expected {expected!r} {where}, found {char or 'end of file'!r}")
        self.pos += 1

    def value(self, where: str) -> Any:
        """Decode the next JSON value, reading more text until it is complete."""
        self.peek()
        want = 64 * 1024
        while True:
            try:
                value, end = self._decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as error:
                incomplete = (
                    error.msg.startswith("Unterminated string") or error.pos >= len(self.buf) - _INCOMPLETE_MARGIN
                )
                if self.eof or not incomplete:
                    if self.eof and incomplete:
                        raise self.problem(f"truncated JSON: the file ends inside {where}") from None
                    line, col = self.line_col(error.pos)
                    raise self.problem(f"malformed JSON in {where} at line {line} column {col}: {error.msg}") from None
                if len(self.buf) - self.pos > self._max:
                    raise self.problem(f"{where} is larger than the {size_text(self._max)} limit") from None
                # Grow geometrically so a large value costs O(n) decoding attempts in total.
                self._read_more(want)
                want *= 2
                continue
            # A number at the buffer's end may continue in the next chunk.
            at_end = end == len(self.buf) and not self.eof
            if at_end and isinstance(value, (int, float)) and self._read_more():
                continue
            if end - self.pos > self._max:
                raise self.problem(f"{where} is larger than the {size_text(self._max)} limit")
            self.pos = end
            return value

    def record_id_hint(self) -> str:
        """An NCT id visible near the read position (names the record an error is about)."""
        match = _NCT_IN_JSON.search(self.buf, self.pos, self.pos + 200_000)
        return match.group(1) if match else ""

    def problem(self, reason: str) -> ReadProblem:
        return ReadProblem(reason, self.record_id_hint())


def _walk_array(buf: JsonTextBuffer, counter: list[int]) -> Iterator[JsonItem]:
    buf.take("[", "at the start of an array")
    if buf.peek() == "]":
        buf.pos += 1
        return
    while True:
        counter[0] += 1
        yield JsonItem(buf.value(f"record {counter[0]}"), counter[0])
        char = buf.peek()
        if char == ",":
            buf.pos += 1
        elif char == "]":
            buf.pos += 1
            return
        elif char == "":
            raise buf.problem(f"truncated JSON: the file ends after record {counter[0]} inside an array")
        else:
            line, col = buf.line_col()
            raise buf.problem(
                f"malformed JSON after record {counter[0]} at line {line} column {col}: "
                f"expected ',' or ']', found {char!r}"
            )


def _walk_object(buf: JsonTextBuffer, counter: list[int], found: list[bool]) -> Iterator[JsonItem | dict]:
    """Stream the record arrays inside an object; finally yield the object's other keys as a dict."""
    buf.take("{", "at the start of an object")
    rest: dict[str, Any] = {}
    if buf.peek() == "}":
        buf.pos += 1
        yield rest
        return
    while True:
        char = buf.peek()
        if char == "":
            raise buf.problem("truncated JSON: the file ends inside an object")
        if char != '"':
            line, col = buf.line_col()
            raise buf.problem(f"malformed JSON at line {line} column {col}: expected a property name")
        key = buf.value("a property name")
        buf.take(":", f"after property {key!r}")
        nxt = buf.peek()
        if key in _ARRAY_KEYS and nxt == "[":
            found[0] = True
            yield from _walk_array(buf, counter)
        elif key in _WALK_KEYS and nxt == "{":
            for item in _walk_object(buf, counter, found):
                if isinstance(item, JsonItem):
                    yield item
        else:
            rest[key] = buf.value(f"property {key!r}")
        char = buf.peek()
        if char == ",":
            buf.pos += 1
        elif char == "}":
            buf.pos += 1
            yield rest
            return
        elif char == "":
            raise buf.problem("truncated JSON: the file ends inside an object")
        else:
            line, col = buf.line_col()
            raise buf.problem(f"malformed JSON at line {line} column {col}: expected ',' or '}}', found {char!r}")


def iter_json_items(chunks: Iterator[str], max_value_chars: int) -> Iterator[JsonItem]:
    """Each record-level value of a JSON text, one at a time.

    A top-level array yields its elements; an object yields the elements of its record arrays, or
    itself when it has none (a single study). Several top-level values in a row (concatenated JSON)
    are read one after the other. Raises :class:`ReadProblem` at the first malformed or truncated
    point; everything before it has been yielded.
    """
    buf = JsonTextBuffer(chunks, max_value_chars)
    counter = [0]
    while True:
        char = buf.peek()
        if char == "":
            return
        if char == "[":
            yield from _walk_array(buf, counter)
        elif char == "{":
            found = [False]
            for item in _walk_object(buf, counter, found):
                if isinstance(item, JsonItem):
                    yield item
                elif not found[0]:
                    counter[0] += 1
                    yield JsonItem(item, counter[0])
        else:
            line, col = buf.line_col()
            raise buf.problem(f"malformed JSON at line {line} column {col}: unexpected {char!r}")
