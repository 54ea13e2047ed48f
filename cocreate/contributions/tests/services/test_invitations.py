from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from cocreate.catalog.tests.factories import ProductFactory
from cocreate.contributions import services
from cocreate.contributions.enums import ContributionErrorCode as Code
from cocreate.contributions.enums import VerificationMethod
from cocreate.contributions.models import Contribution, ReviewInvitation
from cocreate.contributions.tests.factories import make_review
from cocreate.core.errors import Conflict, DomainError, Forbidden, ValidationFailed

pytestmark = pytest.mark.django_db


def test_review_through_an_invitation_is_verified(user, product, brand_org):
    invitation, token = services.invitation_issue(org=brand_org, product=product)
    review = make_review(author=user, product=product, invitation_token=token)
    assert (review.verified_purchase, review.verification_method) == (
        True,
        VerificationMethod.INVITATION,
    )
    invitation.refresh_from_db()
    assert invitation.used_at is not None and invitation.contribution == review


def test_reused_invitation_is_refused_and_writes_nothing(user, other_user, product, brand_org):
    _inv, token = services.invitation_issue(org=brand_org, product=product)
    make_review(author=user, product=product, invitation_token=token)
    with pytest.raises(Conflict) as exc:
        make_review(author=other_user, product=product, invitation_token=token)
    assert exc.value.code == Code.INVITATION_USED
    assert Contribution.objects.filter(author=other_user).count() == 0


def test_expired_invitation_is_refused(user, product, brand_org):
    _inv, token = services.invitation_issue(org=brand_org, product=product, days=1)
    with (
        time_machine.travel(timezone.now() + timedelta(days=2)),
        pytest.raises(ValidationFailed) as exc,
    ):
        make_review(author=user, product=product, invitation_token=token)
    assert exc.value.code == Code.INVITATION_EXPIRED
    assert Contribution.objects.count() == 0


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: signing.dumps(token.split(":")[0], salt="another-salt"),
        lambda token: "not-a-token",
        lambda token: signing.dumps(
            "00000000-0000-0000-0000-000000000000", salt="contributions.review-invitation"
        ),
    ],
    ids=["tampered signature", "wrong salt", "garbage", "signed but unknown id"],
)
def test_forged_invitation_is_refused(user, product, brand_org, forge):
    _inv, token = services.invitation_issue(org=brand_org, product=product)
    with pytest.raises(DomainError) as exc:
        make_review(author=user, product=product, invitation_token=forge(token))
    assert exc.value.code == Code.INVITATION_INVALID
    assert Contribution.objects.count() == 0
    assert ReviewInvitation.objects.get().used_at is None


def test_invitation_for_another_product_is_refused(user, product, brand_org, brand):
    other = ProductFactory(brand=brand)
    _inv, token = services.invitation_issue(org=brand_org, product=other)
    with pytest.raises(ValidationFailed) as exc:
        make_review(author=user, product=product, invitation_token=token)
    assert exc.value.code == Code.INVITATION_WRONG_PRODUCT


def test_brand_cannot_invite_reviews_of_others_products(product, other_brand_org):
    with pytest.raises(Forbidden):
        services.invitation_issue(org=other_brand_org, product=product)
    assert ReviewInvitation.objects.count() == 0


@pytest.mark.parametrize("days", [0, 181])
def test_invitation_lifetime_is_bounded(product, brand_org, days):
    with pytest.raises(ValidationFailed):
        services.invitation_issue(org=brand_org, product=product, days=days)
