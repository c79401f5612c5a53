"""Column names and types of every output table, derived from the annotation schema."""

from __future__ import annotations

from functools import cache

import pyarrow as pa

from extractor.pipeline.extensions import LABEL_EXTRAS
from extractor.schema import all_attribute_names, attributes, labels, load_schema

#: Table name for each label's own table.
LABEL_TABLES = {
    "INTERVENTION": "interventions",
    "DOSE": "doses",
    "ROUTE": "routes",
    "SITE": "sites",
    "ENDPOINT": "endpoints",
    "SCHEDULE": "schedule",
    "SAMPLE_SIZE": "sample_sizes",
}

PROVENANCE = [
    ("doc_id", pa.string()),
    ("label", pa.string()),
    ("text", pa.string()),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("section", pa.string()),
    ("sentence", pa.string()),
    ("rule", pa.string()),
]

TRIALS = [
    ("id", pa.string()),
    ("title", pa.string()),
    ("source", pa.string()),
    ("kind", pa.string()),
    ("n_facts", pa.int64()),
    ("doses", pa.string()),
    ("routes", pa.string()),
    ("sites", pa.string()),
    ("n_sites", pa.string()),
    ("sample_size", pa.int64()),
    ("enrollment", pa.int64()),
    ("phases", pa.string()),
    # Endpoints and follow-up (extractor.tables.rows.trial_row).
    ("primary_endpoints", pa.string()),
    ("n_primary_endpoints", pa.int64()),
    ("n_secondary_endpoints", pa.int64()),
    ("follow_up_days", pa.list_(pa.float64())),
    # Design facts (extractor.tables.trial_design): structured values win, the text's are kept beside them.
    ("allocation", pa.string()),
    ("allocation_ratio", pa.string()),
    ("masking", pa.string()),
    ("masking_text", pa.string()),
    ("control_type", pa.string()),
    ("phase", pa.string()),
    ("phase_text", pa.string()),
    ("phase_conflict", pa.bool_()),
    ("sample_size_text", pa.int64()),
    ("sample_size_conflict", pa.bool_()),
    ("n_arms", pa.int64()),
    ("n_interventions", pa.int64()),
    ("interventions", pa.string()),
]

#: One row per distinct intervention of a trial (extractor.tables.interventions).
DISTINCT_INTERVENTIONS = [
    ("doc_id", pa.string()),
    ("name", pa.string()),
    ("aliases", pa.list_(pa.string())),
    ("role", pa.string()),
    ("type", pa.string()),
    ("source", pa.string()),
    ("tissue", pa.string()),
    ("cell_type", pa.string()),
    ("mentions", pa.int64()),
    ("arms", pa.list_(pa.string())),
]

#: One row per trial x arm x intervention (extractor.tables.regimens).
REGIMENS = [
    ("doc_id", pa.string()),
    ("arm", pa.string()),
    ("arm_type", pa.string()),
    ("arm_role", pa.string()),
    ("intervention", pa.string()),
    ("role", pa.string()),
    ("type", pa.string()),
    ("dose_low", pa.float64()),
    ("dose_high", pa.float64()),
    ("dose_unit", pa.string()),
    ("doses", pa.string()),
    ("route", pa.string()),
    ("site", pa.string()),
    ("n_sites", pa.int64()),
    ("n_administrations", pa.int64()),
    ("interval_days", pa.float64()),
    ("administrations", pa.string()),
    ("n_facts", pa.int64()),
]

#: Tables built from a processed Doc as a whole rather than from its facts, with their columns.
DOC_TABLES = {"distinct_interventions": DISTINCT_INTERVENTIONS, "regimens": REGIMENS}

ERRORS = [("file", pa.string()), ("record_id", pa.string()), ("stage", pa.string()), ("reason", pa.string())]

_ARROW_TYPES = {
    "number": pa.float64(),
    "integer": pa.int64(),
    "string": pa.string(),
    "enum": pa.string(),
    "number_list": pa.list_(pa.float64()),
}


#: Types of the extension columns (LABEL_EXTRAS) the label tables add.
EXTRA_TYPES = {
    "source": pa.string(),
    "tissue": pa.string(),
    "cell_type": pa.string(),
    "arm": pa.string(),
    "intervention": pa.string(),
    "time_frame": pa.string(),
    "time_frame_days": pa.list_(pa.float64()),
    "anchor": pa.string(),
}


def _attribute_type(name: str) -> pa.DataType:
    for label in labels():
        spec = attributes(label).get(name)
        if spec:
            return _ARROW_TYPES[spec["type"]]
    raise KeyError(name)


@cache
def table_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table`` (facts, a label table, trials or errors)."""
    if table == "trials":
        return pa.schema(TRIALS)
    if table == "errors":
        return pa.schema(ERRORS)
    if table in DOC_TABLES:
        return pa.schema(DOC_TABLES[table])
    if table == "schedule":
        # One row per document and time point: the fact's days are spread over rows as ``day``.
        return pa.schema(
            PROVENANCE
            + [
                ("day", pa.float64()),
                ("days", pa.list_(pa.float64())),
                ("every", pa.float64()),
                ("through", pa.float64()),
                ("anchor", pa.string()),
            ]
        )
    if table == "facts":
        names = all_attribute_names()
        extras: tuple[str, ...] = ()
    else:
        label = next(lab for lab, tab in LABEL_TABLES.items() if tab == table)
        names = tuple(load_schema()["labels"][label])
        extras = LABEL_EXTRAS[label]
    return pa.schema(
        PROVENANCE + [(name, _attribute_type(name)) for name in names] + [(name, EXTRA_TYPES[name]) for name in extras]
    )


def table_names() -> list[str]:
    """Every table the extractor writes, in the order it writes them."""
    return ["facts", *LABEL_TABLES.values(), "trials", *DOC_TABLES, "errors"]
