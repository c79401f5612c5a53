"""ROUTE: route words, administration words, abbreviations and what is not a route (real corpus sentences)."""

import pytest

from extractor import extract
from extractor.normalize.caseless import Folded, fold
from extractor.pipeline.route import find_routes, route_lexicon


def routes(text):
    return [(text[s:e], route) for s, e, route, _rule in find_routes(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The MANUS Trial aims to examine the safety, feasibility and potential efficacy of intramuscularly "
            "injected allogeneic mesenchymal stromal cells as treatment for digital ulcers of systemic sclerosis.",
            [("intramuscularly injected", "intramuscular")],
        ),
        (
            "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic "
            "bone marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb.",
            [("intramuscular injection", "intramuscular")],
        ),
        (
            "MSCs will be intravenously infused at a dose of 1×10^6 cells/kg.",
            [("intravenously infused", "intravenous")],
        ),
        (
            "The cases assigned to this group will be injected intra-articularly with Lipogems®.",
            [("injected intra-articularly", "intra-articular")],
        ),
        (
            "Intravenous (IV) infusion of ULSC in 20 patients with COVID-19 ARDS:",
            [("Intravenous (IV) infusion", "intravenous")],
        ),
        (
            "The overall objective of this study is to evaluate the safety profile of a single IV infusion of "
            "autologous adipose-derived mesenchymal stem cells (HB-adMSCs) in subjects with clinical diagnosis of RA.",
            [("IV infusion", "intravenous")],
        ),
        (
            "Patients with OA will receive intravenous infusion and intraarticular injection of UC-MSCs.",
            [("intravenous infusion", "intravenous"), ("intraarticular injection", "intra-articular")],
        ),
        (
            "Patients with SCI will receive a single intrathecal injection of AD-MSCs.",
            [("intrathecal injection", "intrathecal")],
        ),
        (
            "In this trial, eligible ischemic heart failure patients will be proceeded intracoronary administration "
            "of autologous adipose tissue derived stromal cells by cardiac catheterization.",
            [("intracoronary administration", "intracoronary")],
        ),
        (
            "Safety of Intracavernous injection of Wharton jelly Mesenchymal stem cells.",
            [("Intracavernous injection", "intracavernous")],
        ),
        ("Participants will receive EN001 intravenously (IV) once on Day 1.", [("intravenously", "intravenous")]),
        ("Patients receive methotrexate IV on days 1, 3, 6, and 11.", [("IV", "intravenous")]),
        (
            "Patients also receive cyclosporine orally or IV (over 1-4 hours) twice daily.",
            [("orally", "oral"), ("IV", "intravenous")],
        ),
    ],
)
def test_routes_in_real_sentences(sentence, expected):
    assert routes(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients with stage IV non-small cell lung cancer are eligible.",
        "Acute GVHD grade II-IV of skin, liver and gut.",
        "Oral mucositis will be graded weekly.",
        "Cell infusion will start 2 hours after the end of the procedure.",
        "MSCs will be injected into the knee joint.",
        "History of intravenous drug use.",
    ],
)
def test_not_routes(sentence):
    assert routes(sentence) == []


def test_a_text_that_lower_casing_would_resize_is_still_searched():
    # "İ" lower-cases to two characters; offsets must still point into the original text.
    text = "İstanbul patients receive Intravenous infusion of cells."
    assert routes(text) == [("Intravenous infusion", "intravenous")]


@pytest.mark.parametrize(
    "text",
    [
        "Patients ≥ 18 years – receive IntraVenous infusion; the placebo is given Subcutaneously.",  # lowered
        "L'administration intraveineuse — Intramuscular injection (8 sites) à J0.",  # lowered
        "10 µg given Intravenously; ıntravenous is not the same letter.",  # µ and ı: searched as it is
        "Σ Patients receive INTRATHECAL injection.",
    ],
)
def test_non_ascii_text_gives_the_routes_of_a_case_insensitive_search(text):
    lex = route_lexicon()
    expected = [(s, e, i) for s, e, i in lex.words.finditer(text)]  # the case-insensitive alternation
    assert expected
    lowered = fold(text)
    if lowered is not None:
        assert lex.words_lowered is not None
        assert list(lex.words_lowered.finditer(lowered)) == expected
    assert [(s, e) for s, e, *_ in find_routes(text)] == [(s, e) for s, e, *_ in find_routes(Folded(text, lowered))]


def test_letters_ignorecase_relates_are_matched_as_it_matches_them():
    # IGNORECASE takes dotless "ı" for "i" (a lower-cased copy would not): such a text is searched as it is.
    text = "10 µg given Intravenously; ıntravenous is the same word to a case-insensitive search."
    assert routes(text) == [("given Intravenously", "intravenous"), ("ıntravenous", "intravenous")]


def test_a_long_line_of_routes_and_exclusions_keeps_every_route_and_no_exclusion():
    # Every route word was checked against every exclusion of its sentence: a 400 KB line took 50 s.
    text = "Interventions\nDrug A " + "oral cavity and orally, " * 500 + "end."
    routes = [f for f in extract(text) if f.label == "ROUTE"]
    assert len(routes) == 500
    assert {(f.text, f.attrs["route"]) for f in routes} == {("orally", "oral")}
