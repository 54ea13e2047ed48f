"""Demo data: the taxonomy, people, brands, a mall, products, and reviews, complaints and
ideas from the public data sets in data/ (see cocreate/web/demodata/ for how each is used)."""

from __future__ import annotations

import time
from io import TextIOBase

from django.utils import timezone

from cocreate.catalog.models import Product
from cocreate.catalog.services import taxonomy_load
from cocreate.web.demodata import apps, clothing, korean
from cocreate.web.demodata.catalogue import ensure_catalogue, staff_specs
from cocreate.web.demodata.people import ensure_cast
from cocreate.web.demodata.writer import write_rows


def seed(out: TextIOBase, *, progress: bool | None = None, limit: int | None = None) -> None:
    """`limit`: at most that many contributions from each data set (a quick, small demo)."""
    started = time.monotonic()
    categories = taxonomy_load()
    cast = ensure_cast(staff_specs())
    catalogue = ensure_catalogue(cast)
    now = timezone.now()
    rows = [
        *clothing.rows(cast, catalogue, now, limit=limit),
        *korean.rows(cast, catalogue, now, limit=limit),
        *apps.rows(cast, catalogue, now, limit=limit),
    ]
    report = write_rows(rows, progress=progress)
    skipped = ", ".join(f"{n} {code}" for code, n in sorted(report.skipped.items()))
    out.write(
        f"demo data: {categories} categories, {len(cast.korean) + len(cast.english)} "
        f"contributors, {Product.objects.count()} products; {report.created} contributions "
        f"added, {report.existing} already there"
        + (f", skipped: {skipped}" if skipped else "")
        + f" ({time.monotonic() - started:.0f} s)\n"
    )
