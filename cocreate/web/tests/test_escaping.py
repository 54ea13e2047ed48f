"""HTML typed into any text field comes back escaped on every page that shows it."""

import pytest
from django.urls import reverse

from cocreate.accounts.models import User
from cocreate.accounts.notifications import notify
from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.contributions import services
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review

pytestmark = pytest.mark.django_db

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def evil_world(db):
    author = UserFactory(display_name=EVIL[:40])
    parent = CategoryFactory(name_en=EVIL, name_ko=EVIL)
    child = CategoryFactory(parent=parent, name_en=EVIL, name_ko=EVIL)
    product = ProductFactory(
        brand=BrandFactory(name=EVIL), category=child, name=EVIL, description=EVIL, sku="S-1"
    )
    review = make_review(author=author, product=product, title=EVIL, body=EVIL)
    services.contribution_edit(actor=author, contribution=review, body=EVIL + " v2", title=EVIL)
    complaint = make_complaint(author=author, product=product, title=EVIL, body=EVIL)
    idea = make_idea(author=author, product=product, title=EVIL, body=EVIL, status="published")
    notify(
        [User.objects.get(pk=author.pk)],
        kind="test",
        title=EVIL,
        body=EVIL,
        url="javascript:alert(1)",
        email=False,
    )
    return {
        "author": author,
        "parent": parent,
        "child": child,
        "product": product,
        "review": review,
        "complaint": complaint,
        "idea": idea,
    }


def pages(w):
    p = w["product"].pk
    return [
        reverse("web:home"),
        reverse("web:home") + "?latest=idea",
        reverse("catalog:browse"),
        reverse("catalog:category", args=[w["parent"].pk]),
        reverse("catalog:category", args=[w["child"].pk]),
        reverse("catalog:product", args=[p]),
        reverse("catalog:product", args=[p]) + "?kind=complaint",
        reverse("catalog:product", args=[p]) + "?kind=idea",
        reverse("catalog:search") + "?q=" + "script",
        reverse("catalog:search") + "?q=" + "%3Cscript%3Ealert(1)%3C/script%3E",
        reverse("contributions:detail", args=[w["review"].pk]),
        reverse("contributions:detail", args=[w["complaint"].pk]),
        reverse("contributions:versions", args=[w["review"].pk]),
        reverse("contributions:edit", args=[w["review"].pk]),
        reverse("contributions:mine"),
        reverse("contributions:review-new", args=[p]),
        reverse("contributions:complaint-new") + f"?product={p}",
        reverse("contributions:complaint-new"),
        reverse("accounts:profile"),
        reverse("accounts:notifications"),
    ]


def test_html_in_every_text_field_is_escaped_on_every_page(client_for, evil_world):
    client = client_for(evil_world["author"])
    for url in pages(evil_world):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "javascript:alert" not in html, url


def test_the_escaped_text_is_shown_not_dropped(client_for, evil_world):
    html = (
        client_for(evil_world["author"])
        .get(reverse("catalog:product", args=[evil_world["product"].pk]))
        .content.decode()
    )
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
