"""English app-store reviews (data/app-reviews-maalej, CC0), all attached to one app product of
the demo brand 하루전자, "하루 홈 앱", although the originals review many different apps.

Feature requests become ideas (an upgrade of the app; their title, or the first words of the
text when there is none), bug reports become complaints, and one in three descriptions of use
(UserExperience, chosen by hash) become reviews with their star rating. A text labelled twice
counts once, as the first of Feature, Bug, UserExperience; texts labelled only Rating are left
out, and so is the one text longer than a contribution may be. One idea in ten waits for
moderation; the others are published."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from django.conf import settings

from cocreate.contributions.enums import IdeaType, Kind, Status
from cocreate.contributions.models import BODY_MAX, TITLE_MAX
from cocreate.web.demodata.catalogue import APP_PRODUCT, Catalogue
from cocreate.web.demodata.people import Cast
from cocreate.web.demodata.rows import DemoRow, first_words
from cocreate.web.demodata.util import moment, pick, unit

SOURCE = settings.DATA_DIR / "app-reviews-maalej" / "app_reviews.csv"
PRIORITY = {"Feature": 0, "Bug": 1, "UserExperience": 2}
PENDING_SHARE = 0.1
EXPERIENCE_SHARE = 0.35


def _split(row: dict[str, str]) -> tuple[str, str]:
    """Some rows keep their title in the text, before a tab (when it is short enough to be
    one; otherwise the tab was a line break)."""
    title, body = row["title"].strip(), row["comment"].strip()
    if not title and "\t" in body:
        head, rest = (part.strip() for part in body.split("\t", 1))
        if len(head) <= TITLE_MAX:
            return head, rest
        body = f"{head}\n{rest}"
    return title, body


def read(path: Path = SOURCE) -> list[tuple[str, str, str, str, int]]:
    """(row key, label, title, body, rating), one per distinct text, by label priority."""
    with path.open(encoding="utf-8", newline="") as fh:
        source = [r for r in csv.DictReader(fh) if r["label"] in PRIORITY]
    source.sort(key=lambda r: (PRIORITY[r["label"]], r["source_file"], int(r["id"])))
    seen: set[str] = set()
    result = []
    for r in source:
        title, body = _split(r)
        normalised = " ".join(body.lower().split())
        if not body or len(body) > BODY_MAX or normalised in seen:
            continue
        seen.add(normalised)
        key = f"{r['source_file'].split('.')[0].lower()}:{r['id']}"
        result.append((key, r["label"], title, body, int(r["rating"])))
    return result


def _sample(
    items: list[tuple[str, str, str, str, int]], limit: int | None
) -> list[tuple[str, str, str, str, int]]:
    """At most `limit` rows, taken from every label alike (a small demo still has ideas)."""
    if limit is None:
        return items
    by_label: dict[str, list[tuple[str, str, str, str, int]]] = {}
    for item in items:
        by_label.setdefault(item[1], []).append(item)
    share = max(1, limit // len(by_label))
    return [item for group in by_label.values() for item in group[:share]]


def rows(
    cast: Cast, catalogue: Catalogue, now: datetime, *, limit: int | None = None
) -> list[DemoRow]:
    app = catalogue.products[APP_PRODUCT]
    result = []
    for row_id, label, title, body, rating in _sample(read(), limit):
        key = f"demo:appreviews:{row_id}"
        author = pick("author:" + key, cast.english)
        created = moment(key, now)
        if label == "Feature":
            result.append(
                DemoRow(
                    key,
                    Kind.IDEA,
                    author,
                    body,
                    created,
                    product=app,
                    title=(title or first_words(body))[:200],
                    idea_type=IdeaType.UPGRADE,
                    status=Status.PENDING
                    if unit("pending:" + key) < PENDING_SHARE
                    else Status.PUBLISHED,
                )
            )
        elif label == "Bug":
            result.append(
                DemoRow(key, Kind.COMPLAINT, author, body, created, product=app, title=title)
            )
        elif unit("experience:" + key) < EXPERIENCE_SHARE:
            result.append(
                DemoRow(
                    key, Kind.REVIEW, author, body, created, product=app, rating=rating, title=title
                )
            )
    return result
