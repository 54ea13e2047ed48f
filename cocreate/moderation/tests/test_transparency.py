"""The public transparency report: counts by reason, by star rating and by month; appeals;
the share of reviews hidden per rating; the audit chain head. Page and API agree."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import timezone

from cocreate.contributions.services import contribution_edit
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review
from cocreate.core.audit import audit_head
from cocreate.moderation import services
from cocreate.moderation.charts import stacked_column_chart
from cocreate.moderation.transparency import _months, transparency_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(user, other_user, product, moderator, second_moderator, mall_key, category):
    """Ten reviews (two per star), three hidden: one 1-star, one 3-star, one 5-star (the
    5-star one was 2 stars when it was hidden); one complaint hidden; one report kept."""
    reviews = {}
    for star in (1, 2, 3, 4, 5):
        for n in range(2):
            reviews[star, n] = make_review(
                author=user, product=product, rating=star, body=f"{star}점 후기 {n}"
            )
    services.report_file(actor=other_user, contribution_id=reviews[1, 0].pk, reason="abuse")
    services.decision_make(
        actor=moderator, contribution_id=reviews[1, 0].pk, outcome="hidden", reason="abuse"
    )
    services.decision_make(
        actor=moderator, contribution_id=reviews[3, 0].pk, outcome="hidden", reason="spam"
    )
    contribution_edit(actor=user, contribution=reviews[5, 0], body="바꿨어요", rating=2)
    hidden = services.decision_make(
        actor=moderator, contribution_id=reviews[5, 0].pk, outcome="hidden", reason="personal_data"
    )
    contribution_edit(actor=user, contribution=reviews[5, 0], body="다시 바꿨어요", rating=5)
    services.report_file(actor=mall_key[0], contribution_id=reviews[4, 0].pk, reason="spam")
    services.decision_make(actor=moderator, contribution_id=reviews[4, 0].pk, outcome="approved")
    complaint = make_complaint(author=user, product=product)
    services.decision_make(
        actor=moderator, contribution_id=complaint.pk, outcome="hidden", reason="off_topic"
    )
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="지웠어요")
    services.appeal_decide(actor=second_moderator, appeal_id=appeal.pk, overturn=False)
    idea = make_idea(author=other_user, category=category)  # waiting, not decided
    return reviews, complaint, idea


def test_counts(activity):
    r = transparency_report()
    assert (r.decisions_total, r.hidden_total, r.approved_total) == (5, 4, 1)
    assert {row.key: row.count for row in r.by_reason} == {
        "personal_data": 1,
        "abuse": 1,
        "spam": 1,
        "off_topic": 1,
        "illegal": 0,
        "conflict_of_interest": 0,
    }
    assert {row.key: row.count for row in r.by_kind} == {"review": 3, "complaint": 1, "idea": 0}
    assert {row.key: row.count for row in r.by_basis} == {
        "pre_publication": 0,
        "reports": 2,
        "moderator": 3,
    }
    assert {row.key: row.count for row in r.appeals} == {"open": 0, "upheld": 1, "overturned": 0}
    assert r.appeals_total == 1
    assert r.reports_total == 2
    by_reporter = {
        row.key: (row.total, row.led_to_hiding, row.left_published, row.open)
        for row in r.reports_by_reporter
    }
    assert by_reporter == {"person": (1, 1, 0, 0), "brand": (0, 0, 0, 0), "mall": (1, 0, 1, 0)}


def test_by_rating_counts_hidden_now_and_decisions_on_the_version_decided(activity):
    rows = {row.rating: row for row in transparency_report().by_rating}
    # hidden now, by the current rating (the 5-star one is 5 stars again, still hidden)
    assert {s: (rows[s].reviews, rows[s].hidden) for s in rows} == {
        1: (2, 1),
        2: (2, 0),
        3: (2, 1),
        4: (2, 0),
        5: (2, 1),
    }
    assert rows[1].share == 50.0
    assert rows[4].share == 0.0
    # decisions by the rating of the version the moderator saw: 2 stars at the time
    assert {s: (rows[s].decisions_hidden, rows[s].decisions_approved) for s in rows} == {
        1: (1, 0),
        2: (1, 0),
        3: (1, 0),
        4: (0, 1),
        5: (0, 0),
    }


def test_by_month_covers_twelve_months_with_zeros(user, product, moderator):
    now = timezone.now()
    long_ago = make_review(author=user, product=product, rating=2)
    with time_machine.travel(now - timedelta(days=62)):
        services.decision_make(
            actor=moderator, contribution_id=long_ago.pk, outcome="hidden", reason="spam"
        )
    recent = make_review(author=user, product=product, rating=4)
    services.decision_make(
        actor=moderator, contribution_id=recent.pk, outcome="hidden", reason="spam"
    )
    months = transparency_report().by_month
    assert len(months) == 12
    assert months[-1].month == timezone.localdate().strftime("%Y-%m")
    assert sum(m.hidden for m in months) == 2
    assert months[-1].hidden == 1
    assert sum(1 for m in months if m.hidden) == 2


def test_months_run_back_across_a_year():
    assert _months(date(2026, 2, 14), 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_an_empty_report(db):
    r = transparency_report()
    assert (r.decisions_total, r.reports_total, r.appeals_total) == (0, 0, 0)
    assert [row.share for row in r.by_rating] == [0.0] * 5


def test_the_api_report_matches(client, activity):
    data = client.get("/api/v1/transparency/report").json()
    assert data["decisions"] == {"total": 5, "hidden": 4, "approved": 1}
    assert [(r["rating"], r["hidden"], r["hidden_share_percent"]) for r in data["by_rating"]] == [
        (1, 1, 50.0),
        (2, 0, 0.0),
        (3, 1, 50.0),
        (4, 0, 0.0),
        (5, 1, 50.0),
    ]
    assert len(data["by_month"]) == 12
    assert [r["code"] for r in data["reasons"]] == [
        "personal_data",
        "abuse",
        "spam",
        "off_topic",
        "illegal",
        "conflict_of_interest",
    ]
    head = audit_head()
    assert data["audit_head"]["hash"] == head.hash
    assert client.get("/api/v1/transparency/head").json()["hash"] == head.hash


def test_the_chain_endpoint_gives_each_event_hash(client, activity):
    head = audit_head()
    event = client.get(f"/api/v1/transparency/chain/{head.seq}").json()
    assert (event["seq"], event["hash"]) == (head.seq, head.hash)
    missing = client.get(f"/api/v1/transparency/chain/{head.seq + 1}")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_the_head_of_an_empty_chain(client, db):
    head = client.get("/api/v1/transparency/head").json()
    assert (head["seq"], head["hash"]) == (0, "0" * 64)


def test_the_reasons_endpoint_is_in_the_readers_language(client, db):
    ko = client.get("/api/v1/transparency/reasons", HTTP_ACCEPT_LANGUAGE="ko").json()
    en = client.get("/api/v1/transparency/reasons", HTTP_ACCEPT_LANGUAGE="en").json()
    assert ko[0]["label"] == "개인정보"
    assert en[0]["label"] == "Personal data"
    assert not any("rating" in r["code"] or "negative" in r["code"] for r in en)


def test_the_page_shows_charts_tables_head_and_policy(client, activity):
    response = client.get("/moderation/transparency/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "투명성 보고서" in page
    assert page.count("<svg") >= 5
    assert "50.0%" in page  # the share of hidden 1-star reviews, in the table
    assert audit_head().hash in page
    assert "개인정보" in page and "이해관계 미표시" in page  # the reasons beside it
    assert "style=" not in page  # the CSP forbids inline styles


def test_the_page_in_english(client, activity):
    page = client.get("/moderation/transparency/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Are low ratings hidden more?" in page


def test_the_policy_page(client, db):
    page = client.get("/moderation/policy/").content.decode()
    assert "모더레이션 정책" in page
    assert "30일 안에 한 번" in page


def test_stacked_chart_geometry_and_escaping():
    chart = stacked_column_chart(
        "<b>월</b>", ["2026-01", "2026-02"], [("숨김", "bad", [2, 0]), ("승인", "good", [2, 1])]
    )
    assert chart.top == 4
    first = chart.columns[0]
    assert first.total == 4
    assert first.segments[0].height == first.segments[1].height  # 2 and 2 of 4
    assert first.segments[1].y < first.segments[0].y  # stacked upwards
    assert chart.columns[1].segments[0].height == 0
    html = render_to_string(chart.template, {"chart": chart})
    assert "&lt;b&gt;월&lt;/b&gt;" in html
    assert "<b>" not in html
    assert stacked_column_chart("x", ["a"], [("s", "bad", [0])]).is_empty


def test_the_openapi_schema_lists_the_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]
        for path, methods in schema["paths"].items()
        if path.startswith("/api/v1/transparency/")
        for op in methods.values()
    }
    assert operations == {
        "transparency_head",
        "transparency_chain_event",
        "transparency_reasons",
        "transparency_report",
        "transparency_replies",
        "transparency_report_contribution",
        "transparency_reply",
        "moderation_queue",
        "moderation_decide",
        "moderation_appeal",
        "moderation_appeal_decide",
    }
    # nothing that hides, edits, deletes or reorders for a brand or a mall
    methods = {m for p, ms in schema["paths"].items() if "transparency" in p for m in ms}
    assert methods <= {"get", "post"}
