import json
from io import StringIO

import pytest
from django.core.management import call_command

from cocreate.feeds.benchdata import bench_build, bench_rows
from cocreate.feeds.models import FeedHead, FeedItem
from cocreate.feeds.sync import feed_refresh

pytestmark = pytest.mark.django_db


def test_bench_data_matches_what_the_product_builds(category):
    assert bench_build(40) == 40
    assert bench_build(40) == 0  # built once
    assert bench_rows() == 40 and FeedHead.objects.get().seq == 40
    item = FeedItem.objects.order_by("seq").first()
    before = (item.record_sha256, item.seq)
    feed_refresh([item.pk])  # the product's own builder finds nothing to change
    item.refresh_from_db()
    assert (item.record_sha256, item.seq) == before


def test_bench_command_prints_one_json_line_last(category):
    out = StringIO()
    call_command("bench_feed", rows=120, repeat=1, no_load=True, stdout=out)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["rows"] == 120
    assert set(result) >= {
        "first_page_ms",
        "deep_page_ms",
        "deep_over_first",
        "export_records_per_s",
    }
