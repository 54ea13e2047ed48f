"""The account navigation shows a link only to those who may use the page behind it: moderation
for brand owners and moderators and for staff; brand insights for brand owners and analysts and
for staff; the mall console for mall members."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = [
    ("user", False, False, False),
    ("brand_owner", True, True, False),
    ("brand_moderator", True, False, False),
    ("brand_reviewer", False, False, False),
    ("brand_analyst", False, True, False),
    ("mall_owner", False, False, True),
    ("staff", True, True, False),
]


@pytest.mark.parametrize(("who", "moderates", "insights", "mall"), ROLES)
def test_account_links_follow_roles(
    request: Any, client_for: Any, who: str, moderates: bool, insights: bool, mall: bool
) -> None:
    person = request.getfixturevalue(who)
    html = client_for(person).get(reverse("web:home")).content.decode()
    assert (f'href="{reverse("moderation:queue")}"' in html) is moderates
    assert (f'href="{reverse("insights:dashboard")}"' in html) is insights
    assert (f'href="{reverse("feeds:console")}"' in html) is mall


def test_anonymous_sees_no_account_links(client: Any) -> None:
    html = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("moderation:queue")}"' not in html
    assert f'href="{reverse("contributions:mine")}"' not in html
