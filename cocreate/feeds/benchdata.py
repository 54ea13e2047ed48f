"""Bench data for `cocreate bench_feed`: contributions, enrichments and feed items inserted in
bulk (COPY on PostgreSQL, batched INSERTs on SQLite). Records are built by the same
`build_record` the product uses, from unsaved model instances."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from types import SimpleNamespace
from typing import Any, cast

import orjson
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.catalog.models import Brand, Category, Product
from cocreate.catalog.services import taxonomy_load
from cocreate.contributions.enums import Kind, Source, Status
from cocreate.contributions.models import Contribution
from cocreate.core.bulk import rows_insert
from cocreate.feeds.models import FeedHead, FeedItem
from cocreate.feeds.records import CategoryLabels, build_record, record_sha256
from cocreate.textintel.models import Enrichment

BRAND_SLUG = "bench-brand"
AUTHORS = 2000
PRODUCTS = 200
BATCH = 5000
PHRASES = [
    "배송이 빨라서 좋았어요",
    "사이즈가 생각보다 작아요",
    "가격 대비 품질이 훌륭합니다",
    "포장이 찢어져서 왔어요",
    "색상이 사진과 달라요",
    "재구매 의사 있습니다",
    "냄새가 심해서 반품했어요",
    "The fabric feels cheap",
]
ASPECTS = ["delivery", "quality", "price", "size", "design", "service", "packaging"]


def bench_rows() -> int:
    return FeedItem.objects.filter(contribution__brand__slug=BRAND_SLUG).count()


def _catalogue(rng: random.Random) -> tuple[list[Product], list[int]]:
    if not Category.objects.exists():
        taxonomy_load()
    brand, _created = Brand.objects.get_or_create(slug=BRAND_SLUG, defaults={"name": "벤치 브랜드"})
    products = list(Product.objects.filter(brand=brand).select_related("category", "brand"))
    if len(products) < PRODUCTS:
        leaves = list(
            Category.objects.filter(level__gte=3).values_list("pk", flat=True)[:2000]
        ) or list(Category.objects.values_list("pk", flat=True)[:2000])
        Product.objects.bulk_create(
            Product(
                brand=brand,
                category_id=rng.choice(leaves),
                name=f"벤치 제품 {i}",
                sku=f"BENCH-{i}",
                gtin=f"{880000000000 + i:013d}",
            )
            for i in range(len(products), PRODUCTS)
        )
        products = list(Product.objects.filter(brand=brand).select_related("category", "brand"))
    existing = list(
        User.objects.filter(email__endswith="@bench.invalid").values_list("pk", flat=True)
    )
    if len(existing) < AUTHORS:
        unusable = make_password(None)
        User.objects.bulk_create(
            User(email=f"author-{i}@bench.invalid", display_name=f"벤치{i}", password=unusable)
            for i in range(len(existing), AUTHORS)
        )
        existing = list(
            User.objects.filter(email__endswith="@bench.invalid").values_list("pk", flat=True)
        )
    return products, existing


def _rows(
    n: int, start_id: int, start_seq: int, rng: random.Random
) -> Iterator[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """Column values for a contribution, its enrichment and its feed item. The record is made
    by `build_record` from light stand-ins for the model instances (no ORM overhead)."""
    products, authors = _catalogue(rng)
    labels = CategoryLabels.load()
    now = timezone.now()
    for i in range(n):
        cid, product = start_id + i, rng.choice(products)
        rating = rng.choice((1, 2, 3, 4, 5, 5, 4))
        body = f"{rng.choice(PHRASES)} {rng.choice(PHRASES)} #{cid}"
        at = now - timedelta(seconds=n - i)
        c = {
            "id": cid,
            "kind": Kind.REVIEW,
            "author_id": rng.choice(authors),
            "product_id": product.pk,
            "brand_id": product.brand_id,
            "category_id": product.category_id,
            "rating": rating,
            "body": body,
            "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
            "language": "ko",
            "status": Status.PUBLISHED,
            "status_changed_at": at,
            "published_at": at,
            "b2b_consent": True,
            "source": Source.IMPORT,
            "created_at": at,
            "updated_at": at,
        }
        sentiment = "positive" if rating >= 4 else "negative"
        e = {
            "contribution_id": cid,
            "version_number": 1,
            "body_sha256": c["body_sha256"],
            "language": "ko",
            "masked_body": body,
            "masking_version": "bench",
            "sentiment": sentiment,
            "sentiment_score": rating / 5,
            "sentiment_confidence": 0.8,
            "sentiment_model": "bench@1",
            "kind": Kind.REVIEW,
            "aspects": [{"aspect": rng.choice(ASPECTS), "polarity": sentiment, "confidence": 0.7}],
            "aspects_model": "bench@1",
            "enriched_at": at,
        }
        stand_in = SimpleNamespace(
            **{**_CONTRIBUTION_DEFAULTS, **c},
            pk=cid,
            product=product,
            brand=product.brand,
            category=product.category,
        )
        record = build_record(
            cast(Any, stand_in),
            cast(Any, SimpleNamespace(**{**_ENRICHMENT_DEFAULTS, **e})),
            labels,
        )
        if record is None:
            raise RuntimeError("bench text tripped the personal-data guard")
        item = {
            "contribution_id": cid,
            "seq": start_seq + i + 1,
            "kind": Kind.REVIEW,
            "language": "ko",
            "sentiment": sentiment,
            "category_path": product.category.path_ids,
            "brand_id": product.brand_id,
            "product_id": product.pk,
            "author_id": c["author_id"],
            "record": orjson.dumps(record).decode(),
            "record_sha256": record_sha256(record),
            "updated_at": at,
        }
        yield c, e, item


def _defaults(model: Any) -> dict[str, Any]:
    return {f.attname: f.get_default() for f in model._meta.concrete_fields}


_CONTRIBUTION_DEFAULTS = _defaults(Contribution)
_ENRICHMENT_DEFAULTS = _defaults(Enrichment)


def _adapter(field: Any) -> Callable[[Any], Any]:
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.JSONField):
        return lambda v: orjson.dumps(v).decode()
    return lambda v: v


def _insert(model: Any, rows: list[dict[str, Any]]) -> None:
    """Rows as dicts of attribute names; columns the rows do not give get the field's
    default, so the insert keeps working when other apps add columns."""
    fields = list(model._meta.concrete_fields)
    defaults = _defaults(model)
    adapters = [_adapter(f) for f in fields]
    values = [
        [
            adapt(row.get(f.attname, defaults[f.attname]))
            for f, adapt in zip(fields, adapters, strict=True)
        ]
        for row in rows
    ]
    rows_insert(model, [f.column for f in fields], values)


def bench_build(rows: int, *, progress: Callable[[int], None] | None = None) -> int:
    """Add bench contributions until `rows` of them are in the feed. Returns how many were added."""
    missing = rows - bench_rows()
    if missing <= 0:
        return 0
    rng = random.Random(rows)  # noqa: S311 - repeatable bench data, not secrets
    head, _created = FeedHead.objects.get_or_create(pk=1)
    start_id = (Contribution.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    added = 0
    batch: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = []
    seq = head.seq
    for row in _rows(missing, start_id, seq, rng):
        batch.append(row)
        if len(batch) == BATCH:
            _write(batch)
            added += len(batch)
            batch = []
            if progress:
                progress(added)
    if batch:
        _write(batch)
        added += len(batch)
    FeedHead.objects.filter(pk=1).update(seq=seq + missing)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('contributions_contribution', 'id'), "
                "(SELECT MAX(id) FROM contributions_contribution))"
            )
            cursor.execute("ANALYZE feeds_feeditem")
            cursor.execute("ANALYZE contributions_contribution")
    return added


def _write(batch: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]) -> None:
    with transaction.atomic():
        for index, model in enumerate((Contribution, Enrichment, FeedItem)):
            _insert(model, [row[index] for row in batch])
