"""Map a classic-API study (``{"ProtocolSection": {...}}`` with PascalCase keys) onto the v2 layout.

The retired classic API (``FullStudiesResponse``) wrapped every list in a ``...List`` object and
prefixed field names with their module ("DesignAllocation", "ArmGroupLabel"); values were
human-readable labels. Only the fields the renderer and the record metadata use are mapped.
"""

from __future__ import annotations

from typing import Any

from extractor.readers.ctgov_enums import as_count, v2_enum, v2_masking, v2_phases


def _get(obj: Any, *path: str) -> Any:
    """obj[path[0]][path[1]]... or None when any step is missing or not a dict."""
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _list(obj: Any, *path: str) -> list[Any]:
    """The list at ``path``; a lone value (classic JSON sometimes unwraps one-element lists) as [value]."""
    value = _get(obj, *path)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _drop_empty(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, "", [], {})}


def _outcomes(module: Any, prefix: str) -> list[dict[str, Any]]:
    return [
        _drop_empty(
            {
                "measure": o.get(f"{prefix}OutcomeMeasure"),
                "description": o.get(f"{prefix}OutcomeDescription"),
                "timeFrame": o.get(f"{prefix}OutcomeTimeFrame"),
            }
        )
        for o in _list(module, f"{prefix}OutcomeList", f"{prefix}Outcome")
        if isinstance(o, dict)
    ]


def classic_to_v2(protocol: dict[str, Any]) -> dict[str, Any]:
    """A v2 ``protocolSection`` dict from a classic ``ProtocolSection`` dict."""
    ident = protocol.get("IdentificationModule") or {}
    status = protocol.get("StatusModule") or {}
    sponsor = protocol.get("SponsorCollaboratorsModule") or {}
    desc = protocol.get("DescriptionModule") or {}
    cond = protocol.get("ConditionsModule") or {}
    design = protocol.get("DesignModule") or {}
    arms = protocol.get("ArmsInterventionsModule") or {}
    outcomes = protocol.get("OutcomesModule") or {}
    elig = protocol.get("EligibilityModule") or {}

    info = design.get("DesignInfo") or {}
    masking_info = info.get("DesignMaskingInfo") or {}
    masking, who_in_label = v2_masking(masking_info.get("DesignMasking"))
    who = [v2_enum(w, "whoMasked") for w in _list(masking_info, "DesignWhoMaskedList", "DesignWhoMasked")]
    enrollment = design.get("EnrollmentInfo") or {}

    v2: dict[str, Any] = {
        "identificationModule": _drop_empty(
            {
                "nctId": ident.get("NCTId"),
                "orgStudyIdInfo": _drop_empty({"id": _get(ident, "OrgStudyIdInfo", "OrgStudyId")}),
                "briefTitle": ident.get("BriefTitle"),
                "officialTitle": ident.get("OfficialTitle"),
                "acronym": ident.get("Acronym"),
            }
        ),
        "statusModule": _drop_empty(
            {
                "overallStatus": v2_enum(status.get("OverallStatus"), "overallStatus"),
                "whyStopped": status.get("WhyStopped"),
            }
        ),
        "sponsorCollaboratorsModule": _drop_empty(
            {
                "leadSponsor": _drop_empty(
                    {
                        "name": _get(sponsor, "LeadSponsor", "LeadSponsorName"),
                        "class": _get(sponsor, "LeadSponsor", "LeadSponsorClass"),
                    }
                ),
                "collaborators": [
                    {"name": c.get("CollaboratorName"), "class": c.get("CollaboratorClass")}
                    for c in _list(sponsor, "CollaboratorList", "Collaborator")
                    if isinstance(c, dict)
                ],
            }
        ),
        "descriptionModule": _drop_empty(
            {"briefSummary": desc.get("BriefSummary"), "detailedDescription": desc.get("DetailedDescription")}
        ),
        "conditionsModule": _drop_empty(
            {
                "conditions": _list(cond, "ConditionList", "Condition"),
                "keywords": _list(cond, "KeywordList", "Keyword"),
            }
        ),
        "designModule": _drop_empty(
            {
                "studyType": v2_enum(design.get("StudyType"), "studyType"),
                "phases": v2_phases(_list(design, "PhaseList", "Phase")),
                "designInfo": _drop_empty(
                    {
                        "allocation": v2_enum(info.get("DesignAllocation"), "allocation"),
                        "interventionModel": v2_enum(info.get("DesignInterventionModel"), "interventionModel"),
                        "primaryPurpose": v2_enum(info.get("DesignPrimaryPurpose"), "primaryPurpose"),
                        "maskingInfo": _drop_empty(
                            {"masking": masking, "whoMasked": [w for w in who if w] or who_in_label}
                        ),
                    }
                ),
                "enrollmentInfo": _drop_empty(
                    {
                        "count": as_count(enrollment.get("EnrollmentCount")),
                        "type": v2_enum(enrollment.get("EnrollmentType"), "enrollmentType"),
                    }
                ),
            }
        ),
        "armsInterventionsModule": _drop_empty(
            {
                "armGroups": [
                    _drop_empty(
                        {
                            "label": a.get("ArmGroupLabel"),
                            "type": v2_enum(a.get("ArmGroupType"), "armGroupType"),
                            "description": a.get("ArmGroupDescription"),
                            "interventionNames": _list(a, "ArmGroupInterventionList", "ArmGroupInterventionName"),
                        }
                    )
                    for a in _list(arms, "ArmGroupList", "ArmGroup")
                    if isinstance(a, dict)
                ],
                "interventions": [
                    _drop_empty(
                        {
                            "type": v2_enum(i.get("InterventionType"), "interventionType"),
                            "name": i.get("InterventionName"),
                            "description": i.get("InterventionDescription"),
                            "armGroupLabels": _list(i, "InterventionArmGroupLabelList", "InterventionArmGroupLabel"),
                            "otherNames": _list(i, "InterventionOtherNameList", "InterventionOtherName"),
                        }
                    )
                    for i in _list(arms, "InterventionList", "Intervention")
                    if isinstance(i, dict)
                ],
            }
        ),
        "outcomesModule": _drop_empty(
            {
                "primaryOutcomes": _outcomes(outcomes, "Primary"),
                "secondaryOutcomes": _outcomes(outcomes, "Secondary"),
                "otherOutcomes": _outcomes(outcomes, "Other"),
            }
        ),
        "eligibilityModule": _drop_empty(
            {
                "eligibilityCriteria": elig.get("EligibilityCriteria"),
                "sex": v2_enum(elig.get("Gender"), "sex"),
                "minimumAge": elig.get("MinimumAge"),
                "maximumAge": elig.get("MaximumAge"),
            }
        ),
    }
    return _drop_empty(v2)


def classic_protocol(study: dict[str, Any]) -> dict[str, Any] | None:
    """The classic ``ProtocolSection`` of ``{"Rank", "Study": {...}}``, ``{"Study": ...}`` or a bare study."""
    if isinstance(study.get("Study"), dict):
        study = study["Study"]
    protocol = study.get("ProtocolSection")
    return protocol if isinstance(protocol, dict) else None
