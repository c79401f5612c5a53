"""Kind detection looks at content first; the file name only breaks ties."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from extractor.readers import detect_kind

from .helpers import FIXTURES


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.json", "{}")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b'{"protocolSection": {"identificationModule": {}}}', "x.txt", "ctgov-v2"),
        (b'[\n{"protocolSection": {}}]', "", "ctgov-v2"),
        (b'{"studies": [{"protocolSection": {}}], "nextPageToken": "x"}', "page.json", "ctgov-v2"),
        (b'{\n  "FullStudiesResponse": {"FullStudies": []}}', "", "ctgov-classic"),
        (b'[{"Study": {"ProtocolSection": {}}}]', "", "ctgov-classic"),
        (b'{"id": "NCT1", "text": "a"}\n{"id": "NCT2", "text": "b"}\n', "docs.json", "jsonl"),
        (b'{"id": "NCT1", "text": "a"}', "one.txt", "jsonl"),
        (b'[{"id": "NCT1", "text": "a"}]', "", "json"),
        (b'{"id": "NCT1", "text": "a very long line', "docs.jsonl", "jsonl"),
        (b'<?xml version="1.0"?>\n<clinical_study><id_info/></clinical_study>', "a.json", "ctgov-xml"),
        (b"<!-- c -->\n<clinical_study rank='1'>", "", "ctgov-xml"),
        (b"<?xml version='1.0'?><rss></rss>", "", "xml"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "", "html"),
        (b"Clinical Trial Summary\n\nSome text", "NCT1.json", "page-text"),
        (b"", "a.json", "empty"),
        (b" \n\t\r\n", "", "empty"),
        (b"\x1f\x8b\x08\x00rest", "a.json", "gzip"),
        (b"PK\x03\x04rest", "a.json", "zip"),
        (b"%PDF-1.4 ...", "a.txt", "binary"),
        (bytes(range(256)) * 4, "a.txt", "binary"),
        (b'\xef\xbb\xbf{"protocolSection": {}}', "", "ctgov-v2"),
        ('{"protocolSection": {}}'.encode("utf-16"), "", "ctgov-v2"),
        ("<clinical_study></clinical_study>".encode("utf-16-le"), "", "ctgov-xml"),
        ("Résumé de l'étude".encode("latin-1"), "", "page-text"),
    ],
)
def test_detect_kind(head: bytes, name: str, kind: str) -> None:
    assert detect_kind(head, name) == kind


def test_real_containers_detected() -> None:
    assert detect_kind(gzip.compress(b"[]"), "x.txt") == "gzip"
    assert detect_kind(_zip_bytes(), "x.json") == "zip"


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [
        ("NCT03453554.json", "ctgov-v2"),
        ("nsclc-3-studies.json", "ctgov-v2"),
        ("api-page-NCT03281889.json", "ctgov-v2"),
        ("NCT02028676.classic.json", "ctgov-classic"),
        ("NCT02028676.xml", "ctgov-xml"),
        ("seed-000_3a8632f599f5c24a.txt", "page-text"),
        ("ctgov-text-3.jsonl.gz", "gzip"),
    ],
)
def test_detect_fixture_files(fixture: str, kind: str) -> None:
    head = (FIXTURES / fixture).read_bytes()[:65536]
    assert detect_kind(head, fixture) == kind
