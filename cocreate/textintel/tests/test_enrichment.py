"""Enrichment with the real models: on commit of every new contribution or version, idempotent
re-runs, search kept current, vectors and duplicate candidates, the bulk command."""

from io import StringIO

import pytest
from django.core.management import call_command

from cocreate.contributions import services as contribution_services
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review
from cocreate.textintel import local, selectors, services
from cocreate.textintel.masking import MASKING_VERSION
from cocreate.textintel.ml.artifacts import load, model_id
from cocreate.textintel.models import (
    ContributionVector,
    DuplicateCandidate,
    Enrichment,
    SearchDocument,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hosting(monkeypatch):
    """This test process plays the worker: it holds the models."""
    monkeypatch.setattr(local, "_hosting", True)


def test_new_contribution_is_enriched_on_commit(django_capture_on_commit_callbacks, user, product):
    with django_capture_on_commit_callbacks(execute=True):
        review = make_review(
            author=user,
            product=product,
            rating=2,
            body="배송이 너무 늦었어요. 연락처 010-1234-5678 로 전화 주세요",
        )
    e = Enrichment.objects.get(pk=review.pk)
    assert e.language == "ko"
    review.refresh_from_db()
    assert review.language == "ko"  # on the contribution too, for its API
    assert e.version_number == 1
    assert e.body_sha256 == review.body_sha256
    assert "[전화번호]" in e.masked_body
    assert "010-1234-5678" not in e.masked_body
    assert e.pii_counts == {"phone": 1}
    assert e.masking_version == MASKING_VERSION
    assert e.sentiment in ("positive", "negative")
    assert "@" in e.sentiment_model
    assert e.sentiment_confidence is not None
    assert 0.5 <= e.sentiment_confidence <= 1
    assert e.kind in ("review", "complaint", "idea", "question")
    assert "@" in e.kind_model
    assert all({"aspect", "polarity", "confidence"} <= set(a) for a in e.aspects)
    document = SearchDocument.objects.get(pk=review.pk)
    assert "배송" in document.terms.split()
    assert "010" not in document.terms  # searchable text is the masked text
    assert ContributionVector.objects.filter(pk=review.pk).exists()


def test_a_new_version_is_enriched_again(django_capture_on_commit_callbacks, user, product):
    with django_capture_on_commit_callbacks(execute=True):
        review = make_review(author=user, product=product, body="배송이 빨라요")
    with django_capture_on_commit_callbacks(execute=True):
        contribution_services.contribution_edit(
            actor=user, contribution=review, body="포장이 찢어져서 왔어요"
        )
    e = Enrichment.objects.get(pk=review.pk)
    assert e.version_number == 2
    assert "찢어져서" in e.masked_body
    assert "포장" in SearchDocument.objects.get(pk=review.pk).terms.split()


def test_rewriting_a_row_replaces_every_field(user, product):
    review = make_review(author=user, product=product, body="배송이 빨라요 010-1234-5678")
    services.enrichment_run([review.pk], vectors=False)
    before = Enrichment.objects.get(pk=review.pk)
    assert before.pii_counts == {"phone": 1}
    contribution_services.contribution_edit(
        actor=user, contribution=review, body="Great fit, but the price is too high."
    )
    assert services.enrichment_run([review.pk], vectors=False).written == 1
    after = Enrichment.objects.get(pk=review.pk)
    assert after.pii_counts == {}
    assert after.language == "en"
    assert after.sentiment_model.startswith("sentiment-en@")
    assert {a["aspect"] for a in after.aspects} >= {"price"}
    assert after.enriched_at > before.enriched_at
    document = SearchDocument.objects.get(pk=review.pk)
    assert document.language == "en"
    assert "price" in document.terms.split()


def test_rerun_with_same_text_and_models_rewrites_nothing(user, product):
    review = make_review(author=user, product=product, body="사이즈가 딱 맞아요")
    first = services.enrichment_run([review.pk], vectors=False)
    assert (first.written, first.unchanged) == (1, 0)
    before = Enrichment.objects.get(pk=review.pk)
    document_before = SearchDocument.objects.get(pk=review.pk)
    second = services.enrichment_run([review.pk], vectors=False)
    assert (second.written, second.unchanged) == (0, 1)
    after = Enrichment.objects.get(pk=review.pk)
    assert after.enriched_at == before.enriched_at
    assert SearchDocument.objects.get(pk=review.pk).updated_at == document_before.updated_at


def test_rerun_of_fresh_rows_runs_no_model(user, product, monkeypatch):
    review = make_review(author=user, product=product, body="색이 사진이랑 똑같아요")
    services.enrichment_run([review.pk], vectors=False)

    def no_models(texts):
        raise AssertionError("the models ran for a contribution already enriched")

    monkeypatch.setattr("cocreate.textintel.ml.api.analyse", no_models)
    stats = services.enrichment_run([review.pk], vectors=False)
    assert (stats.written, stats.unchanged) == (0, 1)
    # a new text is analysed again
    contribution_services.contribution_edit(actor=user, contribution=review, body="색이 달라요")
    with pytest.raises(AssertionError, match="models ran"):
        services.enrichment_run([review.pk], vectors=False)


def test_a_changed_model_version_is_rewritten(user, product):
    review = make_review(author=user, product=product, body="가격 대비 좋아요")
    services.enrichment_run([review.pk], vectors=False)
    Enrichment.objects.filter(pk=review.pk).update(kind_model="kind@0-old")
    stats = services.enrichment_run([review.pk], vectors=False)
    assert stats.written == 1
    assert Enrichment.objects.get(pk=review.pk).kind_model != "kind@0-old"


def test_missing_contributions_are_counted_not_failed():
    stats = services.enrichment_run([987654321])
    assert (stats.seen, stats.missing, stats.written) == (1, 1, 0)
    assert not Enrichment.objects.exists()


def test_english_contribution(user, product):
    review = make_review(author=user, product=product, body="The zipper broke after two days.")
    services.enrichment_run([review.pk], vectors=False)
    e = Enrichment.objects.get(pk=review.pk)
    assert e.language == "en"
    assert "zipper" in SearchDocument.objects.get(pk=review.pk).terms.split()


def test_english_sentiment_is_read_again_with_the_vector(user, product):
    review = make_review(
        author=user, product=product, body="Runs a little small, but I love it and wear it daily."
    )
    services.enrichment_run([review.pk], vectors=False)
    first = Enrichment.objects.get(pk=review.pk)
    assert first.sentiment_model == model_id("sentiment-en")
    services.vectors_update([review.pk])
    second = Enrichment.objects.get(pk=review.pk)
    assert second.sentiment_model == model_id("sentiment-en-encoder")
    assert second.sentiment == "positive"
    score = second.sentiment_score
    assert score is not None
    assert second.sentiment_confidence == max(score, 1 - score)
    assert second.enriched_at > first.enriched_at  # feeds and dashboards see the change
    # the second pass counts as fresh: a re-run keeps it
    assert services.enrichment_run([review.pk], vectors=False).unchanged == 1
    assert Enrichment.objects.get(pk=review.pk).sentiment_model == model_id("sentiment-en-encoder")
    # rewritten by the first pass (a model changed), it is read again from the stored vector
    Enrichment.objects.filter(pk=review.pk).update(kind_model="kind@0-old")
    services.enrichment_run([review.pk], vectors=False)
    assert Enrichment.objects.get(pk=review.pk).sentiment_model == model_id("sentiment-en")
    assert services.vectors_update([review.pk]) == []  # nothing to embed again
    assert Enrichment.objects.get(pk=review.pk).sentiment_model == model_id("sentiment-en-encoder")


def test_korean_sentiment_is_not_read_again(user, product):
    review = make_review(author=user, product=product, body="배송이 빨라서 좋았어요")
    services.enrichment_run([review.pk], vectors=False)
    services.vectors_update([review.pk])
    assert Enrichment.objects.get(pk=review.pk).sentiment_model == model_id("sentiment-ko")


def test_search_finds_inflected_korean_after_enrichment(hosting, user, product):
    fast = make_review(author=user, product=product, body="배송이 정말 빨랐어요")
    slow = make_complaint(author=user, product=product, body="택배가 너무 느려요")
    services.enrichment_run([fast.pk, slow.pk], vectors=False)
    found = selectors.search("빠른 배송")
    assert found.terms.method == "morphemes"
    assert [r.contribution.pk for r in found.results] == [fast.pk]
    assert [r.contribution.pk for r in selectors.search("느리다").results] == [slow.pk]


def test_withdrawn_contribution_leaves_search_and_suggestions(
    django_capture_on_commit_callbacks, hosting, user, category
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = make_idea(
            author=user,
            category=category,
            status="published",
            title="접이식 손잡이",
            body="손잡이를 접을 수 있으면 보관이 쉬워요",
        )
    assert [r.contribution.pk for r in selectors.search("손잡이").results] == [idea.pk]
    hits = selectors.similar_with_contributions("손잡이를 접을 수 있게 해 주세요")
    assert [h.contribution.pk for h in hits] == [idea.pk]
    with django_capture_on_commit_callbacks(execute=True):
        contribution_services.contribution_withdraw(actor=user, contribution=idea)
    assert selectors.search("손잡이").results == []
    assert ContributionVector.objects.get(pk=idea.pk).status == "withdrawn"
    assert selectors.similar_with_contributions("손잡이를 접을 수 있게 해 주세요") == []


def test_near_identical_ideas_become_a_duplicate_candidate(
    django_capture_on_commit_callbacks, user, other_user, category
):
    text = "캠핑 의자에 컵홀더를 달아 주세요. 음료를 바닥에 두면 자꾸 쓰러져요."
    with django_capture_on_commit_callbacks(execute=True):
        first = make_idea(
            author=user, category=category, status="published", title="의자 컵홀더", body=text
        )
    with django_capture_on_commit_callbacks(execute=True):
        second = make_idea(
            author=other_user, category=category, title="컵홀더 달린 의자", body=text
        )
    pair = DuplicateCandidate.objects.get()
    assert (pair.first_id, pair.second_id) == (first.pk, second.pk)
    assert pair.score > load("duplicates").threshold  # the duplicates model's probability
    assert pair.model == local.duplicate_model()
    assert pair.status == "open"
    # what only one of them says, for the moderator
    assert (pair.first_only_words, pair.second_only_words) == ([], ["달리다"])


def test_the_same_complaint_from_two_customers_is_never_a_duplicate(
    django_capture_on_commit_callbacks, user, other_user, product
):
    text = "배송이 2주나 걸렸어요. 연락도 없었고요."
    for author in (user, other_user):
        with django_capture_on_commit_callbacks(execute=True):
            complaint = make_complaint(author=author, product=product, body=text)
    assert ContributionVector.objects.filter(pk=complaint.pk).exists()  # embedded all the same
    assert not DuplicateCandidate.objects.exists()


def test_words_shown_for_a_duplicate_pair_never_hold_personal_data():
    from types import SimpleNamespace

    first = SimpleNamespace(title="손잡이", body="김민준입니다. 010-1234-5678로 연락 주세요")
    second = SimpleNamespace(title="빨대", body="연락 주세요")
    masked = services._masked_texts({1: first, 2: second})
    first_only, second_only = local.differing_words(masked[1], masked[2])
    assert first_only == ["손잡이", "전화번호"]  # the placeholder's word, not the number
    assert second_only == ["빨대"]


def test_bulk_command_missing_then_all(user, product):
    reviews = [
        make_review(author=user, product=product, body=f"배송 {i}일 걸렸어요") for i in range(3)
    ]
    out = StringIO()
    call_command("textintel_enrich", "--missing", stdout=out, stderr=StringIO())
    assert "3 enriched" in out.getvalue()
    assert Enrichment.objects.count() == 3
    out = StringIO()
    call_command("textintel_enrich", "--all", stdout=out, stderr=StringIO())
    assert "0 enriched, 3 already up to date" in out.getvalue()
    assert SearchDocument.objects.filter(pk__in=[r.pk for r in reviews]).count() == 3


def test_terms_shared_by_the_models_leave_out_masked_personal_data():
    from types import SimpleNamespace

    analysis = SimpleNamespace(terms=["배송", "빠르", "010", "1234", "5678", "김철수"])
    original = "김철수 님 배송이 빨랐어요 010-1234-5678"
    masked = " 님 배송이 빨랐어요 "
    assert services._shared_terms(analysis, original, masked) == ["배송", "빠르"]
    assert services._shared_terms(SimpleNamespace(), original, masked) is None


def test_a_deleted_contribution_still_in_the_index_is_never_paired(user, category):
    text = "캠핑 의자에 컵홀더를 달아 주세요. 음료를 바닥에 두면 자꾸 쓰러져요."
    idea = make_idea(author=user, category=category, title="의자 컵홀더", body=text)
    vector = local.embed([services.text_of(idea)])[0]
    local.index().add(987654, "idea", "published", vector)  # gone from the database
    services.vectors_update([idea.pk])
    assert not DuplicateCandidate.objects.exists()
