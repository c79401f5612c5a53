"""The regimen linker: each DOSE, ROUTE and SITE fact gets the intervention and arm it belongs to."""

import pytest

from .fixture_records import FIXTURES, record, run


def links(doc, label=None):
    return [
        (s.label_, s.text, s._.intervention, s._.arm)
        for s in doc.spans.get("facts", [])
        if s.label_ in ("DOSE", "ROUTE", "SITE") and (label is None or s.label_ == label)
    ]


@pytest.fixture(scope="module")
def manus():
    return run(record("NCT03211793"))


def test_manus_description_facts_go_to_the_product_and_its_arm(manus):
    product, arm = "Mesenchymal stromal cells", "MSC injections"
    found = links(manus)
    assert ("DOSE", "45-50*10^6", product, arm) in found
    assert ("ROUTE", "intramuscular injection", product, arm) in found
    assert ("SITE", "8 sites", product, arm) in found
    # "... of X (BM-MSC) (45-50*10^6) or placebo in the most affected limb": the site is said of X too.
    assert ("SITE", "the most affected limb", product, arm) in found


def test_manus_entry_facts_go_to_their_entry(manus):
    sites = [(text, name, arm) for label, text, name, arm in links(manus, "SITE") if text == "the hand/forearm muscles"]
    assert sites == [
        ("the hand/forearm muscles", "Mesenchymal stromal cells", "MSC injections"),
        ("the hand/forearm muscles", "Placebo", "Placebo injections"),
    ]


def test_manus_page_text_links_to_the_text_arm():
    doc = run((FIXTURES / "seeds" / "NCT03211793-page.txt").read_text("utf-8"))
    product = "allogeneic bone marrow derived mesenchymal stromal cells"
    assert {(name, arm) for _label, _text, name, arm in links(doc)} == {(product, product)}


def test_a_dose_of_cells_or_placebo_goes_to_the_cells():
    # NCT01091701
    doc = run(
        "Brief Summary\nPatient will be given single intravenous dose of allogenic mesenchymal stem cells 2 million "
        "cells/Kg body weight or placebo within 10 days of stroke.\n"
    )
    assert links(doc, "DOSE") == [
        ("DOSE", "2 million cells/Kg", "allogenic mesenchymal stem cells", "allogenic mesenchymal stem cells")
    ]


def test_dose_escalation_arms_by_dose_value():
    # NCT01385644: arms "1*10^6 MSC / kg" and "2*10^6 MSC / kg" hold one product; the description's doses
    # find their arm by value.
    doc = run(record("NCT01385644"))
    doses = {text: arm for _label, text, _name, arm in links(doc, "DOSE")}
    assert doses["1 x 10^6 placenta-derived MSC/kg"] == "1*10^6 MSC / kg"
    assert doses["2 x 10^6 placenta-derived MSC/kg"] == "2*10^6 MSC / kg"


def test_a_comparators_entry_speaks_of_the_comparator():
    # NCT00683722: "IV infusion of excipient of Prochymal™." is the placebo's entry.
    doc = run(record("NCT00683722"))
    entry_routes = [(name, arm) for _label, text, name, arm in links(doc, "ROUTE") if text == "IV infusion"]
    assert ("Placebo", "Placebo") in entry_routes
    assert ("Prochymal™", "Prochymal™") in entry_routes


def test_every_linked_name_is_a_distinct_intervention(manus):
    names = {g["name"] for g in manus._.interventions}
    labels = {a["label"] for a in manus._.arms}
    for _label, _text, name, arm in links(manus):
        assert name in names
        assert arm is None or arm in labels
