"""Who may view, edit and withdraw a contribution, for every role and every status."""

import pytest

from cocreate.contributions.enums import Status
from cocreate.contributions.permissions import (
    can_edit_contribution,
    can_view_contribution,
    can_withdraw_contribution,
)
from cocreate.contributions.tests.factories import make_review

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "contributor",
    "author",
    "brand_moderator",
    "brand_analyst",
    "other_brand_moderator",
    "mall_owner",
    "staff",
]

# status -> roles that may view
VIEW = {
    Status.PUBLISHED: set(ROLES),
    Status.PENDING: {"author", "brand_moderator", "staff"},
    Status.HIDDEN: {"author", "brand_moderator", "staff"},
    Status.DRAFT: {"author", "staff"},
    Status.WITHDRAWN: {"author"},
}
EDIT = {
    Status.PUBLISHED: {"author"},
    Status.PENDING: {"author"},
    Status.HIDDEN: {"author"},
    Status.DRAFT: {"author"},
    Status.WITHDRAWN: set(),
}
WITHDRAW = {s: ({"author"} if s != Status.WITHDRAWN else set()) for s in Status.values}


@pytest.fixture
def actors(
    user, other_user, brand_moderator, brand_analyst, other_brand_moderator, mall_owner, staff
):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "contributor": other_user,
        "author": user,
        "brand_moderator": brand_moderator,
        "brand_analyst": brand_analyst,
        "other_brand_moderator": other_brand_moderator,
        "mall_owner": mall_owner,
        "staff": staff,
    }


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(actors, user, product, status, role):
    review = make_review(author=user, product=product)
    review.status = status
    actor = actors[role]
    assert can_view_contribution(actor, review) is (role in VIEW[status])
    assert can_edit_contribution(actor, review) is (role in EDIT[status])
    assert can_withdraw_contribution(actor, review) is (role in WITHDRAW[status])
