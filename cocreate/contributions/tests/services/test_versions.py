import pytest

from cocreate.contributions import services
from cocreate.contributions.enums import Status
from cocreate.contributions.models import ContributionVersion
from cocreate.contributions.selectors import contribution_versions
from cocreate.contributions.tests.factories import make_idea, make_review
from cocreate.contributions.text import body_hash
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_edit_is_a_new_version_and_the_first_stays(user, product):
    review = make_review(author=user, product=product, rating=5, body="처음 글")
    services.contribution_edit(actor=user, contribution=review, body="두 번째 글", rating=3)
    services.contribution_edit(actor=user, contribution=review, body="세 번째 글")
    review.refresh_from_db()
    assert (review.body, review.rating, review.version_count) == ("세 번째 글", 3, 3)
    assert review.body_sha256 == body_hash("세 번째 글")
    assert review.edited_at is not None
    versions = list(contribution_versions(review))
    assert [(v.number, v.body, v.rating) for v in versions] == [
        (1, "처음 글", 5),
        (2, "두 번째 글", 3),
        (3, "세 번째 글", 3),
    ]
    assert [v.body_sha256 for v in versions] == [body_hash(v.body) for v in versions]
    assert AuditEvent.objects.filter(event_type="contribution.edited").count() == 2


def test_the_language_is_known_at_once_and_follows_an_edit(user, product):
    review = make_review(author=user, product=product, rating=5, body="배송이 빨라요")
    assert review.language == "ko"
    services.contribution_edit(actor=user, contribution=review, body="Fast delivery, good fit")
    review.refresh_from_db()
    assert review.language == "en"
    services.contribution_edit(actor=user, contribution=review, body="12345 !!")
    review.refresh_from_db()
    assert review.language == "other"


def test_editing_the_rating_moves_the_product_counters(user, product):
    review = make_review(author=user, product=product, rating=5)
    services.contribution_edit(actor=user, contribution=review, body="바꿨어요", rating=1)
    product.refresh_from_db()
    assert (product.review_count, product.rating_sum) == (1, 1)


def test_only_the_author_edits(user, other_user, staff, product):
    review = make_review(author=user, product=product)
    for actor in (other_user, staff):
        with pytest.raises(Forbidden):
            services.contribution_edit(actor=actor, contribution=review, body="남이 고친 글")
    assert ContributionVersion.objects.filter(contribution=review).count() == 1


def test_unchanged_edit_is_refused(user, product):
    review = make_review(author=user, product=product, body="같은 글")
    with pytest.raises(ValidationFailed):
        services.contribution_edit(actor=user, contribution=review, body="같은 글")
    assert ContributionVersion.objects.count() == 1


def test_idea_edit_keeps_its_title_required(user, category):
    idea = make_idea(author=user, category=category)
    with pytest.raises(ValidationFailed) as exc:
        services.contribution_edit(actor=user, contribution=idea, body="새 설명", title="")
    assert "title" in exc.value.fields


def test_withdrawn_contribution_cannot_be_edited(user, product):
    review = make_review(author=user, product=product, rating=4)
    services.contribution_withdraw(actor=user, contribution=review)
    with pytest.raises(Conflict):
        services.contribution_edit(actor=user, contribution=review, body="다시")
    product.refresh_from_db()
    assert product.review_count == 0


def test_status_changes_keep_counters_right(user, staff, product):
    review = make_review(author=user, product=product, rating=2)
    services.contribution_set_status(
        actor=staff, contribution=review, status=Status.HIDDEN, reason="spam"
    )
    product.refresh_from_db()
    assert (product.review_count, product.rating_sum) == (0, 0)
    services.contribution_set_status(actor=staff, contribution=review, status=Status.PUBLISHED)
    product.refresh_from_db()
    assert (product.review_count, product.rating_sum) == (1, 2)


def test_incentivised_flag_is_set_once_and_never_unset(user, product):
    review = make_review(author=user, product=product)
    assert (
        services.contribution_mark_incentivised(contribution_id=review.pk, note="데이터 수익 배분")
        is True
    )
    assert services.contribution_mark_incentivised(contribution_id=review.pk, note="again") is False
    review.refresh_from_db()
    assert (review.incentivised, review.incentive_note) == (True, "데이터 수익 배분")


def test_consent_change_is_the_authors(user, other_user, product):
    review = make_review(author=user, product=product)
    with pytest.raises(Forbidden):
        services.contribution_set_consent(actor=other_user, contribution=review, granted=True)
    services.contribution_set_consent(actor=user, contribution=review, granted=True)
    review.refresh_from_db()
    assert review.b2b_consent is True


def test_shared_contributions_are_incentivised_from_the_start(user, product):
    shared = make_review(author=user, product=product, b2b_consent=True)
    private = make_review(author=user, product=product, b2b_consent=False)
    assert shared.incentivised is True
    assert shared.incentive_note == services.revenue_share_note()
    assert (private.incentivised, private.incentive_note) == (False, "")


def test_turning_sharing_on_promises_a_share_and_the_label_stays(user, product):
    review = make_review(author=user, product=product, b2b_consent=False)
    services.contribution_set_consent(actor=user, contribution=review, granted=True)
    assert (review.b2b_consent, review.incentivised) == (True, True)
    services.contribution_set_consent(actor=user, contribution=review, granted=False)
    assert (review.b2b_consent, review.incentivised) == (False, True)
    assert AuditEvent.objects.filter(event_type="contribution.incentivised").count() == 1
