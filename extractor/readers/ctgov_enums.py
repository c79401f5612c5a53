"""Map the human-readable values of the legacy formats onto API v2 enum values.

Legacy XML and the classic JSON API write "Phase 1/Phase 2", "None (Open Label)", "Anticipated",
"Active Comparator"; API v2 writes ``["PHASE1", "PHASE2"]``, ``NONE``, ``ESTIMATED``,
``ACTIVE_COMPARATOR``. Mapping to v2 makes a trial read from any format render and compare alike.
"""

from __future__ import annotations

import re

#: Legacy spellings whose v2 value is not just the words upper-cased and joined by "_".
_SPECIAL = {
    "allocation": {"N/A": "NA", "NON-RANDOMIZED": "NON_RANDOMIZED"},
    "interventionModel": {
        "SINGLE GROUP ASSIGNMENT": "SINGLE_GROUP",
        "PARALLEL ASSIGNMENT": "PARALLEL",
        "CROSSOVER ASSIGNMENT": "CROSSOVER",
        "FACTORIAL ASSIGNMENT": "FACTORIAL",
        "SEQUENTIAL ASSIGNMENT": "SEQUENTIAL",
    },
    "primaryPurpose": {"EDUCATIONAL/COUNSELING/TRAINING": "ECT"},
    "masking": {
        "NONE (OPEN LABEL)": "NONE",
        "OPEN LABEL": "NONE",
        "SINGLE BLIND": "SINGLE",
        "DOUBLE BLIND": "DOUBLE",
        "TRIPLE BLIND": "TRIPLE",
        "QUADRUPLE BLIND": "QUADRUPLE",
    },
    "whoMasked": {
        "SUBJECT": "PARTICIPANT",
        "CAREGIVER": "CARE_PROVIDER",
        "OUTCOMES ASSESSOR": "OUTCOMES_ASSESSOR",
        "CARE PROVIDER": "CARE_PROVIDER",
    },
    "enrollmentType": {"ANTICIPATED": "ESTIMATED"},
    "studyType": {"N/A": "NA"},
    "overallStatus": {"UNKNOWN STATUS": "UNKNOWN", "ACTIVE, NOT RECRUITING": "ACTIVE_NOT_RECRUITING"},
    "sex": {"BOTH": "ALL"},
}

_PHASE = re.compile(r"(early\s+phase\s*1|phase\s*[1-4]|n/?a|not applicable)", re.IGNORECASE)


def v2_enum(value: str | None, field: str) -> str | None:
    """The API v2 enum value of a legacy label ('Placebo Comparator' -> 'PLACEBO_COMPARATOR')."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    upper = text.upper()
    special = _SPECIAL.get(field, {})
    if upper in special:
        return special[upper]
    if field == "studyType":
        # 'Observational [Patient Registry]' is OBSERVATIONAL with a registry flag in v2.
        upper = upper.split("[")[0].strip()
    return re.sub(r"[^A-Z0-9]+", "_", upper).strip("_") or None


def v2_phases(value: str | list[str] | None) -> list[str]:
    """'Phase 1/Phase 2' (or a list of labels) -> ['PHASE1', 'PHASE2']; 'N/A' -> ['NA']."""
    labels = value if isinstance(value, list) else [value or ""]
    phases: list[str] = []
    for label in labels:
        for match in _PHASE.finditer(str(label)):
            word = match.group(1).upper().replace(" ", "")
            if word.startswith("EARLY"):
                phase = "EARLY_PHASE1"
            elif word.startswith("PHASE"):
                phase = word
            else:
                phase = "NA"
            if phase not in phases:
                phases.append(phase)
    return phases


def v2_masking(value: str | None) -> tuple[str | None, list[str]]:
    """'Double (Participant, Investigator)' -> ('DOUBLE', ['PARTICIPANT', 'INVESTIGATOR'])."""
    if not value:
        return None, []
    text = " ".join(value.split())
    special = v2_enum(text, "masking")
    if special in ("NONE",):
        return special, []
    match = re.match(r"([^(]*)\((.*)\)\s*$", text)
    if not match:
        return v2_enum(text, "masking"), []
    level = v2_enum(match.group(1).strip(), "masking")
    who = [v2_enum(w.strip(), "whoMasked") for w in match.group(2).split(",") if w.strip()]
    return level, [w for w in who if w]


#: The largest count a table column holds (64-bit integers): a larger one is no enrollment.
MAX_COUNT = 2**63 - 1


def as_count(value: object) -> int | None:
    """An enrollment count as int ('1206' -> 1206), None when it is no whole number from 0 to
    :data:`MAX_COUNT` (a larger one stopped a Parquet run when written)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if value.is_integer() else None
    elif not isinstance(value, int):
        text = str(value or "").strip().replace(",", "")
        # isdecimal, not isdigit: int() refuses digits such as "²" that isdigit accepts.
        value = int(text) if text.isdecimal() and len(text) <= 19 else None
    return value if value is not None and 0 <= value <= MAX_COUNT else None
