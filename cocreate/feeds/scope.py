"""Which feed items and tombstones a subscription covers, as a query and as a test on one row.
Each non-empty list of a subscription narrows it; a mall sees the union of its active ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from cocreate.catalog.models import Category
from cocreate.feeds.models import Subscription


@dataclass(frozen=True)
class Facets:
    """The filterable facts of one record (a FeedItem or a Tombstone)."""

    kind: str
    language: str
    category_path: str
    brand_id: int | None
    product_id: int | None


def category_paths(subscriptions: Iterable[Subscription]) -> dict[int, str]:
    ids = {int(i) for s in subscriptions for i in s.category_ids}
    return dict(Category.objects.filter(pk__in=ids).values_list("id", "path_ids"))


def subscription_q(sub: Subscription, paths: dict[int, str]) -> Q:
    q = Q(pk__isnull=False)  # everything, until a list narrows it
    if sub.category_ids:
        cats = Q(pk__in=[])
        for cid in sub.category_ids:
            cats |= Q(category_path__startswith=paths.get(int(cid), f"/missing-{cid}/"))
        q &= cats
    if sub.brand_ids:
        q &= Q(brand_id__in=sub.brand_ids)
    if sub.product_ids:
        q &= Q(product_id__in=sub.product_ids)
    if sub.kinds:
        q &= Q(kind__in=sub.kinds)
    if sub.languages:
        q &= Q(language__in=sub.languages)
    return q


def scope_q(subscriptions: list[Subscription]) -> Q:
    """Rows covered by any of `subscriptions`; nothing when the list is empty."""
    paths = category_paths(subscriptions)
    q = Q(pk__in=[])
    for sub in subscriptions:
        q |= subscription_q(sub, paths)
    return q


def covers(sub: Subscription, facts: Facets, paths: dict[int, str]) -> bool:
    if sub.category_ids and not any(
        facts.category_path.startswith(paths.get(int(c), "\0")) for c in sub.category_ids
    ):
        return False
    checks = (
        (sub.brand_ids, facts.brand_id),
        (sub.product_ids, facts.product_id),
        (sub.kinds, facts.kind),
        (sub.languages, facts.language),
    )
    return all(not allowed or value in allowed for allowed, value in checks)
