"""The supports benchmark: many distinct accounts support one idea at the same time, from
parallel clients (threads with their own database connections). The run ends with exactly one
support per account, the counter equal to the row count, and the idea in review."""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.catalog.models import Brand, Category
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.services import SubmitOptions, contribution_set_status, idea_create
from cocreate.core.clients import clients_run
from cocreate.ideas.models import Campaign, Idea, Support
from cocreate.ideas.models.campaigns import DEFAULT_MILESTONES
from cocreate.ideas.services import campaign_create, idea_moderation_decided, idea_support
from cocreate.orgs.bench import bench_org, bench_people, bench_remove


def scaled_milestones(final: int) -> list[tuple[int, int]]:
    """The default milestones (100, 1,000, 5,000, 10,000) scaled so the last one is `final`."""
    top = DEFAULT_MILESTONES[-1][0]
    stages: list[tuple[int, int]] = []
    for supporters, days in DEFAULT_MILESTONES:
        goal = max(1, round(final * supporters / top))
        if not stages or goal > stages[-1][0]:
            stages.append((goal, days))
    if stages[-1][0] != final:
        stages[-1] = (final, stages[-1][1])
    return stages


@dataclass
class Setup:
    run: str
    idea_id: int
    user_ids: list[int]
    org_id: int
    campaign_id: int


@dataclass
class Outcome:
    expected: int
    supports: int
    counter: int
    state: str
    seconds: float
    errors: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.supports / self.seconds if self.seconds else 0.0


def prepare(supporters: int) -> Setup:
    run = uuid.uuid4().hex[:8]
    now = timezone.now()
    org, owner = bench_org(run, now)
    brand = Brand.objects.create(name=f"Bench {run}", slug=f"bench-{run}", org=org)
    campaign = campaign_create(
        actor=owner,
        brand=brand,
        title=f"Bench {run}",
        milestones=scaled_milestones(supporters),
    )
    category = Category.objects.order_by("pk").first() or Category.objects.create(
        id=99_999_999, level=1, name_en="Bench", path_en="Bench", path_ids="/99999999/"
    )
    contribution = idea_create(
        actor=owner,
        title="Benchmark idea",
        body="Many people support this idea at the same time.",
        idea_type="new",
        category=category,
        options=SubmitOptions(extra={"campaign": campaign.pk}),
    )
    with transaction.atomic():
        contribution_set_status(
            actor=owner, contribution=contribution, status=Status.PUBLISHED, reason="bench"
        )
        idea_moderation_decided(
            actor=owner, contribution=contribution, approved=True, reason="bench"
        )
    user_ids = bench_people(run, supporters, now=now, owner=owner)
    return Setup(run, contribution.pk, user_ids, org.pk, campaign.pk)


def run(setup: Setup, clients: int) -> Outcome:
    chunks = [setup.user_ids[i::clients] for i in range(clients)]

    def prepare(user_ids: Sequence[int]) -> list[Callable[[], object]]:
        users = list(User.objects.filter(pk__in=user_ids))
        idea = Idea.objects.select_related("contribution").get(pk=setup.idea_id)
        return [partial(idea_support, actor=user, idea=idea) for user in users]

    race = clients_run(chunks, prepare)
    idea = Idea.objects.get(pk=setup.idea_id)
    return Outcome(
        expected=len(setup.user_ids),
        supports=Support.objects.filter(idea_id=setup.idea_id).count(),
        counter=idea.support_count,
        state=idea.state,
        seconds=race.seconds,
        errors=race.errors,
        latencies_ms=race.latencies_ms,
    )


def cleanup(setup: Setup) -> None:
    """Remove what the run created (the audit chain keeps its events: they hold ids only)."""
    Support.objects.filter(idea_id=setup.idea_id).delete()
    Contribution.objects.filter(pk=setup.idea_id).delete()
    Campaign.objects.filter(pk=setup.campaign_id).delete()
    Brand.objects.filter(org_id=setup.org_id).delete()
    bench_remove(setup.run, setup.user_ids, setup.org_id)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(outcome: Outcome) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(outcome.latencies_ms), 2)
        if outcome.latencies_ms
        else 0.0,
        "p95_ms": round(percentile(outcome.latencies_ms, 0.95), 2),
    }
