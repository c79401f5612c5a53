"""Encoding detection: BOM, strict UTF-8, then cp1252/Latin-1; never an exception."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.readers.text_decoding import decode_bytes, guess_encoding, iter_text, normalize_newlines

TEXT = "Zürich — 5 µg/kg, café “quoted”"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32"), "utf-32-le"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_bytes_round_trip(data: bytes, encoding: str) -> None:
    assert guess_encoding(data, complete=True)[0] == encoding
    assert decode_bytes(data) == TEXT


def test_latin1_and_cp1252_undefined_bytes_never_fail() -> None:
    # 0x81 and 0x9D are undefined in cp1252: they decode as their Latin-1 control characters.
    assert decode_bytes(b"caf\xe9 \x81\x9d") == "café \x81\x9d"


def test_late_invalid_utf8_is_taken_as_cp1252() -> None:
    start = "é" + "a" * 70_000  # valid UTF-8 well past the 64 KB the guess looks at
    data = start.encode() + b" and caf\xe9"
    assert decode_bytes(data) == "Ã©" + "a" * 70_000 + " and café"  # whole file: one encoding
    streamed = "".join(iter_text(io.BytesIO(data), chunk_bytes=1024))
    assert streamed == start + " and café"  # streaming: per-byte fallback after a UTF-8 start


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64])
def test_iter_text_splits_multibyte_characters_safely(chunk: int) -> None:
    data = ("\ufeff" + TEXT * 20).encode("utf-8")
    assert "".join(iter_text(io.BytesIO(data), chunk_bytes=chunk)) == TEXT * 20


def test_iter_text_utf16_with_bom() -> None:
    data = (TEXT * 10).encode("utf-16")
    assert "".join(iter_text(io.BytesIO(data), chunk_bytes=7)) == TEXT * 10


def test_normalize_newlines_across_chunk_borders() -> None:
    assert "".join(normalize_newlines(["a\r", "\nb\r", "c\r\n", "\r"])) == "a\nb\nc\n\n"


@given(st.binary(max_size=300))
def test_decoding_never_raises(data: bytes) -> None:
    decode_bytes(data)
    "".join(iter_text(io.BytesIO(data), chunk_bytes=16))
