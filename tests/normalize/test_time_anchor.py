"""Anchors of time expressions: what the times are counted from, as written."""

from __future__ import annotations

import pytest

from extractor.normalize.time_anchor import anchor_at, find_anchor


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("after MSC administration", "after MSC administration"),
        ("post-treatment", "post-treatment"),
        ("postoperatively", "postoperatively"),
        ("following the infusion and at discharge", "following the infusion"),
        ("after the", None),  # articles at the end are left out, and then nothing is left
        ("from baseline", None),  # after "from", a baseline word starts a period
        ("and then", None),
    ],
)
def test_anchor_at(text, anchor):
    span = anchor_at(text, 0, len(text))
    assert (text[span[0] : span[1]] if span else None) == anchor


def test_find_anchor_prefers_one_after_the_times():
    text = "After surgery, visits at 3 and 6 months post-transplant"
    assert find_anchor(text, text.index("3")) == "post-transplant"
    assert find_anchor(text, len(text)) == "After surgery"  # none after: the first anywhere
    assert find_anchor("at 3 and 6 months", 0) == ""
