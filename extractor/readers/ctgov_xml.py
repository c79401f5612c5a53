"""Legacy ``<clinical_study>`` XML (old bulk download, AACT, TREC tracks) -> v2 layout -> Record.

Parsing goes through defusedxml: a record file is untrusted input, and the standard parser would
expand nested entities ("billion laughs") or read local files named by external entities. The
mapped dict is rendered by :func:`extractor.readers.render.record_from_protocol`, so the XML and the
JSON of one trial give the same text layout, sections and metadata.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from extractor.readers.ctgov_enums import as_count, v2_enum, v2_masking, v2_phases
from extractor.readers.limits import ReadProblem
from extractor.readers.render import record_from_protocol
from extractor.readers.text_decoding import decode_bytes, sniff_bom
from extractor.readers.textblocks import reflow
from extractor.records import Record

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_DECLARATION_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Old records (before 2017) put the design in one line: "Allocation: Randomized, Masking: ...".
_DESIGN_PART = re.compile(r",\s*(?=[A-Z][A-Za-z ]+:)")


def _decode(data: bytes) -> str:
    """Document text honouring a BOM or the declared encoding, our own guess otherwise."""
    encoding, bom = sniff_bom(data)
    if encoding:
        return data[bom:].decode(encoding, errors="replace")
    declared = _DECLARATION.match(data[:200])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # A wrong declaration is common enough; fall back to guessing.
    return decode_bytes(data)


def parse_xml(data: bytes) -> ET.Element:
    """The root element of an XML document, parsed safely; ReadProblem with a one-line reason."""
    # The declaration is dropped because the text is already decoded (its encoding= would mislead).
    text = _DECLARATION_TEXT.sub("", _decode(data), count=1)
    try:
        return fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden:
        raise ReadProblem(
            "XML declares entities, which are refused (entity-expansion or external-entity attack)"
        ) from None
    except ExternalReferenceForbidden:
        raise ReadProblem("XML refers to an external resource, which is not fetched or read") from None
    except DTDForbidden:
        raise ReadProblem("XML has a DTD, which is refused") from None
    except DefusedXmlException as error:
        raise ReadProblem(f"unsafe XML refused: {error}") from None
    except ET.ParseError as error:
        raise ReadProblem(f"malformed XML: {error}") from None


def _text(element: ET.Element | None, path: str = "") -> str:
    """Stripped text at ``path`` below ``element``; a ``<textblock>`` inside is re-flowed.

    Only textblocks are hard-wrapped by the export; line breaks in other elements (an outcome's
    description ...) are the registrant's own and are kept.
    """
    if element is None:
        return ""
    node = element.find(path) if path else element
    if node is None:
        return ""
    block = node.find("textblock")
    if block is not None:
        return reflow("".join(block.itertext()))
    return "".join(node.itertext()).strip()


def _texts(element: ET.Element, path: str) -> list[str]:
    return [t for t in (_text(e) for e in element.findall(path)) if t]


def _drop_empty(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, "", [], {})}


def _design(root: ET.Element) -> dict[str, Any]:
    info = root.find("study_design_info")
    fields: dict[str, str] = {}
    if info is not None:
        for child in info:
            fields[child.tag] = _text(child)
    else:
        for part in _DESIGN_PART.split(_text(root, "study_design")):
            label, _, value = part.partition(":")
            if value:
                fields[label.strip().lower().replace(" ", "_")] = value.strip()
    masking, who = v2_masking(fields.get("masking"))
    enrollment = root.find("enrollment")
    return _drop_empty(
        {
            "studyType": v2_enum(_text(root, "study_type"), "studyType"),
            "phases": v2_phases(_text(root, "phase")),
            "designInfo": _drop_empty(
                {
                    "allocation": v2_enum(fields.get("allocation"), "allocation"),
                    "interventionModel": v2_enum(fields.get("intervention_model"), "interventionModel"),
                    "primaryPurpose": v2_enum(fields.get("primary_purpose"), "primaryPurpose"),
                    "observationalModel": v2_enum(fields.get("observational_model"), "observationalModel"),
                    "timePerspective": v2_enum(fields.get("time_perspective"), "timePerspective"),
                    "maskingInfo": _drop_empty({"masking": masking, "whoMasked": who}),
                }
            ),
            "enrollmentInfo": _drop_empty(
                {
                    "count": as_count(_text(enrollment)),
                    "type": v2_enum(enrollment.get("type") if enrollment is not None else None, "enrollmentType"),
                }
            ),
        }
    )


def _arms_interventions(root: ET.Element) -> dict[str, Any]:
    interventions = []
    names_by_arm: dict[str, list[str]] = {}
    for item in root.findall("intervention"):
        kind, name = _text(item, "intervention_type"), _text(item, "intervention_name")
        labels = _texts(item, "arm_group_label")
        for label in labels:
            # v2 and the classic API list an arm's interventions as "Type: Name"; XML only links the
            # other way round, from the intervention to its arms.
            names_by_arm.setdefault(label, []).append(f"{kind}: {name}" if kind else name)
        interventions.append(
            _drop_empty(
                {
                    "type": v2_enum(kind, "interventionType"),
                    "name": name,
                    "description": (_text(item, "description")),
                    "armGroupLabels": labels,
                    "otherNames": _texts(item, "other_name"),
                }
            )
        )
    arms = [
        _drop_empty(
            {
                "label": _text(arm, "arm_group_label"),
                "type": v2_enum(_text(arm, "arm_group_type"), "armGroupType"),
                "description": (_text(arm, "description")),
                "interventionNames": names_by_arm.get(_text(arm, "arm_group_label"), []),
            }
        )
        for arm in root.findall("arm_group")
    ]
    return _drop_empty({"armGroups": arms, "interventions": interventions})


def _outcomes(root: ET.Element, tag: str) -> list[dict[str, Any]]:
    return [
        _drop_empty(
            {
                "measure": (_text(o, "measure")),
                "description": (_text(o, "description")),
                "timeFrame": (_text(o, "time_frame")),
            }
        )
        for o in root.findall(tag)
    ]


def xml_to_v2(root: ET.Element) -> dict[str, Any]:
    """A v2 ``protocolSection`` dict from a ``clinical_study`` element."""
    lead = root.find("sponsors/lead_sponsor")
    return _drop_empty(
        {
            "identificationModule": _drop_empty(
                {
                    "nctId": _text(root, "id_info/nct_id"),
                    "orgStudyIdInfo": _drop_empty({"id": _text(root, "id_info/org_study_id")}),
                    "briefTitle": _text(root, "brief_title"),
                    "officialTitle": _text(root, "official_title"),
                    "acronym": _text(root, "acronym"),
                }
            ),
            "statusModule": _drop_empty(
                {
                    "overallStatus": v2_enum(_text(root, "overall_status"), "overallStatus"),
                    "whyStopped": _text(root, "why_stopped"),
                }
            ),
            "sponsorCollaboratorsModule": _drop_empty(
                {
                    "leadSponsor": _drop_empty(
                        {
                            "name": _text(lead, "agency"),
                            "class": v2_enum(_text(lead, "agency_class"), "class"),
                        }
                    ),
                    "collaborators": [
                        {"name": _text(c, "agency"), "class": v2_enum(_text(c, "agency_class"), "class")}
                        for c in root.findall("sponsors/collaborator")
                    ],
                }
            ),
            "descriptionModule": _drop_empty(
                {
                    "briefSummary": (_text(root, "brief_summary")),
                    "detailedDescription": (_text(root, "detailed_description")),
                }
            ),
            "conditionsModule": _drop_empty(
                {"conditions": _texts(root, "condition"), "keywords": _texts(root, "keyword")}
            ),
            "designModule": _design(root),
            "armsInterventionsModule": _arms_interventions(root),
            "outcomesModule": _drop_empty(
                {
                    "primaryOutcomes": _outcomes(root, "primary_outcome"),
                    "secondaryOutcomes": _outcomes(root, "secondary_outcome"),
                    "otherOutcomes": _outcomes(root, "other_outcome"),
                }
            ),
            "eligibilityModule": _drop_empty(
                {
                    "eligibilityCriteria": (_text(root, "eligibility/criteria")),
                    "sex": v2_enum(_text(root, "eligibility/gender"), "sex"),
                    "minimumAge": _text(root, "eligibility/minimum_age"),
                    "maximumAge": _text(root, "eligibility/maximum_age"),
                }
            ),
        }
    )


def record_from_xml(data: bytes, source: str, fallback_id: str = "") -> Record:
    """The Record of one ``clinical_study`` XML document (raises ReadProblem when it is none); a document
    without an ``nct_id`` gets ``fallback_id`` (its file name), as JSON and page text do."""
    root = parse_xml(data)
    tag = root.tag.rsplit("}", 1)[-1]
    if tag != "clinical_study":
        raise ReadProblem(f"XML root element is <{tag}>, not a <clinical_study> trial record")
    if root.tag.startswith("{"):
        # A document in a namespace (xmlns="..." on the root): every element is "{uri}name", and the
        # element lookups by plain name found nothing ("empty record"). Names without the namespace.
        for element in root.iter():
            if isinstance(element.tag, str):
                element.tag = element.tag.rsplit("}", 1)[-1]
    record = record_from_protocol(xml_to_v2(root), source, kind="ctgov-xml")
    if not record.id and not record.text.strip():
        raise ReadProblem("empty record")
    record.id = record.id or fallback_id
    return record
