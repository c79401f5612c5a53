"""scispaCy's abbreviation detector under a factory name of this package.

Registering it here (and exposing the factory as an entry point) lets ``spacy.load`` rebuild a saved
pipeline without the caller importing scispaCy first.
"""

from __future__ import annotations

from scispacy.abbreviation import AbbreviationDetector
from spacy.language import Language


@Language.factory("protocol_abbreviations", default_config={"make_serializable": True})
def make_abbreviations(nlp: Language, name: str, make_serializable: bool) -> AbbreviationDetector:
    """Short form -> long form pairs ("BM-MSC" -> "bone marrow derived mesenchymal stromal cells").

    ``make_serializable`` stores abbreviations as plain dicts so Docs pickle across processes.
    """
    return AbbreviationDetector(nlp, make_serializable=make_serializable)
