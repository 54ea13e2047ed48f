"""The pages: queue (full and htmx partial), decision form, report and reply forms under
contributions (full and partial), appeal forms, the moderation panel on a contribution."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cocreate.accounts.models import Notification
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_review
from cocreate.moderation import services
from cocreate.moderation.enums import AppealState
from cocreate.moderation.models import Appeal, Decision, Reply, Report

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def review(user, product):
    return make_review(
        author=user, product=product, rating=1, body="전화번호 010-1111-2222 남깁니다"
    )


@pytest.fixture
def reported(review, other_user):
    services.report_file(actor=other_user, contribution_id=review.pk, reason="personal_data")
    return review


def status_of(c):
    return Contribution.objects.values_list("status", flat=True).get(pk=c.pk)


# --- queue and decisions ------------------------------------------------------------------------


def test_the_queue_full_page_and_partial(client_for, moderator, reported):
    client = client_for(moderator)
    full = client.get("/moderation/?tab=reports")
    assert full.status_code == 200
    page = full.content.decode()
    assert "<html" in page and "모더레이션" in page
    assert f'id="q-{reported.pk}"' in page
    assert "★" not in page  # moderators never see the stars
    partial = client.get("/moderation/?tab=reports", **HX)
    assert partial.status_code == 200
    fragment = partial.content.decode()
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<div id="queue-list">')
    assert f'id="q-{reported.pk}"' in fragment


def test_the_queue_is_not_for_everyone(client_for, other_user, brand_analyst, mall_owner):
    for who in (other_user, brand_analyst, mall_owner):
        assert client_for(who).get("/moderation/").status_code == 404
    assert client_for(None).get("/moderation/").status_code == 302


def test_brand_moderators_see_only_the_ideas_tab(client_for, brand_moderator, reported):
    page = client_for(brand_moderator).get("/moderation/?tab=reports").content.decode()
    assert 'href="?tab=reports"' not in page
    assert f'id="q-{reported.pk}"' not in page


def test_hiding_from_the_queue_with_htmx(client_for, moderator, reported, user):
    response = client_for(moderator).post(
        f"/moderation/c/{reported.pk}/decide/",
        {"outcome": "hidden", "reason": "personal_data", "note": ""},
        **HX,
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert f'id="q-{reported.pk}"' in fragment and "개인정보" in fragment
    assert status_of(reported) == Status.HIDDEN
    assert Notification.objects.filter(user=user, kind="moderation.hidden").exists()


def test_hiding_without_a_reason_is_refused_with_422(client_for, moderator, reported):
    client = client_for(moderator)
    partial = client.post(f"/moderation/c/{reported.pk}/decide/", {"outcome": "hidden"}, **HX)
    assert partial.status_code == 422
    assert "공개된 사유 중 하나를 고르세요" in partial.content.decode()
    full = client.post(
        f"/moderation/c/{reported.pk}/decide/", {"outcome": "hidden", "reason": "bad"}
    )
    assert full.status_code == 422
    assert "<html" in full.content.decode()
    assert status_of(reported) == Status.PUBLISHED
    assert not Decision.objects.exists()


def test_the_decision_page_then_redirect(client_for, moderator, reported):
    client = client_for(moderator)
    form = client.get(f"/moderation/c/{reported.pk}/decide/")
    assert form.status_code == 200
    page = form.content.decode()
    assert page.count('name="reason"') == 6  # the six published reasons, nothing else
    assert "★" not in page
    done = client.post(
        f"/moderation/c/{reported.pk}/decide/",
        {"outcome": "approved", "reason": "", "note": "문제없습니다"},
    )
    assert done.status_code == 302
    assert done["Location"] == "/moderation/"
    assert status_of(reported) == Status.PUBLISHED
    assert Report.objects.get().resolved_at is not None


def test_the_decision_page_is_404_when_there_is_nothing_to_decide(client_for, moderator, review):
    services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="spam"
    )
    assert client_for(moderator).get(f"/moderation/c/{review.pk}/decide/").status_code == 404


# --- under a contribution ---------------------------------------------------------------------


def test_report_form_full_and_partial(client_for, other_user, review):
    client = client_for(other_user)
    full = client.get(f"/moderation/c/{review.pk}/report/")
    assert full.status_code == 200
    assert "<html" in full.content.decode()
    partial = client.get(f"/moderation/c/{review.pk}/report/", **HX)
    fragment = partial.content.decode()
    assert "<html" not in fragment and 'class="stack report-form"' in fragment
    assert fragment.count('type="radio"') == 6
    sent = client.post(f"/moderation/c/{review.pk}/report/", {"reason": "spam", "note": ""}, **HX)
    assert sent.status_code == 200
    assert "아무것도 숨겨지지 않습니다" in sent.content.decode()
    assert Report.objects.get().reason == "spam"
    assert status_of(review) == Status.PUBLISHED


def test_report_form_errors_and_redirect(client_for, other_user, review):
    client = client_for(other_user)
    bad = client.post(f"/moderation/c/{review.pk}/report/", {"reason": "low_rating"})
    assert bad.status_code == 422
    assert not Report.objects.exists()
    ok = client.post(f"/moderation/c/{review.pk}/report/", {"reason": "abuse"})
    assert (ok.status_code, ok["Location"]) == (302, f"/contributions/{review.pk}/")
    again = client.post(f"/moderation/c/{review.pk}/report/", {"reason": "abuse"})
    assert again.status_code == 422
    assert "이미 신고했습니다" in again.content.decode()
    assert client_for(review.author).get(f"/moderation/c/{review.pk}/report/").status_code == 404


def test_reply_form_full_and_partial(client_for, brand_moderator, review, brand_org):
    client = client_for(brand_moderator)
    assert "<html" in client.get(f"/moderation/c/{review.pk}/reply/").content.decode()
    partial = client.get(f"/moderation/c/{review.pk}/reply/", **HX).content.decode()
    assert "<html" not in partial and 'class="stack reply-form"' in partial
    blank = client.post(f"/moderation/c/{review.pk}/reply/", {"body": "", "org": brand_org.pk})
    assert blank.status_code == 422
    sent = client.post(
        f"/moderation/c/{review.pk}/reply/", {"body": "교환해 드리겠습니다", "org": brand_org.pk}
    )
    assert sent.status_code == 302
    assert Reply.objects.get().org_id == brand_org.pk


def test_reply_form_is_404_for_who_cannot_reply(client_for, other_user, brand_analyst, review):
    for who in (other_user, brand_analyst):
        assert client_for(who).get(f"/moderation/c/{review.pk}/reply/").status_code == 404


def test_replies_and_actions_under_the_card(
    client_for, brand_moderator, other_user, review, product, brand_org
):
    services.reply_post(actor=brand_moderator, contribution_id=review.pk, body="<b>죄송합니다</b>")
    anonymous = client_for(None).get(f"/c/p/{product.pk}/?kind=review").content.decode()
    assert brand_org.name in anonymous
    assert "&lt;b&gt;죄송합니다&lt;/b&gt;" in anonymous  # escaped
    assert "브랜드 답글" in anonymous
    assert f"/moderation/c/{review.pk}/report/" not in anonymous
    reader = client_for(other_user).get(f"/c/p/{product.pk}/?kind=review").content.decode()
    assert f'hx-get="/moderation/c/{review.pk}/report/"' in reader
    assert f"/moderation/c/{review.pk}/reply/" not in reader
    brand = client_for(brand_moderator).get(f"/contributions/{review.pk}/").content.decode()
    assert f'hx-get="/moderation/c/{review.pk}/reply/"' in brand


def test_the_product_page_loads_replies_without_a_query_per_card(
    client_for, product, user, brand_moderator
):
    for n in range(8):
        c = make_review(author=user, product=product, rating=3, body=f"후기 {n}")
        services.reply_post(actor=brand_moderator, contribution_id=c.pk, body="감사합니다")
    client = client_for(None)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/c/p/{product.pk}/?kind=review").content.decode()
    assert page.count("브랜드 답글") == 8
    reply_queries = [q for q in queries.captured_queries if "moderation_reply" in q["sql"]]
    assert len(reply_queries) == 1


# --- appeals ------------------------------------------------------------------------------------


def test_the_author_sees_the_decision_and_appeals(
    client_for, moderator, second_moderator, user, review
):
    services.decision_make(
        actor=moderator,
        contribution_id=review.pk,
        outcome="hidden",
        reason="personal_data",
        note="번호를 지워 주세요",
    )
    decision = Decision.objects.get()
    author = client_for(user)
    detail = author.get(f"/contributions/{review.pk}/").content.decode()
    assert "개인정보" in detail and "번호를 지워 주세요" in detail
    assert f"/moderation/decisions/{decision.pk}/appeal/" in detail
    assert client_for(None).get(f"/contributions/{review.pk}/").status_code == 404
    form = author.get(f"/moderation/decisions/{decision.pk}/appeal/")
    assert form.status_code == 200
    assert (
        author.post(f"/moderation/decisions/{decision.pk}/appeal/", {"statement": ""}).status_code
        == 422
    )
    sent = author.post(f"/moderation/decisions/{decision.pk}/appeal/", {"statement": "지웠습니다"})
    assert sent.status_code == 302
    appeal = Appeal.objects.get()
    detail = author.get(f"/contributions/{review.pk}/").content.decode()
    assert f"/moderation/decisions/{decision.pk}/appeal/" not in detail  # once
    assert "결정 대기 중" in detail
    other_user = second_moderator
    assert (
        client_for(other_user).get(f"/moderation/decisions/{decision.pk}/appeal/").status_code
        == 404
    )
    # the first moderator sees the appeal but cannot decide it
    first = client_for(moderator)
    queue = first.get("/moderation/?tab=appeals").content.decode()
    assert "다른 모더레이터가 결정합니다" in queue
    refused = first.post(f"/moderation/appeals/{appeal.pk}/", {"overturn": "1"})
    assert refused.status_code == 422
    appeal.refresh_from_db()
    assert appeal.state == AppealState.OPEN
    # another moderator decides
    second = client_for(other_user)
    assert (
        f"/moderation/appeals/{appeal.pk}/"
        in second.get("/moderation/?tab=appeals").content.decode()
    )
    done = second.post(
        f"/moderation/appeals/{appeal.pk}/", {"overturn": "1", "answer": "복구합니다"}
    )
    assert done.status_code == 302
    assert status_of(review) == Status.PUBLISHED


def test_appeal_pages_are_404_for_others(
    client_for, moderator, other_user, brand_moderator, review, user
):
    decision = services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="spam"
    )
    appeal = services.appeal_file(actor=user, decision_id=decision.pk, statement="왜요")
    for who in (other_user, brand_moderator):
        assert (
            client_for(who).get(f"/moderation/decisions/{decision.pk}/appeal/").status_code == 404
        )
        assert client_for(who).get(f"/moderation/appeals/{appeal.pk}/").status_code == 404
    assert client_for(user).get("/moderation/decisions/99999/appeal/").status_code == 404


def test_pages_escape_what_people_wrote(client_for, moderator, other_user, product, user):
    c = make_review(author=user, product=product, rating=2, body='<script>alert("x")</script>')
    services.report_file(actor=other_user, contribution_id=c.pk, reason="spam", note="<img src=x>")
    page = client_for(moderator).get("/moderation/?tab=reports").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<img src=x>" not in page
    assert not re.search(r"\sstyle=", page)
