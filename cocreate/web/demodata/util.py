"""Deterministic choices: the same key always gives the same pick, on every machine."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

DAYS_BACK = 365


def unit(key: str) -> float:
    """A number in [0, 1) that depends only on `key`."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def pick[T](key: str, items: Sequence[T]) -> T:
    return items[int(unit(key) * len(items))]


def weighted[T](key: str, items: Sequence[tuple[T, float]]) -> T:
    """One of `items` (value, weight), chosen in proportion to the weights."""
    total = sum(w for _, w in items)
    point = unit(key) * total
    for value, weight in items:
        point -= weight
        if point < 0:
            return value
    return items[-1][0]


def moment(key: str, now: datetime) -> datetime:
    """A time within the last twelve months, a little more often recent than long ago (the
    platform grows), never in the future."""
    share = unit(key) ** 1.35
    return now - timedelta(seconds=3600 + share * (DAYS_BACK * 86400 - 7200))


def gtin13(prefix: str, number: int) -> str:
    """A GTIN-13 with a correct GS1 check digit: `prefix` (e.g. 880, Korea) then `number`."""
    body = f"{prefix}{number:0{12 - len(prefix)}d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)
