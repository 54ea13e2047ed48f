"""Who may see a brand's dashboards: its owners and analysts, and operators; a brand sees
only its own; everyone else gets "not found"."""

from __future__ import annotations

import pytest

from cocreate.insights.permissions import can_view_any_dashboard, can_view_dashboard
from cocreate.orgs.enums import Role
from cocreate.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PAGES = ["", "products/", "themes/", "ideas/", "csv/volume/"]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("user", False),
        ("brand_owner", True),
        ("brand_analyst", True),
        ("brand_moderator", False),
        ("brand_reviewer", False),
        ("other_brand_owner", False),
        ("other_brand_analyst", False),
        ("mall_owner", False),
        ("staff", True),
    ],
)
def test_permission_matrix(who, allowed, request, brand, other_brand_org, client_for):
    if who == "anonymous":
        person = None
    elif who.startswith("other_brand_"):
        role = Role.OWNER if who.endswith("owner") else Role.ANALYST
        person = MembershipFactory(org=other_brand_org, role=role).user
    else:
        person = request.getfixturevalue(who)
    client = client_for(person)
    for page in PAGES:
        response = client.get(f"/insights/brands/{brand.slug}/{page}")
        if person is None:
            assert response.status_code == 302, page  # to the login page
        else:
            assert response.status_code == (200 if allowed else 404), (who, page)
    if person is not None:
        assert can_view_dashboard(person, brand) is allowed
        # Owners and analysts of another brand see their own brand's dashboards, not this one.
        has_one = allowed or who.startswith("other_brand_")
        assert can_view_any_dashboard(person) is has_one
        nav = client.get("/").content.decode()
        assert ('href="/insights/brands/"' in nav) is has_one


def test_missing_and_forbidden_brands_look_alike(brand_owner, client_for):
    client = client_for(brand_owner)
    assert client.get("/insights/brands/no-such-brand/").status_code == 404


def test_index_sends_a_one_brand_member_to_the_dashboard(brand, brand_analyst, client_for):
    response = client_for(brand_analyst).get("/insights/brands/")
    assert response.status_code == 302
    assert response["Location"] == f"/insights/brands/{brand.slug}/"


def test_index_lists_brands_for_operators(brand, other_brand_org, staff, client_for):
    from cocreate.catalog.tests.factories import BrandFactory

    other = BrandFactory(org=other_brand_org)
    page = client_for(staff).get("/insights/brands/").content.decode()
    assert brand.name in page and other.name in page


def test_index_is_not_found_for_people_without_a_dashboard(user, client_for):
    assert client_for(user).get("/insights/brands/").status_code == 404
