"""Every custom attribute the pipeline sets, declared in one place.

Values are JSON-safe (str, int, float, bool, None, lists and dicts of those) so that Docs can be pickled
across processes and facts written to any table format. One extension per fact attribute; attribute
names are those of the annotation schema.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extractor.schema import all_attribute_names

#: Doc-level attributes: the record's id, its sections ([{name, start, end, heading}]) and structured fields;
#: ``arms`` ([{label, type, role, control_type, start, end, interventions, origin}]) and ``interventions``
#: (the distinct interventions: [{name, aliases, role, type, source, tissue, cell_type, mentions, arms, entries}])
#: are set by the INTERVENTION component.
DOC_EXTENSIONS = {"doc_id": "", "sections": None, "meta": None, "arms": None, "interventions": None}

#: Span attributes beyond the schema's: provenance and links that later stages add.
SPAN_EXTENSIONS = {
    "section": "",
    "rule": "",
    "anchor": None,  # SCHEDULE: the anchor phrase as written ("post-treatment")
    "time_frame": None,  # ENDPOINT: the time-frame text paired with it
    "time_frame_days": None,  # ENDPOINT: that time frame's days
    "source": None,  # INTERVENTION: autologous | allogeneic | xenogeneic
    "tissue": None,  # INTERVENTION: tissue origin of a cell product
    "cell_type": None,  # INTERVENTION: MSC, SVF, CAR-T ...
    "intervention": None,  # DOSE/ROUTE/SITE: the linked intervention's name; INTERVENTION: its distinct intervention
    "arm": None,  # DOSE/ROUTE/SITE/INTERVENTION: the linked arm label
}

#: Extensions beyond the schema that the tables show, per label (beside provenance and schema attributes).
LABEL_EXTRAS = {
    "INTERVENTION": ("source", "tissue", "cell_type", "intervention", "arm"),
    "DOSE": ("intervention", "arm"),
    "ROUTE": ("intervention", "arm"),
    "SITE": ("intervention", "arm"),
    "ENDPOINT": ("time_frame", "time_frame_days"),
    "SCHEDULE": ("anchor",),
    "SAMPLE_SIZE": (),
}


def register_extensions() -> None:
    """Declare all extensions; safe to call more than once."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in all_attribute_names():
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()
# scispaCy's abbreviation detector declares Doc._.abbreviations and Span._.long_form itself.
