"""Insider labels: declared per contribution, once on the profile, or because the author is a
member of the brand's organisation. The label shows on the pages and in the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.core.errors import Conflict, NotFound, ValidationFailed
from cocreate.core.models import AuditEvent
from cocreate.moderation import relationships
from cocreate.moderation.models import StandingRelationship

pytestmark = pytest.mark.django_db


def label(c):
    return Contribution.objects.values_list("declared_relationship", flat=True).get(pk=c.pk)


def test_a_standing_declaration_labels_earlier_and_later_writing(
    user, product, brand, django_capture_on_commit_callbacks
):
    earlier = make_review(
        author=user, product=product, created_at=timezone.now() - timedelta(days=30)
    )
    own_label = make_review(author=user, product=product, declared_relationship="partner")
    rel = relationships.relationship_declare(actor=user, brand_id=brand.pk, relationship="employee")
    assert (label(earlier), label(own_label)) == ("employee", "partner")
    with django_capture_on_commit_callbacks(execute=True):
        later = make_review(author=user, product=product)
    assert label(later) == "employee"
    events = AuditEvent.objects.filter(event_type="contribution.relationship_labelled")
    assert events.count() == 2
    assert '"source":"standing"' in events.last().payload
    assert rel.is_active


def test_a_declaration_can_leave_earlier_writing_alone(
    user, product, brand, django_capture_on_commit_callbacks
):
    earlier = make_review(
        author=user, product=product, created_at=timezone.now() - timedelta(days=3)
    )
    relationships.relationship_declare(
        actor=user, brand_id=brand.pk, relationship="family", include_earlier=False
    )
    assert label(earlier) == ""
    with django_capture_on_commit_callbacks(execute=True):
        later = make_complaint(author=user, product=product)
    assert label(later) == "family"


def test_ending_stops_labelling_and_keeps_the_labels(
    user, product, brand, django_capture_on_commit_callbacks
):
    rel = relationships.relationship_declare(actor=user, brand_id=brand.pk, relationship="employee")
    with django_capture_on_commit_callbacks(execute=True):
        during = make_review(author=user, product=product)
    relationships.relationship_end(actor=user, relationship_id=rel.pk)
    with django_capture_on_commit_callbacks(execute=True):
        after = make_review(author=user, product=product)
    assert (label(during), label(after)) == ("employee", "")
    # ending twice changes nothing; someone else cannot end it
    events = AuditEvent.objects.count()
    relationships.relationship_end(actor=user, relationship_id=rel.pk)
    assert AuditEvent.objects.count() == events


def test_only_the_declarer_ends_a_declaration(user, other_user, brand):
    rel = relationships.relationship_declare(actor=user, brand_id=brand.pk, relationship="employee")
    with pytest.raises(NotFound):
        relationships.relationship_end(actor=other_user, relationship_id=rel.pk)
    assert StandingRelationship.objects.get().ended_at is None


def test_one_active_declaration_per_brand(user, brand):
    relationships.relationship_declare(actor=user, brand_id=brand.pk, relationship="employee")
    with pytest.raises(Conflict) as exc:
        relationships.relationship_declare(actor=user, brand_id=brand.pk, relationship="family")
    assert exc.value.code == "relationship_exists"
    assert StandingRelationship.objects.count() == 1


@pytest.mark.parametrize(
    ("relationship", "brand_ok", "field"),
    [("fan", True, "relationship"), ("employee", False, "brand")],
)
def test_invalid_declarations(user, brand, relationship, brand_ok, field):
    with pytest.raises(ValidationFailed) as exc:
        relationships.relationship_declare(
            actor=user, brand_id=brand.pk if brand_ok else 424242, relationship=relationship
        )
    assert field in exc.value.fields
    assert StandingRelationship.objects.count() == 0


def test_members_of_the_brand_are_labelled_as_insiders(
    brand_analyst, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = make_review(author=brand_analyst, product=product, rating=5)
    assert label(review) == "employee"
    event = AuditEvent.objects.get(event_type="contribution.relationship_labelled")
    assert '"source":"org_member"' in event.payload


def test_a_competitor_is_not_labelled_as_the_brands_employee(
    other_brand_moderator, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = make_review(author=other_brand_moderator, product=product, rating=1)
    assert label(review) == ""


def test_the_label_task_is_idempotent(brand_analyst, product):
    review = make_review(author=brand_analyst, product=product)
    assert relationships.contribution_label_related(contribution_id=review.pk) is True
    assert relationships.contribution_label_related(contribution_id=review.pk) is False
    assert relationships.contribution_label_related(contribution_id=999999) is False
    assert AuditEvent.objects.filter(event_type="contribution.relationship_labelled").count() == 1


def test_the_label_shows_on_the_pages_and_in_the_api(client_for, user, product, brand):
    relationships.relationship_declare(actor=user, brand_id=brand.pk, relationship="family")
    review = make_review(
        author=user, product=product, created_at=timezone.now() - timedelta(minutes=1)
    )
    relationships.contribution_label_related(contribution_id=review.pk)
    page = client_for(None).get(f"/c/p/{product.pk}/?kind=review").content.decode()
    assert 'class="badge insider"' in page
    assert "직원의 가족" in page
    assert (
        client_for(None).get(f"/api/v1/contributions/{review.pk}").json()["declared_relationship"]
        == "family"
    )


def test_the_relationships_page(client_for, user, brand):
    client = client_for(user)
    assert client.get("/moderation/relationships/").status_code == 200
    bad = client.post("/moderation/relationships/", {"brand": brand.pk, "relationship": "fan"})
    assert bad.status_code == 422
    ok = client.post(
        "/moderation/relationships/",
        {"brand": brand.pk, "relationship": "employee", "include_earlier": "on"},
    )
    assert ok.status_code == 302
    rel = StandingRelationship.objects.get()
    assert brand.name in client.get("/moderation/relationships/").content.decode()
    again = client.post("/moderation/relationships/", {"brand": brand.pk, "relationship": "family"})
    assert again.status_code == 422
    assert client.post(f"/moderation/relationships/{rel.pk}/end/").status_code == 302
    rel.refresh_from_db()
    assert rel.ended_at is not None
    assert client_for(None).get("/moderation/relationships/").status_code == 302
    assert "/moderation/relationships/" in client.get("/accounts/profile/").content.decode()
