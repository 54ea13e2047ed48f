"""Exports of a mall's whole feed: JSON Lines, CSV, and Google's product review feed (XML
schema 2.4). Streamed in chunks; each chunk is metered and logged as one delivery batch once
it has been produced."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import orjson
from django.conf import settings

from cocreate.contributions.enums import Kind, VerificationMethod
from cocreate.feeds.enums import Channel, ExportFormat
from cocreate.feeds.metering import delivery_record
from cocreate.feeds.models import MallAccount, Tombstone
from cocreate.feeds.scope import scope_q
from cocreate.feeds.selectors import FeedFilters, feed_iter, subscriptions_in_scope
from cocreate.orgs.models import ApiKey, Organisation

CONTENT_TYPES = {
    ExportFormat.JSONL: "application/x-ndjson; charset=utf-8",
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.GOOGLE: "application/xml; charset=utf-8",
}
FILENAMES = {
    ExportFormat.JSONL: "contributions.jsonl",
    ExportFormat.CSV: "contributions.csv",
    ExportFormat.GOOGLE: "google-product-reviews.xml",
}
GOOGLE_SCHEMA = "http://www.google.com/shopping/reviews/schema/product/2.4/product_reviews.xsd"
CSV_COLUMNS = [
    "id",
    "version",
    "kind",
    "author_id",
    "product_id",
    "gtin",
    "sku",
    "mpn",
    "product_name",
    "brand",
    "category_id",
    "category_path_en",
    "category_path_ko",
    "rating",
    "title",
    "body",
    "language",
    "sentiment",
    "sentiment_score",
    "sentiment_confidence",
    "sentiment_model",
    "aspects",
    "aspects_model",
    "verified_purchase",
    "verification_method",
    "incentivised",
    "incentive_method",
    "declared_relationship",
    "pii_masked",
    "created_at",
    "edited_at",
    "updated_at",
    "url",
]
# A cell starting with one of these would be read as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- JSON Lines -----------------------------------------------------------------------------


def jsonl_chunk(records: list[bytes]) -> bytes:
    return b"\n".join(records) + b"\n" if records else b""


# --- CSV ------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_row(r: dict[str, Any]) -> list[Any]:
    product, brand, category = r["product"] or {}, r["brand"] or {}, r["category"] or {}
    sentiment = r["sentiment"] or {}
    row = [
        r["id"],
        r["version"],
        r["kind"],
        r["author_id"],
        product.get("id"),
        product.get("gtin"),
        product.get("sku"),
        product.get("mpn"),
        product.get("name"),
        brand.get("name"),
        category.get("id"),
        category.get("path_en"),
        category.get("path_ko"),
        r["rating"],
        r["title"],
        r["body"],
        r["language"],
        sentiment.get("label"),
        sentiment.get("score"),
        sentiment.get("confidence"),
        sentiment.get("model"),
        orjson.dumps(r["aspects"]).decode(),
        r["aspects_model"],
        r["verified_purchase"],
        r["verification_method"],
        r["incentivised"],
        r["incentive_method"],
        r["declared_relationship"],
        r["pii_masked"],
        r["created_at"],
        r["edited_at"],
        r["updated_at"],
        r["url"],
    ]
    return [_cell("" if v is None else v) for v in row]


def csv_chunk(records: list[dict[str, Any]], *, header: bool) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(r) for r in records)
    return out.getvalue().encode("utf-8")


# --- Google product review feed 2.4 ---------------------------------------------------------


def _el(name: str, value: Any, attrs: str = "") -> str:
    return f"<{name}{attrs}>{escape(str(value))}</{name}>"


def _ids(name: str, value: str | None) -> str:
    return f"<{name}s>{_el(name, value)}</{name}s>" if value else ""


def google_review(r: dict[str, Any]) -> str:
    """One <review>, children in the order of the 2.4 schema. Only reviews with a product and
    a rating are eligible; other kinds are left out of this format."""
    product, brand = r["product"] or {}, r["brand"] or {}
    method = (
        "post_fulfillment"
        if r["verification_method"] == VerificationMethod.INVITATION
        else "unsolicited"
    )
    alias = f"user-{r['author_id'][:8]}"
    parts = [
        "<review>",
        _el("review_id", r["id"]),
        "<reviewer>",
        _el("name", alias, ' is_anonymous="true"'),
        _el("reviewer_id", r["author_id"]),
        "</reviewer>",
        _el("is_verified_purchase", "true" if r["verified_purchase"] else "false"),
        _el("is_incentivized_review", "true" if r["incentivised"] else "false"),
        _el("review_timestamp", r["published_at"] or r["created_at"]),
    ]
    if r["title"]:
        parts.append(_el("title", r["title"]))
    parts.append(_el("content", r["body"]))
    if r["language"] in ("ko", "en"):
        parts.append(_el("review_language", r["language"]))
    parts += [
        _el("review_url", r["url"], ' type="singleton"'),
        "<ratings>",
        _el("overall", r["rating"], f' min="{r["rating_min"]}" max="{r["rating_max"]}"'),
        "</ratings>",
        "<products><product><product_ids>",
        _ids("gtin", product.get("gtin")),
        _ids("mpn", product.get("mpn")),
        _ids("sku", product.get("sku")),
        _ids("brand", brand.get("name")),
        "</product_ids>",
        _el("product_name", product.get("name", "")),
        _el("product_url", product.get("url", "")),
        "</product></products>",
        _el("collection_method", method),
        "</review>\n",
    ]
    return "".join(parts)


def google_is_eligible(r: dict[str, Any]) -> bool:
    return r["kind"] == Kind.REVIEW and r["rating"] is not None and r["product"] is not None


def google_head() -> str:
    site = settings.FEEDS_SITE_URL
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f"xsi:noNamespaceSchemaLocation={quoteattr(GOOGLE_SCHEMA)}>\n"
        "<version>2.4</version>\n"
        "<aggregator><name>cocreate</name></aggregator>\n"
        f"<publisher><name>cocreate</name><favicon>{escape(site)}/static/web/img/logo.svg"
        "</favicon></publisher>\n<reviews>\n"
    )


def google_tail(deleted_ids: Iterable[int]) -> str:
    deleted = "".join(_el("review_id", i) for i in deleted_ids)
    return (
        "</reviews>\n"
        + (f"<deleted_reviews>{deleted}</deleted_reviews>\n" if deleted else "")
        + "</feed>\n"
    )


# --- the stream -----------------------------------------------------------------------------


def _deleted_since(org: Organisation, filters: FeedFilters, since: datetime | None) -> list[int]:
    """For an incremental Google feed: reviews deleted since `since`."""
    if since is None:
        return []
    qs = Tombstone.objects.filter(
        scope_q(subscriptions_in_scope(org, filters)), deleted_at__gte=since
    )
    return list(
        qs.filter(kind=Kind.REVIEW).order_by("seq").values_list("contribution_id", flat=True)
    )


def export_stream(
    *,
    org: Organisation,
    api_key: ApiKey | None,
    account: MallAccount,
    filters: FeedFilters,
    fmt: str,
) -> Iterator[bytes]:
    """The export, chunk by chunk. A chunk is metered once it has been produced."""
    endpoint = f"export.{fmt}"
    if fmt == ExportFormat.GOOGLE:
        yield google_head().encode()
    first = True
    for page in feed_iter(org, account, filters):
        if fmt == ExportFormat.JSONL:
            body, delivered = jsonl_chunk(page.items), page.ids
        else:
            records = [orjson.loads(item) for item in page.items]
            if fmt == ExportFormat.CSV:
                body = csv_chunk(records, header=first)
            else:
                records = [r for r in records if google_is_eligible(r)]
                body = "".join(google_review(r) for r in records).encode()
            delivered = [r["id"] for r in records]
        first = False
        yield body
        delivery_record(
            org=org,
            api_key=api_key,
            channel=Channel.EXPORT,
            endpoint=endpoint,
            contribution_ids=delivered,
        )
    if fmt == ExportFormat.CSV and first:
        yield csv_chunk([], header=True)
    if fmt == ExportFormat.GOOGLE:
        yield google_tail(_deleted_since(org, filters, filters.updated_since)).encode()
