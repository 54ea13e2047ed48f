"""On PostgreSQL: feed writers and meters running at once keep the sequence gapless and in
commit order, and bill each record once."""

import threading

import pytest
from django.db import connection

from cocreate.contributions.tests.factories import make_review
from cocreate.feeds.enums import Channel
from cocreate.feeds.metering import delivery_record
from cocreate.feeds.models import DeliveredRecord, FeedHead, FeedItem
from cocreate.feeds.sync import feed_refresh
from cocreate.feeds.tests.factories import enrich

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def in_threads(target, args_list):
    errors = []

    def run(*args):
        try:
            target(*args)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_parallel_refreshes_give_gapless_unique_sequence_numbers(user, product):
    reviews = [
        make_review(author=user, product=product, b2b_consent=True, body=f"동시 {i}")
        for i in range(24)
    ]
    for c in reviews:
        enrich(c, refresh=False)
    FeedItem.objects.all().delete()  # whatever the change tasks already published
    before = FeedHead.objects.get_or_create(pk=1)[0].seq
    chunks = [[c.pk for c in reviews[i::4]] for i in range(4)]
    in_threads(feed_refresh, [(chunk,) for chunk in chunks])
    seqs = sorted(FeedItem.objects.values_list("seq", flat=True))
    assert seqs == list(range(before + 1, before + 25))  # gapless, each given once
    assert FeedHead.objects.get().seq == before + 24


def test_parallel_deliveries_bill_each_record_once(mall, user, product):
    reviews = [
        make_review(author=user, product=product, b2b_consent=True, body=f"과금 {i}")
        for i in range(10)
    ]
    ids = [c.pk for c in reviews]
    in_threads(
        lambda: delivery_record(
            org=mall["org"],
            api_key=mall["key"],
            channel=Channel.API,
            endpoint="contributions",
            contribution_ids=ids,
        ),
        [() for _ in range(6)],
    )
    assert DeliveredRecord.objects.filter(org=mall["org"]).count() == 10
