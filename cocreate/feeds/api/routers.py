"""The B2B feed at /api/v1/feed/, for malls' API keys with the feed:read scope. Record pages
are rendered straight to JSON (orjson); their shapes are declared for the OpenAPI document."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Query, Router

from cocreate.core.ids import is_storable_id
from cocreate.feeds import selectors
from cocreate.feeds.api.schemas import (
    CategoriesOut,
    CategoryQuery,
    FeedPageOut,
    FeedQuery,
    FilterQuery,
    Problem,
    ProductSummaryOut,
    SubscriptionOut,
    TombstonePageOut,
    TombstoneQuery,
    UsageOut,
)
from cocreate.feeds.cursor import cursor_decode, cursor_encode
from cocreate.feeds.enums import Channel, ExportFormat
from cocreate.feeds.exports import CONTENT_TYPES, FILENAMES, export_stream
from cocreate.feeds.metering import delivery_record
from cocreate.feeds.models import MallAccount
from cocreate.feeds.selectors import FeedFilters
from cocreate.feeds.services import mall_account_get
from cocreate.orgs.auth import ApiKeyAuth, request_api_key
from cocreate.orgs.enums import OrgKind, Scope
from cocreate.orgs.models import ApiKey

router = Router(tags=["feed"], auth=ApiKeyAuth(Scope.FEED_READ, org_kind=OrgKind.MALL))

TAXONOMY = "google-product-taxonomy-2021-09-21"
ERRORS: dict[Any, Any] = {frozenset({400, 401, 403, 404, 422, 429}): Problem}


def _with_limits(request: HttpRequest, response: Any) -> Any:
    key = request_api_key(request)
    response["X-RateLimit-Limit"] = str(key.rate_limit_per_minute)
    response["X-RateLimit-Remaining"] = str(getattr(request, "api_key_remaining", 0))
    return response


def _json(request: HttpRequest, data: Any) -> HttpResponse:
    body = data if isinstance(data, bytes) else orjson.dumps(data)
    return _with_limits(request, HttpResponse(body, content_type="application/json"))


def _context(request: HttpRequest) -> tuple[ApiKey, MallAccount]:
    key = request_api_key(request)
    return key, mall_account_get(key.org)


def _filters(q: FilterQuery) -> FeedFilters:
    return FeedFilters(
        kind=q.kind,
        language=q.language,
        product_id=q.product_id,
        brand_id=q.brand_id,
        category_id=q.category_id,
        sentiment=q.sentiment,
        updated_since=q.updated_since,
        subscription_id=q.subscription_id,
    )


@router.get(
    "/contributions",
    response={200: FeedPageOut, **ERRORS},
    operation_id="feed_contributions",
    summary="Records in your subscriptions, by cursor in a stable order",
)
def contributions(request: HttpRequest, q: Query[FeedQuery]) -> HttpResponse:
    """Every published contribution its author agreed to share, negative ones included, with
    masked text only. Pass `next_cursor` back to continue; a record that changes later comes
    again after the cursor, so polling with the last cursor returns new and changed records."""
    key, account = _context(request)
    filters = _filters(q)
    page = selectors.feed_page(
        key.org, account, filters, after=cursor_decode(q.cursor), limit=q.limit
    )
    delivery_record(
        org=key.org,
        api_key=key,
        channel=Channel.API,
        endpoint="contributions",
        contribution_ids=page.ids,
    )
    tail = {
        "next_cursor": cursor_encode(page.last_seq),
        "has_more": page.has_more,
        "usage": "internal_analytics_only" if filters.narrows_by_opinion else "display",
    }
    body = b'{"items":[' + b",".join(page.items) + b"]," + orjson.dumps(tail)[1:]
    return _json(request, body)


@router.get(
    "/tombstones",
    response={200: TombstonePageOut, **ERRORS},
    operation_id="feed_tombstones",
    summary="Records that left the feed: delete them on your side",
)
def tombstones(request: HttpRequest, q: Query[TombstoneQuery]) -> HttpResponse:
    key, _account = _context(request)
    items, last, has_more = selectors.tombstone_page(
        key.org,
        FeedFilters(subscription_id=q.subscription_id),
        since=q.since,
        after=cursor_decode(q.cursor, kind="t"),
        limit=q.limit,
    )
    delivery_record(
        org=key.org,
        api_key=key,
        channel=Channel.API,
        endpoint="tombstones",
        contribution_ids=[],
        tombstones=len(items),
    )
    return _json(
        request,
        {"items": items, "next_cursor": cursor_encode(last, kind="t"), "has_more": has_more},
    )


@router.get(
    "/products/{product_id}/summary",
    response={200: ProductSummaryOut, **ERRORS},
    operation_id="feed_product_summary",
    summary="A product's ratings, counts, incentivised count and aspect sentiment",
)
def product_summary(request: HttpRequest, product_id: int) -> HttpResponse:
    key, _account = _context(request)
    product = selectors.product_for_mall(key.org, product_id if is_storable_id(product_id) else 0)
    return _json(request, selectors.product_summary(product))


@router.get(
    "/categories",
    response={200: CategoriesOut, **ERRORS},
    operation_id="feed_categories",
    summary="The category tree (Google Product Taxonomy) with Korean and English labels",
)
def categories(request: HttpRequest, q: Query[CategoryQuery]) -> HttpResponse:
    items = selectors.category_tree(root_id=q.root, depth=q.depth)
    return _json(request, {"taxonomy": TAXONOMY, "items": items})


@router.get(
    "/subscriptions",
    response={200: list[SubscriptionOut], **ERRORS},
    operation_id="feed_subscriptions",
    summary="Your mall's subscriptions",
)
def subscriptions(request: HttpRequest) -> HttpResponse:
    key = request_api_key(request)
    subs = selectors.subscription_list(key.org)
    return _json(
        request,
        [
            {
                "id": s.pk,
                "name": s.name,
                "category_ids": s.category_ids,
                "brand_ids": s.brand_ids,
                "product_ids": s.product_ids,
                "kinds": s.kinds,
                "languages": s.languages,
                "active": s.active,
                "webhook": bool(s.webhook_url),
            }
            for s in subs
        ],
    )


@router.get(
    "/usage",
    response={200: UsageOut, **ERRORS},
    operation_id="feed_usage",
    summary="Records delivered and billed this billing period, by day",
)
def usage(request: HttpRequest) -> HttpResponse:
    key, account = _context(request)
    period = selectors.current_period()
    billed = selectors.period_record_count(key.org, period)
    price = account.plan.price_per_record_krw
    days = [
        {"day": d.isoformat(), "delivered": delivered, "billed": new}
        for d, delivered, new in selectors.usage_by_day(key.org, days=31)
        if d >= period
    ]
    return _json(
        request,
        {
            "period": f"{period:%Y-%m}",
            "billed_records": billed,
            "price_per_record_krw": price,
            "amount_so_far_krw": billed * price,
            "days": days,
        },
    )


def _export(request: HttpRequest, q: FilterQuery, fmt: str) -> StreamingHttpResponse:
    key, account = _context(request)
    filters = _filters(q)
    selectors.subscriptions_in_scope(key.org, filters)  # a bad subscription id fails up front
    response = StreamingHttpResponse(
        export_stream(org=key.org, api_key=key, account=account, filters=filters, fmt=fmt),
        content_type=CONTENT_TYPES[ExportFormat(fmt)],
    )
    response["Content-Disposition"] = f'attachment; filename="{FILENAMES[ExportFormat(fmt)]}"'
    return _with_limits(request, response)


EXPORTS = [
    (
        ExportFormat.JSONL,
        "contributions.jsonl",
        "application/x-ndjson",
        "JSON Lines, one record a line",
    ),
    (ExportFormat.CSV, "contributions.csv", "text/csv", "CSV with a header row"),
    (
        ExportFormat.GOOGLE,
        "google-product-reviews.xml",
        "application/xml",
        "Google product review feed, XML schema 2.4 (reviews only)",
    ),
]


def _export_view(fmt: str) -> Any:
    def view(request: HttpRequest, q: Query[FilterQuery]) -> StreamingHttpResponse:
        return _export(request, q, fmt)

    return view


for _fmt, _name, _media_type, _summary in EXPORTS:
    router.get(
        f"/exports/{_name}",
        response={**ERRORS},
        operation_id=f"feed_export_{_fmt}",
        summary=f"Export: {_summary}",
        openapi_extra={
            "responses": {
                200: {
                    "description": "The whole feed in your subscriptions, streamed.",
                    "content": {_media_type: {"schema": {"type": "string"}}},
                }
            }
        },
    )(_export_view(_fmt))
