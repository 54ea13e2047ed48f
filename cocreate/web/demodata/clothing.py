"""English reviews of real clothing items (data/womens-clothing-reviews, CC0).

Items reviewed with text at least MIN_REVIEWS times become products of the demo brand
Loomhouse, named by their class and Clothing ID ("Dress 1080") and filed under the matching
Google category below Apparel & Accessories. Every sixth of their reviews (by row id) becomes a
review: its title, text and star rating as written, the author a demo contributor of the same
age band as the reviewer's age. HTML entities left in some texts by the original scrape are
decoded."""

from __future__ import annotations

import csv
import html
from collections import Counter
from datetime import datetime
from pathlib import Path

from django.conf import settings

from cocreate.contributions.enums import Kind
from cocreate.web.demodata.catalogue import CLOTHING_BRAND, Catalogue, ProductSpec, ensure_products
from cocreate.web.demodata.people import Cast
from cocreate.web.demodata.rows import DemoRow
from cocreate.web.demodata.util import moment, pick, unit

SOURCE = settings.DATA_DIR / "womens-clothing-reviews" / "womens_clothing_reviews.csv"
MIN_REVIEWS = 30
EVERY_NTH = 6
VERIFIED_SHARE = 0.35

# Class Name -> (product name, Google category id)
CLASSES: dict[str, tuple[str, int]] = {
    "Dresses": ("Dress", 2271),
    "Knits": ("Knit top", 212),
    "Blouses": ("Blouse", 212),
    "Sweaters": ("Sweater", 212),
    "Fine gauge": ("Fine-gauge knit", 212),
    "Layering": ("Layering top", 212),
    "Jeans": ("Jeans", 204),
    "Pants": ("Pants", 204),
    "Casual bottoms": ("Casual bottoms", 204),
    "Skirts": ("Skirt", 1581),
    "Shorts": ("Shorts", 207),
    "Jackets": ("Jacket", 5598),
    "Outerwear": ("Coat", 203),
    "Intimates": ("Intimates", 213),
    "Chemises": ("Chemise", 1772),
    "Legwear": ("Tights", 215),
    "Lounge": ("Loungewear", 5713),
    "Sleep": ("Sleepwear", 208),
    "Swim": ("Swimsuit", 211),
    "Trend": ("Trend piece", 1604),
}


def age_band(age: int) -> str:
    if age < 20:
        return "u20"
    if age >= 60:
        return "60+"
    return f"{age // 10 * 10}s"


def read(path: Path = SOURCE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            r
            for r in csv.DictReader(fh)
            if r["Review Text"].strip() and r["Class Name"] in CLASSES and r["Rating"].isdigit()
        ]


def decoded(text: str) -> str:
    """A few texts carry HTML entities from the original scrape, some twice (`&amp;#39;`)."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return text


def rows(
    cast: Cast, catalogue: Catalogue, now: datetime, *, limit: int | None = None
) -> list[DemoRow]:
    source = read()
    counts = Counter(r["Clothing ID"] for r in source)
    chosen = [
        r
        for r in source
        if counts[r["Clothing ID"]] >= MIN_REVIEWS and int(r["row_id"]) % EVERY_NTH == 0
    ][:limit]
    classes: dict[str, Counter[str]] = {}
    for r in source:
        classes.setdefault(r["Clothing ID"], Counter())[r["Class Name"]] += 1
    specs = []
    for item in sorted({r["Clothing ID"] for r in chosen}, key=int):
        class_name = classes[item].most_common(1)[0][0]
        label, category_id = CLASSES[class_name]
        specs.append(
            ProductSpec(
                key=f"LH-{item}",
                name=f"{label} {item}",
                category_id=category_id,
                description=f"Women's {label.lower()} (item {item}, class {class_name}).",
            )
        )
    brand = catalogue.brands[CLOTHING_BRAND]
    products = ensure_products(brand, specs)
    org = catalogue.orgs[CLOTHING_BRAND]
    result = []
    for r in chosen:
        key = f"demo:clothing:{r['row_id']}"
        band = age_band(int(r["Age"]))
        result.append(
            DemoRow(
                key=key,
                kind=Kind.REVIEW,
                author=pick("author:" + key, cast.english_by_age[band]),
                product=products[f"LH-{r['Clothing ID']}"],
                rating=int(r["Rating"]),
                title=decoded(r["Title"].strip()),
                body=decoded(r["Review Text"]),
                created_at=moment(key, now),
                order_from=org if unit("order:" + key) < VERIFIED_SHARE else None,
            )
        )
    return result
