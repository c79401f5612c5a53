"""brat standoff: a directory with ``<id>.txt`` + ``<id>.ann`` per document.

Export writes, per span, a ``T`` line, one ``A`` line per non-null *enum* attribute (so brat shows and
edits them with the generated ``annotation.conf``) and an ``AnnotatorNotes`` line holding all attributes
as JSON — the notes carry every type (numbers, lists, null), so they are what round-trips; on import
the notes win and ``A`` lines fill attributes the notes lack. A span that crosses line breaks is
written as fragments split at the breaks (brat's own convention). ``protocol_facts.json`` keeps the
document ids and order (file names are ids made safe); unlisted ``.txt`` files follow in name order.

Import of brat written by others: discontinuous ``T`` spans become their min-max extent (reported
when the gap holds more than whitespace); ``R``/``E``/``N``/``M`` lines, relations and events are
ignored (reported); binary ``A`` attributes have no schema meaning and are skipped (reported).
Cannot carry: nothing of the schema is lost; brat itself has no document id (file name instead).
"""

from __future__ import annotations

import json
from pathlib import Path

from extractor.evaluation.gold import AnnotatedDoc, Span
from extractor.evaluation.interop.common import SourceRecord, coerce_attribute, file_stem, validate_records
from extractor.schema import attributes, labels, load_schema

MANIFEST = "protocol_facts.json"


def _fragments(text: str, span: Span) -> list[tuple[int, int]]:
    """The span split at line breaks, unless it starts or ends on one (then it stays whole)."""
    pieces, start = [], None
    for k in range(span.start, span.end):
        if text[k] in "\r\n":
            if start is not None:
                pieces.append((start, k))
                start = None
        elif start is None:
            start = k
    if start is not None:
        pieces.append((start, span.end))
    if not pieces or pieces[0][0] != span.start or pieces[-1][1] != span.end:
        return [(span.start, span.end)]
    return pieces


def annotation_conf() -> str:
    """A brat ``annotation.conf`` for the schema's labels and enum attributes."""
    lines = ["[entities]", *labels(), "", "[relations]", "", "[events]", "", "[attributes]"]
    for label, spec in load_schema()["labels"].items():
        for name, desc in spec.items():
            if desc["type"] == "enum":
                lines.append(f"{name}\tArg:{label}, Value:{'|'.join(desc['values'])}")
    return "\n".join(lines) + "\n"


def ann_text(doc: AnnotatedDoc) -> str:
    """The ``.ann`` content of one document."""
    lines, n_attr = [], 0
    for k, span in enumerate(doc.spans, start=1):
        pieces = _fragments(doc.text, span)
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        shown = " ".join(doc.text[a:b] for a, b in pieces).replace("\n", " ").replace("\r", " ")
        lines.append(f"T{k}\t{span.label} {offsets}\t{shown}")
        for name, value in span.attrs.items():
            if value is not None and attributes(span.label)[name]["type"] == "enum":
                n_attr += 1
                lines.append(f"A{n_attr}\t{name} T{k} {value}")
        lines.append(f"#{k}\tAnnotatorNotes T{k}\t{json.dumps(span.attrs, ensure_ascii=False)}")
    return "".join(line + "\n" for line in lines)


def write_brat(docs: list[AnnotatedDoc], out_dir: str | Path) -> list[str]:
    """Write a brat directory (created if needed); returns notes on what was adapted."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    notes, used, manifest = [], set(), []
    for doc in docs:
        stem = file_stem(doc.id)
        base, n = stem, 1
        while stem in used:
            n += 1
            stem = f"{base}_{n}"
        used.add(stem)
        if stem != doc.id:
            notes.append(f"document {doc.id!r} written as {stem}.txt/.ann")
        (out / f"{stem}.txt").write_text(doc.text, encoding="utf-8", newline="")
        (out / f"{stem}.ann").write_text(ann_text(doc), encoding="utf-8", newline="")
        manifest.append({"file": stem, "id": doc.id})
    (out / "annotation.conf").write_text(annotation_conf(), encoding="utf-8")
    (out / MANIFEST).write_text(json.dumps({"documents": manifest}, indent=1, ensure_ascii=False), encoding="utf-8")
    return notes


def _parse_offsets(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (piece.split() for piece in field.split(";"))]


def read_ann(ann_path: Path, text: str, doc_id: str, notes: list[str]) -> SourceRecord:
    """One document's record from its ``.ann`` file (validation happens later, with line numbers)."""
    spans: dict[str, dict] = {}
    span_line: dict[str, int] = {}
    from_notes: dict[str, dict] = {}
    from_a: dict[str, dict] = {}
    ignored = 0
    lines = ann_path.read_text(encoding="utf-8").splitlines() if ann_path.exists() else []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        key, body = parts[0], parts[1] if len(parts) > 1 else ""
        where = f"{ann_path.name}:{number}"
        if key.startswith("T"):
            label, _, offsets = body.partition(" ")
            try:
                pieces = _parse_offsets(offsets)
            except ValueError:
                notes.append(f"{where}: unreadable offsets {offsets!r}, span skipped")
                continue
            start, end = min(a for a, _ in pieces), max(b for _, b in pieces)
            gaps = [text[b:a] for (_, b), (a, _) in zip(pieces, pieces[1:], strict=False)]
            if any(g.strip() for g in gaps):
                notes.append(f"{where}: discontinuous span {key} merged to {start}-{end}")
            spans[key] = {"start": start, "end": end, "label": label}
            span_line[key] = number
        elif key.startswith("A"):
            fields = body.split()
            if len(fields) < 3:
                notes.append(f"{where}: binary attribute {' '.join(fields)!r} ignored")
                continue
            from_a.setdefault(fields[1], {})[fields[0]] = " ".join(fields[2:])
        elif key.startswith("#") and body.startswith("AnnotatorNotes"):
            target = body.split()[1] if len(body.split()) > 1 else ""
            try:
                value = json.loads(parts[2]) if len(parts) > 2 else None
            except ValueError:
                value = None
            if isinstance(value, dict):
                from_notes[target] = value
        else:
            ignored += 1
    if ignored:
        notes.append(f"{ann_path.name}: {ignored} relation/event/normalization line(s) ignored")
    out_spans, out_lines = [], []
    for key, span in spans.items():
        attrs = {n: coerce_attribute(span["label"], n, v) for n, v in from_a.get(key, {}).items()}
        attrs.update(from_notes.get(key, {}))
        out_spans.append({**span, **attrs})
        out_lines.append(span_line[key])
    return SourceRecord({"id": doc_id, "text": text, "spans": out_spans}, str(ann_path), 1, out_lines)


def read_brat(src_dir: str | Path) -> tuple[list[AnnotatedDoc], list[str]]:
    """Documents of a brat directory, with notes on what was adapted; raises ValidationError."""
    src = Path(src_dir)
    if not src.is_dir():
        raise FileNotFoundError(f"brat input must be a directory: {src}")
    manifest = src / MANIFEST
    entries = []
    if manifest.exists():
        entries = [(e["file"], e["id"]) for e in json.loads(manifest.read_text(encoding="utf-8"))["documents"]]
    # Documents added in brat after the export are not in the manifest: read them too, by file name.
    listed = {stem for stem, _ in entries}
    entries += [(p.stem, p.stem) for p in sorted(src.glob("*.txt")) if p.stem not in listed]
    notes: list[str] = []
    records = []
    for stem, doc_id in entries:
        # newline="" keeps \r\n as two characters: brat offsets count them.
        with (src / f"{stem}.txt").open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        records.append(read_ann(src / f"{stem}.ann", text, doc_id, notes))
    return validate_records(records, str(src)), notes
