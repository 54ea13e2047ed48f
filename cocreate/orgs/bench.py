"""What the benchmarks (`bench_supports`, `bench_sessions`) start from: a brand organisation
with its owner, and many verified accounts made in bulk. Everything carries the run's id
(`bench-<run>-...@bench.invalid`), so runs never collide."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth.hashers import make_password

from cocreate.accounts.models import User
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Membership, Organisation

BATCH = 1000


def bench_org(run: str, now: datetime) -> tuple[Organisation, User]:
    """A brand organisation and its owner, a verified account."""
    org = Organisation.objects.create(kind=OrgKind.BRAND, name=f"Bench {run}", slug=f"bench-{run}")
    owner = User.objects.create_user(
        email=f"bench-{run}-owner@bench.invalid", display_name="bench owner", email_verified_at=now
    )
    Membership.objects.create(org=org, user=owner, role=Role.OWNER)
    return org, owner


def bench_people(
    run: str,
    count: int,
    *,
    now: datetime,
    owner: User,
    fields: Callable[[int], dict[str, Any]] = lambda i: {},
) -> list[int]:
    """`count` verified accounts without a usable password (`fields(i)` adds to the i-th);
    their ids in order, the owner's left out."""
    password = make_password(None)
    for start in range(0, count, BATCH):
        User.objects.bulk_create(
            User(
                email=f"bench-{run}-{i}@bench.invalid",
                display_name=f"bench {i}",
                email_verified_at=now,
                password=password,
                **fields(i),
            )
            for i in range(start, min(start + BATCH, count))
        )
    return list(
        User.objects.filter(email__startswith=f"bench-{run}-", display_name__startswith="bench ")
        .exclude(pk=owner.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def bench_remove(run: str, user_ids: list[int], org_id: int) -> None:
    """Remove the run's accounts, its owner and its organisation (once what refers to them is
    gone)."""
    for start in range(0, len(user_ids), BATCH):
        User.objects.filter(pk__in=user_ids[start : start + BATCH]).delete()
    User.objects.filter(email=f"bench-{run}-owner@bench.invalid").delete()
    Organisation.objects.filter(pk=org_id).delete()
