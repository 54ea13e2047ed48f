"""The fill: Asia/Seoul days, idempotent refills, slices rewritten whole, segments."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db.models import Sum

from cocreate.contributions.enums import Status
from cocreate.contributions.services import contribution_set_status
from cocreate.insights import aggregation, tasks
from cocreate.insights.fill import fill
from cocreate.insights.models import AspectCount, DailyCount, FillMark
from cocreate.insights.tests.dashboard.helpers import UTC, kst, people, review_at

pytestmark = pytest.mark.django_db


def everyone(brand, **filters):
    rows = DailyCount.objects.filter(brand=brand, segment="", **filters)
    return rows.aggregate(n=Sum("contributions"))["n"] or 0


def by_day(brand):
    return dict(
        DailyCount.objects.filter(brand=brand, segment="")
        .values_list("day")
        .annotate(n=Sum("contributions"))
        .values_list("day", "n")
    )


def test_days_are_seoul_calendar_days(brand, product):
    a, b, c, d = people(4)
    review_at(a, product, kst(2026, 3, 1, 23, 59))
    review_at(b, product, kst(2026, 3, 2, 0, 1))
    # 15:00 UTC is midnight in Seoul: 14:59:59 UTC is still the 1st there, 15:00 the 2nd.
    review_at(c, product, datetime(2026, 3, 1, 14, 59, 59, tzinfo=UTC))
    review_at(d, product, datetime(2026, 3, 1, 15, 0, 0, tzinfo=UTC))
    fill()
    assert by_day(brand) == {date(2026, 3, 1): 2, date(2026, 3, 2): 2}


def test_refill_is_idempotent(brand, product):
    authors = people(3)
    for i, author in enumerate(authors):
        review_at(author, product, kst(2026, 3, 1, 12) + timedelta(days=i), rating=i + 3)
    fill()
    first = sorted(
        DailyCount.objects.values_list("day", "segment", "rating", "contributions", "people")
    )
    fill()
    fill(since=date(2026, 3, 2))
    aggregation.counts_refill_day(brand.pk, date(2026, 3, 1))
    again = sorted(
        DailyCount.objects.values_list("day", "segment", "rating", "contributions", "people")
    )
    assert again == first
    assert everyone(brand) == 3


def test_slice_task_recounts_one_day_whole(brand, product):
    a, b = people(2)
    first = review_at(a, product, kst(2026, 3, 1, 9))
    fill()
    second = review_at(b, product, kst(2026, 3, 1, 10))
    assert everyone(brand) == 1
    tasks.counts_refill_contribution.call(second.pk)
    tasks.counts_refill_contribution.call(second.pk)
    assert everyone(brand) == 2
    contribution_set_status(actor=None, contribution=first, status=Status.HIDDEN)
    tasks.counts_refill_contribution.call(first.pk)
    assert everyone(brand) == 1


def test_only_published_contributions_of_the_brand_count(brand, product, other_brand_org):
    from cocreate.catalog.tests.factories import BrandFactory, ProductFactory

    other = ProductFactory(brand=BrandFactory(org=other_brand_org), category=product.category)
    a, b, c = people(3)
    review_at(a, product, kst(2026, 3, 1, 9))
    hidden = review_at(b, product, kst(2026, 3, 1, 9))
    contribution_set_status(actor=None, contribution=hidden, status=Status.HIDDEN)
    review_at(c, other, kst(2026, 3, 1, 9))
    fill()
    assert everyone(brand) == 1
    assert everyone(other.brand) == 1


def test_segments_and_people(brand, product):
    dealers = people(2, persona="dealer", age_band="30s", region="seoul")
    consumer = people(1, persona="consumer")[0]
    for author in dealers:
        review_at(author, product, kst(2026, 3, 1, 9))
        review_at(author, product, kst(2026, 3, 1, 10))
    review_at(consumer, product, kst(2026, 3, 1, 11))
    fill()
    assert everyone(brand) == 5
    dealer_rows = DailyCount.objects.filter(brand=brand, segment="persona:dealer")
    assert dealer_rows.aggregate(n=Sum("contributions"))["n"] == 4
    row = dealer_rows.get()
    assert row.people == 2 and sorted(row.few_people) == sorted(u.pk for u in dealers)
    assert DailyCount.objects.filter(segment="region:seoul").get().people == 2
    assert DailyCount.objects.filter(segment="persona:consumer").get().people == 1
    assert not DailyCount.objects.filter(segment__startswith="age:", people=1).exists()


def test_few_people_kept_only_below_the_threshold(brand, product, settings):
    settings.INSIGHTS_MIN_CELL_PEOPLE = 3
    for author in people(3):
        review_at(author, product, kst(2026, 3, 1, 9), rating=5)
    fill()
    row = DailyCount.objects.get(brand=brand, segment="")
    assert row.people == 3 and row.few_people == []


def test_aspects_counted_once_per_contribution(brand, product):
    a = people(1)[0]
    review_at(
        a,
        product,
        kst(2026, 3, 1, 9),
        aspects=[
            {"aspect": "delivery", "polarity": "negative", "confidence": 0.9},
            {"aspect": "delivery", "polarity": "negative", "confidence": 0.8},
            {"aspect": "quality", "polarity": "positive", "confidence": 0.7},
            {"aspect": "weather", "polarity": "positive", "confidence": 0.7},
        ],
    )
    fill()
    rows = AspectCount.objects.filter(brand=brand, segment="")
    assert sorted(rows.values_list("aspect", "polarity", "mentions")) == [
        ("delivery", "negative", 1),
        ("quality", "positive", 1),
    ]


def test_catch_up_recounts_what_changed_since_the_mark(brand, product):
    a, b = people(2)
    review_at(a, product, kst(2026, 3, 1, 9))
    assert aggregation.counts_catch_up() == 0  # first run: everything
    assert everyone(brand) == 1
    late = review_at(b, product, kst(2026, 3, 4, 9))
    FillMark.objects.update(at=late.updated_at - timedelta(minutes=5))
    assert aggregation.counts_catch_up() >= 1
    assert everyone(brand) == 2
    assert aggregation.counts_catch_up() >= 0
    assert everyone(brand) == 2


def test_insights_fill_command(brand, product, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    review_at(people(1)[0], product, kst(2026, 3, 1, 9))
    call_command("insights_fill", "--brand", brand.slug, verbosity=0)
    call_command("insights_fill", "--since", "2026-03-01", verbosity=0)
    assert everyone(brand) == 1
    with pytest.raises(CommandError):
        call_command("insights_fill", "--brand", "no-such-brand")
    with pytest.raises(CommandError):
        call_command("insights_fill", "--since", "yesterday")


def test_a_new_contribution_reaches_the_counts_through_the_change_tasks(
    brand, product, settings, django_capture_on_commit_callbacks
):
    from cocreate.contributions.tests.factories import make_review

    assert "cocreate.insights.tasks.counts_refill_contribution" in (
        settings.CONTRIBUTION_CHANGE_TASKS
    )
    settings.CONTRIBUTION_CHANGE_TASKS = ["cocreate.insights.tasks.counts_refill_contribution"]
    with django_capture_on_commit_callbacks(execute=True):
        make_review(author=people(1)[0], product=product)
    assert everyone(brand) == 1


def test_periodic_tasks_are_listed_and_run(brand, product, settings):
    from cocreate.insights.models import ComplaintTheme

    paths = {spec["task"] for spec in settings.PERIODIC_TASKS.values()}
    assert {
        "cocreate.insights.tasks.insights_catch_up",
        "cocreate.insights.tasks.insights_refill",
    } <= paths
    review_at(people(1)[0], product, kst(2026, 3, 1, 9))
    tasks.insights_catch_up.call()
    assert everyone(brand) == 1
    assert tasks.insights_refill.call() >= 1
    assert everyone(brand) == 1
    assert not ComplaintTheme.objects.exists()
