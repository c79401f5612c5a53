"""protocol-facts: extract interventions, doses, routes, sites, endpoints and schedules from trial records.

``load()`` gives the spaCy pipeline, ``extract()`` the facts of one text or record, ``extract_tables()``
the output tables for files or folders, and ``evaluate()`` scores predictions against hand annotations.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["load", "extract", "extract_tables", "evaluate", "__version__"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import extractor` stays cheap (spaCy loads only when it is needed).
    if name in ("load", "extract", "extract_tables", "predict_documents"):
        from extractor import api

        return getattr(api, name)
    if name == "evaluate":
        from extractor.evaluation import evaluate

        return evaluate
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
