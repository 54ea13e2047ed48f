"""Dividing an amount of whole won among people in proportion to weights, so that the parts sum
exactly to the amount: not one won lost, not one invented (the largest-remainder method)."""

from __future__ import annotations

from collections.abc import Mapping


def largest_remainder(total: int, weights: Mapping[int, int]) -> dict[int, int]:
    """Split `total` won over the keys of `weights` in proportion to their weights.

    Each key first gets the whole part of its exact share, total * w / W; the won left over
    (fewer than the number of keys) go one each to the keys with the largest fractional parts,
    ties going to the smaller key, so the result is the same on every run. Keys whose part is
    zero are left out. Weights must be positive integers."""
    if total < 0:
        raise ValueError("total must not be negative")
    if any(w <= 0 for w in weights.values()):
        raise ValueError("weights must be positive")
    weight_sum = sum(weights.values())
    if total == 0 or weight_sum == 0:
        return {}
    parts: dict[int, int] = {}
    remainders: list[tuple[int, int]] = []
    for key in sorted(weights):
        whole, remainder = divmod(total * weights[key], weight_sum)
        parts[key] = whole
        remainders.append((remainder, key))
    left = total - sum(parts.values())
    remainders.sort(key=lambda item: (-item[0], item[1]))
    for _remainder, key in remainders[:left]:
        parts[key] += 1
    return {key: amount for key, amount in parts.items() if amount}


def share_of(amount: int, basis_points: int) -> int:
    """`basis_points` hundredths of a percent of `amount`, rounded down to the won."""
    return amount * basis_points // 10_000


def royalty_of(net_sales: int, basis_points: int) -> int:
    """A royalty of `basis_points` on `net_sales`, rounded to the nearest won (halves up)."""
    return (net_sales * basis_points + 5_000) // 10_000
