"""Arms and what each holds: which distinct interventions an arm or an intervention entry names.

Used by the INTERVENTION component after grouping. A record's ``Arm:`` entries are the arms; an arm
holds the interventions it mentions (label, description, ``Assigned interventions:``), an experimental
arm that names only its comparator ("randomized between placebo and experimental intervention") holds
the record's unclaimed experimental interventions. A text without ``Arm:`` lines gets its arms from a
randomisation sentence ("randomised (1:1) to A or placebo"), else one arm per role.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from extractor.normalize import products
from extractor.normalize.entries import Arm, InterventionEntry
from extractor.normalize.intervention_groups import Group, NameMention

# Lookups below go by bisection and by index: a record with thousands of arms and interventions (hand-made
# or generated) made every arm, entry and group scan all the others, and took minutes.


class MentionIndex:
    """The mentions whose start falls in a range, in mention order."""

    def __init__(self, mentions: list[NameMention]) -> None:
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.starts = [mentions[i].start for i in self.order]

    def within(self, start: int, end: int) -> list[int]:
        """Indexes of the mentions with ``start <= mention.start < end``, ascending."""
        lo = bisect_left(self.starts, start)
        return sorted(self.order[lo : bisect_left(self.starts, end, lo)])


def arm_holders(in_arm: list[list[Group]]) -> dict[int, list[int]]:
    """For each group (by ``id``), the indexes of the arms that hold it, ascending."""
    holders: dict[int, list[int]] = {}
    for j, held in enumerate(in_arm):
        for g in held:
            holders.setdefault(id(g), []).append(j)
    return holders


def arm_groups(arms: list[Arm], mentions: list[NameMention], group_of: dict[int, Group]) -> list[list[Group]]:
    """For each arm, the groups mentioned inside its entry, in order of first mention."""
    index = MentionIndex(mentions)
    out: list[list[Group]] = []
    for arm in arms:
        held: list[Group] = []
        seen: set[int] = set()
        for i in index.within(arm.start, arm.end):
            if id(group_of[i]) not in seen:
                seen.add(id(group_of[i]))
                held.append(group_of[i])
        out.append(held)
    return out


def _keys(text: str, lex: products.ProductLexicon) -> frozenset[str]:
    return frozenset(products.name_key(text[s:e]) for s, e, _k in products.name_parts(text, lex))


def entry_arms(
    entries: list[InterventionEntry],
    arms: list[Arm],
    text: str,
    mentions: list[NameMention],
    group_of: dict[int, Group],
    in_arm: list[list[Group]],
    lex: products.ProductLexicon,
) -> list[list[int]]:
    """For each intervention entry, the indexes of the arms it belongs to.

    An arm labelled with the entry's name(s) first ("CABG" -> arm "CABG"), then arms whose assigned
    interventions name it, then the arms that mention every intervention the entry names.
    """
    by_label: dict[frozenset[str], list[int]] = {}
    by_assigned: dict[str, set[int]] = {}
    for j, arm in enumerate(arms):
        by_label.setdefault(_keys(arm.label, lex), []).append(j)
        for a, b in arm.assigned:
            by_assigned.setdefault(products.name_key(text[a:b]), set()).add(j)
    holders = {gid: set(js) for gid, js in arm_holders(in_arm).items()}
    index = MentionIndex(mentions)
    out = []
    for entry in entries:
        keys = _keys(entry.name, lex)
        found = list(by_label.get(keys, [])) if keys else []
        if not found and keys:
            found = sorted(set.intersection(*[by_assigned.get(k, set()) for k in keys]))
        if not found:
            groups = {id(group_of[i]) for i in index.within(entry.name_start, entry.name_end)}
            found = sorted(set.intersection(*[holders.get(gid, set()) for gid in groups])) if groups else []
        out.append(found)
    return out


def _arm_dict(
    label: str,
    kind: str | None,
    role: str,
    control_type: str | None,
    start: int | None,
    end: int | None,
    groups: list[Group],
    origin: str,
) -> dict[str, Any]:
    return {
        "label": label,
        "type": kind,
        "role": role,
        "control_type": control_type,
        "start": start,
        "end": end,
        "interventions": [g.name for g in groups],
        "origin": origin,
    }


def record_arms(
    arms: list[Arm], in_arm: list[list[Group]], groups: list[Group], roles: dict[int, str]
) -> list[dict[str, Any]]:
    """The record's arms with the interventions each holds."""
    claimed = {id(g) for held in in_arm for g in held if roles[id(g)] == "experimental"}
    unclaimed = [g for g in groups if roles[id(g)] == "experimental" and id(g) not in claimed]
    experimental = [g for g in groups if roles[id(g)] == "experimental"]
    controls = [g for g in groups if roles[id(g)] == "control"]
    out = []
    for arm, held in zip(arms, in_arm, strict=True):
        held = list(held)
        if arm.role == "experimental" and not any(roles[id(g)] == "experimental" for g in held):
            held += unclaimed or (experimental if len(experimental) == 1 else [])
        elif arm.role == "control" and not held and len(controls) == 1 and arm.control_type != "no treatment":
            held = controls
        out.append(_arm_dict(arm.label, arm.type, arm.role, arm.control_type, arm.start, arm.end, held, "record"))
    return out


def text_arms(
    text: str,
    sentences: list[tuple[int, int, str]],
    mentions: list[NameMention],
    groups: list[Group],
    roles: dict[int, str],
    lex: products.ProductLexicon,
) -> list[dict[str, Any]]:
    """Arms of a text without ``Arm:`` lines: from a randomisation sentence, else one arm per role."""
    group_of = {i: g for g in groups for i in g.members}
    index = MentionIndex(mentions)
    # A sentence names two arms only where it holds two distinct interventions: the cue is searched there only.
    for start, end, _section in sentences if len(groups) >= 2 else ():
        held: dict[int, tuple[Group, str]] = {}
        for i in index.within(start, end):
            held.setdefault(id(group_of[i]), (group_of[i], mentions[i].text))
        if len(held) >= 2 and lex.cues["randomization"].search(text, start, end):
            return [
                _arm_dict(label, None, roles[id(g)], g.control, None, None, [g], "text") for g, label in held.values()
            ]
    experimental = [g for g in groups if roles[id(g)] == "experimental"]
    out = []
    if experimental:
        out.append(_arm_dict(experimental[0].name, None, "experimental", None, None, None, experimental, "text"))
    for g in groups:
        if roles[id(g)] == "control":
            out.append(_arm_dict(g.name, None, "control", g.control, None, None, [g], "text"))
    return out
