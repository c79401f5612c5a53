"""Render a ClinicalTrials.gov API v2 ``protocolSection`` into one plain-text document.

The layout is fixed (annotation offsets depend on it) and every heading it writes is one that
:mod:`extractor.sections` recognises, so the sections of a rendered text can be found from the text
alone. Legacy XML and classic-API JSON are first mapped onto the v2 layout and rendered here too.
"""

from __future__ import annotations

import math
from typing import Any

from extractor.readers.ctgov_enums import as_count
from extractor.records import Record, id_text
from extractor.sections import detect_sections


def _human(value: Any) -> str:
    """'PLACEBO_COMPARATOR' -> 'Placebo Comparator'; other values as they are."""
    text = str(value)
    if text.isupper() or "_" in text:
        return " ".join(w.capitalize() if w.isalpha() else w for w in text.replace("_", " ").split())
    return text


def _clean(value: Any) -> str:
    """Text of a field with Windows line ends and trailing white space removed."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _listed(value: Any) -> list[Any]:
    """The items of a list field; a lone value counts as a list of one (hand-made JSON writes
    ``"phases": "PHASE1"``, which read as a list gave "P/H/A/S/E/1")."""
    if not value:
        return []
    return value if isinstance(value, list) else [value]


def _label(value: Any) -> str | None:
    """A registry label (enum or name) as text: numbers written out; None for what no label can be
    (a list, an object, true/false in hand-made JSON), which later stages would have to guess at."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(value) if isinstance(value, float) and math.isfinite(value) else None


def _labels(value: Any) -> list[str]:
    """The labels of a list field (see :func:`_listed`), those that are no label left out."""
    return [label for label in map(_label, _listed(value)) if label is not None]


def _phase_text(phases: list[Any]) -> str:
    names = {"EARLY_PHASE1": "Early Phase 1", "NA": "N/A"}
    out = []
    for p in map(str, phases):
        if p in names:
            out.append(names[p])
        elif p.upper().startswith("PHASE"):
            out.append("Phase " + p[5:].strip())
        else:
            out.append(_human(p))
    return "/".join(out)


def _design_lines(design: dict[str, Any]) -> list[str]:
    lines = []
    if design.get("studyType"):
        lines.append(f"Study Type: {_human(design['studyType'])}")
    if design.get("phases"):
        lines.append(f"Phase: {_phase_text(_listed(design['phases']))}")
    info = design.get("designInfo") or {}
    for key, label in (
        ("allocation", "Allocation"),
        ("interventionModel", "Intervention Model"),
        ("primaryPurpose", "Primary Purpose"),
    ):
        if info.get(key):
            lines.append(f"{label}: {_human(info[key])}")
    masking = info.get("maskingInfo") or {}
    if masking.get("masking"):
        who = ", ".join(_human(w) for w in _listed(masking.get("whoMasked")))
        lines.append(f"Masking: {_human(masking['masking'])}" + (f" ({who})" if who else ""))
    enrollment = design.get("enrollmentInfo") or {}
    if enrollment.get("count") is not None:
        kind = f" ({_human(enrollment['type'])})" if enrollment.get("type") else ""
        lines.append(f"Enrollment: {enrollment['count']}{kind}")
    return lines


def _outcome_block(heading: str, outcomes: list[dict[str, Any]]) -> list[str]:
    lines = [heading]
    for i, outcome in enumerate(_listed(outcomes), 1):
        measure = _clean(outcome.get("measure"))
        frame = _clean(outcome.get("timeFrame"))
        lines.append(f"{i}. {measure}" + (f" [Time Frame: {frame}]" if frame else ""))
        if outcome.get("description"):
            lines.append(_clean(outcome["description"]))
    return lines


def render_protocol(protocol: dict[str, Any]) -> tuple[str, str, str]:
    """(id, title, text) of one v2 ``protocolSection``."""
    ident = protocol.get("identificationModule") or {}
    nct_id = _clean(id_text(ident.get("nctId")))
    title = _clean(ident.get("briefTitle") or ident.get("officialTitle"))
    blocks: list[list[str]] = []

    head = [title] if title else []
    official = _clean(ident.get("officialTitle"))
    if official and official != title:
        head.append(f"Official Title: {official}")
    if ident.get("acronym"):
        head.append(f"Acronym: {_clean(ident['acronym'])}")
    if head:
        blocks.append(head)

    desc = protocol.get("descriptionModule") or {}
    if desc.get("briefSummary"):
        blocks.append(["Brief Summary", _clean(desc["briefSummary"])])
    if desc.get("detailedDescription"):
        blocks.append(["Detailed Description", _clean(desc["detailedDescription"])])

    design = _design_lines(protocol.get("designModule") or {})
    if design:
        blocks.append(["Study Design", *design])

    arms_module = protocol.get("armsInterventionsModule") or {}
    arms = _listed(arms_module.get("armGroups"))
    if arms:
        lines = ["Arms"]
        for arm in arms:
            kind = f" ({_human(arm['type'])})" if arm.get("type") else ""
            lines.append(f"Arm: {_clean(arm.get('label'))}{kind}")
            if arm.get("description"):
                lines.append(_clean(arm["description"]))
            if arm.get("interventionNames"):
                assigned = "; ".join(_clean(n) for n in _listed(arm["interventionNames"]))
                lines.append("Assigned interventions: " + assigned)
        blocks.append(lines)
    interventions = _listed(arms_module.get("interventions"))
    if interventions:
        lines = ["Interventions"]
        for item in interventions:
            kind = f"{_human(item['type'])}: " if item.get("type") else ""
            lines.append(f"Intervention: {kind}{_clean(item.get('name'))}")
            if item.get("otherNames"):
                lines.append("Other names: " + "; ".join(_clean(n) for n in _listed(item["otherNames"])))
            if item.get("description"):
                lines.append(_clean(item["description"]))
        blocks.append(lines)

    outcomes = protocol.get("outcomesModule") or {}
    for key, heading in (
        ("primaryOutcomes", "Primary Outcome Measures"),
        ("secondaryOutcomes", "Secondary Outcome Measures"),
        ("otherOutcomes", "Other Outcome Measures"),
    ):
        if outcomes.get(key):
            blocks.append(_outcome_block(heading, outcomes[key]))

    elig = protocol.get("eligibilityModule") or {}
    if elig.get("eligibilityCriteria"):
        blocks.append(["Eligibility Criteria", _clean(elig["eligibilityCriteria"])])

    conditions = _listed((protocol.get("conditionsModule") or {}).get("conditions"))
    if conditions:
        blocks.append(["Conditions", "; ".join(_clean(c) for c in conditions)])

    more = []
    if nct_id:
        more.append(f"NCT number: {nct_id}")
    sponsor = ((protocol.get("sponsorCollaboratorsModule") or {}).get("leadSponsor") or {}).get("name")
    if sponsor:
        more.append(f"Sponsor: {_clean(sponsor)}")
    status = (protocol.get("statusModule") or {}).get("overallStatus")
    if status:
        more.append(f"Status: {_human(status)}")
    if more:
        blocks.append(["Record Information", *more])

    text = "\n\n".join("\n".join(line for line in block if line) for block in blocks) + "\n"
    return nct_id, title, text


def protocol_meta(protocol: dict[str, Any]) -> dict[str, Any]:
    """The structured fields later stages use, JSON-safe, every label a string or None."""
    design = protocol.get("designModule") or {}
    info = design.get("designInfo") or {}
    enrollment = design.get("enrollmentInfo") or {}
    arms_module = protocol.get("armsInterventionsModule") or {}
    return {
        "enrollment": as_count(enrollment.get("count")),
        "enrollment_type": _label(enrollment.get("type")),
        "phases": _labels(design.get("phases")),
        "study_type": _label(design.get("studyType")),
        "allocation": _label(info.get("allocation")),
        "masking": _label((info.get("maskingInfo") or {}).get("masking")),
        "arms": [
            {
                "label": _clean(a.get("label")),
                "type": _label(a.get("type")),
                "description": _clean(a.get("description")),
                "intervention_names": _labels(a.get("interventionNames")),
            }
            for a in _listed(arms_module.get("armGroups"))
        ],
        "interventions": [
            {
                "name": _clean(i.get("name")),
                "type": _label(i.get("type")),
                "description": _clean(i.get("description")),
                "other_names": _labels(i.get("otherNames")),
            }
            for i in _listed(arms_module.get("interventions"))
        ],
        "conditions": _labels((protocol.get("conditionsModule") or {}).get("conditions")),
    }


def record_from_protocol(protocol: dict[str, Any], source: str, kind: str = "ctgov-v2") -> Record:
    """A :class:`Record` from a v2 ``protocolSection`` dict."""
    nct_id, title, text = render_protocol(protocol)
    return Record(
        id=nct_id,
        text=text,
        source=source,
        kind=kind,
        title=title,
        sections=detect_sections(text),
        meta=protocol_meta(protocol),
    )
