"""The feed's JSON shapes, as documented in docs/feed.md and the OpenAPI snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from django.conf import settings
from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, Field

from cocreate.contributions.enums import Kind
from cocreate.core.ids import MAX_ID

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _sane_time(value: datetime) -> datetime:
    """Aware, and within years the database can compare (2000-2100)."""
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    if not 2000 <= value.year <= 2100:
        raise ValueError("must be between the years 2000 and 2100")
    return value


Time = Annotated[datetime, AfterValidator(_sane_time)]


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[dict[str, str]] | None = None


class FilterQuery(Schema):
    updated_since: Time | None = Field(
        default=None, description="Only records that changed at or after this time (ISO 8601)."
    )
    kind: Kind | None = None
    language: Literal["ko", "en", "other"] | None = None
    product_id: Id | None = None
    brand_id: Id | None = None
    category_id: Id | None = Field(default=None, description="A category and its whole subtree.")
    sentiment: Literal["positive", "negative"] | None = Field(
        default=None,
        description="Only for analysis: a page narrowed by opinion is marked "
        "`usage: internal_analytics_only` and must not be published as if complete.",
    )
    subscription_id: Id | None = Field(default=None, description="One of your subscriptions.")


class FeedQuery(FilterQuery):
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(
        default=settings.FEEDS_PAGE_SIZE_DEFAULT, ge=1, le=settings.FEEDS_PAGE_SIZE_MAX
    )


class TombstoneQuery(Schema):
    since: Time | None = Field(default=None, description="Tombstones at or after this time.")
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(
        default=settings.FEEDS_PAGE_SIZE_DEFAULT, ge=1, le=settings.FEEDS_PAGE_SIZE_MAX
    )
    subscription_id: Id | None = None


class CategoryQuery(Schema):
    root: Id | None = Field(default=None, description="Only this category's subtree.")
    depth: int = Field(default=7, ge=1, le=7, description="Levels below the root to include.")


class ProductOut(Schema):
    id: int
    name: str
    gtin: str | None
    sku: str | None
    mpn: str | None
    url: str


class BrandOut(Schema):
    id: int
    name: str


class CategoryRef(Schema):
    id: int
    name_en: str
    name_ko: str | None
    path_ids: list[int]
    path_en: str
    path_ko: str


class SentimentOut(Schema):
    label: str
    score: float | None
    confidence: float | None
    model: str | None


class AspectOut(Schema):
    aspect: str
    polarity: str
    confidence: float | None = None


class PredictionOut(Schema):
    label: str
    confidence: float | None
    model: str | None


class PredictedCategoryOut(Schema):
    id: int
    confidence: float | None
    model: str | None


class FeedRecord(Schema):
    author_id: str = Field(description="Pseudonymous author id, different for every mall.")
    id: int
    version: int
    kind: str
    idea_type: str | None
    product: ProductOut | None
    brand: BrandOut | None
    category: CategoryRef | None
    rating: int | None
    rating_min: int | None
    rating_max: int | None
    title: str = Field(description="Masked title.")
    body: str = Field(description="Masked text: personal data replaced by typed placeholders.")
    pii_masked: bool
    pii_counts: dict[str, int]
    masking_version: str | None
    language: str | None
    sentiment: SentimentOut | None
    aspects: list[AspectOut]
    aspects_model: str | None
    predicted_kind: PredictionOut | None
    predicted_category: PredictedCategoryOut | None
    verified_purchase: bool
    verification_method: str | None
    incentivised: bool
    incentive_method: str | None
    declared_relationship: str | None
    created_at: datetime
    published_at: datetime | None
    edited_at: datetime | None
    updated_at: datetime
    url: str
    origin: dict[str, str]


class FeedPageOut(Schema):
    items: list[FeedRecord]
    next_cursor: str = Field(description="Pass it back to continue; also to poll for new records.")
    has_more: bool
    usage: Literal["display", "internal_analytics_only"]


class TombstoneOut(Schema):
    id: int
    reason: str
    deleted_at: datetime


class TombstonePageOut(Schema):
    items: list[TombstoneOut]
    next_cursor: str
    has_more: bool


class CategoryOut(Schema):
    id: int
    parent_id: int | None
    level: int
    name_en: str
    name_ko: str | None
    path_en: str


class CategoriesOut(Schema):
    taxonomy: str
    items: list[CategoryOut]


class AspectCounts(Schema):
    aspect: str
    positive: int
    negative: int
    neutral: int


class ProductSummaryOut(Schema):
    product_id: int
    gtin: str | None
    sku: str | None
    mpn: str | None
    brand: str
    category_id: int
    review_count: int
    average_rating: float | None
    rating_distribution: dict[str, int]
    incentivised_count: int
    verified_purchase_count: int
    counts_by_kind: dict[str, int]
    feed_records: int
    sentiment: dict[str, int]
    aspects: list[AspectCounts]
    models: list[str]


class SubscriptionOut(Schema):
    id: int
    name: str
    category_ids: list[int]
    brand_ids: list[int]
    product_ids: list[int]
    kinds: list[str]
    languages: list[str]
    active: bool
    webhook: bool


class UsageDayOut(Schema):
    day: str
    delivered: int
    billed: int


class UsageOut(Schema):
    period: str
    billed_records: int
    price_per_record_krw: int
    amount_so_far_krw: int
    days: list[UsageDayOut]
