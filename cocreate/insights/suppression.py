"""Small cells are never shown: a figure that rests on fewer than ``INSIGHTS_MIN_CELL_PEOPLE``
distinct people is suppressed, so no individual can be singled out. Dashboards and test-session
results both go through here."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


def min_cell_people() -> int:
    return int(getattr(settings, "INSIGHTS_MIN_CELL_PEOPLE", 5))


def is_suppressed(people: int) -> bool:
    """True when a cell resting on ``people`` distinct people must not be shown."""
    return people < min_cell_people()


@dataclass(frozen=True)
class Cell:
    """One figure of a chart or table: ``value`` is None when the cell is suppressed."""

    value: float | None
    people: int

    @property
    def suppressed(self) -> bool:
        return self.value is None


def cell(value: float, people: int) -> Cell:
    return Cell(value=None if is_suppressed(people) else value, people=people)
