"""schema.org JSON-LD for public product pages: the product, its honest aggregate rating (every
published review) and its latest shareable reviews, in their masked text."""

from __future__ import annotations

import json
from typing import Any

import orjson
from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from cocreate.accounts.models import User
from cocreate.catalog.models import Product
from cocreate.contributions.enums import Kind
from cocreate.feeds.models import FeedItem

register = template.Library()

REVIEWS_SHOWN = 5
# As Django's json_script: keeps the JSON from closing the <script> element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def masked_name(name: str) -> str:
    """ "김민수" -> "김**", as Korean review boards show authors."""
    name = name.strip()
    return f"{name[0]}**" if name else "**"


def product_document(product: Product) -> dict[str, Any]:
    record_rows = list(
        FeedItem.objects.filter(product_id=product.pk, kind=Kind.REVIEW)
        .order_by("-seq")
        .values_list("author_id", "record")[:REVIEWS_SHOWN]
    )
    names = dict(
        User.objects.filter(pk__in=[a for a, _r in record_rows]).values_list("pk", "display_name")
    )
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "brand": {"@type": "Brand", "name": product.brand.name},
        "category": product.category.path_en,
    }
    if product.sku:
        doc["sku"] = product.sku
    if product.mpn:
        doc["mpn"] = product.mpn
    if product.gtin:
        doc[f"gtin{len(product.gtin)}" if len(product.gtin) in (8, 12, 13, 14) else "gtin"] = (
            product.gtin
        )
    if product.review_count:
        doc["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": product.average_rating,
            "reviewCount": product.review_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    reviews = []
    for author_id, text in record_rows:
        r = orjson.loads(text)
        review: dict[str, Any] = {
            "@type": "Review",
            "author": {"@type": "Person", "name": masked_name(names.get(author_id, ""))},
            "datePublished": (r["published_at"] or r["created_at"])[:10],
            "reviewBody": r["body"],
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": r["rating"],
                "bestRating": 5,
                "worstRating": 1,
            },
            "inLanguage": r["language"],
        }
        if r["title"]:
            review["name"] = r["title"]
        reviews.append(review)
    if reviews:
        doc["review"] = reviews
    return doc


@register.simple_tag(takes_context=True)
def product_jsonld(context: template.Context, product: Product) -> SafeString:
    text = json.dumps(product_document(product), ensure_ascii=False).translate(_ESCAPES)
    nonce = context.get("csp_nonce", "")
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(text)
    )
