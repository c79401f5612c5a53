"""Acceptance examples: the facts of the two seed trial pages the project started from."""

from pathlib import Path

import pytest

from extractor import extract

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def manus():
    return extract((SEEDS / "NCT03211793-page.txt").read_text("utf-8"))


@pytest.fixture(scope="module")
def adipose():
    return extract((SEEDS / "NCT04356755-page.txt").read_text("utf-8"))


def of(facts, label):
    return [f for f in facts if f.label == label]


def test_manus_dose(manus):
    doses = of(manus, "DOSE")
    assert [(d.text, d.attrs) for d in doses] == [
        ("45-50*10^6", {"low": 45_000_000, "high": 50_000_000, "unit": "cells"})
    ]


def test_manus_routes(manus):
    routes = of(manus, "ROUTE")
    assert [(r.text, r.attrs["route"]) for r in routes] == [
        ("intramuscularly injected", "intramuscular"),
        ("intramuscular injection", "intramuscular"),
    ]


def test_manus_sites(manus):
    assert [(s.text, s.attrs) for s in of(manus, "SITE")] == [
        ("8 sites", {"site": None, "n_sites": 8}),
        ("the most affected limb", {"site": "limb", "n_sites": None}),
    ]


def test_manus_sample_size(manus):
    assert [(s.text, s.attrs["n"]) for s in of(manus, "SAMPLE_SIZE")] == [("20 participants", 20)]


def test_adipose_digital_injection_and_no_dose(adipose):
    assert {s.attrs["site"] for s in of(adipose, "SITE")} == {"finger"}
    assert of(adipose, "DOSE") == []


@pytest.mark.parametrize("seed", ["NCT03211793-page.txt", "NCT04356755-page.txt"])
def test_nothing_from_see_also(seed):
    text = (SEEDS / seed).read_text("utf-8")
    see_also = text.index("See also")
    assert all(f.start < see_also for f in extract(text))


def test_background_sample_size_is_not_this_trials(adipose):
    # "The SCLERADEC pilot study outlines the safety, in 12 SSc patients, ..." is about another study.
    assert of(adipose, "SAMPLE_SIZE") == []
