"""The only door from moderation to a contribution: a `Subject` built from an explicit list of
columns. The star rating, the sentiment and everything derived from them are not on the list,
so no moderation code path can read them: not the queue, not the permissions, not the
decisions, not the pages moderators see. (The public transparency report, which must count by
rating, lives apart in `transparency.py`.) A test scans this package to keep it so."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cocreate.contributions.enums import IdeaType, Kind, Relationship, Status
from cocreate.contributions.models import Contribution
from cocreate.core.errors import NotFound
from cocreate.ideas.models import Idea

# column -> Subject attribute. Nothing else of a contribution is ever loaded by moderation.
COLUMNS: dict[str, str] = {
    "id": "id",
    "kind": "kind",
    "status": "status",
    "idea_type": "idea_type",
    "title": "title",
    "body": "body",
    "body_sha256": "body_sha256",
    "version_count": "version",
    "created_at": "created_at",
    "published_at": "published_at",
    "status_changed_at": "status_changed_at",
    "verified_purchase": "verified_purchase",
    "incentivised": "incentivised",
    "declared_relationship": "declared_relationship",
    "author_id": "author_id",
    "author__display_name": "author_name",
    "brand_id": "brand_id",
    "brand__name": "brand_name",
    "brand__org_id": "brand_org_id",
    "product_id": "product_id",
    "product__name": "product_name",
    "category_id": "category_id",
}


@dataclass(frozen=True)
class Subject:
    """What a moderator may know about a contribution."""

    id: int
    kind: str
    status: str
    idea_type: str
    title: str
    body: str
    body_sha256: str
    version: int
    created_at: datetime
    published_at: datetime | None
    status_changed_at: datetime | None
    verified_purchase: bool
    incentivised: bool
    declared_relationship: str
    author_id: int
    author_name: str
    brand_id: int | None
    brand_name: str | None
    brand_org_id: int | None
    product_id: int | None
    product_name: str | None
    category_id: int | None

    @property
    def pk(self) -> int:
        return self.id

    @property
    def is_idea(self) -> bool:
        return self.kind == Kind.IDEA

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def idea_type_label(self) -> str:
        return str(IdeaType(self.idea_type).label) if self.idea_type else ""

    @property
    def relationship_label(self) -> str:
        if not self.declared_relationship:
            return ""
        return str(Relationship(self.declared_relationship).label)


def _subject(row: dict[str, Any]) -> Subject:
    return Subject(**{attr: row[column] for column, attr in COLUMNS.items()})


def blind_rows(qs: QuerySet[Contribution]) -> QuerySet[Contribution, dict[str, Any]]:
    """The allowed columns of the contributions in `qs`, as dictionaries."""
    return qs.values(*COLUMNS)


def subjects(qs: QuerySet[Contribution]) -> list[Subject]:
    return [_subject(row) for row in blind_rows(qs)]


def subject_get(contribution_id: int, *, lock: bool = False) -> Subject:
    """The subject for one contribution; with `lock`, its row stays locked until the
    transaction ends (use it inside one)."""
    qs = Contribution.objects.filter(pk=contribution_id)
    if lock:
        qs = qs.select_for_update(of=("self",))
    row = blind_rows(qs).first()
    if row is None:
        raise NotFound("not_found", _("No such contribution."))
    subject = _subject(row)
    if lock and subject.kind == Kind.IDEA:
        # Take the idea's row now, before anything writes to the audit chain: supports lock the
        # idea row and then the chain's head, so every path takes them in that order.
        Idea.objects.select_for_update(of=("self",)).filter(pk=subject.id).first()
    return subject


def subjects_by_id(ids: Iterable[int]) -> dict[int, Subject]:
    return {s.id: s for s in subjects(Contribution.objects.filter(pk__in=set(ids)))}


def subject_of(contribution: Contribution) -> Subject:
    """The subject of a contribution already loaded by a page (with its author, brand and
    product selected), reading only the allowed columns."""
    row: dict[str, Any] = {}
    for column in COLUMNS:
        value: Any = contribution
        for part in column.split("__"):
            value = getattr(value, part, None) if value is not None else None
        row[column] = value
    return _subject(row)
