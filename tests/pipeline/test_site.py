"""SITE: anatomical sites and counts of injection sites (real corpus sentences)."""

import pytest

from extractor.pipeline.site import find_sites


def sites(text):
    return [(text[s:e], site, n) for s, e, site, n, _rule in find_sites(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic "
            "bone marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb.",
            [("8 sites", None, 8), ("the most affected limb", "limb", None)],
        ),
        (
            "Digital injection of cultured adipose-derived stromal cell (AdMSC) constitutes a promising approach.",
            [("Digital", "finger", None)],
        ),
        (
            "8 intramuscular injections at designated sites in the hand/forearm muscles of the most affected side.",
            [("the hand/forearm muscles", "hand", None)],
        ),
        (
            "MSC-like cells were injected directly into bilateral ovaries under transvaginal ultrasound.",
            [("bilateral ovaries", "ovary", None)],
        ),
        (
            "The subject will receive 4 autologous HB-adMSCs intra-articular injections (1 in each knee joint/ intervention).",
            [("each knee joint", "knee", None)],
        ),
        ("Fat will be injected at the base of each finger.", [("the base of each finger", "finger", None)]),
        (
            "Patients undergo surgery where the tumor is removed, then receive intramural injection of BM-hMSCs-DNX-2401 into the resection cavity.",
            [("the resection cavity", "tumor bed", None)],
        ),
    ],
)
def test_sites_in_real_sentences(sentence, expected):
    assert sites(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Our preliminary results suggest that the urinary cell mRNA profile is altered in kidney transplant recipients.",
        "The study will be conducted at 8 sites in Europe and patients will receive one infusion.",
        "The management of DUs is based on optimal wound care and onerous prostacyclin infusions.",
        "Ischemic digital ulcers are a frequent complication in systemic sclerosis.",
    ],
)
def test_not_sites(sentence):
    assert sites(sentence) == []
