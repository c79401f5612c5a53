"""Cell products, comparators and structured names in real sentences of ClinicalTrials.gov records."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.lexicon_files import lexicon_parts
from extractor.normalize.products import (
    MAX_NAME_CHARS,
    control_kind,
    find_controls,
    find_names,
    find_products,
    is_generic,
    name_key,
    name_parts,
    product_attributes,
    product_lexicon,
)


def products(text):
    return [text[s:e] for s, e, _rule in find_products(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # NCT03211793 (MANUS)
            "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic bone "
            "marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb.",
            ["allogeneic bone marrow derived mesenchymal stromal cells", "BM-MSC"],
        ),
        (  # NCT03211793 arm description
            "Intramuscular injection of mesenchymal stromal cells (50 million allogeneic MSCs in 0.9% NaCl and 10% "
            "human serum albumin).",
            ["mesenchymal stromal cells", "allogeneic MSCs"],
        ),
        (  # NCT04432545 official title
            "Infusion of Allogeneic Stromal Mesenchymal Stem Cells From Wharton´s Jelly in Patients With Diffuse "
            "Cutaneous Systemic Sclerosis With Refractory Pulmonary Involvement to Treatment",
            ["Allogeneic Stromal Mesenchymal Stem Cells From Wharton´s Jelly"],
        ),
        (  # NCT02635464 intervention description
            "Patients underwent Coronary Artery Bypass Surgery (CABG) with 10^8 allogeneic human umbilical cord "
            "mesenchymal stem cells (hUC-MSCs) in collagen scaffold injecting in the infarct region.",
            ["allogeneic human umbilical cord mesenchymal stem cells", "hUC-MSCs"],
        ),
        (  # NCT01624701
            "Clinical transplantation of two cord blood units: one ex vivo expanded while another unmanipulated unit "
            "to function as a back-up.",
            ["cord blood units"],
        ),
        (  # NCT01909154 official title
            "Official Title: Phase I Pilot Study to Evaluate the Security of Local Administration of Autologous Stem "
            "Cells Obtained From the Bone Marrow Stroma, in Traumatic Injuries of the Spinal Cord",
            ["Autologous Stem Cells Obtained From the Bone Marrow Stroma"],
        ),
        ("Mesenchymal stromal cells administered weekly for 4 weeks", ["Mesenchymal stromal cells"]),  # NCT01090817
        (  # NCT03060551 title
            "Injection of Autologous Adipose-derived Stromal Vascular Fraction in the Finger of Systemic Sclerosis "
            "Patients",
            ["Autologous Adipose-derived Stromal Vascular Fraction"],
        ),
        (
            "Pilot Study of Stem Cell Treatment of Patients With Vocal Fold Scarring",
            ["Stem Cell Treatment"],
        ),  # NCT01981330
        (  # NCT04746599 title
            "Autologous Fat Grafting in the Treatment of Critical Limb Ischaemia",
            ["Autologous Fat Grafting"],
        ),
        (  # NCT01385644
            "The first 4 patients will receive a dose of 1 x 10^6 placenta-derived MSC/kg.",
            ["placenta-derived MSC"],
        ),
    ],
)
def test_products_in_real_sentences(sentence, expected):
    assert products(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # NCT03211793: markers measured, not products given.
        "We will also evaluate changes in capillary morphology and architecture using capillaroscopy; biochemical "
        "parameters; markers for endothelial activation and injury, inflammation, oxidative stress, circulating cells "
        "including endothelial cells, hematopoietic and endothelial progenitor cells, cytokines and growth factors, "
        "immunological responses.",
    ],
)
def test_no_products(sentence):
    assert products(sentence) == []


def test_a_growth_factor_named_after_stem_cells_is_no_product():
    # NCT01624701
    sentence = (
        "Cord blood cells will be expanded ex vivo using a combination of stem cell factor (SCF), thrombopoietin "
        "(TPO), Flt3 ligand and IGFBP2 with mesenchymal stromal cell (MSC) co-culture."
    )
    assert products(sentence) == ["Cord blood cells", "mesenchymal stromal cell", "MSC"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(  # NCT04746599: an odd abbreviation placement the head pattern does not reach
            "The ADIPOCLI trial is an interventional monocentric trial in which the investigators will evaluate the "
            "safety, feasibility and potential efficacy of local administration of autologous adipose derived "
            "stromal/stem (ASCs) cell as treatment for pain and ulcers caused by CLI.",
            ["autologous adipose derived stromal/stem", "ASCs"],
            marks=pytest.mark.xfail(reason="head split by an abbreviation: 'stromal/stem (ASCs) cell'", strict=True),
        ),
        pytest.param(  # NCT04432545: words glued together in the registry text
            "Based on the above and considering the possibility of offering patients without therapeutic alternatives "
            "to their disease in addition to palliative options, an intravenous infusion of stromal mesenchymal stem "
            "cells from Wharton ́s jellyis proposed for three patients with progressive SSc refractory to conventional "
            "therapy with pulmonary involvement due to pulmonary hypertension",
            ["stromal mesenchymal stem cells from Wharton ́s jelly"],
            marks=pytest.mark.xfail(reason="glued words ('jellyis') break the word boundary", strict=True),
        ),
    ],
)
def test_known_product_misses(sentence, expected):
    assert products(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # NCT02633163
            "The goal of this study is to determine if patients receiving an MSC infusion plus standard of care "
            "respond better than patients receiving placebo infusion plus standard of care.",
            [
                ("standard of care", "standard of care", "weak"),
                ("placebo", "placebo", "strong"),
                ("standard of care", "standard of care", "weak"),
            ],
        ),
        (  # NCT01768702
            "Evaluation the safety and efficacy of C3BS-CQR-1 by comparing the overall response to standard of care "
            "and C3BS-CQR-1 relative to standard of care and a sham procedure.",
            [
                ("standard of care", "standard of care", "weak"),
                ("standard of care", "standard of care", "weak"),
                ("sham procedure", "sham", "strong"),
            ],
        ),
        (  # NCT03211793
            "The MANUS Trial is a randomized double-blind, placebo-controlled clinical trial.",
            [("placebo", "placebo", "strong")],
        ),
        (  # NCT03356821: no treatment exists, none is assigned
            "There is no treatment available that leads to reduction of neonatal brain damage in this severely "
            "affected group of infants.",
            [],
        ),
    ],
)
def test_controls_in_real_sentences(sentence, expected):
    assert [(sentence[s:e], kind, strength) for s, e, kind, strength in find_controls(sentence)] == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("HCR040 (Phase 1)", [("HCR040", "name")]),  # NCT04289194
        (
            "hUC-MSCs+Injectable collagen scaffold+CABG",
            [("hUC-MSCs", "name"), ("Injectable collagen scaffold", "name"), ("CABG", "name")],
        ),
        ("Mesenchymal Precursor Cells (MPCs)", [("Mesenchymal Precursor Cells", "name"), ("MPCs", "alias")]),
        ("Mesenchymal stromal cells (MSC) for infusion", [("Mesenchymal stromal cells", "name"), ("MSC", "alias")]),
        ("Mesenchymal stem cell infusion", [("Mesenchymal stem cell", "name")]),  # NCT00734396
        ("Rabbit antithymoglobulin (ATG)", [("Rabbit antithymoglobulin", "name"), ("ATG", "alias")]),
        ("Standard treatment according to the clinical protocols", [("Standard treatment", "name")]),
        ("no intervention", [("no intervention", "name")]),
        ("Cellavita HD Lower Dose", [("Cellavita HD", "name")]),  # NCT02728115
        ("Mesenchymal Precursor Cells (MPC) 12.5 M", [("Mesenchymal Precursor Cells", "name"), ("MPC", "alias")]),
        ("intra venous injection of stem cell", [("stem cell", "name")]),  # NCT01759797
        ("Laboratory Biomarker Analysis", []),
        ("Control group", []),
        (
            "Single bilateral intra-articular injection of allogeneic BM-MSCs for lumbar facet joint arthropathy",
            [("allogeneic BM-MSCs", "name")],
        ),
        (
            "Mesenchymal stem cells infusion, Basiliximab,Methylprednisolone,RATG ,Cyclosporine ,Mycophenolate mofetil",
            [
                ("Mesenchymal stem cells", "name"),
                ("Basiliximab", "name"),
                ("Methylprednisolone", "name"),
                ("RATG", "name"),
                ("Cyclosporine", "name"),
                ("Mycophenolate mofetil", "name"),
            ],
        ),
    ],
)
def test_name_parts_of_structured_names(name, expected):
    assert [(name[s:e], kind) for s, e, kind in name_parts(name)] == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("allogeneic bone marrow derived mesenchymal stromal cells", ("allogeneic", "bone marrow", "MSC")),
        ("BM-MSC", (None, "bone marrow", "MSC")),
        ("hUC-MSCs", (None, "umbilical cord", "MSC")),
        ("AdMSC", (None, "adipose", "MSC")),
        ("Allogeneic Stromal Mesenchymal Stem Cells From Wharton´s Jelly", ("allogeneic", "Wharton's jelly", "MSC")),
        ("autologous SVF cells", ("autologous", None, "SVF")),
        ("Human Umbilical Cord Blood Stem and Progenitor Cells", (None, "cord blood", "stem cells")),
        ("placenta-derived MSC", (None, "placenta", "MSC")),
        ("Allo-ASC", ("allogeneic", "adipose", "ASC")),
        ("Autologous Fat Grafting", ("autologous", "adipose", None)),
    ],
)
def test_product_attributes(name, expected):
    attrs = product_attributes(name)
    assert (attrs["source"], attrs["tissue"], attrs["cell_type"]) == expected


def test_name_keys_join_spellings():
    assert name_key("MSCs") == name_key("MSC") == "msc"
    assert name_key("bone marrow-derived mesenchymal stem cells") == name_key(
        "Bone Marrow Derived Mesenchymal Stem Cell"
    )
    assert name_key("Prochymal®") == "prochymal"


def test_control_kind_and_generic_names():
    assert control_kind("Placebo") == "placebo"
    assert control_kind("Sham procedure") == "sham"
    assert control_kind("Mesenchymal stromal cells") is None
    assert is_generic("study drug") and is_generic("Cells") and not is_generic("Stem Cells")


@pytest.mark.parametrize(
    ("sentence", "expected_products", "expected_controls"),
    [
        (  # NCT03211793
            "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic bone "
            "marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb.",
            ["allogeneic bone marrow derived mesenchymal stromal cells", "BM-MSC"],
            ["placebo"],
        ),
        (  # NCT04432545 official title (not ASCII)
            "Infusion of Allogeneic Stromal Mesenchymal Stem Cells From Wharton´s Jelly in Patients With Diffuse "
            "Cutaneous Systemic Sclerosis With Refractory Pulmonary Involvement to Treatment",
            ["Allogeneic Stromal Mesenchymal Stem Cells From Wharton´s Jelly"],
            [],
        ),
        (  # NCT02633163
            "The goal of this study is to determine if patients receiving an MSC infusion plus standard of care "
            "respond better than patients receiving placebo infusion plus standard of care.",
            ["MSC"],
            ["standard of care", "placebo", "standard of care"],
        ),
        (  # NCT00000386: neither, as in most sentences
            "Patients are assigned randomly (like tossing a coin) to receive either the ERP/Family Treatment Program "
            "or RT.",
            [],
            [],
        ),
        (  # NCT03558334: an abbreviation alone
            "hUC-MSCs are widely used in clinic due to their low immunogenicity and convenient to get.",
            ["hUC-MSCs"],
            [],
        ),
    ],
)
def test_find_names_is_find_products_and_find_controls(sentence, expected_products, expected_controls):
    found, controls = find_names(sentence)
    assert [sentence[s:e] for s, e, _rule in found] == expected_products
    assert [sentence[s:e] for s, e, _kind, _strength in controls] == expected_controls
    assert (found, controls) == (find_products(sentence), find_controls(sentence))


def test_every_abbreviation_holds_the_abbreviation_core():
    # find_names skips the abbreviation pattern where abbreviation_core is not found: it must be a required part.
    lex = product_lexicon()
    for name in ["BM-MSC", "hUC-MSCs", "AdMSC", "aMSC", "Allo-ASC", "HB-adMSCs", "BM-MNC", "WJ-MSC", "hMenSC"]:
        assert lex.abbreviation.fullmatch(name), name
        assert lex.abbreviation_core.search(name), name


def test_remembered_results_are_fresh_copies():
    first = product_attributes("BM-MSC")
    first["source"] = "allogeneic"  # the caller's to change (long forms lend their attributes)
    assert product_attributes("BM-MSC") == {"source": None, "tissue": "bone marrow", "cell_type": "MSC"}
    parts = name_parts("hUC-MSCs+CABG")
    parts.clear()
    assert name_parts("hUC-MSCs+CABG") == [(0, 8, "name"), (9, 13, "name")]


# The trimming patterns as they were written first: plain "\s*" and "\s+" before the words. The package's
# patterns start only where a run of spaces does (cubic time on a long run otherwise); they must find the
# same matches.
_REFERENCE_PREFIXES = {
    "trim_after": ("(?<![\\s-])(?:[\\s-]+", "(?:[\\s-]+"),
    "trim_dose": ("(?<!\\s)(?:\\s*[,:-]\\s*|\\s+)", "(?:\\s*[,:-]?\\s+|\\s*[,:-]\\s*)"),
    "trim_clause": ("(?<!\\s)\\s+", "\\s+"),
}
_NAME_PIECES = [
    " ",
    "  ",
    "\t",
    "\n",
    "\xa0",
    "-",
    ",",
    ":",
    "MSC",
    "1",
    "x10^6",
    " cells",
    "million",
    "mg",
    "IV",
    "intravenous",
    "injections",
    "group",
    "for",
    " infusion",
    "according",
    " to",
    "in",
    " patients",
    "s",
]


@pytest.mark.parametrize("part", sorted(_REFERENCE_PREFIXES))
@settings(max_examples=3000, deadline=None)
@given(pieces=st.lists(st.sampled_from(_NAME_PIECES), max_size=14))
def test_trimming_patterns_match_as_their_plain_forms(part, pieces):
    pattern = lexicon_parts("intervention_patterns.tsv", None)[part]
    ours, plain = _REFERENCE_PREFIXES[part]
    assert pattern.startswith(ours)
    text = "".join(pieces)
    found = re.search(pattern, text, re.IGNORECASE)
    expected = re.search(plain + pattern[len(ours) :], text, re.IGNORECASE)
    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MSC" + " " * 900 + "1x10^6 cells/kg", [(0, 3, "name")]),  # 1,000 spaces took 78 s in trim_dose
        ("MSC" + " " * 900 + "injections", [(0, 3, "name")]),
        # Past MAX_NAME_CHARS a "name" gives only the products it mentions.
        ("Drug" + " " * MAX_NAME_CHARS + "x", []),
        (
            "Infusion " + "x " * MAX_NAME_CHARS + "of bone marrow MSCs",
            [(2 * MAX_NAME_CHARS + 12, 2 * MAX_NAME_CHARS + 28, "name")],
        ),
    ],
)
def test_a_long_run_of_spaces_in_a_name(name, expected):
    assert name_parts(name) == expected
