"""The feed record: what a mall receives about one contribution. Built only from masked text
(textintel's Enrichment) and catalogue facts; the author appears as a pseudonym that differs
per mall (HMAC-SHA256 of the author id with the mall's own secret)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from django.conf import settings

from cocreate.catalog.models import Category
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.feeds.enums import TombstoneReason
from cocreate.feeds.pii_guard import pii_found
from cocreate.textintel.models import Enrichment

RATING_MIN, RATING_MAX = 1, 5
CATEGORY_FIELDS = ("id", "name_en", "name_ko")


def author_pseudonym(secret: str, author_id: int) -> str:
    """The author's id for one mall: the same for every record that mall receives, unrelated
    to the id another mall sees."""
    digest = hmac.new(secret.encode(), f"author:{author_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def record_sha256(record: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(record, option=orjson.OPT_SORT_KEYS)).hexdigest()


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def enrichment_is_current(contribution: Contribution, enrichment: Enrichment | None) -> bool:
    return (
        enrichment is not None
        and enrichment.version_number == contribution.version_count
        and bool(enrichment.masked_body.strip())
    )


def leave_reason(contribution: Contribution | None) -> str | None:
    """Why a contribution may not be in the feed at all, or None when it may."""
    if contribution is None:
        return TombstoneReason.DELETED
    if contribution.status == Status.WITHDRAWN:
        return TombstoneReason.WITHDRAWN
    if contribution.status == Status.HIDDEN:
        return TombstoneReason.HIDDEN
    if contribution.status != Status.PUBLISHED:
        return TombstoneReason.UNPUBLISHED
    if not contribution.b2b_consent:
        return TombstoneReason.CONSENT_WITHDRAWN
    return None


@dataclass
class CategoryLabels:
    """Every category's names by id, loaded once per batch (5,595 small rows)."""

    names: dict[int, tuple[str, str]]

    @classmethod
    def load(cls) -> CategoryLabels:
        rows = Category.objects.values_list(*CATEGORY_FIELDS)
        return cls({pk: (en, ko) for pk, en, ko in rows})

    def describe(self, category: Category | None) -> dict[str, Any] | None:
        if category is None:
            return None
        ids = category.ancestor_ids
        names = [self.names.get(i, ("", "")) for i in ids]
        return {
            "id": category.pk,
            "name_en": category.name_en,
            "name_ko": category.name_ko or None,
            "path_ids": ids,
            "path_en": " > ".join(en for en, _ko in names),
            "path_ko": " > ".join(ko or en for en, ko in names),
        }


def _prediction(label: str, confidence: float | None, model: str) -> dict[str, Any] | None:
    if not label:
        return None
    return {"label": label, "confidence": confidence, "model": model or None}


def build_record(
    contribution: Contribution, enrichment: Enrichment, labels: CategoryLabels
) -> dict[str, Any] | None:
    """The record, or None when its masked text still holds personal data."""
    c, e = contribution, enrichment
    if pii_found(e.masked_title, e.masked_body):
        return None
    product = c.product
    brand = c.brand or (product.brand if product is not None else None)
    site = settings.FEEDS_SITE_URL
    updated = max(c.updated_at, e.enriched_at)
    sentiment = None
    if e.sentiment:
        sentiment = {
            "label": e.sentiment,
            "score": e.sentiment_score,
            "confidence": e.sentiment_confidence,
            "model": e.sentiment_model or None,
        }
    return {
        "id": c.pk,
        "version": c.version_count,
        "kind": c.kind,
        "idea_type": c.idea_type or None,
        "product": None
        if product is None
        else {
            "id": product.pk,
            "name": product.name,
            "gtin": product.gtin or None,
            "sku": product.sku or None,
            "mpn": product.mpn or None,
            "url": f"{site}/c/p/{product.pk}/",
        },
        "brand": None if brand is None else {"id": brand.pk, "name": brand.name},
        "category": labels.describe(c.category),
        "rating": c.rating,
        "rating_min": RATING_MIN if c.kind == Kind.REVIEW else None,
        "rating_max": RATING_MAX if c.kind == Kind.REVIEW else None,
        "title": e.masked_title,
        "body": e.masked_body,
        "pii_masked": any(int(n) > 0 for n in (e.pii_counts or {}).values()),
        "pii_counts": e.pii_counts or {},
        "masking_version": e.masking_version or None,
        "language": e.language or c.language or None,
        "sentiment": sentiment,
        "aspects": list(e.aspects or []),
        "aspects_model": e.aspects_model or None,
        "predicted_kind": _prediction(e.kind, e.kind_confidence, e.kind_model),
        "predicted_category": None
        if e.category_id is None
        else {
            "id": e.category_id,
            "confidence": e.category_confidence,
            "model": e.category_model or None,
        },
        "verified_purchase": c.verified_purchase,
        "verification_method": c.verification_method or None,
        "incentivised": c.incentivised,
        "incentive_method": (c.incentive_note or None) if c.incentivised else None,
        "declared_relationship": c.declared_relationship or None,
        "created_at": iso(c.created_at),
        "published_at": iso(c.published_at),
        "edited_at": iso(c.edited_at),
        "updated_at": iso(updated),
        "url": f"{site}/contributions/{c.pk}/",
        "origin": {"platform": "cocreate"},
    }


def served(record: dict[str, Any], pseudonym: str) -> dict[str, Any]:
    """The record as one mall receives it: with that mall's pseudonym for the author."""
    return {"author_id": pseudonym, **record}


def served_json(record_json: str, pseudonym: str) -> bytes:
    """The same as JSON, spliced from the stored text without parsing it."""
    return b'{"author_id":"' + pseudonym.encode() + b'",' + record_json[1:].encode()
