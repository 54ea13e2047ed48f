"""Demo data: textintel."""

from typing import TextIO


def seed(out: TextIO) -> None:
    """Nothing here yet."""
