"""Design columns of the trials table: allocation and ratio, masking, comparator, phase, sample-size check.

Each value comes from the registry's structured fields (``record.meta`` or, for a text without them,
the rendered ``Allocation:`` / ``Masking:`` / ``Phase:`` lines) and from the running text (title,
summaries and description, background sentences left out). Structured values win; the text's own
values are kept beside them, and disagreements are flagged (``phase_conflict``,
``sample_size_conflict``) rather than resolved.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from extractor.facts import Fact
from extractor.normalize import design
from extractor.normalize.caseless import Folded, folded
from extractor.pipeline.scope import doc_text, sentence_scope
from extractor.records import Record

#: Sections whose sentences are the trial's running text.
RUNNING_TEXT = frozenset({"title", "summary", "description"})
#: Comparator kinds, most telling first (a trial with placebo and standard of care is placebo-controlled).
CONTROL_PRIORITY = ("placebo", "sham", "active", "standard of care", "no treatment")


def running_text(doc: Doc) -> str:
    """The title, summary and description sentences that are not background, one a line."""
    text = doc_text(doc)
    return "\n".join(
        text[start:end].strip()
        for start, end, _first, _last, section, background in sentence_scope(doc)
        if section in RUNNING_TEXT and not background
    )


def text_sample_size(facts: list[Fact]) -> int | None:
    """The running text's sample size: the largest count of the SAMPLE_SIZE facts outside the design section."""
    sizes = [f.attrs["n"] for f in facts if f.label == "SAMPLE_SIZE" and f.section != "design" and f.attrs.get("n")]
    return max(sizes) if sizes else None


def _control_type(doc: Doc, text: Folded) -> str | None:
    kinds = [a.get("control_type") for a in doc._.arms or [] if a.get("role") == "control"]
    kinds += [g.get("type") for g in doc._.interventions or [] if g.get("role") == "control"]
    kinds += design.control_types_from_text(text)
    found = [k for k in CONTROL_PRIORITY if k in kinds]
    if found:
        return found[0]
    return "none" if doc._.arms else None


def design_columns(record: Record, doc: Doc, text_size: int | None) -> dict[str, Any]:
    """The trials row's design columns for one processed record; ``text_size`` from :func:`text_sample_size`."""
    meta = record.meta or {}
    lines = design.structured_lines(doc_text(doc))
    # Lower-cased once for every search of the running text.
    text = folded(running_text(doc))
    masking_text = design.masking_from_text(text)
    text_phases = design.phases_from_text(text)
    registry_phase = design.phase_from_registry(meta.get("phases") or lines.get("phase"))
    enrollment = meta.get("enrollment")
    if enrollment is None and lines.get("enrollment"):
        digits = lines["enrollment"].split()[0]
        enrollment = int(digits) if digits.isdigit() else None
    arms = doc._.arms or []
    interventions = doc._.interventions or []
    return {
        "allocation": design.allocation_from_line(meta.get("allocation") or lines.get("allocation"))
        or design.allocation_from_text(text),
        "allocation_ratio": design.allocation_ratio(text),
        "masking": design.masking_from_line(meta.get("masking") or lines.get("masking")) or masking_text,
        "masking_text": masking_text,
        "control_type": _control_type(doc, text),
        "phase": registry_phase or "/".join(text_phases) or None,
        "phase_text": "; ".join(text_phases) or None,
        "phase_conflict": design.phase_conflict(text_phases, registry_phase),
        "sample_size_text": text_size,
        "sample_size_conflict": text_size is not None and enrollment is not None and text_size != enrollment,
        "n_arms": len(arms),
        "n_interventions": len(interventions),
        "interventions": "; ".join(g["name"] for g in interventions),
    }
