"""Tell what an input holds from its first bytes (its content), the file name only breaking ties.

Users rename files, download ``studies.json`` that is really a zip, and pipe data through stdin with
no name at all, so the extension alone cannot be trusted.
"""

from __future__ import annotations

import json
import re

from extractor.readers.text_decoding import guess_encoding, looks_binary

#: How many leading bytes kind detection looks at.
HEAD_BYTES = 64 * 1024

# Kinds detect_kind() returns. Containers and problems are not record kinds; the others are.
GZIP = "gzip"
ZIP = "zip"
CTGOV_V2 = "ctgov-v2"
CTGOV_CLASSIC = "ctgov-classic"
JSON = "json"
JSONL = "jsonl"
CTGOV_XML = "ctgov-xml"
OTHER_XML = "xml"
HTML = "html"
PAGE_TEXT = "page-text"
EMPTY = "empty"
BINARY = "binary"

#: Magic numbers of common binary formats that would otherwise pass as (odd) text.
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!")

_XML_PROLOG = re.compile(r"\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*", re.S)
_XML_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_STUDY_KEYS = ('"protocolSection"', '"studies"', '"FullStudiesResponse"', '"ProtocolSection"')


def _json_lines_kind(text: str, name: str) -> str | None:
    """'jsonl' when the text is one JSON object a line rather than one JSON document."""
    first, newline, rest = text.partition("\n")
    try:
        value = json.loads(first)
    except (ValueError, RecursionError):
        # The first line is not a whole object: a pretty-printed document, or a JSONL line longer
        # than the head (or nested too deeply to read: the reader reports that line); only the
        # extension can tell those apart.
        return JSONL if name.endswith((".jsonl", ".ndjson")) else None
    if not isinstance(value, dict):
        return None
    if rest.strip() or not any(key.strip('"') in value for key in _STUDY_KEYS):
        return JSONL
    return None


def _json_kind(text: str) -> str:
    """Which JSON layout: classic API (PascalCase), API v2 (camelCase) or something else."""
    if '"FullStudiesResponse"' in text or '"ProtocolSection"' in text:
        return CTGOV_CLASSIC
    if '"protocolSection"' in text or '"studies"' in text:
        return CTGOV_V2
    return JSON


def _markup_kind(text: str) -> str | None:
    """'ctgov-xml', 'xml' or 'html' for markup, None when the '<' does not open markup."""
    lowered = text[:2048].lower()
    if lowered.startswith("<!doctype html") or lowered.startswith("<html"):
        return HTML
    prolog = _XML_PROLOG.match(text)
    root = _XML_ROOT.match(text, prolog.end() if prolog else 0)
    if root is None:
        return OTHER_XML if text.startswith(("<?xml", "<!")) else None
    tag = root.group(1).split(":")[-1].lower()
    if tag == "clinical_study":
        return CTGOV_XML
    return HTML if tag == "html" else OTHER_XML


def detect_kind(head: bytes, name: str = "") -> str:
    """The kind of input whose first bytes are ``head`` (use at least the first 64 KB).

    Returns one of: ``gzip``, ``zip`` (containers), ``ctgov-v2``, ``ctgov-classic``, ``json`` (other
    JSON: arrays of ``{"id", "text"}`` documents ...), ``jsonl``, ``ctgov-xml``, ``page-text`` (record
    kinds), or ``xml``, ``html``, ``empty``, ``binary`` (inputs that hold no record we can read).
    ``name`` (a file or archive-entry name) only decides cases the content leaves open.
    """
    lowered_name = name.lower()
    if lowered_name.endswith(".gz"):
        lowered_name = lowered_name[:-3]
    if not head:
        return EMPTY
    if head.startswith(b"\x1f\x8b"):
        return GZIP
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return ZIP
    if head.startswith(_BINARY_MAGIC):
        return BINARY
    encoding, bom = guess_encoding(head, complete=len(head) < HEAD_BYTES)
    if encoding.startswith(("utf-16", "utf-32")):
        text = head[bom:].decode(encoding, errors="replace")
        if looks_binary(text.encode("utf-8", errors="replace")):
            return BINARY
    else:
        if looks_binary(head[bom:]):
            return BINARY
        text = head[bom:].decode("utf-8" if encoding == "utf-8" else "cp1252", errors="replace")
    text = text.lstrip("\ufeff \t\r\n")
    if not text:
        return EMPTY
    if text.startswith("{"):
        return _json_lines_kind(text.replace("\r\n", "\n"), lowered_name) or _json_kind(text)
    if text.startswith("["):
        return _json_kind(text)
    if text.startswith("<"):
        markup = _markup_kind(text)
        if markup:
            return markup
    return PAGE_TEXT
