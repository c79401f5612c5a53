"""Matching, the zero-division convention, self-scoring, symmetry, bootstrap determinism, pairing errors."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.evaluation.gold import AnnotatedDoc, make_span
from extractor.evaluation.matching import match_overlap, match_strict
from extractor.evaluation.metrics import EvaluationError, agreement, evaluate_documents
from extractor.evaluation.scores import prf
from extractor.evaluation.values import attribute_equal, document_value_counts, match_days


def S(start, end, label="DOSE", **attrs):
    return make_span(start, end, label, **attrs)


# --- matching -------------------------------------------------------------------------------


def test_strict_matches_duplicates_one_to_one():
    gold = [S(0, 4), S(0, 4)]
    pred = [S(0, 4), S(0, 4), S(0, 4)]
    alignment = match_strict(gold, pred)
    assert alignment.pairs == [(0, 0), (1, 1)]
    assert alignment.unmatched_pred == [2]


def test_strict_needs_same_label():
    assert match_strict([S(0, 4, "DOSE")], [S(0, 4, "ROUTE")]).pairs == []


def test_overlap_is_greedy_by_largest_overlap():
    # gold 0-10 overlaps pred A (0-3: 3 chars) and pred B (2-10: 8 chars): B wins, A is a FP.
    gold = [S(0, 10)]
    pred = [S(0, 3), S(2, 10)]
    alignment = match_overlap(gold, pred)
    assert alignment.pairs == [(0, 1)]
    assert alignment.unmatched_pred == [0]


def test_overlap_prefers_exact_over_superset_of_equal_overlap():
    gold = [S(5, 10)]
    pred = [S(0, 12), S(5, 10)]
    assert match_overlap(gold, pred).pairs == [(0, 1)]


def test_overlap_is_one_to_one_and_per_label():
    gold = [S(0, 10), S(12, 20)]
    pred = [S(0, 20), S(0, 20, "ROUTE")]  # one long DOSE cannot cover two gold spans
    alignment = match_overlap(gold, pred)
    assert alignment.pairs == [(0, 0)]  # 10 shared characters beat 8
    assert alignment.unmatched_gold == [1]
    assert alignment.unmatched_pred == [1]


def test_touching_spans_do_not_overlap():
    assert match_overlap([S(0, 5)], [S(5, 9)]).pairs == []


# --- zero division --------------------------------------------------------------------------


def test_zero_division_convention():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert prf(0, 3, 0) == (0.0, 0.0, 0.0)  # only false positives: recall's denominator is 0 -> 0
    assert prf(0, 0, 2) == (0.0, 0.0, 0.0)  # nothing predicted: precision's denominator is 0 -> 0
    assert prf(2, 0, 2) == (1.0, 0.5, pytest.approx(2 / 3))


def test_label_only_in_prediction_scores_zero():
    doc = AnnotatedDoc("a", "0123456789", [S(0, 2, "ROUTE")])
    pred = AnnotatedDoc("a", "0123456789", [S(0, 2, "ROUTE"), S(4, 6, "SITE")])
    metrics = evaluate_documents([doc], [pred], n_boot=0)
    assert metrics["labels"] == ["ROUTE", "SITE"]
    site = metrics["strict"]["per_label"]["SITE"]
    assert (site["precision"], site["recall"], site["f1"]) == (0.0, 0.0, 0.0)
    assert metrics["strict"]["macro"]["f1"] == 0.5
    assert site["ci"] is None  # n_boot=0: no intervals


def test_no_spans_anywhere_is_perfect():
    docs = [AnnotatedDoc("a", "text")]
    metrics = evaluate_documents(docs, copy.deepcopy(docs), n_boot=10)
    assert metrics["labels"] == []
    assert metrics["strict"]["micro"]["f1"] == 1.0
    assert metrics["overlap"]["macro"]["f1"] == 1.0


# --- self-scoring ---------------------------------------------------------------------------


def _all_scores(metrics):
    for mode in ("strict", "overlap"):
        yield from metrics[mode]["per_label"].values()
        yield metrics[mode]["micro"]
        yield metrics[mode]["macro"]
    yield from metrics["values"]["per_kind"].values()
    yield metrics["values"]["micro"]
    yield metrics["values"]["macro"]


@pytest.mark.parametrize("name", ["gold_small", "pred_small", "tricky"])
def test_file_against_itself_is_one_everywhere(request, name):
    docs = request.getfixturevalue(name)
    metrics = evaluate_documents(docs, copy.deepcopy(docs), n_boot=100, seed=3)
    assert metrics["labels"], "fixture must have labels"
    for score in _all_scores(metrics):
        assert (score["precision"], score["recall"], score["f1"]) == (1.0, 1.0, 1.0)
        assert score["ci"] == {"precision": [1.0, 1.0], "recall": [1.0, 1.0], "f1": [1.0, 1.0]}
    for label, per_attribute in metrics["attributes"]["per_label"].items():
        for name_, tally in per_attribute.items():
            assert tally["accuracy"] == 1.0, (label, name_)
    assert metrics["attributes"]["overall"]["accuracy"] == 1.0
    assert metrics["warnings"] == []
    json.dumps(metrics, allow_nan=False)  # JSON-safe


# --- symmetry (hypothesis) ------------------------------------------------------------------

LABELS = ["DOSE", "ROUTE", "SCHEDULE"]
TEXT = "x" * 60


@st.composite
def documents(draw):
    docs = []
    for doc_id in ("a", "b", "c"):
        spans = []
        for _ in range(draw(st.integers(0, 6))):
            start = draw(st.integers(0, 55))
            end = draw(st.integers(start + 1, min(60, start + 12)))
            label = draw(st.sampled_from(LABELS))
            days = draw(st.lists(st.integers(0, 400), max_size=3)) if label == "SCHEDULE" else None
            spans.append(make_span(start, end, label, days=days) if days is not None else make_span(start, end, label))
        docs.append(AnnotatedDoc(doc_id, TEXT, spans))
    return docs


@settings(max_examples=60, deadline=None)
@given(documents(), documents())
def test_f1_is_symmetric_and_precision_recall_swap(a, b):
    ab = agreement(a, b, n_boot=0)
    ba = agreement(b, a, n_boot=0)
    for mode in ("strict", "overlap"):
        x, y = ab[mode]["micro"], ba[mode]["micro"]
        assert x["tp"] == y["tp"]
        assert x["f1"] == pytest.approx(y["f1"])
        assert x["precision"] == pytest.approx(y["recall"])
    # Value scores are not exactly symmetric: the day tolerance is relative to the gold (A) day.


@settings(max_examples=40, deadline=None)
@given(documents())
def test_any_documents_against_themselves_score_one(docs):
    metrics = evaluate_documents(docs, copy.deepcopy(docs), n_boot=20)
    for score in _all_scores(metrics):
        assert score["f1"] == 1.0


# --- bootstrap ------------------------------------------------------------------------------


def test_bootstrap_is_deterministic_with_seed(gold_small, pred_small):
    first = evaluate_documents(gold_small, pred_small, n_boot=300, seed=7)
    again = evaluate_documents(gold_small, pred_small, n_boot=300, seed=7)
    other = evaluate_documents(gold_small, pred_small, n_boot=300, seed=8)
    assert first == again
    assert first != other  # with four documents some intervals coincide, not all
    assert first["bootstrap"] == {"n": 300, "seed": 7, "level": 0.95, "unit": "document"}


def test_interval_contains_point_estimate_for_micro(gold_small, pred_small):
    metrics = evaluate_documents(gold_small, pred_small, n_boot=500, seed=0)
    for mode in ("strict", "overlap"):
        micro = metrics[mode]["micro"]
        lo, hi = micro["ci"]["f1"]
        assert lo <= micro["f1"] <= hi


# --- pairing --------------------------------------------------------------------------------


def test_differing_text_is_an_error():
    gold = [AnnotatedDoc("a", "same text"), AnnotatedDoc("b", "abc")]
    pred = [AnnotatedDoc("a", "same text"), AnnotatedDoc("b", "abd")]
    with pytest.raises(EvaluationError, match="document b: predicted text differs .* offset 2"):
        evaluate_documents(gold, pred)


def test_duplicate_ids_are_an_error():
    docs = [AnnotatedDoc("a", "t"), AnnotatedDoc("a", "t")]
    with pytest.raises(EvaluationError, match="duplicate gold document id"):
        evaluate_documents(docs, [])


def test_agreement_uses_shared_documents_only(gold_small, pred_small):
    metrics = agreement(gold_small, pred_small, n_boot=0)
    assert metrics["agreement"]["shared"] == 3
    assert metrics["agreement"]["only_a"] == ["D3"]
    assert metrics["agreement"]["only_b"] == ["D4"]
    assert metrics["documents"]["missing_pred"] == 0
    assert "symmetric" in metrics["agreement"]["note"]


def test_agreement_without_shared_documents_fails():
    with pytest.raises(EvaluationError, match="no document id in common"):
        agreement([AnnotatedDoc("a", "t")], [AnnotatedDoc("b", "t")])


# --- value comparison -----------------------------------------------------------------------


def test_day_tolerance_is_five_percent_or_one_day():
    assert attribute_equal("SCHEDULE", "through", 360, 365)  # 12 months vs 1 year: 5 <= 18
    assert attribute_equal("SCHEDULE", "days", [2], [3])  # 1 day
    assert not attribute_equal("SCHEDULE", "days", [2], [3.5])
    assert not attribute_equal("SCHEDULE", "days", [7, 14], [7])
    assert attribute_equal("SCHEDULE", "days", [14, 7], [7, 14])
    assert not attribute_equal("SCHEDULE", "days", None, [])
    assert match_days([84, 168], [85, 86, 170]) == 2


def test_numbers_equal_within_relative_tolerance():
    assert attribute_equal("DOSE", "low", 45e6, 45e6 * (1 + 1e-12))
    assert not attribute_equal("DOSE", "low", 45e6, 45e6 + 1)
    assert attribute_equal("DOSE", "unit", None, None)
    assert not attribute_equal("DOSE", "unit", "mg", None)


def test_value_sets_ignore_repetition_and_position():
    gold = [S(0, 2, "ROUTE", route="oral"), S(10, 12, "ROUTE", route="oral")]
    pred = [S(30, 32, "ROUTE", route="oral")]
    counts = document_value_counts(gold, pred)
    assert counts["ROUTE.route"].as_tuple() == (1, 0, 0)
