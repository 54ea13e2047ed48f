"""Pages: full page and htmx partial, forms again with 422 on bad input, escaping, sort orders
that do what their labels say, query budgets."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cocreate.accounts.tests.factories import UserFactory
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_complaint
from cocreate.ideas import services
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.models import Campaign, Idea, Support, WorkspaceFile
from cocreate.ideas.tests.factories import make_gathering_idea, reload, support_many

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
XSS = '<script>alert("x")</script>'


def test_list_full_page_and_partial(client_for, gathering):
    page = client_for().get("/ideas/")
    assert page.status_code == 200
    assert b"<html" in page.content and gathering.contribution.title.encode() in page.content
    partial = client_for().get("/ideas/?sort=newest", **HX)
    assert partial.status_code == 200
    assert b"<html" not in partial.content
    assert gathering.contribution.title.encode() in partial.content


def test_sorts_do_what_their_labels_say(client_for, campaign, product, brand_moderator):
    start = timezone.now()
    ideas = []
    for i, (supports, age_days) in enumerate([(1, 9), (3, 1), (0, 5)]):
        with time_machine.travel(start - timedelta(days=age_days), tick=False):
            idea = make_gathering_idea(
                product=product, moderator=brand_moderator, title=f"아이디어 {i}"
            )
        ideas.append(idea)
        support_many(idea, supports)
    a, b, c = ideas  # a: oldest, 1 supporter; b: newest, 3; c: middle, 0

    def order(sort):
        page = client_for().get(f"/ideas/?sort={sort}", **HX).content.decode()
        return sorted(ideas, key=lambda i: page.index(i.contribution.title))

    assert order("newest") == [b, c, a]
    assert order("most_supported") == [b, a, c]
    assert order("closing_soon") == [a, c, b]  # smallest deadline first
    assert order("trending") == [b, a, c]


def test_list_filters_by_state_and_category(client_for, gathering, category):
    from cocreate.catalog.tests.factories import CategoryFactory

    other = CategoryFactory()
    assert (
        gathering.contribution.title
        in client_for().get(f"/ideas/?category={category.pk}").content.decode()
    )
    assert (
        gathering.contribution.title
        not in client_for().get(f"/ideas/?category={other.pk}").content.decode()
    )
    assert (
        gathering.contribution.title
        not in client_for().get("/ideas/?state=review").content.decode()
    )


def test_list_query_budget(
    client_for, campaign, product, brand_moderator, django_assert_max_num_queries
):
    for i in range(12):
        support_many(
            make_gathering_idea(product=product, moderator=brand_moderator, title=f"t{i}"), 1
        )
    client = client_for()
    with django_assert_max_num_queries(14):
        assert client.get("/ideas/").status_code == 200


def test_detail_shows_progress_days_left_and_timeline(client_for, gathering, brand_moderator):
    support_many(gathering, 1)
    body = client_for().get(f"/ideas/{gathering.pk}/").content.decode()
    assert 'max="2" value="1"' in body  # progress bar to the next milestone
    assert "10" in body and "support-box" in body
    assert "timeline" in body


def test_text_is_escaped_everywhere(client_for, campaign, product, brand_moderator, brand_reviewer):
    idea = make_gathering_idea(product=product, moderator=brand_moderator, title=XSS, body=XSS)
    support_many(idea, 6)
    services.idea_decide(actor=brand_reviewer, idea=reload(idea), accepted=False, reason=XSS)
    for url in ("/ideas/?state=all", f"/ideas/{idea.pk}/", f"/ideas/similar/?title={XSS}"):
        body = client_for().get(url).content.decode()
        assert XSS not in body, url
    assert "&lt;script&gt;" in client_for().get(f"/ideas/{idea.pk}/").content.decode()


def test_draft_is_private(client_for, user, category):
    from cocreate.contributions.tests.factories import make_idea

    c = make_idea(author=user, category=category, status=Status.DRAFT)
    assert client_for(UserFactory()).get(f"/ideas/{c.pk}/").status_code == 404
    assert client_for().get(f"/ideas/{c.pk}/").status_code == 404
    page = client_for(user).get(f"/ideas/{c.pk}/")
    assert page.status_code == 200 and "/submit/" in page.content.decode()
    assert client_for(user).post(f"/ideas/{c.pk}/submit/").status_code == 302
    assert reload(Idea.objects.get(pk=c.pk)).state == IdeaState.PENDING


def test_support_button_htmx_and_plain(client_for, gathering, user):
    supporter = UserFactory()
    client = client_for(supporter)
    partial = client.post(f"/ideas/{gathering.pk}/support/", {"action": "support"}, **HX)
    assert partial.status_code == 200 and b"<html" not in partial.content
    assert b'id="support-box"' in partial.content and b"withdraw" in partial.content
    assert reload(gathering).support_count == 1
    again = client.post(f"/ideas/{gathering.pk}/support/", {"action": "support"}, **HX)
    assert b"already support" in again.content or "이미".encode() in again.content
    assert reload(gathering).support_count == 1
    plain = client.post(f"/ideas/{gathering.pk}/support/", {"action": "withdraw"})
    assert plain.status_code == 302 and plain["Location"] == f"/ideas/{gathering.pk}/"
    assert reload(gathering).support_count == 0
    anonymous = client_for().post(f"/ideas/{gathering.pk}/support/", {"action": "support"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    own = client_for(user).post(f"/ideas/{gathering.pk}/support/", {"action": "support"}, **HX)
    assert own.status_code == 200 and reload(gathering).support_count == 0


def test_support_needs_csrf(client_for, gathering):
    client = client_for(UserFactory(), csrf=True)
    assert client.post(f"/ideas/{gathering.pk}/support/").status_code == 403
    assert not Support.objects.exists()


def test_new_idea_form(client_for, user, campaign, product):
    client = client_for(user)
    page = client.get(f"/ideas/new/?product={product.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="agree_guidelines"' in body and "similar-panel" in body
    data = {
        "campaign": campaign.pk,
        "idea_type": "upgrade",
        "product": product.pk,
        "title": "더 가벼운 소재",
        "body": "무게를 반으로 줄여 주세요.",
        "agree_guidelines": "on",
    }
    missing = client.post("/ideas/new/", {k: v for k, v in data.items() if k != "agree_guidelines"})
    assert missing.status_code == 422 and not Contribution.objects.filter(kind="idea").exists()
    no_product = client.post("/ideas/new/", data | {"product": ""})
    assert no_product.status_code == 422 and not Contribution.objects.filter(kind="idea").exists()
    done = client.post("/ideas/new/", data)
    assert done.status_code == 302
    idea = Idea.objects.get()
    assert idea.state == IdeaState.PENDING and idea.campaign == campaign
    draft = client.post("/ideas/new/", data | {"save_as_draft": "on", "title": "초안"})
    assert draft.status_code == 302
    assert Idea.objects.get(contribution__title="초안").state == IdeaState.DRAFT


def test_new_idea_in_a_closed_campaign_is_refused(client_for, user, campaign, product):
    form = client_for(user).get("/ideas/new/")
    Campaign.objects.filter(pk=campaign.pk).update(status="closed")
    r = client_for(user).post(
        "/ideas/new/",
        {
            "campaign": campaign.pk,
            "idea_type": "upgrade",
            "product": product.pk,
            "title": "t",
            "body": "b",
            "agree_guidelines": "on",
        },
    )
    assert form.status_code == 200 and r.status_code == 422
    assert not Idea.objects.exists()


def test_similar_panel_partial_and_page(client_for, gathering):
    hit = client_for().get("/ideas/similar/?title=손잡이를 접을 수 있으면", **HX)
    assert hit.status_code == 200 and b"<html" not in hit.content
    assert gathering.contribution.title.encode() in hit.content
    empty = client_for().get("/ideas/similar/?title=", **HX)
    assert empty.status_code == 200 and gathering.contribution.title.encode() not in empty.content
    full = client_for().get("/ideas/similar/?title=손잡이")
    assert full.status_code == 200 and b"<html" in full.content


def test_decide_form_shows_errors_with_422(client_for, gathering, brand_reviewer):
    support_many(gathering, 6)
    client = client_for(brand_reviewer)
    bad = client.post(f"/ideas/{gathering.pk}/decide/", {"decision": "accept", "reason": ""})
    assert bad.status_code == 422 and reload(gathering).state == IdeaState.IN_REVIEW
    ok = client.post(
        f"/ideas/{gathering.pk}/decide/",
        {"decision": "decline", "reason": "생산 단가가 맞지 않아요", "next": "/ideas/review/"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/ideas/review/"
    assert reload(gathering).state == IdeaState.NOT_ACCEPTED
    outsider = client_for(UserFactory()).post(
        f"/ideas/{gathering.pk}/decide/", {"decision": "accept", "reason": "좋아요 좋아요"}
    )
    assert outsider.status_code == 422


def test_review_page(client_for, gathering, brand_reviewer, brand_analyst, user):
    support_many(gathering, 6)
    page = client_for(brand_reviewer).get("/ideas/review/").content.decode()
    assert gathering.contribution.title in page and f"/ideas/{gathering.pk}/decide/" in page
    read_only = client_for(brand_analyst).get("/ideas/review/").content.decode()
    assert gathering.contribution.title in read_only and "/decide/" not in read_only
    assert client_for(user).get("/ideas/review/").status_code == 404


def test_merge_page_and_redirect(client_for, campaign, product, brand_moderator):
    source = make_gathering_idea(product=product, moderator=brand_moderator, title="접이식 손잡이")
    target = make_gathering_idea(product=product, moderator=brand_moderator, title="접는 손잡이")
    assert client_for(UserFactory()).get(f"/ideas/{source.pk}/merge/").status_code == 404
    client = client_for(brand_moderator)
    page = client.get(f"/ideas/{source.pk}/merge/")
    assert page.status_code == 200
    bad = client.post(f"/ideas/{source.pk}/merge/", {"target": 999999, "reason": "중복입니다"})
    assert bad.status_code == 422
    ok = client.post(f"/ideas/{source.pk}/merge/", {"target": target.pk, "reason": "중복입니다"})
    assert ok.status_code == 302 and ok["Location"] == f"/ideas/{target.pk}/"
    redirect = client_for().get(f"/ideas/{source.pk}/")
    assert redirect.status_code == 302 and redirect["Location"] == f"/ideas/{target.pk}/"


@pytest.fixture
def accepted(gathering, brand_reviewer):
    support_many(gathering, 6)
    services.idea_decide(
        actor=brand_reviewer, idea=reload(gathering), accepted=True, reason="함께 만들어요"
    )
    return reload(gathering)


def test_workspace_pages_and_forms(
    client_for, accepted, user, brand_owner, brand_reviewer, product
):
    assert client_for(UserFactory()).get(f"/ideas/{accepted.pk}/workspace/").status_code == 404
    assert client_for().get(f"/ideas/{accepted.pk}/workspace/").status_code == 302
    proposer = client_for(user)
    assert proposer.get(f"/ideas/{accepted.pk}/workspace/").status_code == 200
    bad = proposer.post(
        f"/ideas/{accepted.pk}/workspace/tasks/", {"title": "", "stage": "planning"}
    )
    assert bad.status_code == 422
    assert (
        proposer.post(
            f"/ideas/{accepted.pk}/workspace/tasks/", {"title": "치수 확인", "stage": "planning"}
        ).status_code
        == 302
    )
    task = accepted.workspace.tasks.get()
    toggled = proposer.post(f"/ideas/{accepted.pk}/workspace/tasks/{task.pk}/", {"done": "1"}, **HX)
    assert (
        toggled.status_code == 200
        and b"<html" not in toggled.content
        and b"task-list" in toggled.content
    )
    task.refresh_from_db()
    assert task.done_at is not None
    assert (
        proposer.post(f"/ideas/{accepted.pk}/workspace/comments/", {"body": "좋아요"}).status_code
        == 302
    )
    upload = SimpleUploadedFile("메모.txt", "치수 10cm".encode(), "text/plain")
    assert (
        proposer.post(f"/ideas/{accepted.pk}/workspace/files/", {"file": upload}).status_code == 302
    )
    attachment = WorkspaceFile.objects.get()
    download = proposer.get(f"/ideas/{accepted.pk}/workspace/files/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == "치수 10cm".encode()
    assert "attachment" in download["Content-Disposition"]
    assert (
        client_for(UserFactory())
        .get(f"/ideas/{accepted.pk}/workspace/files/{attachment.pk}/")
        .status_code
        == 404
    )
    bad_file = proposer.post(
        f"/ideas/{accepted.pk}/workspace/files/",
        {"file": SimpleUploadedFile("x.html", b"<html>")},
    )
    assert bad_file.status_code == 422 and WorkspaceFile.objects.count() == 1
    owner = client_for(brand_owner)
    assert (
        owner.post(
            f"/ideas/{accepted.pk}/workspace/terms/", {"royalty_percent": "9", "terms": ""}
        ).status_code
        == 422
    )
    assert (
        owner.post(
            f"/ideas/{accepted.pk}/workspace/terms/",
            {"royalty_percent": "2", "terms": "순매출 기준"},
        ).status_code
        == 302
    )
    assert (
        proposer.post(
            f"/ideas/{accepted.pk}/workspace/terms/accept/", {"royalty_percent": "2.00"}
        ).status_code
        == 302
    )
    assert reload(accepted).state == IdeaState.IN_DEVELOPMENT
    assert (
        client_for(brand_reviewer)
        .post(f"/ideas/{accepted.pk}/workspace/stage/", {"stage": "design"})
        .status_code
        == 302
    )
    complaint = make_complaint(author=UserFactory(), product=product)
    assert (
        client_for(brand_reviewer)
        .post(
            f"/ideas/{accepted.pk}/workspace/evidence/", {"contribution": complaint.pk, "note": ""}
        )
        .status_code
        == 302
    )
    assert (
        owner.post(
            f"/ideas/{accepted.pk}/workspace/launch/",
            {"product": product.pk, "royalty_percent": ""},
        ).status_code
        == 302
    )
    assert reload(accepted).state == IdeaState.LAUNCHED
    page = client_for().get(f"/ideas/{accepted.pk}/").content.decode()
    assert product.name in page and complaint.body[:10] in page


def test_campaign_pages(client_for, brand, brand_owner, brand_moderator, user):
    assert client_for(user).get("/ideas/campaigns/new/").status_code == 404
    client = client_for(brand_owner)
    assert client.get("/ideas/campaigns/new/").status_code == 200
    bad = client.post(
        "/ideas/campaigns/new/",
        {
            "brand": brand.pk,
            "title": "여름",
            "milestones": "100/60, 50/30",
            "reviews_per_year": 3,
            "royalty_percent": "1",
        },
    )
    assert bad.status_code == 422 and not Campaign.objects.filter(brand=brand).exists()
    ok = client.post(
        "/ideas/campaigns/new/",
        {
            "brand": brand.pk,
            "title": "여름 캠페인",
            "milestones": "10/30, 50/60",
            "reviews_per_year": 4,
            "royalty_percent": "2.5",
        },
    )
    assert ok.status_code == 302
    created = Campaign.objects.get(brand=brand)
    assert [(m.supporters, m.days) for m in created.milestones.all()] == [(10, 30), (50, 60)]
    assert client_for().get(f"/ideas/campaigns/{created.slug}/").status_code == 200
    assert (
        client_for(brand_moderator)
        .post(f"/ideas/campaigns/{created.slug}/status/", {"status": "closed"})
        .status_code
        == 404
    )
    assert (
        client.post(f"/ideas/campaigns/{created.slug}/status/", {"status": "closed"}).status_code
        == 302
    )
    assert Campaign.objects.get(pk=created.pk).status == "closed"
    assert client_for().get("/ideas/campaigns/").status_code == 200
