"""Bytes to text: BOM sniffing, strict UTF-8, then a Windows-1252/Latin-1 fallback.

Registry exports are UTF-8, but records pass through spreadsheets and old tools on the way to a
user, so UTF-16 with a BOM (Excel "Unicode text") and Latin-1/cp1252 files do turn up. A wrong guess
must never raise: every byte decodes to some character.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterable, Iterator

#: Longest BOM first, so UTF-32-LE (FF FE 00 00) is not taken for UTF-16-LE (FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Control bytes that plain text does contain: tab, LF, VT, FF, CR, ESC (some terminals' colour codes).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")

CHUNK_BYTES = 64 * 1024


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode the offending bytes as cp1252, or Latin-1 for the five bytes cp1252 leaves undefined."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    chars = []
    for byte in bad:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars), error.end


# Registered once under a private name; codecs look error handlers up by name.
codecs.register_error("extractor-legacy-bytes", _legacy_bytes)
_LEGACY = "extractor-legacy-bytes"


def sniff_bom(head: bytes) -> tuple[str | None, int]:
    """(encoding, BOM length) when ``head`` starts with a byte-order mark, else (None, 0)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return None, 0


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when ``head`` looks like BOM-less UTF-16 of mostly ASCII text."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05 and _mostly_printable(even, odd):
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05 and _mostly_printable(odd, even):
        return "utf-16-be"
    return None


def _mostly_printable(low_bytes: bytes, high_bytes: bytes) -> bool:
    """Characters below U+0100 of UTF-16 text are mostly printable (binary data with NULs is not)."""
    latin = [lo for lo, hi in zip(low_bytes, high_bytes, strict=False) if hi == 0]
    printable = sum(1 for b in latin if b >= 0x20 or b in _TEXT_CONTROLS)
    return not latin or printable / len(latin) > 0.95


def _is_utf8(data: bytes, *, truncated: bool) -> bool:
    """Strict UTF-8 check; with ``truncated`` a multi-byte character cut at the end is allowed."""
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        return truncated and error.reason == "unexpected end of data" and error.start >= len(data) - 3


def guess_encoding(head: bytes, *, complete: bool = False) -> tuple[str, int]:
    """(codec name, BOM length) for data starting with ``head`` (``complete``: head is all the data)."""
    encoding, bom = sniff_bom(head)
    if encoding:
        return encoding, bom
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16, 0
    if _is_utf8(head, truncated=not complete):
        return "utf-8", 0
    return "cp1252", 0


def looks_binary(head: bytes) -> bool:
    """True for bytes that are no text in any encoding we read: NULs or many control bytes.

    Called on data already known not to be UTF-16/32 (where NULs are normal).
    """
    sample = head[:65536]
    if not sample:
        return False
    if 0 in sample:
        return True
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls / len(sample) > 0.02


def decode_bytes(data: bytes) -> str:
    """The text of a whole document (the BOM removed), never raising."""
    encoding, bom = guess_encoding(data[:65536], complete=len(data) <= 65536)
    body = data[bom:]
    if encoding == "utf-8":
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            # Valid UTF-8 at the start but not throughout: the file is in a legacy 8-bit encoding.
            return body.decode("cp1252", errors=_LEGACY)
    if encoding == "cp1252":
        return body.decode("cp1252", errors=_LEGACY)
    return body.decode(encoding, errors="replace")


def iter_text(stream: io.RawIOBase | io.BufferedIOBase, chunk_bytes: int = CHUNK_BYTES) -> Iterator[str]:
    """Decoded text of a binary stream, chunk by chunk, the encoding guessed from the first chunk.

    A file that starts as valid UTF-8 keeps being read as UTF-8; a stray invalid byte later on is
    taken as cp1252 (a file edited by two tools) instead of failing the whole file.
    """
    # read1 returns what one underlying read gave, so data decoded before a failing read (a truncated
    # gzip member) is yielded before the error surfaces, instead of being lost inside read(n).
    read = getattr(stream, "read1", None) or stream.read
    # The guess needs a fair sample (and a whole BOM) even when chunks are small.
    head_size = max(chunk_bytes, 65536)
    parts: list[bytes] = []
    size = 0
    while size < head_size:
        part = read(head_size - size)
        if not part:
            break
        parts.append(part)
        size += len(part)
    first = b"".join(parts)
    encoding, bom = guess_encoding(first, complete=size < head_size)
    errors = _LEGACY if encoding in ("utf-8", "cp1252") else "replace"
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    data = first[bom:]
    while True:
        text = decoder.decode(data, final=not data)
        if text:
            yield text
        if not data:
            return
        data = read(chunk_bytes) or b""


def normalize_newlines(chunks: Iterable[str]) -> Iterator[str]:
    """CRLF and lone CR to LF across chunk borders (a CRLF may be split between two chunks)."""
    carry = ""
    for chunk in chunks:
        text = carry + chunk
        carry = ""
        if text.endswith("\r"):
            text, carry = text[:-1], "\r"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text:
            yield text
    if carry:
        yield "\n"
