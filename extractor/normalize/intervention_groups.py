"""Which intervention mentions of one record name the same intervention (pure, no spaCy).

Mentions are grouped by their name key, by explicit links (an abbreviation and its long form, a name
and its other names, "HCR040, allogeneic adipose-derived MSC"), and, for cell products, by compatible
attributes: "mesenchymal stromal cells", "allogeneic MSCs" and "bone marrow derived mesenchymal
stromal cells (BM-MSC)" are one product unless the record names two products whose source or tissue
differ. Comparators never merge with products.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Cell types that say too little to tell two products apart; they merge with any stem-cell family type.
GENERIC_CELL_TYPES = frozenset({"stem cells", "cells", "stromal cells"})
#: Cell types that may name the same product ("adipose-derived stem cells" and "AdMSC").
_STEM_FAMILY = frozenset({"MSC", "ASC"})
#: Rendered types under which a code name ("PrimePro", "HCR040") may stand for the record's cell product.
CODE_NAME_TYPES = frozenset({"drug", "biological", "genetic", "other", "combination product"})
ATTRIBUTES = ("source", "tissue", "cell_type")


@dataclass
class NameMention:
    """One mention of an intervention name, as the grouping sees it."""

    key: str
    text: str
    start: int
    structured: bool = False  # the name of an intervention entry
    control: str | None = None  # comparator kind ("placebo", "sham" ...)
    rendered_type: str | None = None  # "Biological" for an entry name
    attrs: dict[str, str | None] = field(default_factory=dict)


@dataclass
class Group:
    """One distinct intervention: its mentions (indexes), keys and merged attributes."""

    members: list[int]
    keys: set[str]
    name: str = ""
    control: str | None = None
    rendered_type: str | None = None
    attrs: dict[str, str | None] = field(default_factory=dict)

    def values(self, mentions: list[NameMention], attribute: str) -> set[str]:
        return {v for i in self.members if (v := mentions[i].attrs.get(attribute))}


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _compatible_types(a: set[str], b: set[str]) -> bool:
    if not a or not b or a & b:
        return True
    if (a <= GENERIC_CELL_TYPES and not b & {"SVF"}) or (b <= GENERIC_CELL_TYPES and not a & {"SVF"}):
        return True
    return (a - GENERIC_CELL_TYPES) <= _STEM_FAMILY and (b - GENERIC_CELL_TYPES) <= _STEM_FAMILY


def _conflict(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and not (a & b)


def _compatible(x: dict[str, set[str]], y: dict[str, set[str]]) -> bool:
    return (
        _compatible_types(x["cell_type"], y["cell_type"])
        and not _conflict(x["source"], y["source"])
        and not _conflict(x["tissue"], y["tissue"])
    )


def _profile(group: Group, mentions: list[NameMention]) -> dict[str, set[str]]:
    return {a: group.values(mentions, a) for a in ATTRIBUTES}


def _merge_cell_products(groups: list[Group], mentions: list[NameMention]) -> list[Group]:
    """Merge cell-product groups whose attributes agree; a generic group joins only an unambiguous one."""
    products = [g for g in groups if g.control is None and g.values(mentions, "cell_type")]
    chosen = {id(g) for g in products}  # identity: comparing dataclasses field by field is slow
    others = [g for g in groups if id(g) not in chosen]

    def specificity(g: Group) -> tuple[int, int]:
        p = _profile(g, mentions)
        return (-sum(bool(p[a] - GENERIC_CELL_TYPES) for a in ATTRIBUTES), min(mentions[i].start for i in g.members))

    clusters: list[Group] = []
    profiles: list[dict[str, set[str]]] = []  # of each cluster, recomputed when it grows
    for g in sorted(products, key=specificity):
        p = _profile(g, mentions)
        fits = [j for j, c in enumerate(profiles) if _compatible(c, p)]
        generic = not p["source"] and not p["tissue"]
        if len(fits) == 1 or (fits and not generic):
            target = clusters[fits[0]]
            target.members.extend(g.members)
            target.keys |= g.keys
            profiles[fits[0]] = _profile(target, mentions)
        else:
            clusters.append(g)
            profiles.append(p)
    return others + clusters


def _merge_code_name(groups: list[Group], mentions: list[NameMention]) -> list[Group]:
    """A record's only code-named experimental entry ("PrimePro") names its only unnamed cell product."""
    named = [
        g
        for g in groups
        if g.control is None
        and any(mentions[i].structured for i in g.members)
        and not g.values(mentions, "cell_type")
        and (g.rendered_type or "").lower() in CODE_NAME_TYPES
    ]
    unnamed = [
        g
        for g in groups
        if g.control is None and g.values(mentions, "cell_type") and not any(mentions[i].structured for i in g.members)
    ]
    structured_products = [
        g
        for g in groups
        if g.control is None and g.values(mentions, "cell_type") and any(mentions[i].structured for i in g.members)
    ]
    if len(named) == 1 and len(unnamed) == 1 and not structured_products:
        named[0].members.extend(unnamed[0].members)
        named[0].keys |= unnamed[0].keys
        return [g for g in groups if g is not unnamed[0]]
    return groups


def _canonical(group: Group, mentions: list[NameMention]) -> str:
    ordered = sorted(group.members, key=lambda i: mentions[i].start)
    for i in ordered:
        if mentions[i].structured:
            return mentions[i].text

    def weight(i: int) -> tuple[int, int, int]:
        m = mentions[i]
        return (sum(1 for a in ATTRIBUTES if m.attrs.get(a)), len(m.text), -m.start)

    return mentions[max(ordered, key=weight)].text


def group_mentions(mentions: list[NameMention], links: Iterable[tuple[str, str]] = ()) -> list[Group]:
    """Distinct interventions of one record, in order of first mention."""
    if not mentions:
        return []
    control_keys = {m.key for m in mentions if m.control}
    uf = _UnionFind({m.key for m in mentions})
    for a, b in links:
        if a in uf.parent and b in uf.parent and (a in control_keys) == (b in control_keys):
            uf.union(a, b)
    by_root: dict[str, Group] = {}
    for i, m in enumerate(mentions):
        root = uf.find(m.key)
        group = by_root.setdefault(root, Group(members=[], keys=set()))
        group.members.append(i)
        group.keys.add(m.key)
    groups = list(by_root.values())
    for g in groups:
        g.control = next((mentions[i].control for i in g.members if mentions[i].control), None)
        g.rendered_type = next((mentions[i].rendered_type for i in g.members if mentions[i].rendered_type), None)
    groups = _merge_code_name(_merge_cell_products(groups, mentions), mentions)
    for g in groups:
        g.members.sort(key=lambda i: mentions[i].start)
        g.name = _canonical(g, mentions)
        g.rendered_type = next((mentions[i].rendered_type for i in g.members if mentions[i].rendered_type), None)
        for a in ATTRIBUTES:
            values = [mentions[i].attrs.get(a) for i in g.members if mentions[i].attrs.get(a)]
            specific = [v for v in values if v not in GENERIC_CELL_TYPES] if a == "cell_type" else values
            # Ties go to the first mentioned value (a set's order changes with the hash seed, run to run).
            g.attrs[a] = max(dict.fromkeys(specific or values), key=(specific or values).count) if values else None
    groups.sort(key=lambda g: mentions[g.members[0]].start)
    return groups


def aliases(group: Group, mentions: list[NameMention]) -> list[str]:
    """The distinct ways a group is written, in order of first mention (one spelling per key)."""
    seen: dict[str, str] = {}
    for i in group.members:
        seen.setdefault(mentions[i].key, mentions[i].text)
    return list(seen.values())


def as_dict(group: Group, mentions: list[NameMention], **extra: Any) -> dict[str, Any]:
    """A JSON-safe summary of a group (the Doc's ``interventions`` entries)."""
    return {
        "name": group.name,
        "aliases": aliases(group, mentions),
        **group.attrs,
        "mentions": len(group.members),
        **extra,
    }


def inherit_long_form_attributes(mentions: list[NameMention], key_links: list[tuple[str, str]]) -> None:
    """An abbreviation takes what its long form says ("BM-MSC" is allogeneic when its long form is)."""
    by_key: dict[str, dict[str, str | None]] = {}
    for m in mentions:
        slot = by_key.setdefault(m.key, {})
        for attr, value in m.attrs.items():
            if value and not slot.get(attr):
                slot[attr] = value
    # Dicts, not sets: the first linked partner that has a value wins, the same one on every run.
    partners: dict[str, dict[str, None]] = {}
    for a, b in key_links:
        partners.setdefault(a, {})[b] = None
        partners.setdefault(b, {})[a] = None
    for m in mentions:
        for other in partners.get(m.key, ()):
            for attr, value in by_key.get(other, {}).items():
                if value and not m.attrs.get(attr):
                    m.attrs[attr] = value
