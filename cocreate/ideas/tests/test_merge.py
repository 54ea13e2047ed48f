import pytest

from cocreate.accounts.models import Notification
from cocreate.accounts.tests.factories import UserFactory
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.ideas import services
from cocreate.ideas.enums import CreditRole, EventKind, IdeaState
from cocreate.ideas.models import IdeaCredit, Support
from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea, reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(brand, brand_owner, product, brand_moderator):
    make_campaign(brand, owner=brand_owner, milestones=((10, 30), (20, 30)))
    source = make_gathering_idea(product=product, moderator=brand_moderator, title="접이식 손잡이")
    target = make_gathering_idea(product=product, moderator=brand_moderator, title="손잡이를 접게")
    return source, target


def test_merge_unites_supports_without_double_counting_and_credits_both(
    pair, brand_moderator, django_capture_on_commit_callbacks
):
    source, target = pair
    both = UserFactory.create_batch(2)
    only_source = UserFactory.create_batch(3)
    only_target = UserFactory.create_batch(1)
    for u in both + only_source:
        services.idea_support(actor=u, idea=reload(source))
    for u in both + only_target:
        services.idea_support(actor=u, idea=reload(target))
    # the target's proposer supported the duplicate; the duplicate's proposer the target
    services.idea_support(actor=target.contribution.author, idea=reload(source))
    services.idea_support(actor=source.contribution.author, idea=reload(target))
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_merge(
            actor=brand_moderator, source=reload(source), target=reload(target), reason="같은 제안"
        )
    source, target = reload(source), reload(target)
    supporters = set(Support.objects.filter(idea=target).values_list("user_id", flat=True))
    assert supporters == {u.pk for u in both + only_source + only_target}
    assert target.support_count == 6 == Support.objects.filter(idea=target).count()
    assert source.state == IdeaState.ARCHIVED and source.merged_into == target
    assert source.support_count == 0 and not Support.objects.filter(idea=source).exists()
    credits = {c.user_id: c.role for c in IdeaCredit.objects.filter(idea=target)}
    assert credits == {
        target.contribution.author_id: CreditRole.PROPOSER,
        source.contribution.author_id: CreditRole.MERGED,
    }
    assert Support.objects.filter(idea=target, merged_from=source).count() == 3
    merged_in = target.events.get(kind=EventKind.MERGED_IN)
    assert merged_in.payload == {
        "source": source.pk,
        "moved": 3,
        "counted_once": 4,
        "supporters": 6,
    }
    # the merged idea's author is told, and so are the supporters whose support moved
    told = set(
        Notification.objects.filter(kind="idea.merged_away").values_list("user_id", flat=True)
    )
    assert told == {source.contribution.author_id} | {u.pk for u in only_source}
    assert Notification.objects.filter(
        kind="idea.merged_in", user=target.contribution.author
    ).exists()
    # a credited proposer cannot support the merged idea
    with pytest.raises(Forbidden):
        services.idea_support(actor=source.contribution.author, idea=target)


def test_merge_can_reach_a_milestone(pair, brand_moderator):
    source, target = pair
    for u in UserFactory.create_batch(6):
        services.idea_support(actor=u, idea=reload(source))
    for u in UserFactory.create_batch(5):
        services.idea_support(actor=u, idea=reload(target))
    services.idea_merge(
        actor=brand_moderator, source=reload(source), target=reload(target), reason="중복입니다"
    )
    target = reload(target)
    assert target.support_count == 11 and target.milestones_reached == 1 and target.next_goal == 20


def test_merge_rules(pair, brand_moderator, brand_reviewer, other_brand_moderator, staff):
    source, target = pair
    for person in (brand_reviewer, other_brand_moderator, source.contribution.author):
        with pytest.raises(Forbidden):
            services.idea_merge(actor=person, source=source, target=target, reason="중복입니다")
    with pytest.raises(ValidationFailed):
        services.idea_merge(
            actor=brand_moderator, source=source, target=source, reason="중복입니다"
        )
    with pytest.raises(ValidationFailed):
        services.idea_merge(actor=brand_moderator, source=source, target=target, reason="")
    services.idea_merge(actor=staff, source=source, target=target, reason="중복입니다")
    with pytest.raises((Forbidden, Conflict)):
        services.idea_merge(
            actor=brand_moderator, source=reload(source), target=target, reason="또"
        )
    with pytest.raises(ValidationFailed):  # the archived idea is no target
        services.idea_merge(
            actor=brand_moderator, source=reload(target), target=reload(source), reason="반대로"
        )


def test_cannot_merge_across_brands(pair, brand_moderator, other_brand_org, category, staff):
    from cocreate.catalog.tests.factories import BrandFactory, ProductFactory

    other_brand = BrandFactory(org=other_brand_org)
    make_campaign(other_brand)
    foreign = make_gathering_idea(
        product=ProductFactory(brand=other_brand, category=category), moderator=staff
    )
    source, _target = pair
    with pytest.raises(ValidationFailed):
        services.idea_merge(actor=staff, source=source, target=foreign, reason="중복입니다")
    assert reload(source).state == IdeaState.GATHERING
    assert reload(source).merged_into is None


def test_pending_duplicate_can_be_merged_by_its_moderator(pair, brand_moderator, product):
    from cocreate.contributions.tests.factories import make_idea

    _source, target = pair
    pending = make_idea(author=UserFactory(), product=product)
    from cocreate.ideas.models import Idea

    idea = Idea.objects.select_related("contribution", "campaign").get(pk=pending.pk)
    services.idea_merge(actor=brand_moderator, source=idea, target=target, reason="이미 있는 제안")
    assert reload(idea).state == IdeaState.ARCHIVED
    assert IdeaCredit.objects.filter(idea=target, user=pending.author).exists()
