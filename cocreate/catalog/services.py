"""Writes on the catalogue: the taxonomy, brands and products."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cocreate.catalog.models import Brand, Category, Product
from cocreate.core.errors import Conflict, ValidationFailed

TAXONOMY_DIR = settings.DATA_DIR / "google-product-taxonomy"
TAXONOMY_FILE = TAXONOMY_DIR / "taxonomy-with-ids.en-US.txt"
KOREAN_LABELS_FILE = TAXONOMY_DIR / "labels-ko.tsv"


@dataclass(frozen=True)
class TaxonomyNode:
    id: int
    path: list[str]


def parse_taxonomy(path: Path) -> list[TaxonomyNode]:
    """Lines `ID - Level 1 > Level 2 > ...`; the first line is the version comment."""
    nodes = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        raw_id, sep, raw_path = line.partition(" - ")
        if not sep or not raw_id.strip().isdigit():
            raise ValueError(f"{path.name}:{line_no}: expected 'ID - Path', got {line[:60]!r}")
        nodes.append(TaxonomyNode(int(raw_id), [p.strip() for p in raw_path.split(" > ")]))
    return nodes


def read_korean_labels(path: Path) -> dict[int, str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {int(r["id"]): r["name_ko"].strip() for r in rows if r.get("name_ko", "").strip()}


def taxonomy_load(*, path: Path = TAXONOMY_FILE, labels_path: Path = KOREAN_LABELS_FILE) -> int:
    """Create or update every category; idempotent. Returns the number of categories."""
    nodes = parse_taxonomy(path)
    labels = read_korean_labels(labels_path)
    by_path: dict[tuple[str, ...], int] = {}
    rows: list[Category] = []
    for node in nodes:
        parent_id = by_path.get(tuple(node.path[:-1])) if len(node.path) > 1 else None
        if len(node.path) > 1 and parent_id is None:
            raise ValueError(f"category {node.id} appears before its parent")
        by_path[tuple(node.path)] = node.id
        parent_path_ids = next((r.path_ids for r in reversed(rows) if r.id == parent_id), "/")
        rows.append(
            Category(
                id=node.id,
                parent_id=parent_id,
                level=len(node.path),
                name_en=node.path[-1],
                name_ko=labels.get(node.id, ""),
                path_en=" > ".join(node.path),
                path_ids=f"{parent_path_ids}{node.id}/",
            )
        )
    with transaction.atomic():
        Category.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["parent", "level", "name_en", "name_ko", "path_en", "path_ids"],
        )
    return len(rows)


def gtin_is_valid(gtin: str) -> bool:
    """GS1 check digit for GTIN-8/12/13/14."""
    if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        return False
    digits = [int(d) for d in gtin]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def brand_slug(name: str) -> str:
    """An ASCII address name for a brand. Names without Latin letters (e.g. Korean) get one
    derived from a digest of the name, the same on every run and every machine."""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return slugify(name, allow_unicode=False)[:80] or f"brand-{digest}"


def brand_get_or_create(*, name: str, org: Any = None, slug: str = "") -> Brand:
    name = " ".join(name.split())[:120]
    if not name:
        raise ValidationFailed("invalid_brand", _("Enter a brand name."))
    slug = slugify(slug)[:80] if slug else brand_slug(name)
    if not slug:
        raise ValidationFailed("invalid_brand", _("Enter a brand address name in Latin letters."))
    brand, created = Brand.objects.get_or_create(slug=slug, defaults={"name": name, "org": org})
    if not created and org is not None and brand.org_id is None:
        brand.org = org
        brand.save(update_fields=["org"])
    return brand


def product_create(
    *,
    brand: Brand,
    category: Category,
    name: str,
    description: str = "",
    gtin: str = "",
    sku: str = "",
    mpn: str = "",
) -> Product:
    errors: dict[str, list[str]] = {}
    name = " ".join(name.split())
    if not name or len(name) > 200:
        errors["name"] = [_("Enter a name of 1 to 200 characters.")]
    gtin = gtin.strip()
    if gtin and not gtin_is_valid(gtin):
        errors["gtin"] = [
            _("Not a valid GTIN (8, 12, 13 or 14 digits with a correct check digit).")
        ]
    if len(sku) > 64 or len(mpn) > 64:
        errors["sku"] = [_("SKU and MPN take at most 64 characters.")]
    if errors:
        raise ValidationFailed(
            "invalid_product", _("Some product fields are invalid."), fields=errors
        )
    try:
        with transaction.atomic():
            return Product.objects.create(
                brand=brand,
                category=category,
                name=name,
                description=description[:4000],
                gtin=gtin,
                sku=sku.strip(),
                mpn=mpn.strip(),
            )
    except IntegrityError:
        raise Conflict(
            "product_exists", _("A product with this GTIN or SKU already exists.")
        ) from None
