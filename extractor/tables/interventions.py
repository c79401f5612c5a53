"""The distinct interventions of each trial (table ``distinct_interventions``), one row per intervention.

The INTERVENTION component groups a record's mentions (same name key, abbreviation and long form, a
name and its other names, compatible cell-product descriptions) and names each group; every
INTERVENTION span carries its group's name in ``intervention``. Rows count those spans per group and
take the group's role, type and product attributes from ``doc._.interventions``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span

from extractor.facts import FACTS_KEY
from extractor.normalize.products import name_key

TABLE = "distinct_interventions"


def _fallback_groups(spans: list[Any]) -> tuple[list[dict[str, Any]], Counter]:
    """Groups by name key, and mentions per group, for a Doc without ``interventions`` (another pipeline's)."""
    groups: dict[str, dict[str, Any]] = {}
    counts: Counter = Counter()
    for span in spans:
        g = groups.setdefault(name_key(span.text), {"name": span.text, "aliases": [], "role": span._.role})
        if span.text not in g["aliases"]:
            g["aliases"].append(span.text)
        for attr in ("source", "tissue", "cell_type"):
            g[attr] = g.get(attr) or getattr(span._, attr)
        counts[g["name"]] += 1
    return list(groups.values()), counts


def distinct_intervention_rows(
    doc: Doc, doc_id: str | None = None, fact_spans: Sequence[Span] | None = None
) -> list[dict[str, Any]]:
    """One row per distinct intervention of ``doc``: name, aliases, role, type, source, tissue, cell_type, mentions.

    ``fact_spans``: the Doc's fact spans, when the caller has listed them already.
    """
    group = doc.spans.get(FACTS_KEY, []) if fact_spans is None else fact_spans
    spans = [s for s in group if s.label_ == "INTERVENTION"]
    if doc._.interventions is not None:
        groups, counts = doc._.interventions, Counter(s._.intervention for s in spans)
    else:
        groups, counts = _fallback_groups(spans)
    return [
        {
            "doc_id": doc_id if doc_id is not None else doc._.doc_id,
            "name": g["name"],
            "aliases": list(g.get("aliases") or []),
            "role": g.get("role"),
            "type": g.get("type"),
            "source": g.get("source"),
            "tissue": g.get("tissue"),
            "cell_type": g.get("cell_type"),
            "mentions": counts.get(g["name"], 0),
            "arms": list(g.get("arms") or []),
        }
        for g in groups
    ]
