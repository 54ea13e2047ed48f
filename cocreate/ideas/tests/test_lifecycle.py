"""The whole lifecycle, with time travel for deadlines."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from cocreate.accounts.models import Notification
from cocreate.contributions.enums import Status
from cocreate.contributions.services import contribution_withdraw
from cocreate.contributions.tests.factories import make_idea
from cocreate.core.audit import audit_verify
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.ideas import services
from cocreate.ideas.enums import CampaignStatus, EventKind, IdeaState, Stage
from cocreate.ideas.models import Campaign, IdeaEvent, Launch, ReviewBatch, Workspace
from cocreate.ideas.tests.factories import make_gathering_idea, reload, support_many

pytestmark = pytest.mark.django_db


def test_whole_lifecycle_from_proposal_to_archive(
    campaign,
    product,
    other_product,
    user,
    brand_moderator,
    brand_reviewer,
    brand_owner,
    django_capture_on_commit_callbacks,
):
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(start, tick=False):
            idea = make_gathering_idea(author=user, product=product, moderator=brand_moderator)
        assert idea.deadline == start + timedelta(days=10)
        with time_machine.travel(start + timedelta(days=9), tick=False):
            supporters = support_many(reload(idea), 2)
        assert reload(idea).deadline == start + timedelta(days=30)
        with time_machine.travel(start + timedelta(days=29), tick=False):
            supporters += support_many(reload(idea), 2)
        assert reload(idea).deadline == start + timedelta(days=60)
        with time_machine.travel(start + timedelta(days=59), tick=False):
            supporters += support_many(reload(idea), 2)
            assert services.ideas_tick().expired == 0
        idea = reload(idea)
        assert idea.state == IdeaState.IN_REVIEW and idea.support_count == 6
        assert idea.review_batch is not None

        services.idea_decide(
            actor=brand_reviewer,
            idea=idea,
            accepted=True,
            reason="잘 팔릴 것 같아요. 내년에 만듭니다.",
        )
        idea = reload(idea)
        assert idea.state == IdeaState.ACCEPTED
        assert Workspace.objects.get(idea=idea).stage == Stage.PLANNING

        services.terms_offer(actor=brand_owner, idea=idea, royalty_percent="2.5")
        services.terms_accept(actor=user, idea=reload(idea), royalty_percent="2.50")
        assert reload(idea).state == IdeaState.IN_DEVELOPMENT

        services.stage_set(actor=brand_reviewer, idea=reload(idea), stage=Stage.DESIGN)
        services.idea_launch(actor=brand_owner, idea=reload(idea), product=other_product)
        idea = reload(idea)
        assert idea.state == IdeaState.LAUNCHED
        launch = Launch.objects.get(idea=idea)
        assert (launch.product, launch.royalty_percent) == (other_product, Decimal("2.50"))

        services.idea_archive(actor=brand_owner, idea=idea, reason="단종되었습니다. 감사합니다.")
    assert reload(idea).state == IdeaState.ARCHIVED

    changes = [
        (e.from_state, e.to_state)
        for e in IdeaEvent.objects.filter(idea=idea).order_by("id")
        if e.to_state and e.from_state != e.to_state
    ]
    assert changes == [
        ("", "pending"),
        ("pending", "gathering"),
        ("gathering", "in_review"),
        ("in_review", "accepted"),
        ("accepted", "in_development"),
        ("in_development", "launched"),
        ("launched", "archived"),
    ]
    decision = IdeaEvent.objects.get(idea=idea, kind=EventKind.ACCEPTED)
    assert decision.actor == brand_reviewer and decision.reason.startswith("잘 팔릴")
    assert decision.actor_role == "brand" and decision.org_id == campaign.brand.org_id
    # Every supporter heard of every status change after publication (5 of them) and of the
    # three milestones.
    for supporter in supporters[:2]:
        kinds = list(Notification.objects.filter(user=supporter).values_list("kind", flat=True))
        assert kinds.count("idea.milestone_reached") == 3
        for kind in ("qualified", "accepted", "development_started", "launched", "archived"):
            assert f"idea.{kind}" in kinds
    author_kinds = set(Notification.objects.filter(user=user).values_list("kind", flat=True))
    assert {
        "idea.published",
        "idea.accepted",
        "idea.terms_offered",
        "idea.stage_changed",
    } <= author_kinds
    assert any(user.email in m.to for m in mail.outbox)
    assert audit_verify().ok


def test_idea_expires_when_its_deadline_passes(gathering, django_capture_on_commit_callbacks):
    support_many(gathering, 1)
    deadline = reload(gathering).deadline
    assert deadline is not None
    with time_machine.travel(deadline - timedelta(seconds=1), tick=False):
        assert services.ideas_tick().expired == 0
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(deadline + timedelta(seconds=1), tick=False),
    ):
        result = services.ideas_tick()
    assert result.expired == 1
    idea = reload(gathering)
    assert idea.state == IdeaState.EXPIRED
    event = idea.events.get(kind=EventKind.EXPIRED)
    assert event.payload == {"supporters": 1, "goal": 2, "milestones_reached": 0}
    assert Notification.objects.filter(kind="idea.expired").count() == 2  # author, supporter
    with time_machine.travel(deadline + timedelta(days=1), tick=False):
        assert services.ideas_tick().as_dict() == {
            "expired": 0,
            "qualified": 0,
            "batched": 0,
            "archived_withdrawn": 0,
            "batches_closed": 0,
            "campaigns_closed": 0,
        }


def test_reaching_a_milestone_in_time_saves_the_idea(gathering):
    first_deadline = reload(gathering).deadline
    assert first_deadline is not None
    support_many(gathering, 2)
    with time_machine.travel(first_deadline + timedelta(days=1), tick=False):
        assert services.ideas_tick().expired == 0
    assert reload(gathering).state == IdeaState.GATHERING


def test_tick_archives_ideas_their_proposer_withdrew(gathering, user):
    contribution_withdraw(actor=user, contribution=gathering.contribution)
    assert services.ideas_tick().archived_withdrawn == 1
    idea = reload(gathering)
    assert idea.state == IdeaState.ARCHIVED
    assert idea.events.last().payload == {"cause": "withdrawn_by_proposer"}


def test_tick_moves_ideas_at_the_final_threshold_and_unbatched_reviews(gathering):
    from cocreate.ideas.models import Idea

    # An idea at its final count that missed the move (e.g. data loaded from elsewhere).
    Idea.objects.filter(pk=gathering.pk).update(support_count=6, milestones_reached=2, next_goal=6)
    result = services.ideas_tick()
    assert result.qualified == 1
    idea = reload(gathering)
    assert idea.state == IdeaState.IN_REVIEW and idea.review_batch is not None
    Idea.objects.filter(pk=idea.pk).update(review_batch=None)
    assert services.ideas_tick().batched == 1
    assert reload(idea).review_batch is not None


def test_review_batches_are_dated_three_a_year(gathering):
    from datetime import datetime

    from cocreate.ideas.services.campaigns import next_cutoff

    local = timezone.get_current_timezone()
    cases = {
        datetime(2026, 2, 10, tzinfo=local): datetime(2026, 5, 1, tzinfo=local),
        datetime(2026, 5, 1, 0, 0, 1, tzinfo=local): datetime(2026, 9, 1, tzinfo=local),
        datetime(2026, 12, 31, tzinfo=local): datetime(2027, 1, 1, tzinfo=local),
    }
    for now, cutoff in cases.items():
        assert next_cutoff(now, 3) == cutoff
    assert next_cutoff(datetime(2026, 2, 10, tzinfo=local), 4) == datetime(2026, 4, 1, tzinfo=local)


def test_decline_at_the_final_threshold_records_a_consolation(
    gathering, brand_reviewer, django_capture_on_commit_callbacks
):
    support_many(gathering, 6)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_decide(
            actor=brand_reviewer,
            idea=reload(gathering),
            accepted=False,
            reason="안전 기준을 맞추기 어렵습니다.",
        )
    idea = reload(gathering)
    assert idea.state == IdeaState.NOT_ACCEPTED
    consolation = idea.events.get(kind=EventKind.CONSOLATION)
    assert consolation.payload == {"supporters": 6, "threshold": 6}
    assert Notification.objects.filter(
        user=idea.contribution.author, kind="idea.consolation"
    ).exists()
    assert not Workspace.objects.filter(idea=idea).exists()


def test_decision_needs_a_public_reason_and_changes_nothing_without_one(gathering, brand_reviewer):
    support_many(gathering, 6)
    before = IdeaEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.idea_decide(
            actor=brand_reviewer, idea=reload(gathering), accepted=True, reason=" "
        )
    assert exc.value.code == "reason_required"
    assert reload(gathering).state == IdeaState.IN_REVIEW
    assert IdeaEvent.objects.count() == before


def test_decision_by_someone_else_is_forbidden(gathering, brand_analyst, other_brand_moderator):
    support_many(gathering, 6)
    for person in (brand_analyst, other_brand_moderator, gathering.contribution.author):
        with pytest.raises(Forbidden):
            services.idea_decide(
                actor=person, idea=reload(gathering), accepted=True, reason="좋은 생각이에요 정말로"
            )
    assert reload(gathering).state == IdeaState.IN_REVIEW


def test_deciding_twice_is_refused(gathering, brand_reviewer):
    support_many(gathering, 6)
    stale = reload(gathering)
    services.idea_decide(
        actor=brand_reviewer, idea=stale, accepted=True, reason="만들어 봅시다 여러분"
    )
    with pytest.raises((Forbidden, Conflict)):
        services.idea_decide(
            actor=brand_reviewer, idea=stale, accepted=False, reason="다시 생각해 보니"
        )
    assert reload(gathering).state == IdeaState.ACCEPTED


def test_batch_closes_after_its_cutoff_once_every_idea_is_decided(gathering, brand_reviewer):
    support_many(gathering, 6)
    batch = reload(gathering).review_batch
    with time_machine.travel(batch.cutoff + timedelta(days=1), tick=False):
        assert services.ideas_tick().batches_closed == 0  # still one idea in review
        services.idea_decide(
            actor=brand_reviewer,
            idea=reload(gathering),
            accepted=False,
            reason="이번에는 어렵습니다",
        )
        assert services.ideas_tick().batches_closed == 1
    assert ReviewBatch.objects.get(pk=batch.pk).closed_at is not None


def test_campaign_past_its_closing_time_closes_and_takes_no_ideas(campaign, product, user):
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=timezone.now() + timedelta(days=1))
    with time_machine.travel(timezone.now() + timedelta(days=2), tick=False):
        assert services.ideas_tick().campaigns_closed == 1
        c = make_idea(author=user, product=product)
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.CLOSED
    from cocreate.ideas.models import Idea

    assert Idea.objects.get(pk=c.pk).campaign.is_default


def test_proposer_submits_a_draft(user, category):
    c = make_idea(author=user, category=category, status=Status.DRAFT)
    from cocreate.ideas.models import Idea

    idea = Idea.objects.select_related("contribution").get(pk=c.pk)
    with pytest.raises(Forbidden):
        services.idea_submit(actor=None, idea=idea)
    services.idea_submit(actor=user, idea=idea)
    idea = reload(idea)
    assert idea.state == IdeaState.PENDING and idea.contribution.status == Status.PENDING
    with pytest.raises(Forbidden):
        services.idea_submit(actor=user, idea=idea)


def test_archive_rules(gathering, brand_moderator, brand_reviewer, staff):
    with pytest.raises(Forbidden):
        services.idea_archive(actor=brand_reviewer, idea=gathering, reason="중복된 아이디어입니다")
    with pytest.raises(ValidationFailed):
        services.idea_archive(actor=brand_moderator, idea=gathering, reason="")
    services.idea_archive(actor=brand_moderator, idea=gathering, reason="브랜드 정책과 맞지 않아요")
    assert reload(gathering).state == IdeaState.ARCHIVED
    with pytest.raises(Forbidden):
        services.idea_archive(actor=staff, idea=reload(gathering), reason="다시 보관합니다 다시")
