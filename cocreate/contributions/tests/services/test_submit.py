from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.contributions import services
from cocreate.contributions.enums import Kind, Status, VerificationMethod
from cocreate.contributions.models import Contribution, ContributionVersion
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review
from cocreate.contributions.text import body_hash
from cocreate.core.errors import ValidationFailed
from cocreate.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_review_is_published_with_its_first_version_and_hash(user, product):
    review = make_review(
        author=user, product=product, rating=2, body="  사이즈가 작아요\r\n교환합니다  "
    )
    assert review.status == Status.PUBLISHED
    assert review.body == "사이즈가 작아요\n교환합니다"
    assert review.body_sha256 == body_hash("사이즈가 작아요\n교환합니다")
    version = ContributionVersion.objects.get(contribution=review)
    assert (version.number, version.body, version.rating) == (1, review.body, 2)
    assert review.brand == product.brand and review.category == product.category
    product.refresh_from_db()
    assert (product.review_count, product.rating_sum) == (1, 2)
    event = AuditEvent.objects.get(event_type="contribution.created")
    assert event.subject_id == str(review.pk)
    assert review.body_sha256 in event.payload


@pytest.mark.parametrize(
    ("_case", "kwargs", "field"),
    [
        ("no product", {"product": None, "rating": 4, "body": "좋아요"}, "product"),
        ("no rating", {"rating": None, "body": "좋아요"}, "rating"),
        ("rating 0", {"rating": 0, "body": "좋아요"}, "rating"),
        ("rating 6", {"rating": 6, "body": "좋아요"}, "rating"),
        ("rating as text", {"rating": "5", "body": "좋아요"}, "rating"),
        ("empty body", {"rating": 5, "body": "   "}, "body"),
        ("oversize body", {"rating": 5, "body": "가" * 5001}, "body"),
        ("oversize title", {"rating": 5, "body": "좋아요", "title": "t" * 201}, "title"),
        ("control character", {"rating": 5, "body": "좋아요\x00"}, "body"),
        (
            "unknown relationship",
            {"rating": 5, "body": "좋아요", "declared_relationship": "boss"},
            "declared_relationship",
        ),
    ],
)
def test_bad_review_changes_nothing(user, product, _case, kwargs, field):
    kwargs.setdefault("product", product)
    with pytest.raises(ValidationFailed) as exc:
        services.review_submit(actor=user, **kwargs)
    assert field in exc.value.fields
    assert Contribution.objects.count() == 0
    assert ContributionVersion.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    product.refresh_from_db()
    assert product.review_count == 0


def test_b2b_consent_defaults_to_the_authors_choice(user, product):
    assert make_review(author=user, product=product).b2b_consent is False
    user.b2b_consent = True
    user.save()
    assert make_review(author=user, product=product).b2b_consent is True
    assert make_review(author=user, product=product, b2b_consent=False).b2b_consent is False


def test_complaint_needs_no_product(user):
    complaint = make_complaint(author=user)
    assert complaint.kind == Kind.COMPLAINT
    assert complaint.rating is None and complaint.product is None
    assert complaint.status == Status.PUBLISHED


def test_idea_waits_for_moderation(user, product, category):
    upgrade = make_idea(author=user, product=product)
    new = make_idea(author=user, category=category)
    assert (upgrade.status, upgrade.idea_type, upgrade.product) == (
        Status.PENDING,
        "upgrade",
        product,
    )
    assert (new.status, new.idea_type, new.category) == (Status.PENDING, "new", category)
    assert upgrade.published_at is None


@pytest.mark.parametrize(
    ("_case", "kwargs", "field"),
    [
        ("no title", {"title": "", "idea_type": "new"}, "title"),
        ("no type", {"idea_type": ""}, "idea_type"),
        ("upgrade without product", {"idea_type": "upgrade"}, "product"),
        ("new without category", {"idea_type": "new", "category": None}, "category"),
    ],
)
def test_bad_idea_changes_nothing(user, category, _case, kwargs, field):
    args = {"title": "아이디어", "body": "설명", "category": category} | kwargs
    with pytest.raises(ValidationFailed) as exc:
        services.idea_create(actor=user, **args)
    assert field in exc.value.fields
    assert Contribution.objects.count() == 0


def test_order_makes_the_buyers_review_verified(user, other_user, product, brand_org):
    services.order_post(
        org=brand_org,
        external_id="A-1",
        email=user.email.upper(),
        product=product,
        purchased_at=timezone.now(),
    )
    mine = make_review(author=user, product=product)
    theirs = make_review(author=other_user, product=product)
    assert (mine.verified_purchase, mine.verification_method) == (True, VerificationMethod.ORDER)
    assert (theirs.verified_purchase, theirs.verification_method) == (False, "")


def test_cancelled_order_leaves_the_review_untouched(user, product, brand_org):
    services.order_post(
        org=brand_org,
        external_id="A-2",
        email=user.email,
        product=product,
        purchased_at=timezone.now(),
    )
    review = make_review(author=user, product=product, rating=1, body="환불받았어요. 품질이 나빠요")
    assert services.order_cancel(org=brand_org, external_id="A-2") == 1
    review.refresh_from_db()
    assert (review.status, review.verified_purchase, review.body) == (
        Status.PUBLISHED,
        True,
        "환불받았어요. 품질이 나빠요",
    )


def test_order_is_idempotent(product, brand_org):
    first = services.order_post(
        org=brand_org,
        external_id="A-3",
        email="a@b.kr",
        product=product,
        purchased_at=timezone.now(),
    )
    again = services.order_post(
        org=brand_org,
        external_id="A-3",
        email="a@b.kr",
        product=product,
        purchased_at=timezone.now(),
    )
    assert first.pk == again.pk


def test_order_keeps_no_email(product, brand_org):
    order = services.order_post(
        org=brand_org,
        external_id="A-4",
        email="buyer@example.com",
        product=product,
        purchased_at=timezone.now() - timedelta(days=1),
    )
    assert "buyer" not in order.email_digest
    assert len(order.email_digest) == 64
