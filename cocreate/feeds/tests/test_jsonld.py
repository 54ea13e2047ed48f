import json
import re

import pytest

from cocreate.contributions.tests.factories import make_review
from cocreate.feeds.tests.factories import enrich

pytestmark = pytest.mark.django_db


def jsonld(html):
    (block,) = re.findall(
        r'<script type="application/ld\+json" nonce="[^"]*">(.*?)</script>', html, re.S
    )
    return json.loads(block)


def test_product_page_carries_schema_org_json_ld(client, user, other_user, product):
    product.gtin = "8801234567893"
    product.save()
    shared = make_review(
        author=user,
        product=product,
        rating=2,
        title="</script><b>",
        body="010-1234-5678 로 연락",
        b2b_consent=True,
    )
    enrich(shared, masked_body="[전화번호] 로 연락")
    make_review(author=other_user, product=product, rating=4, b2b_consent=False, body="비공유")
    html = client.get(f"/c/p/{product.pk}/").content.decode()
    doc = jsonld(html)
    assert doc["@type"] == "Product" and doc["gtin13"] == "8801234567893"
    assert doc["aggregateRating"]["reviewCount"] == 2  # every published review counts
    assert doc["aggregateRating"]["ratingValue"] == 3.0
    (review,) = doc["review"]  # only the shared, masked one is quoted
    assert review["reviewBody"] == "[전화번호] 로 연락"
    assert review["author"]["name"] == user.display_name[0] + "**"
    assert review["name"] == "</script><b>"
    assert "010-1234-5678" not in html.split("application/ld+json")[1].split("</script>")[0]
    assert html.count("</script>") == html.count("<script")  # the title did not close it
