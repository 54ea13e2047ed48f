"""Many people at once, on PostgreSQL: supports stay exact, the last milestone is crossed once,
nobody counts twice."""

import threading
from collections import Counter

import pytest
from django.db import connection

from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.core.errors import DomainError
from cocreate.ideas import services
from cocreate.ideas.enums import EventKind, IdeaState
from cocreate.ideas.models import Idea, Support
from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea, reload
from cocreate.orgs.enums import Role
from cocreate.orgs.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_all(work, items):
    """Call work(item) from one thread per item, all released at once; the error codes."""
    barrier = threading.Barrier(len(items))
    results = []
    lock = threading.Lock()

    def one(item):
        outcome = "ok"
        try:
            barrier.wait()
            work(item)
        except DomainError as exc:
            outcome = exc.code
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=one, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Counter(results)


@pytest.fixture
def setting():
    org = OrganisationFactory()
    brand = BrandFactory(org=org)
    moderator = MembershipFactory(org=org, role=Role.MODERATOR).user
    product = ProductFactory(brand=brand, category=CategoryFactory())
    return brand, product, moderator


def test_many_supporters_at_once_cross_the_last_milestone_exactly(setting):
    brand, product, moderator = setting
    make_campaign(brand, milestones=((10, 30), (30, 30)))
    idea = make_gathering_idea(product=product, moderator=moderator)
    users = UserFactory.create_batch(40)
    outcomes = run_all(lambda u: services.idea_support(actor=u, idea=reload(idea)), users)
    assert outcomes == Counter({"ok": 30, "support_closed": 10})
    idea = reload(idea)
    assert idea.state == IdeaState.IN_REVIEW
    assert idea.support_count == 30 == Support.objects.filter(idea=idea).count()
    assert idea.events.filter(kind=EventKind.MILESTONE_REACHED).count() == 2
    assert idea.events.filter(kind=EventKind.QUALIFIED).count() == 1
    assert idea.review_batch is not None


def test_one_account_supporting_from_many_clients_counts_once(setting):
    brand, product, moderator = setting
    make_campaign(brand, milestones=((100, 30),))
    idea = make_gathering_idea(product=product, moderator=moderator)
    person = UserFactory()
    outcomes = run_all(lambda _i: services.idea_support(actor=person, idea=reload(idea)), range(12))
    assert outcomes == Counter({"ok": 1, "already_supported": 11})
    assert reload(idea).support_count == 1 == Support.objects.filter(idea=idea).count()


def test_supports_and_withdrawals_at_once_keep_the_counter_exact(setting):
    brand, product, moderator = setting
    make_campaign(brand, milestones=((1000, 30),))
    idea = make_gathering_idea(product=product, moderator=moderator)
    stayers = UserFactory.create_batch(10)
    leavers = UserFactory.create_batch(10)
    for u in leavers:
        services.idea_support(actor=u, idea=reload(idea))

    def work(item):
        kind, user = item
        if kind == "support":
            services.idea_support(actor=user, idea=reload(idea))
        else:
            services.idea_withdraw_support(actor=user, idea=reload(idea))

    items = [("support", u) for u in stayers] + [("withdraw", u) for u in leavers]
    items += [("withdraw", u) for u in leavers[:5]]  # some click twice
    outcomes = run_all(work, items)
    assert outcomes["ok"] == 20 and outcomes["not_supported"] == 5
    idea = reload(idea)
    assert idea.support_count == 10 == Support.objects.filter(idea=idea).count()
    assert set(Support.objects.filter(idea=idea).values_list("user_id", flat=True)) == {
        u.pk for u in stayers
    }


def test_merge_while_people_support_keeps_everyone_once(setting):
    brand, product, moderator = setting
    make_campaign(brand, milestones=((1000, 30),))
    source = make_gathering_idea(product=product, moderator=moderator, title="하나")
    target = make_gathering_idea(product=product, moderator=moderator, title="둘")
    early = UserFactory.create_batch(6)
    for u in early:
        services.idea_support(actor=u, idea=reload(source))
    late = UserFactory.create_batch(12)

    def work(item):
        if item == "merge":
            services.idea_merge(
                actor=moderator, source=reload(source), target=reload(target), reason="중복입니다"
            )
        else:
            services.idea_support(actor=item, idea=reload(target))

    # the early supporters of the duplicate also support the target during the merge
    outcomes = run_all(work, ["merge", *early[:3], *late])
    # An early supporter who clicks after the merge already supports the target (moved).
    assert outcomes["ok"] + outcomes["already_supported"] == 16
    assert outcomes["already_supported"] <= 3
    target = reload(target)
    rows = list(Support.objects.filter(idea=target).values_list("user_id", flat=True))
    assert len(rows) == len(set(rows)) == target.support_count == 18
    assert reload(source).state == IdeaState.ARCHIVED
    assert not Support.objects.filter(idea=source).exists()
    assert Idea.objects.get(pk=source.pk).merged_into_id == target.pk
