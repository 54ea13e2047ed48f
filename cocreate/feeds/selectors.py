"""Reads of the feed, always within one mall's active subscriptions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.catalog.models import Category, Product
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.core.errors import NotFound
from cocreate.feeds.enums import FeedErrorCode
from cocreate.feeds.metering import next_period, period_of
from cocreate.feeds.models import (
    DeliveredRecord,
    DeliveryLog,
    FeedItem,
    Invoice,
    MallAccount,
    Subscription,
    Tombstone,
    WebhookDelivery,
)
from cocreate.feeds.records import author_pseudonym, served_json
from cocreate.feeds.scope import Facets, category_paths, covers, scope_q
from cocreate.orgs.models import ApiKey, Organisation
from cocreate.textintel.models import Enrichment

EXPORT_CHUNK = 2000


@dataclass(frozen=True)
class FeedFilters:
    """What a mall narrows its feed to, on top of its subscriptions."""

    kind: str | None = None
    language: str | None = None
    product_id: int | None = None
    brand_id: int | None = None
    category_id: int | None = None
    sentiment: str | None = None
    updated_since: datetime | None = None
    subscription_id: int | None = None

    @property
    def narrows_by_opinion(self) -> bool:
        return self.sentiment is not None


@dataclass
class Page:
    items: list[bytes]  # each record as JSON
    ids: list[int]
    last_seq: int
    has_more: bool


def subscriptions_active(org: Organisation) -> list[Subscription]:
    return list(Subscription.objects.filter(org=org, active=True).order_by("pk"))


def subscription_list(org: Organisation) -> QuerySet[Subscription]:
    return Subscription.objects.filter(org=org).order_by("-active", "name", "pk")


def subscriptions_in_scope(org: Organisation, filters: FeedFilters) -> list[Subscription]:
    subs = subscriptions_active(org)
    if filters.subscription_id is not None:
        subs = [s for s in subs if s.pk == filters.subscription_id]
        if not subs:
            raise NotFound(FeedErrorCode.SUBSCRIPTION_NOT_FOUND, _("No such subscription."))
    return subs


def _narrow(qs: QuerySet[Any], filters: FeedFilters) -> QuerySet[Any]:
    simple = {
        "kind": filters.kind,
        "language": filters.language,
        "product_id": filters.product_id,
        "brand_id": filters.brand_id,
        "sentiment": filters.sentiment,
    }
    qs = qs.filter(**{k: v for k, v in simple.items() if v is not None})
    if filters.category_id is not None:
        path = Category.objects.filter(pk=filters.category_id).values_list("path_ids", flat=True)
        qs = qs.filter(category_path__startswith=path.first() or "/none/")
    return qs


def feed_items(org: Organisation, filters: FeedFilters) -> QuerySet[FeedItem]:
    qs = FeedItem.objects.filter(scope_q(subscriptions_in_scope(org, filters)))
    qs = _narrow(qs, filters)
    if filters.updated_since is not None:
        qs = qs.filter(updated_at__gte=filters.updated_since)
    return qs


def feed_page(
    org: Organisation, account: MallAccount, filters: FeedFilters, *, after: int, limit: int
) -> Page:
    """Up to `limit` records after sequence number `after`, in sequence order: a record that
    changes moves to the end, so a walk by cursor sees every record, changes included."""
    rows = list(
        feed_items(org, filters)
        .filter(seq__gt=after)
        .order_by("seq")
        .values_list("seq", "contribution_id", "author_id", "record")[: limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    secret = account.pseudonym_secret
    pseudonyms: dict[int, str] = {}
    items = []
    for _seq, _cid, author, record in rows:
        if author not in pseudonyms:
            pseudonyms[author] = author_pseudonym(secret, author)
        items.append(served_json(record, pseudonyms[author]))
    return Page(
        items=items,
        ids=[r[1] for r in rows],
        last_seq=rows[-1][0] if rows else after,
        has_more=has_more,
    )


def feed_iter(
    org: Organisation, account: MallAccount, filters: FeedFilters, *, chunk: int = EXPORT_CHUNK
) -> Iterator[Page]:
    """The whole feed in pages, by keyset, for exports."""
    after = 0
    while True:
        page = feed_page(org, account, filters, after=after, limit=chunk)
        if page.items:
            yield page
        if not page.has_more:
            return
        after = page.last_seq


def tombstone_page(
    org: Organisation, filters: FeedFilters, *, since: datetime | None, after: int, limit: int
) -> tuple[list[dict[str, Any]], int, bool]:
    qs = _narrow(Tombstone.objects.filter(scope_q(subscriptions_in_scope(org, filters))), filters)
    if since is not None:
        qs = qs.filter(deleted_at__gte=since)
    rows = list(
        qs.filter(seq__gt=after)
        .order_by("seq")
        .values("seq", "contribution_id", "reason", "deleted_at")[: limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    items = [
        {"id": r["contribution_id"], "reason": r["reason"], "deleted_at": r["deleted_at"]}
        for r in rows
    ]
    return items, rows[-1]["seq"] if rows else after, has_more


# --- product summary ------------------------------------------------------------------------


def product_for_mall(org: Organisation, product_id: int) -> Product:
    """The product if one of the mall's active subscriptions covers it; NotFound alike for a
    product that does not exist and one outside the mall's subscriptions."""
    product = Product.objects.select_related("brand", "category").filter(pk=product_id).first()
    subs = subscriptions_active(org)
    if product is not None:
        paths = category_paths(subs)
        for sub in subs:
            facts = Facets(
                kind=sub.kinds[0] if sub.kinds else Kind.REVIEW,
                language=sub.languages[0] if sub.languages else "",
                category_path=product.category.path_ids,
                brand_id=product.brand_id,
                product_id=product.pk,
            )
            if covers(sub, facts, paths):
                return product
    raise NotFound(FeedErrorCode.PRODUCT_NOT_FOUND, _("No such product in your subscriptions."))


def product_summary(product: Product) -> dict[str, Any]:
    """Honest aggregates over every published contribution about the product, the low
    ratings included: rating distribution, counts, incentivised and verified counts, and the
    sentiment and aspects text intelligence found."""
    published = Contribution.objects.filter(product=product, status=Status.PUBLISHED)
    reviews = published.filter(kind=Kind.REVIEW)
    stars = dict(reviews.values_list("rating").annotate(n=Count("id")))
    review_totals = reviews.aggregate(
        n=Count("id"),
        incentivised=Count("id", filter=Q(incentivised=True)),
        verified=Count("id", filter=Q(verified_purchase=True)),
        rating_sum=Sum("rating"),
    )
    by_kind = dict(published.values_list("kind").annotate(n=Count("id")))
    enrichments = Enrichment.objects.filter(
        contribution__product=product, contribution__status=Status.PUBLISHED
    ).values_list("sentiment", "aspects", "sentiment_model", "aspects_model")
    sentiment: Counter[str] = Counter()
    aspects: dict[str, Counter[str]] = {}
    models: set[str] = set()
    for label, found, s_model, a_model in enrichments:
        if label:
            sentiment[label] += 1
        models.update(m for m in (s_model, a_model) if m)
        for aspect in found or []:
            name, polarity = str(aspect.get("aspect", "")), str(aspect.get("polarity", ""))
            if name and polarity:
                aspects.setdefault(name, Counter())[polarity] += 1
    n = review_totals["n"] or 0
    return {
        "product_id": product.pk,
        "gtin": product.gtin or None,
        "sku": product.sku or None,
        "mpn": product.mpn or None,
        "brand": product.brand.name,
        "category_id": product.category_id,
        "review_count": n,
        "average_rating": round((review_totals["rating_sum"] or 0) / n, 2) if n else None,
        "rating_distribution": {str(s): stars.get(s, 0) for s in (5, 4, 3, 2, 1)},
        "incentivised_count": review_totals["incentivised"] or 0,
        "verified_purchase_count": review_totals["verified"] or 0,
        "counts_by_kind": {k: by_kind.get(k, 0) for k in Kind.values},
        "feed_records": FeedItem.objects.filter(product_id=product.pk).count(),
        "sentiment": {"positive": sentiment["positive"], "negative": sentiment["negative"]},
        "aspects": [
            {
                "aspect": name,
                "positive": counts["positive"],
                "negative": counts["negative"],
                "neutral": counts["neutral"],
            }
            for name, counts in sorted(aspects.items())
        ],
        "models": sorted(models),
    }


# --- categories -----------------------------------------------------------------------------


def category_tree(*, root_id: int | None, depth: int) -> list[dict[str, Any]]:
    """The taxonomy under `root_id` (the whole tree when None), `depth` levels deep, in tree
    order, with English and Korean labels."""
    qs = Category.objects.order_by("path_en")
    top_level = 0
    if root_id is not None:
        root = Category.objects.filter(pk=root_id).first()
        if root is None:
            raise NotFound("category_not_found", _("No such category."))
        qs = qs.filter(path_ids__startswith=root.path_ids)
        top_level = root.level - 1
    qs = qs.filter(level__lte=top_level + depth)
    return [
        {
            "id": pk,
            "parent_id": parent,
            "level": level,
            "name_en": en,
            "name_ko": ko or None,
            "path_en": path,
        }
        for pk, parent, level, en, ko, path in qs.values_list(
            "id", "parent_id", "level", "name_en", "name_ko", "path_en"
        )
    ]


# --- console --------------------------------------------------------------------------------


def api_keys_for(org: Organisation) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(org=org).order_by("revoked_at", "-created_at")


def usage_by_day(org: Organisation, *, days: int = 30) -> list[tuple[date, int, int]]:
    """(day, records delivered, records billed for the first time) for the last `days` days."""
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    delivered = dict(
        DeliveryLog.objects.filter(org=org, day__gte=start)
        .values_list("day")
        .annotate(n=Sum("records"))
    )
    billed = dict(
        DeliveredRecord.objects.filter(org=org, first_day__gte=start)
        .values_list("first_day")
        .annotate(n=Count("id"))
    )
    return [
        (d, delivered.get(d, 0) or 0, billed.get(d, 0))
        for d in (start + timedelta(days=i) for i in range(days))
    ]


def usage_by_key(org: Organisation, *, period: date) -> list[dict[str, Any]]:
    """Per key, in the billing period: records delivered and records billed."""
    end = next_period(period)
    delivered = dict(
        DeliveryLog.objects.filter(org=org, day__gte=period, day__lt=end)
        .values_list("api_key")
        .annotate(n=Sum("records"))
    )
    billed = dict(
        DeliveredRecord.objects.filter(org=org, period=period)
        .values_list("first_key")
        .annotate(n=Count("id"))
    )
    names = dict(ApiKey.objects.filter(org=org).values_list("pk", "name"))
    keys = sorted(set(delivered) | set(billed), key=lambda k: (k is None, k or 0))
    return [
        {
            "key_id": k,
            "name": names.get(k, "") if k is not None else _("Webhooks"),
            "delivered": delivered.get(k, 0) or 0,
            "billed": billed.get(k, 0),
        }
        for k in keys
    ]


def period_record_count(org: Organisation, period: date) -> int:
    return DeliveredRecord.objects.filter(org=org, period=period).count()


def current_period() -> date:
    return period_of(timezone.localdate())


def invoices_for(org: Organisation) -> QuerySet[Invoice]:
    return Invoice.objects.filter(org=org).order_by("-period")


def webhook_log(subscription: Subscription, *, limit: int = 50) -> QuerySet[WebhookDelivery]:
    return (
        WebhookDelivery.objects.filter(subscription=subscription)
        .prefetch_related("log")
        .order_by("-created_at")[:limit]
    )
