"""Which ranges hold an offset: by bisection when they are apart, by a scan when they overlap."""

import pytest

from extractor.normalize.text_ranges import RangeIndex


@pytest.mark.parametrize(
    ("ranges", "offset", "holding"),
    [
        ([(0, 10), (10, 20), (25, 30)], 10, [1]),
        ([(0, 10), (10, 20), (25, 30)], 22, []),
        ([(0, 10), (10, 20), (25, 30)], 30, []),
        ([(0, 10), (10, 20), (25, 30)], -1, []),
        ([(5, 5), (5, 9)], 5, [1]),  # an empty range holds nothing
        ([(0, 20), (5, 9)], 6, [0, 1]),  # overlapping: scanned, every range that holds it
        ([(10, 20), (0, 5)], 3, [1]),  # out of order: indexes as given
        ([(10, 20), (0, 5)], 12, [0]),
        ([(5, 9), (5, 5)], 5, [0]),
        ([(5, 9), (5, 9)], 6, [0, 1]),  # the same range twice: both hold it
        ([], 3, []),
    ],
)
def test_ranges_holding_an_offset(ranges, offset, holding) -> None:
    index = RangeIndex(ranges)
    assert index.holding(offset) == holding
    assert index.first(offset) == (holding[0] if holding else None)
