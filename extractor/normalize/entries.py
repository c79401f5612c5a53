"""The arm and intervention entries of a rendered record, read from its text alone.

A rendered record (:mod:`extractor.readers.render`) writes each arm as ``Arm: LABEL (Type)`` with its
description and ``Assigned interventions: Drug: A; Other: B`` lines, and each intervention as
``Intervention: Type: NAME`` with ``Other names: a; b`` and its description. Hand-annotated texts are
processed without the record's structured fields, so these entries are parsed from the text.
Offsets are character offsets into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractor.lexicon_files import lexicon_rows
from extractor.records import Section

FILES = ("arm_types.tsv", "intervention_types.tsv")


@dataclass
class Arm:
    """One ``Arm:`` entry: its label, type and the range of its lines."""

    label: str
    type: str | None
    role: str
    control_type: str | None
    start: int
    end: int
    label_start: int
    label_end: int
    assigned: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class InterventionEntry:
    """One ``Intervention:`` entry: name range, rendered type and its other names."""

    name: str
    type: str | None
    start: int
    end: int
    name_start: int
    name_end: int
    other_names: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class EntryLexicon:
    """Arm types and intervention types with compiled line patterns."""

    arm_types: dict[str, tuple[str, str | None]]  # lowercase type -> (role, control_type)
    intervention_types: dict[str, str]  # lowercase rendered type -> table type
    arm_line: re.Pattern[str]
    intervention_line: re.Pattern[str]
    type_prefix: re.Pattern[str]


@lru_cache(maxsize=4)
def entry_lexicon(directory: Path | None = None) -> EntryLexicon:
    """Compile the arm and intervention type lexicons."""
    arm_types = {
        t.lower(): (role, None if ct == "-" else ct) for t, role, ct in lexicon_rows("arm_types.tsv", directory)
    }
    kinds = {t.lower(): table for t, table in lexicon_rows("intervention_types.tsv", directory)}
    arm_alt = "|".join(re.escape(t) for t in sorted(arm_types, key=len, reverse=True))
    kind_alt = "|".join(re.escape(t) for t in sorted(kinds, key=len, reverse=True))
    return EntryLexicon(
        arm_types=arm_types,
        intervention_types=kinds,
        arm_line=re.compile(rf"^Arm:[ \t]*(?P<label>.*?)(?:[ \t]*\((?P<type>{arm_alt})\))?[ \t]*$", re.IGNORECASE),
        intervention_line=re.compile(r"^Intervention:[ \t]*(?P<rest>.*?)[ \t]*$"),
        type_prefix=re.compile(rf"^(?P<type>{kind_alt}):[ \t]*", re.IGNORECASE),
    )


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of text[start:end], without its line break."""
    out, pos = [], start
    for line in text[start:end].split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _list_items(text: str, start: int, end: int, lex: EntryLexicon) -> list[tuple[int, int]]:
    """Items of a "; "-separated list line, each without a leading "Type: " prefix."""
    items, pos = [], start
    for piece in text[start:end].split(";"):
        a, b = pos, pos + len(piece)
        pos = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        prefix = lex.type_prefix.match(text[a:b])
        if prefix:
            a += prefix.end()
        if b > a:
            items.append((a, b))
    return items


def parse_entries(
    text: str, sections: list[Section], lex: EntryLexicon | None = None
) -> tuple[list[Arm], list[InterventionEntry]]:
    """The arms and intervention entries of a rendered record's text (both empty for other texts)."""
    lex = lex or entry_lexicon()
    arms: list[Arm] = []
    entries: list[InterventionEntry] = []
    for section in sections:
        if section.name not in ("arms", "interventions"):
            continue
        for a, b in _lines(text, section.start, section.end):
            line = text[a:b]
            if section.name == "arms":
                m = lex.arm_line.match(line)
                if m:
                    kind = m.group("type")
                    role, control_type = lex.arm_types.get((kind or "").lower(), ("experimental", None))
                    arms.append(
                        Arm(m.group("label"), kind, role, control_type, a, b, a + m.start("label"), a + m.end("label"))
                    )
                elif arms and line.startswith("Assigned interventions:"):
                    arms[-1].assigned.extend(_list_items(text, a + len("Assigned interventions:"), b, lex))
                if arms and line.strip():
                    arms[-1].end = b
                continue
            m = lex.intervention_line.match(line)
            if m:
                rest_start = a + m.start("rest")
                prefix = lex.type_prefix.match(m.group("rest"))
                kind = prefix.group("type") if prefix else None
                name_start = rest_start + (prefix.end() if prefix else 0)
                name_end = a + m.end("rest")
                entries.append(InterventionEntry(text[name_start:name_end], kind, a, b, name_start, name_end))
            elif entries and line.startswith("Other names:"):
                entries[-1].other_names.extend(_list_items(text, a + len("Other names:"), b, lex))
            if entries and line.strip():
                entries[-1].end = b
    return arms, entries


def table_type(rendered_type: str | None, lex: EntryLexicon | None = None) -> str | None:
    """The distinct-interventions table's type for a rendered type ("Biological" -> "biological")."""
    lex = lex or entry_lexicon()
    return lex.intervention_types.get((rendered_type or "").lower()) if rendered_type else None
