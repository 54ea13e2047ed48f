import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreate.ledger.allocation import largest_remainder, royalty_of, share_of


def test_splits_exactly_with_remainders_to_largest_fractions():
    # 100 won over weights 1:1:1 -> 33.33 each; the one left goes to the smallest key on a tie.
    assert largest_remainder(100, {7: 1, 3: 1, 5: 1}) == {3: 34, 5: 33, 7: 33}
    # 10 won over 2:1 -> 6.67 and 3.33: the larger fraction gets the extra won.
    assert largest_remainder(10, {1: 2, 2: 1}) == {1: 7, 2: 3}


def test_zero_parts_are_left_out():
    assert largest_remainder(1, {1: 1, 2: 1, 3: 1}) == {1: 1}
    assert largest_remainder(0, {1: 5}) == {}
    assert largest_remainder(5, {}) == {}


def test_rejects_bad_input():
    with pytest.raises(ValueError):
        largest_remainder(-1, {1: 1})
    with pytest.raises(ValueError):
        largest_remainder(10, {1: 0})


@given(
    total=st.integers(min_value=0, max_value=10**12),
    weights=st.dictionaries(
        st.integers(min_value=1, max_value=10**6),
        st.integers(min_value=1, max_value=10**7),
        max_size=60,
    ),
)
def test_parts_sum_exactly_and_stay_within_one_won_of_the_exact_share(total, weights):
    parts = largest_remainder(total, weights)
    if weights:
        assert sum(parts.values()) == total
    else:
        assert parts == {}
    weight_sum = sum(weights.values())
    for key, w in weights.items():
        exact_floor = total * w // weight_sum
        assert parts.get(key, 0) in (exact_floor, exact_floor + 1)
    # the same input always gives the same split
    assert largest_remainder(total, dict(reversed(list(weights.items())))) == parts


def test_share_and_royalty_rounding():
    assert share_of(100_001, 3000) == 30_000  # rounded down
    assert royalty_of(1_000_050, 100) == 10_001  # 10,000.5 -> halves up
    assert royalty_of(1_000_049, 100) == 10_000
