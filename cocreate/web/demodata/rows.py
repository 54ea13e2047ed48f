"""One contribution to create for the demo, whatever data set it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cocreate.accounts.models import User
from cocreate.catalog.models import Product
from cocreate.contributions.enums import Status
from cocreate.orgs.models import Organisation

KEY_PREFIX = "demo:"


@dataclass
class DemoRow:
    key: str  # the contribution's import_key: "demo:<data set>:<row id>"
    kind: str
    author: User
    body: str
    created_at: datetime
    product: Product | None = None
    title: str = ""
    rating: int | None = None
    idea_type: str = ""
    status: str = Status.PUBLISHED
    relationship: str = ""
    # The organisation that posts the buyer's order first, so the review counts as verified.
    order_from: Organisation | None = None
    # A rating the author changes to later, within the same sentiment (a second version).
    later_rating: int | None = None


def first_words(text: str, limit: int = 80) -> str:
    """A title from the start of a text: its first line, cut at a word boundary."""
    line = text.strip().split("\n", 1)[0].strip()
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] or line[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"
