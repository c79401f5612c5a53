"""A small constructed case whose scores are worked out by hand.

gold_small.jsonl / pred_small.jsonl (offsets in the files; the spans by their text):

D1 "Patients receive 100 mg of drug X intravenously on day 1 and are followed for 12 weeks. Enrollment:
20 participants."
  gold: INTERVENTION "drug X" (experimental); DOSE "100 mg" (100, 100, mg); ROUTE "intravenously"
        (intravenous); SCHEDULE "12 weeks" (days [84]); SAMPLE_SIZE "20 participants" (n 20)
  pred: INTERVENTION "drug X" (experimental)          exact
        DOSE "100 mg of drug" (100, 100, mg/kg)      boundary error, unit wrong
        ROUTE "intravenously" (intravenous)          exact
        ROUTE "on day 1" (oral)                      spurious
        SCHEDULE "for 12 weeks" (days [85])          boundary error, days within tolerance
        -- no SAMPLE_SIZE                            missed
D2 "Placebo or cells at 1x10^6 cells/kg by intramuscular injection in 8 sites. Primary outcome: pain
score. Enrollment 30."
  gold: INTERVENTION "Placebo" (control), "cells" (experimental); DOSE "1x10^6 cells/kg" (1e6, 1e6,
        cells/kg); ROUTE "intramuscular injection"; SITE "8 sites" (n_sites 8); ENDPOINT "pain score"
        (primary); SAMPLE_SIZE "30" (n 30)
  pred: INTERVENTION "Placebo" (experimental)         exact, role wrong
        -- no "cells"                                missed
        DOSE exact (1000000.0 floats: equal)         exact
        ROUTE "intramuscular"                        boundary error
        SITE "8 sites" (n_sites 8)                   exact
        ENDPOINT "pain score" (secondary)            exact, kind wrong
        SAMPLE_SIZE "30" (n 3)                       exact, n wrong
D3 "Follow-up at 6 months." gold SCHEDULE "6 months" (days [180]); no prediction document at all.
D4 only predicted (ignored); D5 has no spans on either side.
"""

from __future__ import annotations

import pytest

from extractor.evaluation.metrics import evaluate_documents

approx = pytest.approx

# label: (strict tp, fp, fn), (overlap tp, fp, fn)
COUNTS = {
    "INTERVENTION": ((2, 0, 1), (2, 0, 1)),  # D1 exact, D2 Placebo exact; D2 "cells" missed
    "DOSE": ((1, 1, 1), (2, 0, 0)),  # D1 boundary: strict FP+FN, overlap TP
    "ROUTE": ((1, 2, 1), (2, 1, 0)),  # D1 exact + spurious "on day 1"; D2 boundary
    "SITE": ((1, 0, 0), (1, 0, 0)),
    "ENDPOINT": ((1, 0, 0), (1, 0, 0)),
    "SCHEDULE": ((0, 1, 2), (1, 0, 1)),  # D1 boundary; D3 has no prediction
    "SAMPLE_SIZE": ((1, 0, 1), (1, 0, 1)),  # D1 missed; D2 exact
}

# label: strict (P, R, F1), overlap (P, R, F1)
SCORES = {
    "INTERVENTION": ((1.0, 2 / 3, 0.8), (1.0, 2 / 3, 0.8)),
    "DOSE": ((0.5, 0.5, 0.5), (1.0, 1.0, 1.0)),
    # strict: P 1/3, R 1/2, F1 = 2 * 1/6 / (5/6) = 0.4; overlap: P 2/3, R 1, F1 = (4/3) / (5/3) = 0.8
    "ROUTE": ((1 / 3, 0.5, 0.4), (2 / 3, 1.0, 0.8)),
    "SITE": ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "ENDPOINT": ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "SCHEDULE": ((0.0, 0.0, 0.0), (1.0, 0.5, 2 / 3)),
    "SAMPLE_SIZE": ((1.0, 0.5, 2 / 3), (1.0, 0.5, 2 / 3)),
}


@pytest.fixture
def metrics(gold_small, pred_small):
    return evaluate_documents(gold_small, pred_small, n_boot=200, seed=1)


def test_documents_are_paired_by_id(metrics):
    assert metrics["documents"] == {
        "gold": 4,
        "pred": 4,
        "scored": 4,
        "missing_pred": 1,  # D3
        "extra_pred_ignored": 1,  # D4
    }
    assert any("D3" in w for w in metrics["warnings"])
    assert any("D4" in w and "ignored" in w for w in metrics["warnings"])


def test_labels_present_in_schema_order(metrics):
    assert metrics["labels"] == list(COUNTS)


@pytest.mark.parametrize("label", list(COUNTS))
def test_per_label_counts_and_scores(metrics, label):
    for m, mode in enumerate(("strict", "overlap")):
        got = metrics[mode]["per_label"][label]
        assert (got["tp"], got["fp"], got["fn"]) == COUNTS[label][m], mode
        assert (got["precision"], got["recall"], got["f1"]) == approx(SCORES[label][m]), mode


def test_micro_scores(metrics):
    strict, loose = metrics["strict"]["micro"], metrics["overlap"]["micro"]
    # strict: TP 7, FP 4, FN 6 (13 gold, 11 predicted spans); F1 = 2*7 / (2*7 + 4 + 6) = 14/24
    assert (strict["tp"], strict["fp"], strict["fn"]) == (7, 4, 6)
    assert (strict["n_gold"], strict["n_pred"]) == (13, 11)
    assert (strict["precision"], strict["recall"], strict["f1"]) == approx((7 / 11, 7 / 13, 14 / 24))
    # overlap: TP 10, FP 1, FN 3; F1 = 20 / 24
    assert (loose["tp"], loose["fp"], loose["fn"]) == (10, 1, 3)
    assert (loose["precision"], loose["recall"], loose["f1"]) == approx((10 / 11, 10 / 13, 20 / 24))


def test_macro_scores(metrics):
    # Unweighted means over the seven labels of the per-label scores above.
    strict = metrics["strict"]["macro"]
    assert strict["precision"] == approx((1 + 0.5 + 1 / 3 + 1 + 1 + 0 + 1) / 7)
    assert strict["recall"] == approx((2 / 3 + 0.5 + 0.5 + 1 + 1 + 0 + 0.5) / 7)
    assert strict["f1"] == approx((0.8 + 0.5 + 0.4 + 1 + 1 + 0 + 2 / 3) / 7)
    loose = metrics["overlap"]["macro"]
    assert loose["precision"] == approx((1 + 1 + 2 / 3 + 1 + 1 + 1 + 1) / 7)
    assert loose["recall"] == approx((2 / 3 + 1 + 1 + 1 + 1 + 0.5 + 0.5) / 7)
    assert loose["f1"] == approx((0.8 + 1 + 0.8 + 1 + 1 + 2 / 3 + 2 / 3) / 7)


def test_attribute_accuracy_on_overlap_pairs(metrics):
    per = metrics["attributes"]["per_label"]

    def tally(label, name):
        t = per[label][name]
        return t["pairs"], t["equal"]

    assert tally("INTERVENTION", "role") == (2, 1)  # D2 Placebo: control vs experimental
    assert tally("DOSE", "low") == (2, 2)  # 1000000 == 1000000.0
    assert tally("DOSE", "high") == (2, 2)
    assert tally("DOSE", "unit") == (2, 1)  # D1: mg vs mg/kg
    assert tally("ROUTE", "route") == (2, 2)  # the spurious "on day 1" is not a pair
    assert tally("SITE", "site") == (1, 1)  # null == null
    assert tally("SITE", "n_sites") == (1, 1)
    assert tally("ENDPOINT", "kind") == (1, 0)
    assert tally("SCHEDULE", "days") == (1, 1)  # [84] vs [85]: within max(5% of 84, 1) = 4.2 days
    assert tally("SCHEDULE", "every") == (1, 1)
    assert tally("SAMPLE_SIZE", "n") == (1, 0)
    assert per["DOSE"]["unit"]["accuracy"] == approx(0.5)
    # 17 attribute comparisons (2 + 3*2 + 2 + 2*1 + 1 + 3*1 + 1), 13 equal
    assert metrics["attributes"]["overall"] == {"pairs": 17, "equal": 13, "accuracy": approx(13 / 17)}


def test_document_value_scores(metrics):
    values = metrics["values"]
    # SITE.site never has a value (null in both), so it is not listed.
    assert values["kinds"] == [
        "DOSE",
        "ROUTE.route",
        "SITE.n_sites",
        "SCHEDULE.days",
        "SAMPLE_SIZE.n",
        "ENDPOINT.kind",
    ]
    expected = {
        "DOSE": (1, 1, 1),  # D1 (100,100,mg) vs (100,100,mg/kg); D2 equal
        "ROUTE.route": (2, 1, 0),  # D1 {intravenous} vs {intravenous, oral}; D2 equal
        "SITE.n_sites": (1, 0, 0),
        "SCHEDULE.days": (1, 0, 1),  # D1 84 ~ 85; D3 180 missed
        "SAMPLE_SIZE.n": (0, 1, 2),  # D1 20 missed; D2 30 vs 3
        "ENDPOINT.kind": (0, 1, 1),  # D2 one primary vs one secondary
    }
    for kind, counts in expected.items():
        got = values["per_kind"][kind]
        assert (got["tp"], got["fp"], got["fn"]) == counts, kind
    assert values["per_kind"]["ROUTE.route"]["f1"] == approx(0.8)
    assert values["per_kind"]["SCHEDULE.days"]["f1"] == approx(2 / 3)
    micro = values["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (5, 4, 5)
    assert (micro["precision"], micro["recall"], micro["f1"]) == approx((5 / 9, 0.5, 10 / 19))


def test_per_document_counts(metrics):
    per = metrics["per_document"]
    assert per["D3"] == {
        "missing_pred": True,
        "strict": {"tp": 0, "fp": 0, "fn": 1},
        "overlap": {"tp": 0, "fp": 0, "fn": 1},
    }
    assert per["D5"]["strict"] == {"tp": 0, "fp": 0, "fn": 0}
    assert "D4" not in per


def test_intervals_bracket_nothing_impossible(metrics):
    for mode in ("strict", "overlap"):
        for score in [*metrics[mode]["per_label"].values(), metrics[mode]["micro"], metrics[mode]["macro"]]:
            for key in ("precision", "recall", "f1"):
                lo, hi = score["ci"][key]
                assert 0.0 <= lo <= hi <= 1.0
    # SITE is right in the only document that has one, so every resample agrees.
    assert metrics["strict"]["per_label"]["SITE"]["ci"]["f1"] == [1.0, 1.0]
