import json

import pytest

from cocreate.contributions import services as contribution_services
from cocreate.contributions.tests.factories import make_review
from cocreate.feeds.models import FeedHead, FeedItem, Tombstone
from cocreate.feeds.sync import feed_rebuild, feed_refresh, feed_refresh_pending
from cocreate.feeds.tests.factories import enrich

pytestmark = pytest.mark.django_db


def test_refresh_is_idempotent(user, product):
    c = make_review(author=user, product=product, b2b_consent=True)
    enrich(c)
    seq = FeedItem.objects.get().seq
    assert feed_refresh([c.pk]) == []
    assert FeedItem.objects.get().seq == seq == FeedHead.objects.get().seq


def test_a_change_moves_the_record_to_the_end(user, product):
    a = make_review(author=user, product=product, b2b_consent=True, body="가")
    b = make_review(author=user, product=product, b2b_consent=True, body="나")
    enrich(a)
    enrich(b)
    contribution_services.contribution_edit(actor=user, contribution=a, body="가나다")
    enrich(a)
    assert list(FeedItem.objects.order_by("seq").values_list("pk", flat=True)) == [b.pk, a.pk]
    assert json.loads(FeedItem.objects.get(pk=a.pk).record)["body"] == "가나다"


def test_pending_enrichments_are_picked_up(user, product):
    c = make_review(author=user, product=product, b2b_consent=True)
    enrich(c, refresh=False)
    assert not FeedItem.objects.exists()
    assert feed_refresh_pending() == 1
    assert FeedItem.objects.filter(pk=c.pk).exists()
    assert feed_refresh_pending() == 0  # the overlap window re-reads, changes nothing


def test_rebuild_adds_and_removes(user, product):
    keep = make_review(author=user, product=product, b2b_consent=True)
    drop = make_review(author=user, product=product, b2b_consent=True)
    enrich(keep, refresh=False)
    enrich(drop)
    contribution_services.contribution_set_consent(actor=user, contribution=drop, granted=False)
    assert feed_rebuild() == 2
    assert list(FeedItem.objects.values_list("pk", flat=True)) == [keep.pk]
    assert Tombstone.objects.get().contribution_id == drop.pk


def test_the_change_task_runs_after_commit(user, product, django_capture_on_commit_callbacks):
    c = make_review(author=user, product=product, b2b_consent=True)
    enrich(c)
    with django_capture_on_commit_callbacks(execute=True):
        contribution_services.contribution_withdraw(actor=user, contribution=c)
    assert not FeedItem.objects.exists()
    assert Tombstone.objects.get().reason == "withdrawn"


def test_pending_walks_past_a_burst_larger_than_a_batch(user, product, monkeypatch):
    from cocreate.feeds import sync

    monkeypatch.setattr(sync, "REFRESH_CHUNK", 3)
    reviews = [
        make_review(author=user, product=product, b2b_consent=True, body=f"{i}") for i in range(8)
    ]
    for c in reviews:
        enrich(c, refresh=False)
    assert feed_refresh_pending(max_rows=100) == 8
    assert FeedItem.objects.count() == 8
    head = FeedHead.objects.get()
    assert head.enrichment_watermark is not None
    assert feed_refresh_pending(max_rows=100) == 0


def test_feed_rebuild_command(user, product):
    from io import StringIO

    from django.core.management import call_command

    enrich(make_review(author=user, product=product, b2b_consent=True), refresh=False)
    out = StringIO()
    call_command("feed_rebuild", stdout=out)
    assert out.getvalue().startswith("1 feed records changed")
