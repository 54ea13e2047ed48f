"""Demo data: ideas."""

from typing import TextIO


def seed(out: TextIO) -> None:
    """Nothing here yet."""
