"""The benchmark command runs at a small size, prints its figures and one JSON line, and
leaves the database as it was."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from cocreate.contributions.models import Contribution
from cocreate.core.audit import audit_head, audit_verify
from cocreate.core.models import AuditEvent
from cocreate.moderation.models import Decision


@pytest.mark.django_db
def test_bench_trust_runs_and_rolls_back(user, product):
    from cocreate.contributions.tests.factories import make_review

    make_review(author=user, product=product)
    before = (Contribution.objects.count(), AuditEvent.objects.count(), audit_head())
    out = StringIO()
    call_command(
        "bench_trust",
        "--reviews",
        "300",
        "--events",
        "700",
        "--appends",
        "20",
        "--repeat",
        "1",
        stdout=out,
    )
    lines = out.getvalue().strip().splitlines()
    figures = json.loads(lines[-1])
    assert figures["bench"] == "trust"
    assert figures["reviews"] == 300
    assert figures["events"] == before[1] + 20 + 700
    assert {
        "report_ms",
        "page_ms",
        "queue_ms",
        "verify_events_per_s",
        "append_events_per_s",
    } <= set(figures)
    assert any("audit_verify" in line for line in lines)
    assert (Contribution.objects.count(), AuditEvent.objects.count(), audit_head()) == before
    assert not Decision.objects.exists()
    assert audit_verify().ok
