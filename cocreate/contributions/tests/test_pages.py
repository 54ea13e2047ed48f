"""The writing pages: forms, "my writing" with its htmx actions, and who may open what."""

import pytest
from django.urls import reverse

from cocreate.contributions import services
from cocreate.contributions.enums import Status
from cocreate.contributions.models import BODY_MAX, Contribution
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review
from cocreate.core.models import AuditEvent

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def test_a_review_goes_back_to_the_product_page_at_the_new_review(client_for, user, product):
    response = client_for(user).post(
        reverse("contributions:review-new", args=[product.pk]),
        {
            "rating": "2",
            "body": "지퍼가 뻑뻑해요",
            "declared_relationship": "",
            "b2b_consent": "on",
        },
    )
    c = Contribution.objects.get()
    assert response["Location"] == reverse("catalog:product", args=[product.pk]) + f"#c{c.pk}"
    assert (c.rating, c.b2b_consent, c.source) == (2, True, "web")


@pytest.mark.parametrize(
    "data",
    [
        {"rating": "", "body": "좋아요"},
        {"rating": "6", "body": "좋아요"},
        {"rating": "five", "body": "좋아요"},
        {"rating": "5", "body": "   "},
        {"rating": "5", "body": "가" * (BODY_MAX + 1)},
        {"rating": "5", "body": "좋아요", "title": "가" * 201},
        {"rating": "5", "body": "좋아요", "declared_relationship": "boss"},
        {"rating": "5", "body": "nul \x00 byte"},
    ],
)
def test_bad_reviews_show_the_form_with_messages_and_write_nothing(client_for, user, product, data):
    events = AuditEvent.objects.count()
    response = client_for(user).post(reverse("contributions:review-new", args=[product.pk]), data)
    assert response.status_code == 422
    assert response.context["form"].errors
    assert Contribution.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_the_review_form_starts_from_the_person_s_default_consent(client_for, user, product):
    user.b2b_consent = True
    user.save()
    form = (
        client_for(user).get(reverse("contributions:review-new", args=[product.pk])).context["form"]
    )
    assert form.initial["b2b_consent"] is True


def test_a_complaint_about_a_brand_without_a_product(client_for, user, brand):
    response = client_for(user).post(
        reverse("contributions:complaint-new"),
        {"brand": brand.pk, "body": "고객센터가 전화를 안 받아요"},
    )
    c = Contribution.objects.get()
    assert response["Location"] == reverse("contributions:detail", args=[c.pk])
    assert (c.kind, c.brand, c.product) == ("complaint", brand, None)


def test_a_complaint_from_the_product_page_is_about_that_product(client_for, user, product):
    url = reverse("contributions:complaint-new") + f"?product={product.pk}"
    page = client_for(user).get(url)
    assert "brand" not in page.context["form"].fields
    client_for(user).post(url, {"body": "한 번 빨고 줄었어요"})
    c = Contribution.objects.get()
    assert (c.product, c.brand) == (product, product.brand)


@pytest.mark.parametrize("raw", ["abc", "99999999", "1" * 30])
def test_a_complaint_about_a_missing_product_is_404(client_for, user, raw):
    response = client_for(user).get(reverse("contributions:complaint-new") + f"?product={raw}")
    assert response.status_code == 404


def test_bad_complaints_write_nothing(client_for, user, brand):
    for data in ({"body": ""}, {"body": "x", "brand": "999999"}, {"body": "가" * (BODY_MAX + 1)}):
        response = client_for(user).post(reverse("contributions:complaint-new"), data)
        assert response.status_code == 422, data
    assert Contribution.objects.count() == 0


def test_my_writing_lists_only_mine_with_status_and_consent(client_for, user, other_user, product):
    mine = make_review(author=user, product=product, body="내 리뷰")
    make_review(author=other_user, product=product, body="남의 리뷰")
    services.contribution_withdraw(
        actor=user, contribution=make_complaint(author=user, body="철회한 불만")
    )
    html = client_for(user).get(reverse("contributions:mine")).content.decode()
    assert "내 리뷰" in html and "철회한 불만" in html and "남의 리뷰" not in html
    assert f'id="mine-{mine.pk}"' in html


def test_consent_toggle_answers_htmx_with_the_row(client_for, user, product):
    c = make_review(author=user, product=product, b2b_consent=False)
    url = reverse("contributions:consent", args=[c.pk])
    response = client_for(user).post(url, {"granted": "1"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="mine-{c.pk}"' in html and "<html" not in html
    c.refresh_from_db()
    assert c.b2b_consent is True
    client_for(user).post(url, {"granted": "0", "next": "/contributions/mine/"})
    c.refresh_from_db()
    assert c.b2b_consent is False


def test_consent_toggle_without_htmx_never_redirects_off_site(client_for, user, product):
    c = make_review(author=user, product=product)
    response = client_for(user).post(
        reverse("contributions:consent", args=[c.pk]), {"granted": "1", "next": "//evil.example/"}
    )
    assert response["Location"] == reverse("contributions:detail", args=[c.pk])


def test_withdraw_from_my_writing_with_htmx(client_for, user, product):
    c = make_review(author=user, product=product)
    response = client_for(user).post(reverse("contributions:withdraw", args=[c.pk]), **HX)
    html = response.content.decode()
    assert f'id="mine-{c.pk}"' in html and "status-withdrawn" in html
    c.refresh_from_db()
    assert c.status == Status.WITHDRAWN


def test_the_page_actions_need_a_post(client_for, user, product):
    c = make_review(author=user, product=product)
    client = client_for(user)
    assert client.get(reverse("contributions:withdraw", args=[c.pk])).status_code == 405
    assert client.get(reverse("contributions:consent", args=[c.pk])).status_code == 405


# --- who may open what: every role against every state -------------------------------------

ROLES = ["anonymous", "author", "other", "staff", "brand_moderator", "other_brand_moderator"]
STATES = [Status.PUBLISHED, Status.PENDING, Status.HIDDEN, Status.WITHDRAWN, Status.DRAFT]

# (role, state) -> may view the page, may edit, may withdraw
EXPECTED_VIEW = {
    Status.PUBLISHED: {
        "anonymous",
        "author",
        "other",
        "staff",
        "brand_moderator",
        "other_brand_moderator",
    },
    Status.PENDING: {"author", "staff", "brand_moderator"},
    Status.HIDDEN: {"author", "staff", "brand_moderator"},
    Status.WITHDRAWN: {"author"},
    Status.DRAFT: {"author", "staff"},
}
EXPECTED_EDIT = {
    Status.PUBLISHED: {"author"},
    Status.PENDING: {"author"},
    Status.HIDDEN: {"author"},
    Status.WITHDRAWN: set(),
    Status.DRAFT: {"author"},
}


@pytest.fixture
def people(user, staff, brand_moderator, other_brand_moderator, other_user):
    return {
        "anonymous": None,
        "author": user,
        "other": other_user,
        "staff": staff,
        "brand_moderator": brand_moderator,
        "other_brand_moderator": other_brand_moderator,
    }


def _in_state(user, product, state):
    c = make_idea(author=user, product=product, status=Status.PUBLISHED)
    if state != Status.PUBLISHED:
        Contribution.objects.filter(pk=c.pk).update(status=state)
    return c


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_of_the_contribution_pages(client_for, people, product, role, state):
    c = _in_state(people["author"], product, state)
    client = client_for(people[role])
    detail = client.get(reverse("contributions:detail", args=[c.pk]))
    assert (detail.status_code == 200) == (role in EXPECTED_VIEW[state]), "view"
    versions = client.get(reverse("contributions:versions", args=[c.pk]))
    assert (versions.status_code == 200) == (role in EXPECTED_VIEW[state]), "versions"
    edit = client.get(reverse("contributions:edit", args=[c.pk]))
    if role == "anonymous":
        assert edit.status_code == 302
    else:
        assert (edit.status_code == 200) == (role in EXPECTED_EDIT[state]), "edit"
    withdraw = client.post(reverse("contributions:withdraw", args=[c.pk]))
    c.refresh_from_db()
    if role == "author" and state != Status.WITHDRAWN:
        assert c.status == Status.WITHDRAWN
    else:
        assert c.status == state, "withdraw"
        assert withdraw.status_code in (302, 403, 404, 409)
        if role == "anonymous":
            assert "/accounts/login/" in withdraw["Location"]


def test_someone_else_cannot_toggle_consent(client_for, user, other_user, product):
    c = make_review(author=user, product=product, b2b_consent=False)
    response = client_for(other_user).post(
        reverse("contributions:consent", args=[c.pk]), {"granted": "1"}
    )
    assert response.status_code == 403
    c.refresh_from_db()
    assert c.b2b_consent is False


def test_the_detail_page_shows_consent_only_to_the_author(client_for, user, other_user, product):
    c = make_review(author=user, product=product)
    url = reverse("contributions:detail", args=[c.pk])
    assert (
        reverse("contributions:consent", args=[c.pk]) in client_for(user).get(url).content.decode()
    )
    assert (
        reverse("contributions:consent", args=[c.pk])
        not in client_for(other_user).get(url).content.decode()
    )
