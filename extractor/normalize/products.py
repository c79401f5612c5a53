"""Intervention names in plain text: cell products, comparators and the names of a record's entries.

Pure functions (no spaCy) over the lexicons ``cell_sources.tsv``, ``cell_tissues.tsv``, ``cell_types.tsv``,
``cell_abbreviations.tsv``, ``control_terms.tsv``, ``generic_names.tsv`` and ``intervention_patterns.tsv``:

* :func:`find_products` finds cell-product noun phrases ("allogeneic bone marrow derived mesenchymal
  stromal cells", "hUC-MSCs", "autologous SVF cells") by their head, extended left over identity modifiers;
* :func:`find_controls` finds comparators ("placebo", "sham procedure", "standard of care");
* :func:`find_names` does both at once, faster: one cheap pass rejects the many texts that hold neither;
* :func:`name_parts` cleans a structured name or arm label into the names it holds;
* :func:`product_attributes` normalizes source, tissue and cell type;
* :func:`name_key` is the key that equal names share ("MSCs" = "msc").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractor.lexicon_files import lexicon_parts, lexicon_rows
from extractor.normalize.caseless import CaselessPattern, fold
from extractor.normalize.matches import longest_non_overlapping

FILES = (
    "cell_sources.tsv",
    "cell_tissues.tsv",
    "cell_types.tsv",
    "cell_abbreviations.tsv",
    "control_terms.tsv",
    "generic_names.tsv",
    "intervention_patterns.tsv",
)
_I = re.IGNORECASE
#: How far left of a head identity modifiers are looked for (characters).
_MODIFIER_WINDOW = 160
#: A structured name longer than this is a description; the products in it are the names.
LONG_NAME_CHARS = 60
#: A longer "name" is no name (a registry's names hold at most 200 characters; 268 was the longest met in
#: 3,698 records): only the products it mentions are names. The splitting and trimming patterns cost the
#: square of a run of spaces, which a hand-made record can make as long as it likes.
MAX_NAME_CHARS = 1000
#: How many results ProductLexicon.memo keeps before it starts again.
_MEMO_SIZE = 50_000


@dataclass(frozen=True)
class ProductLexicon:
    """Compiled product, comparator and name-cleaning patterns."""

    sources: tuple[tuple[str, re.Pattern[str]], ...]
    tissues: tuple[tuple[str, re.Pattern[str]], ...]
    cell_types: tuple[tuple[str, re.Pattern[str]], ...]
    abbreviation_parts: tuple[tuple[str, str, re.Pattern[str]], ...]
    controls: tuple[tuple[str, str, re.Pattern[str]], ...]
    generic: re.Pattern[str]
    abbreviation: re.Pattern[str]
    abbreviation_core: re.Pattern[str]
    #: The heads without their strong/weak groups (named groups slow ``re`` down); ``strong_head`` tells them apart.
    any_head: CaselessPattern
    strong_head: re.Pattern[str]
    #: Any comparator; and any comparator or head: where these find nothing, the exact searches are skipped.
    any_control: CaselessPattern
    any_name: CaselessPattern
    modifiers_before: CaselessPattern
    key_modifier: re.Pattern[str]
    tail: re.Pattern[str]
    not_before: re.Pattern[str]
    not_after: CaselessPattern
    trim_before: re.Pattern[str]
    trim_after: re.Pattern[str]
    trim_dose: re.Pattern[str]
    lead_dose: re.Pattern[str]
    trim_clause: re.Pattern[str]
    qualifier: re.Pattern[str]
    alias: re.Pattern[str]
    split: re.Pattern[str]
    list_split: re.Pattern[str]
    cues: dict[str, re.Pattern[str]]
    #: Results for names seen before (a record repeats its names, records share them): see _remembered().
    memo: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)


#: Context patterns of intervention_patterns.tsv compiled into ``ProductLexicon.cues`` (case-sensitive ones marked).
_CUES = {
    "paren_alias": 0,
    "alias_shape": 0,
    "apposition": _I,
    "assignment_cue": _I,
    "comparator_cue": _I,
    "diluent_before": _I,
    "randomization": _I,
    "observational": _I | re.MULTILINE,
}


def _bounded(pattern: str) -> str:
    return rf"(?<![\w-])(?:{pattern})(?![\w])"


@lru_cache(maxsize=4)
def product_lexicon(directory: Path | None = None) -> ProductLexicon:
    """Compile the product lexicons (from the package, or a saved pipeline's ``directory``)."""
    sources = [(v, p) for v, p in lexicon_rows("cell_sources.tsv", directory)]
    tissues = [(v, p) for v, p in lexicon_rows("cell_tissues.tsv", directory)]
    source_alt = "|".join(f"(?:{p})" for _v, p in sources)
    tissue_alt = "|".join(f"(?:{p})" for _v, p in tissues)
    raw = lexicon_parts("intervention_patterns.tsv", directory)
    parts = {
        k: v.replace("{SOURCE}", source_alt)
        .replace("{TISSUE}", tissue_alt)
        .replace("{ABBREVIATION_CORE}", raw["abbreviation_core"])
        for k, v in raw.items()
    }
    generic = "|".join(f"(?:{p})" for _why, p in lexicon_rows("generic_names.tsv", directory))
    controls = [(kind, strength, p) for kind, strength, p in lexicon_rows("control_terms.tsv", directory)]
    control_alt = "|".join(f"(?:{p})" for _k, _s, p in controls)
    heads = f"(?:{parts['strong_head']})|(?:{parts['weak_head']})"
    return ProductLexicon(
        sources=tuple((v, re.compile(_bounded(p), _I)) for v, p in sources),
        tissues=tuple((v, re.compile(_bounded(p), _I)) for v, p in tissues),
        cell_types=tuple((v, re.compile(p, _I)) for v, p in lexicon_rows("cell_types.tsv", directory)),
        abbreviation_parts=tuple(
            (a, v, re.compile(p)) for a, v, p in lexicon_rows("cell_abbreviations.tsv", directory)
        ),
        controls=tuple((kind, strength, re.compile(_bounded(p), _I)) for kind, strength, p in controls),
        generic=re.compile(rf"(?:{generic})", _I),
        abbreviation=re.compile(parts["abbreviation"]),
        abbreviation_core=re.compile(parts["abbreviation_core"]),
        any_head=CaselessPattern.compile(rf"(?<![\w-])(?:{heads})(?![\w-])"),
        strong_head=re.compile(rf"(?<![\w-])(?:{parts['strong_head']})(?![\w-])", _I),
        # The same bounds as _bounded() and the head pattern, the look-behind shared (much faster than one each).
        any_control=CaselessPattern.compile(_bounded(control_alt)),
        any_name=CaselessPattern.compile(rf"(?<![\w-])(?:(?:{control_alt})(?![\w])|(?:{heads})(?![\w-]))"),
        modifiers_before=CaselessPattern.compile(rf"(?<![\w'-])(?:(?:{parts['modifier']})(?:\s*[/-]\s*|\s+))+$"),
        key_modifier=re.compile(_bounded(parts["key_modifier"]), _I),
        tail=re.compile(rf"^(?:{parts['origin_post']})?(?:{parts['post']})(?![\w-])", _I),
        not_before=re.compile(parts["not_before"], _I),
        not_after=CaselessPattern.compile(parts["not_after"]),
        trim_before=re.compile(parts["trim_before"], _I),
        trim_after=re.compile(parts["trim_after"], _I),
        trim_dose=re.compile(parts["trim_dose"], _I),
        lead_dose=re.compile(parts["lead_dose"], _I),
        trim_clause=re.compile(parts["trim_clause"], _I),
        qualifier=re.compile(parts["qualifier"], _I),
        alias=re.compile(parts["alias_parenthetical"]),
        split=re.compile(parts["name_split"], _I),
        list_split=re.compile(rf"{parts['name_split']}|\s*,\s*", _I),
        cues={name: re.compile(parts[name], flags) for name, flags in _CUES.items()},
    )


def find_names(
    text: str, lex: ProductLexicon | None = None
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str, str]]]:
    """``(find_products(text), find_controls(text))``, several times faster on texts that hold neither."""
    lex = lex or product_lexicon()
    lowered = fold(text)
    # One pass for heads and comparators, and a plain search for abbreviations: most texts end here.
    if lex.any_name.first(text, lowered) is None and lex.abbreviation_core.search(text) is None:
        return [], []
    return _products(text, lowered, lex), _controls(text, lowered, lex)


def find_products(text: str, lex: ProductLexicon | None = None) -> list[tuple[int, int, str]]:
    """(start, end, rule) of the cell-product names in ``text``, non-overlapping."""
    return _products(text, fold(text), lex or product_lexicon())


def _products(text: str, lowered: str | None, lex: ProductLexicon) -> list[tuple[int, int, str]]:
    # Where the strong head matches, the head pattern takes it (it comes first in the alternation).
    heads = [
        (s, e, "strong" if lex.strong_head.match(text, s) else "weak") for s, e in lex.any_head.spans(text, lowered)
    ]
    if lex.abbreviation_core.search(text):  # a required part of every abbreviation
        heads += [(m.start(), m.end(), "abbreviation") for m in lex.abbreviation.finditer(text)]
    found: list[tuple[int, int, str]] = []
    for start, end, kind in heads:
        a = max(0, start - _MODIFIER_WINDOW)
        mods = lex.modifiers_before.span(text[a:start], _slice(lowered, a, start))
        modifier_text = text[a + mods[0] : a + mods[1]] if mods else ""
        if kind == "weak" and not lex.key_modifier.search(modifier_text):
            continue
        start -= len(modifier_text)
        a = max(0, start - 40)
        if lex.not_after.first(text[a:start], _slice(lowered, a, start)) is not None:
            continue
        tail = lex.tail.match(text[end : end + 120])
        if tail:
            end += tail.end()
        if lex.not_before.match(text[end : end + 40]):
            continue
        found.append((start, end, f"intervention.product.{kind}"))
    return longest_non_overlapping(found)


def _slice(lowered: str | None, start: int, end: int) -> str | None:
    return lowered[start:end] if lowered is not None else None


def find_controls(text: str, lex: ProductLexicon | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, strength) of comparator names in ``text`` ("placebo", "standard of care")."""
    return _controls(text, fold(text), lex or product_lexicon())


def _controls(text: str, lowered: str | None, lex: ProductLexicon) -> list[tuple[int, int, str, str]]:
    first = lex.any_control.first(text, lowered)
    if first is None:
        return []
    # No comparator starts before the first match of any; the look-behinds still see the text before it.
    found = [
        (m.start(), m.end(), f"{kind}\t{strength}")
        for kind, strength, p in lex.controls
        for m in p.finditer(text, first)
    ]
    return [(s, e, *k.split("\t")) for s, e, k in longest_non_overlapping(found)]  # type: ignore[misc]


def control_kind(name: str, lex: ProductLexicon | None = None) -> str | None:
    """The comparator kind a whole name is ("Placebo" -> "placebo"), or None."""
    lex = lex or product_lexicon()
    for kind, _strength, pattern in lex.controls:
        if pattern.fullmatch(name.strip()):
            return kind
    return None


def is_generic(name: str, lex: ProductLexicon | None = None) -> bool:
    """True for names that are generic words ("cells", "study drug", "Group A"), not names."""
    lex = lex or product_lexicon()
    return lex.generic.fullmatch(name.strip(" .,:;-")) is not None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n.,:;-'\"`":
        start += 1
    while end > start and text[end - 1] in " \t\n.,:;-'\"`":
        end -= 1
    return start, end


def _remembered(lex: ProductLexicon, kind: str, name: str, compute: Any) -> Any:
    """``compute(name, lex)``, computed once per name (while the memo is not full)."""
    key = (kind, name)
    value = lex.memo.get(key)
    if value is None:
        if len(lex.memo) >= _MEMO_SIZE:
            lex.memo.clear()
        value = lex.memo[key] = compute(name, lex)
    return value


def name_parts(name: str, lex: ProductLexicon | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the names in a structured name or arm label; kind is "name" or "alias".

    Combined names split on "+" ("hUC-MSCs+CABG"); qualifiers ("(Phase 1)"), administration words
    ("Infusion of", "injections") and doses are trimmed; a trailing "(BM-MSC)" is an alias; generic
    words ("Control group") give nothing.
    """
    return list(_remembered(lex or product_lexicon(), "parts", name, _name_parts))


def _name_parts(name: str, lex: ProductLexicon) -> tuple[tuple[int, int, str], ...]:
    if len(name) > MAX_NAME_CHARS:
        return tuple((s, e, "name") for s, e, _rule in find_products(name, lex))
    out: list[tuple[int, int, str]] = []
    pos = 0
    pieces = []
    # A list of three or more names is split at its commas too ("MSC infusion, Basiliximab, Cyclosporine").
    split = lex.list_split if name.count(",") >= 2 and "(" not in name else lex.split
    for m in split.finditer(name):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(name)))
    for start, end in pieces:
        start, end = _strip(name, start, end)
        for round_ in (1, 2):  # trims, then the alias at the end, then trims again ("X (MSC) for infusion")
            while True:
                q = lex.qualifier.search(name, start, end)
                if not q or q.start() <= start:
                    break
                end = _strip(name, start, q.start())[1]
            for trailing in (lex.trim_clause, lex.trim_dose, lex.trim_after):
                d = trailing.search(name[start:end])
                if d and d.start() > 0:
                    end = _strip(name, start, start + d.start())[1]
            a = lex.alias.search(name[start:end]) if round_ == 1 else None
            if a and a.start() > 0:
                alias_start, alias_end = start + a.start("alias"), start + a.end("alias")
                alias = name[alias_start:alias_end]
                if not is_generic(alias, lex) and any(c.isalpha() for c in alias):
                    out.append((alias_start, alias_end, "alias"))
                end = _strip(name, start, start + a.start())[1]
        for leading in (lex.lead_dose, lex.trim_before):
            t = leading.match(name[start:end])
            if t and 0 < t.end() < end - start:
                start += t.end()
        start, end = _strip(name, start, end)
        if end - start > LONG_NAME_CHARS:
            # A sentence, not a name ("Single bilateral intra-articular injection of allogeneic BM-MSCs for ..."):
            # the cell products it names are the names.
            inner = find_products(name[start:end], lex)
            if inner:
                out += [(start + s, start + e, "name") for s, e, _rule in inner]
                continue
        if end > start and not is_generic(name[start:end], lex):
            out.append((start, end, "name"))
    return tuple(sorted(out))


_KEY_SPACE = re.compile(r"[\s_/‐-―-]+")
_KEY_DROP = re.compile(r"[®™©'’´`\u0301\"().,:]")


@lru_cache(maxsize=1 << 15)  # a record says its few names many times
def name_key(name: str) -> str:
    """The key equal names share: lowercase, one space between words, final plural "s" dropped."""
    words = _KEY_SPACE.sub(" ", _KEY_DROP.sub("", name.lower())).split()
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w for w in words
    )


def _first(rows: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> str | None:
    for value, pattern in rows:
        if pattern.search(text):
            return value
    return None


def product_attributes(name: str, lex: ProductLexicon | None = None) -> dict[str, str | None]:
    """{"source", "tissue", "cell_type"} of a product name (None where the name does not say).

    Abbreviations give what their prefix says ("BM-MSC" -> bone marrow, MSC; "Allo-ASC" -> allogeneic).
    """
    return dict(_remembered(lex or product_lexicon(), "attributes", name, _product_attributes))


def _product_attributes(name: str, lex: ProductLexicon) -> dict[str, str | None]:
    source = _first(lex.sources, name)
    tissue = _first(lex.tissues, name)
    cell_type = _first(lex.cell_types, name)
    for m in lex.abbreviation.finditer(name):
        for attribute, value, pattern in lex.abbreviation_parts:
            if not pattern.search(m.group(0)):
                continue
            if attribute == "tissue" and tissue is None:
                tissue = value
            elif attribute == "source" and source is None:
                source = value
    return {"source": source, "tissue": tissue, "cell_type": cell_type}
