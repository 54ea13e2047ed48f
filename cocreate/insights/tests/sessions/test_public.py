"""The public "what customers asked for and what was done" page: adopted upgrades with the
complaints and reviews behind them, anonymised."""

from typing import Any

import pytest

from cocreate.contributions.tests.factories import make_complaint
from cocreate.ideas import services as idea_services
from cocreate.ideas.models import IdeaEvidence
from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea, support_many
from cocreate.textintel.services import enrichment_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(brand: Any, brand_owner: Any, product: Any, user: Any, brand_moderator: Any) -> Any:
    make_campaign(brand, owner=brand_owner)
    idea = make_gathering_idea(author=user, product=product, moderator=brand_moderator)
    support_many(idea, 6)  # past the campaign's last milestone: in review
    idea.refresh_from_db()
    idea_services.idea_decide(
        actor=brand_owner, idea=idea, accepted=True, reason="다음 시즌에 반영합니다"
    )
    return idea


def test_anonymous_sees_adopted_upgrades_without_names(
    adopted: Any, brand: Any, product: Any, other_user: Any, brand_owner: Any, client_for: Any
) -> None:
    complaint = make_complaint(
        author=other_user, product=product, body="손잡이가 너무 커서 010-9999-8888 불편해요"
    )
    IdeaEvidence.objects.create(idea=adopted, contribution=complaint, linked_by=brand_owner)
    enrichment_run([adopted.pk, complaint.pk], vectors=False)  # what the task worker does
    page = client_for(None).get(f"/insights/brands/{brand.slug}/asked-for/")
    assert page.status_code == 200
    html = page.content.decode()
    assert adopted.contribution.title in html
    assert "다음 시즌에 반영합니다" in html
    assert "손잡이가 너무 커서" in html
    assert "010-9999-8888" not in html
    assert adopted.contribution.author.display_name not in html
    assert other_user.display_name not in html


def test_texts_not_masked_yet_are_left_out(adopted: Any, brand: Any, client_for: Any) -> None:
    html = client_for(None).get(f"/insights/brands/{brand.slug}/asked-for/").content.decode()
    assert adopted.contribution.title not in html


def test_ideas_not_adopted_are_not_listed(
    brand: Any, brand_owner: Any, product: Any, user: Any, brand_moderator: Any, client_for: Any
) -> None:
    make_campaign(brand, owner=brand_owner)
    gathering = make_gathering_idea(author=user, product=product, moderator=brand_moderator)
    enrichment_run([gathering.pk], vectors=False)
    html = client_for(None).get(f"/insights/brands/{brand.slug}/asked-for/").content.decode()
    assert gathering.contribution.title not in html


def test_unknown_brand_is_404(db: Any, client_for: Any) -> None:
    assert client_for(None).get("/insights/brands/nobody/asked-for/").status_code == 404


def test_product_page_links_to_it(product: Any, client_for: Any) -> None:
    html = client_for(None).get(f"/c/p/{product.pk}/").content.decode()
    assert f"/insights/brands/{product.brand.slug}/asked-for/" in html


def test_merged_ideas_are_among_the_voices(
    brand: Any,
    brand_owner: Any,
    brand_moderator: Any,
    product: Any,
    user: Any,
    other_user: Any,
    client_for: Any,
) -> None:
    make_campaign(brand, owner=brand_owner)
    target = make_gathering_idea(author=user, product=product, moderator=brand_moderator)
    duplicate = make_gathering_idea(
        author=other_user,
        product=product,
        moderator=brand_moderator,
        title="손잡이 접이식 요청",
        body="손잡이를 접을 수 있으면 수납이 편하겠어요.",
    )
    idea_services.idea_merge(
        actor=brand_moderator, source=duplicate, target=target, reason="같은 아이디어입니다"
    )
    support_many(target, 6)
    target.refresh_from_db()
    idea_services.idea_decide(actor=brand_owner, idea=target, accepted=True, reason="반영합니다")
    enrichment_run([target.pk, duplicate.pk], vectors=False)
    html = client_for(None).get(f"/insights/brands/{brand.slug}/asked-for/").content.decode()
    assert "손잡이 접이식 요청" in html
    assert other_user.display_name not in html
