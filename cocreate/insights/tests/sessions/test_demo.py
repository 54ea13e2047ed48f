"""The test-session demo: a closed session with charts by segment, an open one with a few
rewarded answers rented to the demo mall; running it again changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from cocreate.core.audit import audit_verify
from cocreate.insights.models import SessionResponse, TestSession
from cocreate.insights.session_enums import Segment, SessionStatus
from cocreate.insights.session_selectors import session_results
from cocreate.web.demo import sessions as demo

pytestmark = pytest.mark.django_db


def test_demo_sessions(client) -> None:
    call_command("seed_demo", "--force", "--limit", "12", stdout=StringIO())
    closed = TestSession.objects.get(title=demo.CLOSED_TITLE)
    opened = TestSession.objects.get(title=demo.OPEN_TITLE)
    assert closed.status == SessionStatus.CLOSED and opened.status == SessionStatus.OPEN
    assert closed.responses.count() >= 20
    assert 1 <= opened.responses.count() < 5
    assert all(r.incentivised for r in opened.responses.all())
    by_persona = session_results(closed, Segment.PERSONA).questions[0].cells
    assert any(c.chart is not None for c in by_persona)
    assert session_results(opened).respondents.suppressed
    assert closed.rentals.filter(partner__slug=demo.PARTNER_SLUG).exists()
    assert client.login(username="owner.sodam@cocreate.example", password="cocreate-demo")
    assert client.get(f"/insights/sessions/{closed.pk}/results/").status_code == 200
    assert audit_verify().ok
    count = SessionResponse.objects.count()
    demo.seed(StringIO())
    assert SessionResponse.objects.count() == count
