"""Campaigns, their milestones and their review batches."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cocreate.catalog.models import Brand
from cocreate.core.audit import audit_record
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.ideas.enums import CampaignStatus
from cocreate.ideas.enums import IdeaErrorCode as Code
from cocreate.ideas.models import Campaign, CampaignMilestone, ReviewBatch
from cocreate.ideas.models.campaigns import (
    DEFAULT_MILESTONES,
    REVIEWS_PER_YEAR_CHOICES,
    ROYALTY_PERCENT_DEFAULT,
    ROYALTY_PERCENT_MAX,
)
from cocreate.ideas.permissions import can_manage_campaign
from cocreate.orgs.enums import Role
from cocreate.orgs.permissions import has_role

MAX_MILESTONES = 8
DEFAULT_SLUG = "open-ideas"


def _invalid(code: str, field: str, message: str) -> ValidationFailed:
    return ValidationFailed(code, _("Some fields need attention."), fields={field: [message]})


def check_milestones(milestones: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Between one and eight (supporters, days) stages, supporters strictly increasing."""
    stages = [(int(s), int(d)) for s, d in milestones]
    if not 1 <= len(stages) <= MAX_MILESTONES:
        raise _invalid(
            Code.MILESTONES_INVALID,
            "milestones",
            _("Give between 1 and %(n)d milestones.") % {"n": MAX_MILESTONES},
        )
    previous = 0
    for supporters, days in stages:
        if supporters <= previous or not 1 <= days <= 3650:
            raise _invalid(
                Code.MILESTONES_INVALID,
                "milestones",
                _("Each milestone needs more supporters than the last, within 1 to 3650 days."),
            )
        previous = supporters
    return stages


def parse_milestones(text: str) -> list[tuple[int, int]]:
    """ "100/60, 1000/365" → [(100, 60), (1000, 365)]."""
    stages = []
    for part in text.replace("\n", ",").split(","):
        part = part.strip()
        if not part:
            continue
        supporters, sep, days = part.partition("/")
        if not sep or not supporters.strip().isdigit() or not days.strip().isdigit():
            raise _invalid(
                Code.MILESTONES_INVALID,
                "milestones",
                _("Write each milestone as supporters/days, e.g. 100/60."),
            )
        stages.append((int(supporters), int(days)))
    return check_milestones(stages)


def check_royalty(value: Any, *, field: str = "royalty_percent") -> Decimal:
    try:
        percent = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        percent = Decimal(-1)
    if not Decimal(0) < percent <= ROYALTY_PERCENT_MAX:
        raise _invalid(
            Code.RATE_INVALID,
            field,
            _("A royalty is more than 0%% and at most %(max)s%% of net sales.")
            % {"max": ROYALTY_PERCENT_MAX},
        )
    return percent


def _create_milestones(campaign: Campaign, stages: Sequence[tuple[int, int]]) -> None:
    CampaignMilestone.objects.bulk_create(
        CampaignMilestone(campaign=campaign, position=i, supporters=s, days=d)
        for i, (s, d) in enumerate(stages, start=1)
    )


def campaign_default() -> Campaign:
    """The platform's default campaign, created (open, default milestones) on first use."""
    campaign = Campaign.objects.filter(is_default=True).first()
    if campaign is not None:
        return campaign
    try:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                is_default=True,
                title="Open ideas",
                slug=DEFAULT_SLUG,
                status=CampaignStatus.OPEN,
                opens_at=timezone.now(),
            )
            _create_milestones(campaign, DEFAULT_MILESTONES)
    except IntegrityError:
        # Another process created it first; the unique constraint says so, not an error text.
        return Campaign.objects.get(is_default=True)
    return campaign


def _unique_slug(title: str) -> str:
    base = slugify(title)[:60] or "campaign"
    slug, n = base, 1
    while Campaign.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def campaign_create(
    *,
    actor: Any,
    brand: Brand | None,
    title: str,
    description: str = "",
    guidelines: str = "",
    milestones: Sequence[tuple[int, int]] = DEFAULT_MILESTONES,
    reviews_per_year: int = 3,
    royalty_percent: Any = ROYALTY_PERCENT_DEFAULT,
    closes_at: datetime | None = None,
    open_now: bool = True,
) -> Campaign:
    """A brand owner opens a campaign for their brand; staff open platform campaigns."""
    org_id = brand.org_id if brand is not None else None
    allowed = (
        has_role(actor, org_id, Role.OWNER)
        if org_id is not None
        else bool(getattr(actor, "is_staff", False)) and brand is None
    )
    if not allowed:
        raise Forbidden(Code.FORBIDDEN, _("Only the brand's owners can open its campaigns."))
    title = " ".join(title.split())
    errors: dict[str, list[str]] = {}
    if not 1 <= len(title) <= 120:
        errors["title"] = [_("Give a title of 1 to 120 characters.")]
    if len(description) > 4000 or len(guidelines) > 4000:
        errors["description"] = [_("At most %(n)d characters.") % {"n": 4000}]
    if reviews_per_year not in REVIEWS_PER_YEAR_CHOICES:
        errors["reviews_per_year"] = [_("Choose 1, 2, 3, 4, 6 or 12 reviews a year.")]
    now = timezone.now()
    if closes_at is not None and closes_at <= now:
        errors["closes_at"] = [_("The closing date must be in the future.")]
    if errors:
        raise ValidationFailed(
            Code.CAMPAIGN_INVALID, _("Some fields need attention."), fields=errors
        )
    stages = check_milestones(milestones)
    percent = check_royalty(royalty_percent)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            brand=brand,
            title=title,
            slug=_unique_slug(title),
            description=description.strip(),
            guidelines=guidelines.strip(),
            status=CampaignStatus.OPEN if open_now else CampaignStatus.DRAFT,
            opens_at=now if open_now else None,
            closes_at=closes_at,
            reviews_per_year=reviews_per_year,
            royalty_percent=percent,
            created_by=actor,
        )
        _create_milestones(campaign, stages)
        audit_record(
            "idea_campaign.created",
            actor=actor,
            subject=campaign,
            payload={
                "brand": brand.pk if brand else None,
                "milestones": [[s, d] for s, d in stages],
                "royalty_percent": str(percent),
                "status": campaign.status,
            },
        )
    return campaign


def campaign_set_status(*, actor: Any, campaign: Campaign, status: str) -> Campaign:
    """Open a draft campaign or close an open one. Ideas already gathering support keep going."""
    if not can_manage_campaign(actor, campaign):
        raise Forbidden(Code.FORBIDDEN, _("Only the brand's owners can change its campaigns."))
    allowed = {
        CampaignStatus.DRAFT: {CampaignStatus.OPEN},
        CampaignStatus.OPEN: {CampaignStatus.CLOSED},
    }
    with transaction.atomic():
        current = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if status not in allowed.get(CampaignStatus(current.status), set()):
            raise Conflict(Code.CAMPAIGN_INVALID, _("The campaign cannot change that way."))
        if campaign.is_default and status == CampaignStatus.CLOSED:
            raise Conflict(Code.CAMPAIGN_INVALID, _("The platform's default campaign stays open."))
        current.status = status
        if status == CampaignStatus.OPEN:
            current.opens_at = timezone.now()
        current.save(update_fields=["status", "opens_at", "updated_at"])
        audit_record(
            "idea_campaign.status_changed", actor=actor, subject=current, payload={"to": status}
        )
    return current


def campaign_milestones(campaign_id: int) -> list[tuple[int, int]]:
    return list(
        CampaignMilestone.objects.filter(campaign_id=campaign_id)
        .order_by("position")
        .values_list("supporters", "days")
    )


# --- review batches -------------------------------------------------------------------------


def next_cutoff(now: datetime, reviews_per_year: int) -> datetime:
    """The next qualification deadline after `now`: the first day of the review months, at
    midnight local time (three a year: January, May, September)."""
    local = timezone.localtime(now)
    step = 12 // reviews_per_year
    months = [1 + i * step for i in range(reviews_per_year)]
    for year in (local.year, local.year + 1):
        for month in months:
            cutoff = timezone.make_aware(datetime(year, month, 1))  # noqa: DTZ001
            if cutoff > now:
                return cutoff
    raise AssertionError("unreachable: a cutoff exists within a year")


def batch_for(campaign: Campaign, now: datetime) -> ReviewBatch:
    cutoff = next_cutoff(now, campaign.reviews_per_year)
    batch, _created = ReviewBatch.objects.get_or_create(campaign=campaign, cutoff=cutoff)
    return batch
