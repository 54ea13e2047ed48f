"""Creates the demo contributions through the same services as every other channel, oldest
first, in batches of one transaction each, with a progress bar on stderr."""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from tqdm import tqdm

from cocreate.contributions import services
from cocreate.contributions.enums import Kind, Source
from cocreate.contributions.models import Contribution
from cocreate.core.errors import DomainError
from cocreate.web.demodata.rows import KEY_PREFIX, DemoRow

BATCH = 250


@dataclass
class WriteReport:
    created: int = 0
    existing: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # error code -> rows


def _order_id(key: str) -> str:
    return "demo-" + hashlib.sha256(key.encode()).hexdigest()[:24]


def write_one(row: DemoRow) -> Contribution:
    common: dict[str, Any] = {
        "actor": row.author,
        "body": row.body,
        "title": row.title,
        "declared_relationship": row.relationship,
        "source": Source.IMPORT,
        "created_at": row.created_at,
        "import_key": row.key,
    }
    if row.kind == Kind.REVIEW:
        if row.order_from is not None and row.product is not None:
            services.order_post(
                org=row.order_from,
                external_id=_order_id(row.key),
                email=row.author.email,
                product=row.product,
                purchased_at=row.created_at - timedelta(days=3),
            )
        contribution = services.review_submit(product=row.product, rating=row.rating, **common)
        if row.later_rating is not None:
            services.contribution_edit(
                actor=row.author,
                contribution=contribution,
                body=contribution.body,
                rating=row.later_rating,
            )
        return contribution
    if row.kind == Kind.COMPLAINT:
        return services.complaint_submit(product=row.product, **common)
    return services.idea_create(
        idea_type=row.idea_type, product=row.product, status=row.status, **common
    )


def write_rows(rows: Sequence[DemoRow], *, progress: bool | None = None) -> WriteReport:
    """Create every row whose key is not in the database yet. `progress`: None shows the bar
    when stderr is a terminal."""
    report = WriteReport()
    done = set(
        Contribution.objects.filter(import_key__startswith=KEY_PREFIX).values_list(
            "import_key", flat=True
        )
    )
    todo = sorted((r for r in rows if r.key not in done), key=lambda r: (r.created_at, r.key))
    report.existing = len(rows) - len(todo)
    bar = tqdm(
        total=len(todo),
        desc="demo contributions",
        unit="",
        file=sys.stderr,
        disable=None if progress is None else not progress,
    )
    try:
        for start in range(0, len(todo), BATCH):
            with transaction.atomic():
                for row in todo[start : start + BATCH]:
                    try:
                        with transaction.atomic():
                            write_one(row)
                    except DomainError as exc:
                        report.skipped[exc.code] += 1
                    else:
                        report.created += 1
                    bar.update(1)
    finally:
        bar.close()
    return report
