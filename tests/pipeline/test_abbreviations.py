"""The abbreviation detector: scispaCy's results, serializable, and robust to a short form defined twice."""

import json
from pathlib import Path

from extractor.api import load

RECORD = Path(__file__).parents[1] / "fixtures" / "abbreviations" / "NCT03401307.txt"

# NCT03401307 (corpus line 70,687) defines "p75 NGFR" twice with different long forms; the short form was
# then serialized twice and the record failed.
TWICE = (
    "Blood samples examining brain derived neurotrophic factor (BDNF), p75-nerve growth factor receptor "
    "(p75 NGFR) and anti-myelin associated glycoprotein.\n\n"
    "The P75 nerve growth factor receptor (p75 NGFR) also known as P75 neurotrophin receptor is measured."
)


def test_the_real_record_with_a_short_form_defined_twice():
    doc = load()(RECORD.read_text("utf-8"))
    forms = doc._.abbreviations
    json.dumps(forms)
    spans = [(a["short_start"], a["short_end"]) for a in forms]
    assert len(spans) == len(set(spans))


def test_a_short_form_defined_twice_keeps_one_definition():
    doc = load()(TWICE)
    forms = doc._.abbreviations
    json.dumps(forms)
    spans = [(a["short_start"], a["short_end"]) for a in forms]
    assert len(spans) == len(set(spans))
    assert {a["short_text"] for a in forms} >= {"BDNF", "p75 NGFR"}


def test_long_forms_are_linked():
    doc = load()("Allogeneic bone marrow derived mesenchymal stromal cells (BM-MSC) were given. BM-MSC were safe.")
    pairs = {(a["short_text"], a["long_text"]) for a in doc._.abbreviations}
    assert pairs == {("BM-MSC", "bone marrow derived mesenchymal stromal cells")}
