"""Converting annotations between the schema's JSONL and annotation tools' formats.

====================  ======================================  =============================================
format                path                                    attributes / what the format cannot carry
====================  ======================================  =============================================
``jsonl``             schema JSONL file                       everything
``brat``              directory of ``.txt`` + ``.ann``        AnnotatorNotes JSON (+ ``A`` lines for enums)
``doccano``           JSONL, ``"label": [[s, e, L]]``         extra ``span_attributes``/``doc_id`` keys
``doccano-entities``  JSONL, ``"entities": [{...}]``          same as ``doccano``
``labelstudio``       JSON list of tasks (+ ``.config.xml``)  per-region choices/number/textarea results
``docbin``            ``.spacy`` file                         ``doc.user_data["protocol_facts"]``
``prodigy``           JSONL                                   ``spans[i]["attributes"]``
====================  ======================================  =============================================

Every reader validates against the schema and raises
:class:`extractor.evaluation.gold.ValidationError` with all problems (file, line, record id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from extractor.evaluation.gold import AnnotatedDoc, load_annotations, write_annotations
from extractor.evaluation.interop.brat import read_brat, write_brat
from extractor.evaluation.interop.doccano import read_doccano, write_doccano
from extractor.evaluation.interop.labelstudio import read_labelstudio, write_labelstudio
from extractor.evaluation.interop.spacy_formats import read_docbin, read_prodigy, write_docbin, write_prodigy

Reader = Callable[[Path], tuple[list[AnnotatedDoc], list[str]]]
Writer = Callable[[list[AnnotatedDoc], Path], list[str]]


def _read_jsonl(path: Path) -> tuple[list[AnnotatedDoc], list[str]]:
    return load_annotations(path), []


def _write_jsonl(docs: list[AnnotatedDoc], path: Path) -> list[str]:
    write_annotations(docs, path)
    return []


READERS: dict[str, Reader] = {
    "jsonl": _read_jsonl,
    "brat": read_brat,
    "doccano": read_doccano,
    "doccano-entities": read_doccano,
    "labelstudio": read_labelstudio,
    "docbin": read_docbin,
    "prodigy": read_prodigy,
}
WRITERS: dict[str, Writer] = {
    "jsonl": _write_jsonl,
    "brat": write_brat,
    "doccano": partial(write_doccano, variant="label"),
    "doccano-entities": partial(write_doccano, variant="entities"),
    "labelstudio": write_labelstudio,
    "docbin": write_docbin,
    "prodigy": write_prodigy,
}
#: Other names accepted on the command line.
ALIASES = {"spacy": "docbin", "label-studio": "labelstudio", "ls": "labelstudio", "schema": "jsonl"}
FORMATS = tuple(READERS)


@dataclass
class ConversionReport:
    """What a conversion did."""

    n_docs: int = 0
    n_spans: int = 0
    notes: list[str] = field(default_factory=list)


def format_name(name: str) -> str:
    """The canonical format name (ValueError for an unknown one)."""
    canonical = ALIASES.get(name.lower(), name.lower())
    if canonical not in READERS:
        raise ValueError(f"unknown format {name!r}; expected one of {', '.join(FORMATS)}")
    return canonical


def read_docs(path: str | Path, fmt: str) -> tuple[list[AnnotatedDoc], list[str]]:
    """Documents and notes from ``path`` in format ``fmt``."""
    return READERS[format_name(fmt)](Path(path))


def write_docs(docs: list[AnnotatedDoc], path: str | Path, fmt: str) -> list[str]:
    """Write documents to ``path`` in format ``fmt``; returns notes."""
    return WRITERS[format_name(fmt)](docs, Path(path))


def convert(src: str | Path, dst: str | Path, src_format: str, dst_format: str) -> ConversionReport:
    """Read ``src`` as ``src_format`` and write it to ``dst`` as ``dst_format``."""
    src_format, dst_format = format_name(src_format), format_name(dst_format)  # fail before reading
    docs, notes = read_docs(src, src_format)
    notes = notes + write_docs(docs, dst, dst_format)
    return ConversionReport(len(docs), sum(len(d.spans) for d in docs), notes)


__all__ = ["FORMATS", "ConversionReport", "convert", "format_name", "read_docs", "write_docs"]
