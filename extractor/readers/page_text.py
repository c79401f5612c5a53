"""Plain text copied from a trial's web page (like the seeds): id, title and the facts the page states.

The text itself is kept exactly as decoded (only line ends normalised), because hand annotations
of such pages point into it by character offset. A page also lists OTHER trials ("See also"), whose
NCT numbers must not be taken for the page's own.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.readers.ctgov_enums import as_count, v2_enum, v2_masking, v2_phases
from extractor.readers.render import protocol_meta
from extractor.records import Record
from extractor.sections import detect_sections, heading_section

NCT_ID = re.compile(r"\bNCT\d{8}\b")
#: A line that names the page's own trial: "NCT number NCT04356755", "ClinicalTrials.gov Identifier: ...".
_LABELLED_ID = re.compile(
    r"^[ \t]*(?:NCT[ \t]*(?:number|no\.?|id|identifier)|ClinicalTrials\.gov[ \t]+(?:identifier|id|number)"
    r"|trial[ \t]+registration(?:[ \t]+number)?|registration[ \t]+number)[ \t]*[:#]?[ \t]*(NCT\d{8})\b",
    re.IGNORECASE | re.MULTILINE,
)
#: Headings of lists of other trials; their NCT numbers and "Phase ..." columns are not this trial's.
_OTHER_TRIALS = re.compile(
    r"(?:see also|(?:related|similar|other|more|recommended)\s+(?:studies|trials|clinical trials)"
    r"|studies like this(?: one)?|you might also like)\s*:?",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(r".*\blogo$|skip to .*|menu|home|search|clinicaltrials\.gov|print|share", re.IGNORECASE)

_PHASE_VALUE = r"(?:(?:early\s+)?phase\s*[1-4]|n/a|not applicable)(?:\s*[/,&]\s*(?:(?:early\s+)?phase\s*[1-4]))*"
_FIELDS = {
    "phase": re.compile(rf"^phases?\s*:?\s*({_PHASE_VALUE})\s*$", re.IGNORECASE),
    "study_type": re.compile(
        r"^study\s+type\s*:?\s*(interventional|observational(?:\s*\[[^\]]*\])?|expanded access)\s*$",
        re.IGNORECASE,
    ),
    "enrollment": re.compile(
        r"^(?:(actual|estimated|anticipated)\s+)?enrollment(?:\s*\((actual|estimated|anticipated)\))?\s*:?\s*"
        r"(\d[\d,]*)\s*(?:participants?|patients?|subjects?)?\s*(?:\((actual|estimated|anticipated)\))?\s*$",
        re.IGNORECASE,
    ),
    "allocation": re.compile(r"^allocation\s*:?\s*(randomized|non-randomized|n/a)\s*$", re.IGNORECASE),
    "masking": re.compile(r"^masking\s*:?\s*((?:none|single|double|triple|quadruple|open label)\b.*)$", re.IGNORECASE),
    "title": re.compile(r"^(?:official|brief|study|trial)?\s*title\s*:\s*(.+)$", re.IGNORECASE),
    "conditions": re.compile(r"^conditions?\s*:\s*(.+)$", re.IGNORECASE),
}


def own_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the lines that are not inside a list of other trials."""
    lines = []
    inside_other = False
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if _OTHER_TRIALS.fullmatch(stripped):
            inside_other = True
        elif inside_other and heading_section(line) is not None:
            inside_other = False
        if not inside_other:
            lines.append((pos, line.rstrip("\n")))
        pos += len(line)
    return lines


def find_trial_id(text: str) -> str | None:
    """The NCT number a text is about: a labelled one, else the first outside other-trial lists."""
    mine = "\n".join(line for _, line in own_lines(text))
    labelled = _LABELLED_ID.search(mine)
    if labelled:
        return labelled.group(1).upper()
    first = NCT_ID.search(mine)
    return first.group(0) if first else None


def _title(text: str, stated: str | None) -> str:
    if stated:
        return stated
    sections = detect_sections(text)
    head = text[sections[0].start : sections[0].end] if sections and sections[0].name == "title" else ""
    for line in head.splitlines():
        line = line.strip()
        if line and len(line) <= 300 and not _BOILERPLATE.fullmatch(line) and not NCT_ID.fullmatch(line):
            return line
    return ""


def page_facts(text: str) -> tuple[str | None, dict[str, Any]]:
    """(stated title, record meta) from the "Label value" lines a page states about its own trial."""
    found: dict[str, re.Match[str]] = {}
    for _, line in own_lines(text):
        stripped = line.strip()
        for name, pattern in _FIELDS.items():
            if name not in found:
                match = pattern.match(stripped)
                if match:
                    found[name] = match
    design: dict[str, Any] = {}
    if "phase" in found:
        design["phases"] = v2_phases(found["phase"].group(1))
    if "study_type" in found:
        design["studyType"] = v2_enum(found["study_type"].group(1), "studyType")
    if "enrollment" in found:
        m = found["enrollment"]
        kind = m.group(1) or m.group(2) or m.group(4)
        design["enrollmentInfo"] = {
            "count": as_count(m.group(3)),
            "type": v2_enum(kind, "enrollmentType"),
        }
    info: dict[str, Any] = {}
    if "allocation" in found:
        info["allocation"] = v2_enum(found["allocation"].group(1), "allocation")
    if "masking" in found:
        masking, who = v2_masking(found["masking"].group(1))
        info["maskingInfo"] = {"masking": masking, "whoMasked": who}
    if info:
        design["designInfo"] = info
    protocol: dict[str, Any] = {"designModule": design}
    if "conditions" in found:
        conditions = [c.strip() for c in re.split(r"[;|]", found["conditions"].group(1)) if c.strip()]
        protocol["conditionsModule"] = {"conditions": conditions}
    stated_title = found["title"].group(1).strip() if "title" in found else None
    return stated_title, protocol_meta(protocol)


def record_from_page_text(text: str, source: str, fallback_id: str) -> Record:
    """The Record of one page-text document (``text`` already decoded, kept as it is)."""
    stated_title, meta = page_facts(text)
    return Record(
        id=find_trial_id(text) or fallback_id,
        text=text,
        source=source,
        kind="page-text",
        title=_title(text, stated_title),
        sections=detect_sections(text),
        meta=meta,
    )
