"""The moderation demo data: real services, a verifiable chain, idempotent."""

import io

import pytest

from cocreate.catalog.tests.factories import CategoryFactory
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.core.audit import audit_verify
from cocreate.moderation.models import Appeal, Decision, Reply
from cocreate.moderation.transparency import transparency_report
from cocreate.web.demo import moderation as demo

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_part_of_the_report(client):
    CategoryFactory()
    out = io.StringIO()
    demo.seed(out)
    assert "moderation:" in out.getvalue()
    report = transparency_report()
    assert report.hidden_total >= 3
    assert report.approved_total >= 1
    assert {a.state for a in Appeal.objects.all()} == {"upheld", "overturned"}
    assert Reply.objects.count() >= 3
    assert Contribution.objects.filter(kind="idea", status=Status.PENDING).count() == 2
    assert Contribution.objects.filter(declared_relationship="employee").exists()
    assert audit_verify().ok
    assert client.get("/moderation/transparency/").status_code == 200
    counts = (Decision.objects.count(), Contribution.objects.count(), Reply.objects.count())
    demo.seed(io.StringIO())
    assert (Decision.objects.count(), Contribution.objects.count(), Reply.objects.count()) == counts


def test_the_moderators_can_log_in(client):
    CategoryFactory()
    demo.seed(io.StringIO())
    assert client.login(username=demo.MODERATOR, password=demo.DEMO_PASSWORD)
    assert client.get("/moderation/?tab=ideas").status_code == 200
