from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_idea
from cocreate.core.errors import Conflict, ValidationFailed
from cocreate.core.models import AuditEvent
from cocreate.ideas import services
from cocreate.ideas.enums import CampaignStatus, CreditRole, EventKind, IdeaState
from cocreate.ideas.models import Campaign, Idea, IdeaCredit, IdeaEvent
from cocreate.ideas.tests.factories import make_campaign, moderate

pytestmark = pytest.mark.django_db


def test_idea_gets_its_lifecycle_record_in_the_default_campaign(user, category):
    c = make_idea(author=user, category=category)
    idea = Idea.objects.get(pk=c.pk)
    assert idea.state == IdeaState.PENDING
    assert idea.campaign.is_default and idea.campaign.status == CampaignStatus.OPEN
    assert [m.supporters for m in idea.campaign.milestones.all()] == [100, 1000, 5000, 10000]
    assert [m.days for m in idea.campaign.milestones.all()] == [60, 365, 182, 182]
    assert IdeaCredit.objects.get(idea=idea).user == user
    assert IdeaCredit.objects.get(idea=idea).role == CreditRole.PROPOSER
    event = IdeaEvent.objects.get(idea=idea)
    assert (event.kind, event.to_state, event.actor) == (EventKind.CREATED, "pending", user)
    assert AuditEvent.objects.filter(event_type="idea.created", subject_id=str(idea.pk)).exists()


def test_a_draft_stays_a_draft(user, category):
    c = make_idea(author=user, category=category, status=Status.DRAFT)
    assert Idea.objects.get(pk=c.pk).state == IdeaState.DRAFT


def test_upgrade_idea_joins_its_brands_open_campaign(user, product):
    campaign = make_campaign(product.brand)
    c = make_idea(author=user, product=product)
    assert Idea.objects.get(pk=c.pk).campaign == campaign


def test_closed_brand_campaign_is_skipped(user, product):
    campaign = make_campaign(product.brand)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)
    c = make_idea(author=user, product=product)
    assert Idea.objects.get(pk=c.pk).campaign.is_default


def test_requested_campaign_wins_and_gives_a_new_idea_its_brand(user, brand, category):
    campaign = make_campaign(brand)
    c = make_idea(
        author=user,
        category=category,
        options=_options(campaign=campaign.pk),
    )
    assert Idea.objects.get(pk=c.pk).campaign == campaign
    assert Contribution.objects.get(pk=c.pk).brand == brand


def test_campaign_for_another_brands_products_is_refused_and_nothing_is_written(
    user, product, other_brand_org
):
    from cocreate.catalog.tests.factories import BrandFactory

    other = make_campaign(BrandFactory(org=other_brand_org))
    before = Contribution.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        make_idea(author=user, product=product, options=_options(campaign=other.pk))
    assert exc.value.code == "campaign_invalid"
    assert Contribution.objects.count() == before
    assert not Idea.objects.exists()


def test_closed_requested_campaign_is_refused(user, brand, category):
    campaign = make_campaign(brand, closes_at=timezone.now() + timedelta(days=1))
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)
    with pytest.raises(ValidationFailed) as exc:
        make_idea(author=user, category=category, options=_options(campaign=campaign.slug))
    assert exc.value.code == "campaign_closed"
    assert not Contribution.objects.filter(kind="idea").exists()


def test_unknown_campaign_is_refused(user, category):
    with pytest.raises(ValidationFailed) as exc:
        make_idea(author=user, category=category, options=_options(campaign=999999))
    assert exc.value.code == "campaign_invalid"


def test_imported_published_idea_starts_gathering(user, category):
    c = make_idea(author=user, category=category, status=Status.PUBLISHED)
    idea = Idea.objects.get(pk=c.pk)
    assert idea.state == IdeaState.GATHERING
    assert idea.next_goal == 100
    assert c.published_at is not None
    assert idea.deadline == c.published_at + timedelta(days=60)


def test_moderation_approval_starts_the_clock(user, category, staff):
    c = make_idea(author=user, category=category)
    moderate(c, actor=staff, reason="ok")
    idea = Idea.objects.get(pk=c.pk)
    assert idea.state == IdeaState.GATHERING
    assert idea.support_started_at is not None
    assert idea.deadline == idea.support_started_at + timedelta(days=60)
    event = idea.events.get(kind=EventKind.PUBLISHED)
    assert (event.from_state, event.to_state, event.actor) == ("pending", "gathering", staff)
    assert event.actor_role == "staff"


def test_moderation_refusal_returns_the_idea_to_its_author_with_the_reason(
    user, product, brand_moderator
):
    make_campaign(product.brand)
    c = make_idea(author=user, product=product)
    moderate(c, approved=False, actor=brand_moderator, reason="personal data")
    idea = Idea.objects.get(pk=c.pk)
    assert idea.state == IdeaState.DRAFT
    event = idea.events.get(kind=EventKind.MODERATION_REFUSED)
    assert event.reason == "personal data"
    assert event.actor_role == "moderator" and event.org_id == product.brand.org_id


def test_hiding_and_restoring_a_published_idea_is_on_its_timeline(user, category, staff):
    c = make_idea(author=user, category=category)
    moderate(c, actor=staff)
    moderate(c, approved=False, actor=staff, reason="abuse")
    moderate(c, approved=True, actor=staff)
    kinds = list(Idea.objects.get(pk=c.pk).events.values_list("kind", flat=True))
    assert kinds == ["created", "published", "moderation_hidden", "moderation_restored"]
    assert Idea.objects.get(pk=c.pk).state == IdeaState.GATHERING


def test_approving_a_draft_is_refused(user, category, staff):
    c = make_idea(author=user, category=category, status=Status.DRAFT)
    with pytest.raises(Conflict), transaction.atomic():
        services.idea_moderation_decided(actor=staff, contribution=c, approved=True, reason="")
    assert Idea.objects.get(pk=c.pk).state == IdeaState.DRAFT


@pytest.mark.django_db(transaction=True)
def test_moderation_decision_needs_the_callers_transaction(user, category, staff):
    c = make_idea(author=user, category=category)
    with pytest.raises(RuntimeError):
        services.idea_moderation_decided(actor=staff, contribution=c, approved=True, reason="")


def test_moderating_an_idea_created_before_the_ideas_app_creates_its_record(
    user, category, staff, settings
):
    settings.CONTRIBUTION_KIND_HANDLERS = {}
    c = make_idea(author=user, category=category)
    assert not Idea.objects.filter(pk=c.pk).exists()
    moderate(c, actor=staff)
    assert Idea.objects.get(pk=c.pk).state == IdeaState.GATHERING


def _options(**extra):
    from cocreate.contributions.services import SubmitOptions

    return SubmitOptions(extra=extra)
