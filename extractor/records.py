"""The document model every reader produces and every later stage consumes.

A trial record, whatever its format, becomes one :class:`Record`: a plain text (the document that fact
offsets point into), the named sections of that text, an id and the structured fields a registry gave
(enrollment, phases, arms ...). Sections are always re-derivable from the text alone (see
:mod:`extractor.sections`), so a hand-annotated text scores the same as the record it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Section names, in the order a rendered record shows them.
SECTION_NAMES = (
    "title",
    "summary",
    "description",
    "design",
    "arms",
    "interventions",
    "outcomes",
    "eligibility",
    "other",
)


@dataclass(frozen=True)
class Section:
    """A named character range of a document; ``heading`` is the heading line that opened it."""

    name: str
    start: int
    end: int
    heading: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "start": self.start, "end": self.end, "heading": self.heading}


@dataclass
class Record:
    """One trial record rendered to text.

    ``meta`` holds JSON-safe structured fields (``enrollment``, ``enrollment_type``, ``phases``,
    ``allocation``, ``masking``, ``arms``, ``interventions``, ``conditions`` ...) where the source had them.
    """

    id: str
    text: str
    source: str
    kind: str
    title: str = ""
    sections: list[Section] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadError:
    """A record or file that could not be read; it becomes a row of the errors table."""

    source: str
    reason: str
    record_id: str = ""
    stage: str = "read"

    def to_dict(self) -> dict[str, str]:
        return {"file": self.source, "record_id": self.record_id, "stage": self.stage, "reason": self.reason}


def id_text(value: Any) -> str:
    """A record id as the registry or a JSON field gives it: a string (stripped) or a whole number as
    text; "" for anything else (a list, an object, ``true``), which would otherwise become a Python repr
    such as "['NCT01']" in every row."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""
