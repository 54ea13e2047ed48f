from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cocreate.accounts.tests.factories import UserFactory
from cocreate.core.errors import Conflict, Forbidden
from cocreate.ideas import services
from cocreate.ideas.enums import EventKind, IdeaState
from cocreate.ideas.models import Support
from cocreate.ideas.tests.factories import (
    make_campaign,
    make_gathering_idea,
    reload,
    support_many,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(brand, category):
    make_campaign(brand)  # milestones 2/10d, 4/+20d, 6/+30d
    from cocreate.catalog.tests.factories import ProductFactory

    return make_gathering_idea(product=ProductFactory(brand=brand, category=category))


def test_support_counts_once_and_the_counter_follows(idea, user):
    support = services.idea_support(actor=user, idea=idea)
    assert support.pk and Support.objects.filter(idea=idea, user=user).count() == 1
    assert reload(idea).support_count == 1
    with pytest.raises(Conflict) as exc:
        services.idea_support(actor=user, idea=reload(idea))
    assert exc.value.code == "already_supported"
    assert reload(idea).support_count == 1
    assert Support.objects.filter(idea=idea).count() == 1


def test_unverified_account_cannot_support(idea):
    person = UserFactory(email_verified_at=None)
    with pytest.raises(Forbidden) as exc:
        services.idea_support(actor=person, idea=idea)
    assert exc.value.code == "email_not_verified"
    assert reload(idea).support_count == 0 and not Support.objects.exists()


def test_author_cannot_support_own_idea(idea):
    with pytest.raises(Forbidden) as exc:
        services.idea_support(actor=idea.contribution.author, idea=idea)
    assert exc.value.code == "own_idea"
    assert reload(idea).support_count == 0 and not Support.objects.exists()


def test_withdraw_support_until_review(idea, user):
    services.idea_support(actor=user, idea=idea)
    services.idea_withdraw_support(actor=user, idea=reload(idea))
    assert reload(idea).support_count == 0 and not Support.objects.exists()
    with pytest.raises(Conflict) as exc:
        services.idea_withdraw_support(actor=user, idea=reload(idea))
    assert exc.value.code == "not_supported"
    # supporting again after withdrawing is allowed
    services.idea_support(actor=user, idea=reload(idea))
    assert reload(idea).support_count == 1


def test_milestones_extend_the_deadline_and_the_last_sends_to_review(idea):
    started = reload(idea).support_started_at
    assert started is not None
    assert reload(idea).deadline == started + timedelta(days=10)
    support_many(idea, 2)
    current = reload(idea)
    assert (current.milestones_reached, current.next_goal) == (1, 4)
    assert current.deadline == started + timedelta(days=30)
    support_many(current, 2)
    current = reload(idea)
    assert (current.milestones_reached, current.next_goal) == (2, 6)
    assert current.deadline == started + timedelta(days=60)
    supporters = support_many(current, 2)
    current = reload(idea)
    assert current.state == IdeaState.IN_REVIEW
    assert current.milestones_reached == 3 and current.review_batch is not None
    assert current.review_batch.cutoff > timezone.now()
    kinds = list(current.events.values_list("kind", flat=True))
    assert kinds[-5:] == [
        "milestone_reached",
        "milestone_reached",
        "milestone_reached",
        "qualified",
        "batched",
    ]
    milestone_payloads = [
        e.payload["supporters"] for e in current.events.filter(kind=EventKind.MILESTONE_REACHED)
    ]
    assert milestone_payloads == [2, 4, 6]
    # in review: no more supports, no withdrawals
    with pytest.raises(Conflict) as exc:
        services.idea_support(actor=UserFactory(), idea=current)
    assert exc.value.code == "support_closed"
    with pytest.raises(Conflict) as exc:
        services.idea_withdraw_support(actor=supporters[0], idea=current)
    assert exc.value.code == "support_closed"
    assert reload(idea).support_count == 6 == Support.objects.filter(idea=idea).count()


def test_support_after_the_deadline_is_refused_even_before_the_tick(idea, user):
    later = timezone.now() + timedelta(days=11)
    with time_machine.travel(later), pytest.raises(Conflict) as exc:
        services.idea_support(actor=user, idea=reload(idea))
    assert exc.value.code == "support_closed"
    assert reload(idea).support_count == 0


def test_hidden_idea_cannot_be_supported(idea, user, staff):
    from cocreate.ideas.tests.factories import moderate

    moderate(idea.contribution, approved=False, actor=staff, reason="spam")
    with pytest.raises(Conflict):
        services.idea_support(actor=user, idea=reload(idea))
    assert reload(idea).support_count == 0
