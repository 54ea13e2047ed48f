"""Ideas are moderated before publication, by platform moderators or the moderators of the
brand they are for, with the same reasons; the ideas app hears of every decision in the same
transaction. Duplicate candidates from text intelligence are shown, with the ideas app's
merge page."""

from __future__ import annotations

import pytest

from cocreate.accounts.models import Notification
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_idea
from cocreate.core.errors import Conflict, NotFound
from cocreate.ideas.enums import EventKind, IdeaState
from cocreate.ideas.models import Idea
from cocreate.moderation import services
from cocreate.moderation.models import Basis
from cocreate.moderation.selectors import duplicate_candidates

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(user, product):
    """An upgrade idea for the brand's product, waiting for moderation."""
    return make_idea(
        author=user, product=product, title="접이식 손잡이", body="손잡이를 접게 해 주세요"
    )


def state(c):
    return (
        Contribution.objects.values_list("status", flat=True).get(pk=c.pk),
        Idea.objects.values_list("state", flat=True).get(pk=c.pk),
    )


def test_the_brand_moderator_approves_and_the_idea_starts_gathering(idea, brand_moderator, user):
    assert state(idea) == (Status.PENDING, IdeaState.PENDING)
    decision = services.decision_make(
        actor=brand_moderator, contribution_id=idea.pk, outcome="approved"
    )
    assert decision.basis == Basis.PRE_PUBLICATION
    assert state(idea) == (Status.PUBLISHED, IdeaState.GATHERING)
    assert Notification.objects.filter(user=user, kind="moderation.published").exists()
    assert Idea.objects.get(pk=idea.pk).events.filter(kind=EventKind.PUBLISHED).exists()


def test_the_brand_owner_refuses_with_a_published_reason(idea, brand_owner, user):
    services.decision_make(
        actor=brand_owner, contribution_id=idea.pk, outcome="hidden", reason="personal_data"
    )
    assert state(idea) == (Status.HIDDEN, IdeaState.DRAFT)
    event = Idea.objects.get(pk=idea.pk).events.get(kind=EventKind.MODERATION_REFUSED)
    assert event.reason == "personal_data"
    assert Notification.objects.filter(user=user, kind="moderation.hidden").exists()


@pytest.mark.parametrize(
    "who", ["other_brand_moderator", "brand_reviewer", "brand_analyst", "mall_owner", "other_user"]
)
def test_others_do_not_moderate_the_brands_ideas(request, idea, who):
    with pytest.raises(NotFound):
        services.decision_make(
            actor=request.getfixturevalue(who), contribution_id=idea.pk, outcome="approved"
        )
    assert state(idea) == (Status.PENDING, IdeaState.PENDING)


def test_a_new_product_idea_without_a_brand_is_for_platform_moderators(
    user, category, moderator, brand_moderator
):
    c = make_idea(author=user, category=category)
    with pytest.raises(NotFound):
        services.decision_make(actor=brand_moderator, contribution_id=c.pk, outcome="approved")
    services.decision_make(actor=moderator, contribution_id=c.pk, outcome="approved")
    assert state(c) == (Status.PUBLISHED, IdeaState.GATHERING)


def test_brand_moderators_do_not_hide_published_ideas(idea, brand_moderator, moderator, other_user):
    services.decision_make(actor=brand_moderator, contribution_id=idea.pk, outcome="approved")
    services.report_file(actor=other_user, contribution_id=idea.pk, reason="spam")
    with pytest.raises(Conflict) as exc:
        services.decision_make(
            actor=brand_moderator, contribution_id=idea.pk, outcome="hidden", reason="spam"
        )
    assert exc.value.code == "nothing_to_decide"
    assert state(idea) == (Status.PUBLISHED, IdeaState.GATHERING)
    # a neutral moderator does, and the idea's timeline shows it
    services.decision_make(
        actor=moderator, contribution_id=idea.pk, outcome="hidden", reason="spam"
    )
    assert state(idea)[0] == Status.HIDDEN
    kinds = list(Idea.objects.get(pk=idea.pk).events.values_list("kind", flat=True))
    assert kinds[-1] == EventKind.MODERATION_HIDDEN


def test_an_overturned_refusal_publishes_the_idea_as_it_was(idea, brand_moderator, moderator, user):
    refusal = services.decision_make(
        actor=brand_moderator, contribution_id=idea.pk, outcome="hidden", reason="off_topic"
    )
    appeal = services.appeal_file(
        actor=user, decision_id=refusal.pk, statement="제품 개선 아이디어입니다"
    )
    services.appeal_decide(actor=moderator, appeal_id=appeal.pk, overturn=True)
    assert state(idea) == (Status.PUBLISHED, IdeaState.GATHERING)
    kinds = list(
        Idea.objects.get(pk=idea.pk)
        .events.order_by("created_at", "id")
        .values_list("kind", flat=True)
    )
    assert kinds[-3:] == [EventKind.MODERATION_REFUSED, EventKind.SUBMITTED, EventKind.PUBLISHED]


def test_an_overturned_hiding_restores_a_published_idea(
    idea, brand_moderator, moderator, second_moderator, user
):
    services.decision_make(actor=brand_moderator, contribution_id=idea.pk, outcome="approved")
    hidden = services.decision_make(
        actor=moderator, contribution_id=idea.pk, outcome="hidden", reason="abuse"
    )
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="아닙니다")
    services.appeal_decide(actor=second_moderator, appeal_id=appeal.pk, overturn=True)
    assert state(idea) == (Status.PUBLISHED, IdeaState.GATHERING)
    kinds = list(Idea.objects.get(pk=idea.pk).events.values_list("kind", flat=True))
    assert EventKind.MODERATION_RESTORED in kinds


def test_a_refused_idea_sent_again_closes_the_appeal(idea, brand_moderator, moderator, user):
    from cocreate.ideas.services import idea_submit

    refusal = services.decision_make(
        actor=brand_moderator, contribution_id=idea.pk, outcome="hidden", reason="spam"
    )
    appeal = services.appeal_file(actor=user, decision_id=refusal.pk, statement="고쳤어요")
    idea_submit(actor=user, idea=Idea.objects.get(pk=idea.pk))
    with pytest.raises(Conflict) as exc:
        services.appeal_decide(actor=moderator, appeal_id=appeal.pk, overturn=True)
    assert exc.value.code == "appeal_closed"
    assert state(idea) == (Status.PENDING, IdeaState.PENDING)


def test_the_brand_queue_shows_only_the_brands_ideas(
    client_for, idea, brand_moderator, other_brand_moderator, user, category
):
    elsewhere = make_idea(author=user, category=category, title="다른 아이디어")
    mine = client_for(brand_moderator).get("/moderation/?tab=ideas").content.decode()
    assert f'id="q-{idea.pk}"' in mine and f'id="q-{elsewhere.pk}"' not in mine
    theirs = client_for(other_brand_moderator).get("/moderation/?tab=ideas").content.decode()
    assert f'id="q-{idea.pk}"' not in theirs


@pytest.mark.skipif(
    duplicate_candidates() is None,
    reason="needs text intelligence's duplicate candidates (branch textintel)",
)
def test_the_queue_shows_duplicate_candidates_with_the_merge_page(
    client_for, idea, user, product, brand_moderator, moderator
):
    published = make_idea(
        author=user, product=product, title="손잡이 접이식으로", body="접히는 손잡이"
    )
    services.decision_make(actor=moderator, contribution_id=published.pk, outcome="approved")
    duplicate_candidates().objects.create(
        first=idea,
        second=published,
        kind="idea",
        score=0.93,
        model="test@1",
        first_only_words=["빨대"],
        second_only_words=["<b>손잡이</b>"],
    )
    page = client_for(brand_moderator).get("/moderation/?tab=ideas").content.decode()
    assert "손잡이 접이식으로" in page
    assert "93%" in page
    # each side sees its own words first; words are text, never markup
    assert "<mark>빨대</mark> ↔ <mark>&lt;b&gt;손잡이&lt;/b&gt;</mark>" in page
    assert f"/ideas/{idea.pk}/merge/?target={published.pk}" in page
    assert "/textintel/duplicates/" in page


def test_approving_an_idea_from_the_queue_with_htmx(client_for, idea, brand_moderator):
    response = client_for(brand_moderator).post(
        f"/moderation/c/{idea.pk}/decide/", {"outcome": "approved"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "공개했습니다" in response.content.decode()
    assert state(idea) == (Status.PUBLISHED, IdeaState.GATHERING)
