"""INTERVENTION: the names of what participants receive or are assigned to, with ``role`` and product attributes.

Names come from four sources, all within the sentences that may carry INTERVENTION (section scope, no
background): the record's own entries (``Intervention: Drug: NAME``, ``Other names:``, ``Assigned
interventions:``), cell-product noun phrases found by their head ("... mesenchymal stromal cells",
"hUC-MSCs"), comparators ("placebo", "sham procedure", "standard of care") and, once a name is known,
every other mention of it (longest first). Abbreviations join their long forms (scispaCy's detector and
"(ABBR)" after a name). Mentions are grouped into distinct interventions
(:mod:`extractor.normalize.intervention_groups`); arms are read from the ``Arm:`` lines, or from a
randomisation sentence when the text has none (:mod:`extractor.pipeline.intervention_arms`).

The Doc gets ``arms`` and ``interventions``; each span gets ``role``, ``source``, ``tissue``,
``cell_type``, ``intervention`` (its distinct intervention's name) and ``arm``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.lexicon_files import LexiconComponent
from extractor.normalize import entries as entry_parsing
from extractor.normalize import products
from extractor.normalize.entries import Arm, InterventionEntry
from extractor.normalize.intervention_groups import (
    Group,
    NameMention,
    as_dict,
    group_mentions,
    inherit_long_form_attributes,
)
from extractor.normalize.text_ranges import RangeIndex
from extractor.pipeline.fact_spans import add_fact
from extractor.pipeline.intervention_arms import (
    arm_groups,
    arm_holders,
    entry_arms,
    record_arms,
    text_arms,
)
from extractor.pipeline.name_search import Scope, find_known_names, fold_text, structure_ranges
from extractor.pipeline.scope import doc_sections, doc_text

LABEL = "INTERVENTION"
FILES = products.FILES + entry_parsing.FILES
#: At one place the record's own words win over patterns, and patterns over repeated known names.
_PRIORITY = {
    "entry": 0,
    "alias": 1,
    "other_name": 1,
    "assigned": 2,
    "product": 3,
    "control": 4,
    "abbreviation": 5,
    "known": 6,
}
#: Longest name searched for as a known name; longer structured names are sentences, not names.
MAX_NAME_CHARS = 90
#: A code name inside a longer name ("DNX-2401" in "Oncolytic Adenovirus Ad5-DNX-2401"), also searched alone.
_CODE_NAME = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,5}-?\d{2,5}(?![\w-])")

Link = tuple[int, int, int, int]  # (start, end) of one name and (start, end) of another name of the same thing


@dataclass
class Candidate:
    """A possible mention before overlaps are resolved."""

    start: int
    end: int
    origin: str
    control: str | None = None
    rendered_type: str | None = None


class InterventionRecognizer(LexiconComponent):
    """Adds INTERVENTION facts and the Doc's distinct interventions and arms."""

    files = FILES

    def load(self, directory: Path | None) -> None:
        self.lexicon = products.product_lexicon(directory)
        self.entry_lexicon = entry_parsing.entry_lexicon(directory)

    # -- candidates ----------------------------------------------------------------------------------------
    def _entry_candidates(
        self, text: str, arms: list[Arm], entries: list[InterventionEntry]
    ) -> tuple[list[Candidate], list[Link]]:
        """Names of the intervention entries, their other names and the arms' assigned interventions."""
        lex = self.lexicon
        out: list[Candidate] = []
        links: list[Link] = []
        for entry in entries:
            names: list[Candidate] = []
            parts = products.name_parts(entry.name, lex)
            # A combined entry's type ("Biological: hUC-MSCs+CABG") says nothing of each of its names.
            rendered_type = entry.type if sum(kind == "name" for _s, _e, kind in parts) == 1 else None
            for s, e, kind in parts:
                start, end = entry.name_start + s, entry.name_start + e
                if e - s > MAX_NAME_CHARS:
                    continue
                c = Candidate(
                    start,
                    end,
                    "entry" if kind == "name" else "alias",
                    products.control_kind(text[start:end], lex),
                    rendered_type,
                )
                if kind == "alias" and names:
                    links.append((names[-1].start, names[-1].end, start, end))
                out.append(c)
                names.append(c)
            for a, b in entry.other_names:
                for s, e, _kind in products.name_parts(text[a:b], lex):
                    out.append(Candidate(a + s, a + e, "other_name", products.control_kind(text[a + s : a + e], lex)))
                    if names:
                        links.append((names[0].start, names[0].end, a + s, a + e))
        for arm in arms:
            for a, b in arm.assigned:
                for s, e, _kind in products.name_parts(text[a:b], lex):
                    out.append(Candidate(a + s, a + e, "assigned", products.control_kind(text[a + s : a + e], lex)))
        return out, links

    def _sentence_candidates(self, text: str, scope: Scope, control_arms: RangeIndex) -> list[Candidate]:
        """Cell products and comparators in the scoped sentences."""
        lex = self.lexicon
        out: list[Candidate] = []
        for start, end, section in scope.sentences:
            sentence = text[start:end]
            found, controls = products.find_names(sentence, lex)
            for s, e, _rule in found:
                out.append(Candidate(start + s, start + e, "product"))
            for s, e, kind, strength in controls:
                if strength == "weak" and not self._weak_control_ok(
                    sentence, section, start + s, s, kind, control_arms
                ):
                    continue
                out.append(Candidate(start + s, start + e, "control", kind))
        return out

    def _weak_control_ok(
        self, sentence: str, section: str, offset: int, s: int, kind: str, control_arms: RangeIndex
    ) -> bool:
        """Saline and vehicle only as comparators (not diluents); care words where treatments are assigned."""
        cues = self.lexicon.cues
        if kind in ("saline", "vehicle"):
            if cues["diluent_before"].search(sentence[max(0, s - 40) : s]):
                return False
            in_control_arm = control_arms.first(offset) is not None
            return in_control_arm or cues["comparator_cue"].search(sentence) is not None
        return section in ("title", "arms", "interventions") or cues["assignment_cue"].search(sentence) is not None

    def _alias_candidates(self, text: str, cands: list[Candidate]) -> tuple[list[Candidate], list[Link]]:
        """ "(ABBR)" right after a name: another name of it, its own span ("... stromal cells (BM-MSC)")."""
        cues, lex = self.lexicon.cues, self.lexicon
        out, links = [], []
        for c in cands:
            if c.control or c.origin in ("alias", "abbreviation"):
                continue
            # "^" anchors at the string's start even with a start position: match on the slice after the name.
            m = cues["paren_alias"].match(text[c.end : c.end + 40])
            if m and cues["alias_shape"].match(m.group("alias")) and not products.is_generic(m.group("alias"), lex):
                start, end = c.end + m.start("alias"), c.end + m.end("alias")
                out.append(Candidate(start, end, "alias"))
                links.append((c.start, c.end, start, end))
        return out, links

    @staticmethod
    def _abbreviation_candidates(doc: Doc, cands: list[Candidate]) -> tuple[list[Candidate], list[Link]]:
        """Short forms whose long form (scispaCy's detector) overlaps a name."""
        if not Doc.has_extension("abbreviations"):
            return [], []
        out, links = [], []
        named = sorted((c.start, c.end) for c in cands if not c.control and c.origin not in ("alias", "abbreviation"))
        if not named:  # nothing to be the long form of (and building the spans below is not cheap)
            return [], []
        # The first name (in start order) that overlaps a long form, by bisection: every use of a short form
        # is an item here, and scanning the names for each took minutes in a record with thousands of both.
        starts = [s for s, _e in named]
        reach = list(accumulate((e for _s, e in named), max))  # the furthest end among the first k names
        for item in doc._.abbreviations or []:
            if isinstance(item, dict):  # make_serializable: token offsets
                long_start, long_end = _char_range(doc, item["long_start"], item["long_end"])
            else:
                long_start, long_end = item._.long_form.start_char, item._.long_form.end_char
            k = bisect_right(reach, long_start)  # the first name that ends after the long form starts
            if k < len(named) and starts[k] < long_end:
                s, e = named[k]
                if isinstance(item, dict):
                    short_start, short_end = _char_range(doc, item["short_start"], item["short_end"])
                else:
                    short_start, short_end = item.start_char, item.end_char
                out.append(Candidate(short_start, short_end, "abbreviation"))
                links.append((s, e, short_start, short_end))
        return out, links

    def _apposition_links(self, text: str, cands: list[Candidate]) -> list[Link]:
        """ "HCR040, allogeneic adipose-derived ... cells": a code name and the product it stands for."""
        order = sorted(cands, key=lambda c: (c.start, -c.end))
        links = []
        for x, y in zip(order, order[1:], strict=False):
            if x.control or y.control or y.start < x.end or y.start - x.end > 80:
                continue
            if "product" in {x.origin, y.origin} and self.lexicon.cues["apposition"].match(text[x.end : y.start]):
                links.append((x.start, x.end, y.start, y.end))
        return links

    def _known_candidates(
        self, text: str, folded: str, scope: Scope, names: list[str], controls: dict[str, str]
    ) -> list[Candidate]:
        """Every other in-scope mention of a known name."""
        usable = [n for n in names if len(n) <= MAX_NAME_CHARS and not products.is_generic(n, self.lexicon)]
        return [
            Candidate(a, b, "known", controls.get(products.name_key(text[a:b])))
            for a, b in find_known_names(text, folded, usable, scope.sentences)
        ]

    @staticmethod
    def _resolve(cands: list[Candidate], scope: Scope, excluded: list[tuple[int, int]]) -> list[Candidate]:
        """In-scope candidates outside the entries' layout words; longest first, then the record's own words."""
        # Whether a candidate overlaps an excluded range: of the ranges starting before its end, the furthest end.
        excluded = sorted(excluded)
        starts = [a for a, _b in excluded]
        furthest = list(accumulate((b for _a, b in excluded), max))
        cands = [
            c
            for c in cands
            if c.end > c.start
            and scope.holds(c.start, c.end)
            and not ((k := bisect_left(starts, c.end)) and furthest[k - 1] > c.start)
        ]
        cands.sort(key=lambda c: (c.start, -(c.end - c.start), _PRIORITY[c.origin]))
        kept: list[Candidate] = []
        for c in cands:
            if kept and c.start < kept[-1].end:
                continue
            kept.append(c)
        return kept

    # -- the component -------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        arms, entries = entry_parsing.parse_entries(text, doc_sections(doc, text), self.entry_lexicon)
        scope = Scope(doc)
        cands, links = self._entry_candidates(text, arms, entries)
        if entries or not self.lexicon.cues["observational"].search(text):
            control_arms = RangeIndex([(a.start, a.end) for a in arms if a.role == "control"])
            cands += self._sentence_candidates(text, scope, control_arms)
        extra, more = self._alias_candidates(text, cands)
        found, pairs = self._abbreviation_candidates(doc, cands + extra)
        cands += extra + found
        links += more + pairs
        controls = {products.name_key(text[c.start : c.end]): c.control for c in cands if c.control}
        names = {text[c.start : c.end] for c in cands}
        codes = {(m.group(0), n) for n in names for m in _CODE_NAME.finditer(n) if m.group(0) != n}
        folded = fold_text(text)
        known = self._known_candidates(text, folded, scope, sorted(names | {code for code, _n in codes}), controls)
        # An alias after a name found only by search ("... DNX-2401 (BM-hMSCs-DNX2401)"): one more round.
        extra, more = self._alias_candidates(text, known)
        new_names = sorted({text[c.start : c.end] for c in extra} - names)
        cands += known + extra + self._known_candidates(text, folded, scope, new_names, controls)
        links += more + self._apposition_links(text, cands)
        key_links = [(products.name_key(text[a:b]), products.name_key(text[c:d])) for a, b, c, d in links]
        key_links += [(products.name_key(code), products.name_key(name)) for code, name in sorted(codes)]
        resolved = self._resolve(cands, scope, structure_ranges(text, arms, entries))
        mentions = [self._name_mention(text, c) for c in resolved]
        inherit_long_form_attributes(mentions, key_links)
        groups = group_mentions(mentions, key_links)
        self._annotate(doc, text, arms, entries, resolved, mentions, groups, scope)
        return doc

    def _name_mention(self, text: str, c: Candidate) -> NameMention:
        name = text[c.start : c.end]
        attrs = (
            {"source": None, "tissue": None, "cell_type": None}
            if c.control
            else products.product_attributes(name, self.lexicon)
        )
        return NameMention(
            products.name_key(name), name, c.start, c.origin == "entry", c.control, c.rendered_type, attrs
        )

    def _annotate(
        self,
        doc: Doc,
        text: str,
        arms: list[Arm],
        entries: list[InterventionEntry],
        cands: list[Candidate],
        mentions: list[NameMention],
        groups: list[Group],
        scope: Scope,
    ) -> None:
        """Roles, arms and spans; the Doc's ``arms`` and ``interventions``."""
        group_of = {i: g for g in groups for i in g.members}
        in_arm = arm_groups(arms, mentions, group_of)
        assigned = entry_arms(entries, arms, text, mentions, group_of, in_arm, self.lexicon)
        # A comparator arm that holds no cell product: its names are comparators there ("CABG" alone).
        pure_control = {
            j
            for j, arm in enumerate(arms)
            if arm.role == "control" and not any(g.control is None and g.attrs.get("cell_type") for g in in_arm[j])
        }
        roles: dict[int, str] = {}
        holders = arm_holders(in_arm)
        for g in groups:
            held_by = holders.get(id(g), [])
            only_control = bool(held_by) and all(j in pure_control for j in held_by)
            roles[id(g)] = "control" if g.control or only_control else "experimental"
        if arms:
            arm_dicts = record_arms(arms, in_arm, groups, roles)
        else:
            arm_dicts = text_arms(text, scope.sentences, mentions, groups, roles, self.lexicon)
        arm_ranges = RangeIndex([(a.start, a.end) for a in arms])
        entry_ranges = RangeIndex([(e.start, e.end) for e in entries])
        for i, (c, m) in enumerate(zip(cands, mentions, strict=True)):
            g = group_of[i]
            arm_index = arm_ranges.first(c.start)
            entry_index = entry_ranges.first(c.start)
            entry_arm_list = assigned[entry_index] if entry_index is not None else []
            role = roles[id(g)]
            if (arm_index is not None and arm_index in pure_control) or (
                entry_arm_list and all(j in pure_control for j in entry_arm_list)
            ):
                role = "control"
            arm = None
            if arm_index is not None:
                arm = arms[arm_index].label
            elif len(entry_arm_list) == 1:
                arm = arms[entry_arm_list[0]].label
            add_fact(
                doc,
                c.start,
                c.end,
                LABEL,
                f"intervention.{c.origin}",
                role=role,
                intervention=g.name,
                arm=arm,
                **m.attrs,
            )
        doc._.arms = arm_dicts
        arms_naming: dict[str, list[str]] = {}
        for a in arm_dicts:
            for name in dict.fromkeys(a["interventions"]):
                arms_naming.setdefault(name, []).append(a["label"])
        names = RangeIndex([(e.name_start, e.name_end) for e in entries])
        doc._.interventions = [
            as_dict(
                g,
                mentions,
                role=roles[id(g)],
                type=_group_type(g, self.entry_lexicon),
                arms=list(arms_naming.get(g.name, [])),
                entries=[
                    [entries[k].start, entries[k].end]
                    for k in sorted({k for i in g.members for k in names.holding(mentions[i].start)})
                ],
            )
            for g in groups
        ]


def _char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """(start_char, end_char) of tokens [start, end), as ``doc[start:end]`` gives them, without making the Span."""
    if 0 <= start < end <= len(doc):
        last = doc[end - 1]
        return doc[start].idx, last.idx + len(last)
    span = doc[start:end]
    return span.start_char, span.end_char


def _group_type(group: Group, lex: entry_parsing.EntryLexicon) -> str | None:
    """The structured type where the record gives one, else what the name says (cell therapy, placebo ...)."""
    rendered = entry_parsing.table_type(group.rendered_type, lex)
    if rendered:
        return rendered
    if group.control:
        return group.control
    return "cell therapy" if group.attrs.get("cell_type") else None


@Language.factory("protocol_intervention", default_config={})
def make_intervention(nlp: Language, name: str) -> InterventionRecognizer:
    """The INTERVENTION component."""
    return InterventionRecognizer()
