"""The annotation schema (labels, attributes, value types), loaded from package data.

Facts the extractor writes and annotations it scores share these labels and attribute names.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The schema as a dict: ``{"labels": {LABEL: {attribute: {"type", "values"?, "nullable"}}}}``."""
    return json.loads(resources.files("extractor.data").joinpath("schema.json").read_text("utf-8"))


def labels() -> tuple[str, ...]:
    """All labels, in schema order."""
    return tuple(load_schema()["labels"])


def attributes(label: str) -> dict[str, dict[str, Any]]:
    """Attribute name -> type description for ``label`` (KeyError for an unknown label)."""
    return load_schema()["labels"][label]


def all_attribute_names() -> tuple[str, ...]:
    """Every attribute name of every label, each once, in schema order."""
    seen: dict[str, None] = {}
    for spec in load_schema()["labels"].values():
        seen.update(dict.fromkeys(spec))
    return tuple(seen)


def check_value(label: str, name: str, value: Any) -> str | None:
    """Why ``value`` is not valid for attribute ``name`` of ``label``, or None when it is."""
    spec = attributes(label).get(name)
    if spec is None:
        return f"unknown attribute {name!r} for label {label}"
    if value is None:
        return None if spec.get("nullable", True) else f"{name} must not be null"
    kind = spec["type"]
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "number" and not is_number:
        return f"{name} must be a number, not {type(value).__name__}"
    if kind == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
        return f"{name} must be an integer, not {type(value).__name__}"
    if kind == "string" and not isinstance(value, str):
        return f"{name} must be a string, not {type(value).__name__}"
    if kind == "enum" and value not in spec["values"]:
        return f"{name} must be one of {', '.join(spec['values'])}, not {value!r}"
    if kind == "number_list" and not (
        isinstance(value, list) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        return f"{name} must be a list of numbers"
    return None
