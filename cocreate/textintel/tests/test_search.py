"""The search backends on whichever database runs the suite (SQLite FTS5 by default, PostgreSQL
tsvector with DATABASE_URL=postgres://...), with documents written as enrichment writes them."""

import pytest
from django.db import connection

from cocreate.contributions import services as contribution_services
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review
from cocreate.textintel import selectors
from cocreate.textintel.models import SearchDocument
from cocreate.textintel.search import (
    QueryTerms,
    clean_term,
    morpheme_terms,
    plain_terms,
    run_query,
)

pytestmark = pytest.mark.django_db


def index(contribution, terms):
    SearchDocument.objects.update_or_create(
        contribution=contribution,
        defaults={"kind": contribution.kind, "language": "ko", "terms": " ".join(terms)},
    )
    return contribution


@pytest.fixture
def documents(user, product, category):
    fast = index(
        make_review(author=user, product=product, body="배송이 정말 빨랐어요"),
        ["배송", "정말", "빠르"],
    )
    torn = index(
        make_complaint(author=user, product=product, body="포장이 찢어져서 왔어요"),
        ["포장", "찢어지", "오"],
    )
    idea = index(
        make_idea(author=user, category=category, status="published"),
        ["손잡이", "접", "보관", "공간", "차지"],
    )
    english = index(
        make_review(author=user, product=product, body="Fast delivery, great zipper"),
        ["fast", "delivery", "great", "zipper"],
    )
    return {"fast": fast, "torn": torn, "idea": idea, "english": english}


def ids(page):
    return [h.contribution_id for h in page.hits]


def test_two_syllable_korean_word_is_found(documents):
    page = run_query(morpheme_terms(["배송"]))
    assert ids(page) == [documents["fast"].pk]
    assert page.total == 1


def test_every_term_must_match(documents):
    assert ids(run_query(morpheme_terms(["배송", "빠르"]))) == [documents["fast"].pk]
    assert ids(run_query(morpheme_terms(["배송", "포장"]))) == []


def test_any_term_matches_either(documents):
    found = set(ids(run_query(morpheme_terms(["배송", "포장"]), any_term=True)))
    assert found == {documents["fast"].pk, documents["torn"].pk}


def test_english_words(documents):
    assert ids(run_query(morpheme_terms(["Zipper"]))) == [documents["english"].pk]


def test_kind_narrows(documents):
    assert ids(run_query(morpheme_terms(["포장"]), kind="review")) == []
    assert ids(run_query(morpheme_terms(["포장"]), kind="complaint")) == [documents["torn"].pk]


def test_only_published_contributions(documents, user):
    contribution_services.contribution_withdraw(actor=user, contribution=documents["torn"])
    assert ids(run_query(morpheme_terms(["포장"]))) == []


def test_pending_ideas_are_not_found(user, category):
    pending = index(make_idea(author=user, category=category), ["손잡이"])
    assert pending.status == "pending"
    assert ids(run_query(morpheme_terms(["손잡이"]))) == []


def test_plain_fallback_strips_particles_and_matches_prefixes(documents):
    query = plain_terms("배송이 포장은")
    assert query.terms == ("배송", "포장")
    assert query.prefix
    assert ids(run_query(plain_terms("배송이"))) == [documents["fast"].pk]
    assert ids(run_query(plain_terms("zip"))) == [documents["english"].pk]


def test_query_syntax_is_never_passed_through(documents):
    for hostile in [
        '"배송" OR *',
        "배송) | (포장",
        "NEAR(배송 포장)",
        "'; DROP TABLE x; --",
        "-배송",
    ]:
        run_query(plain_terms(hostile))
        run_query(morpheme_terms(hostile.split()))
    assert clean_term('"배송"*') == "배송"
    assert SearchDocument.objects.count() == 4


def test_paging_and_total(user, product):
    for i in range(5):
        index(make_review(author=user, product=product, body=f"배송 {i}"), ["배송", str(i)])
    first = run_query(morpheme_terms(["배송"]), limit=2)
    second = run_query(morpheme_terms(["배송"]), limit=2, offset=2)
    assert first.total == second.total == 5
    assert len(first.hits) == len(second.hits) == 2
    assert not set(ids(first)) & set(ids(second))


def test_empty_query_finds_nothing(documents):
    page = run_query(QueryTerms((), prefix=False, method="morphemes"))
    assert page.total == 0
    assert page.hits == []


def test_document_updates_replace_old_terms(documents):
    index(documents["fast"], ["택배"])
    assert ids(run_query(morpheme_terms(["배송"]))) == []
    assert ids(run_query(morpheme_terms(["택배"]))) == [documents["fast"].pk]


def test_deleting_a_document_removes_it_from_the_index(documents):
    SearchDocument.objects.filter(pk=documents["fast"].pk).delete()
    assert ids(run_query(morpheme_terms(["배송"]))) == []


def test_selector_without_the_service_falls_back_to_words(documents, settings, tmp_path):
    settings.TEXTINTEL_ANALYSIS_SOCKET = str(tmp_path / "none.sock")
    found = selectors.search("배송이")
    assert found.terms.method == "words"
    assert [r.contribution.pk for r in found.results] == [documents["fast"].pk]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"query": "가" * 201}, "q"),
        ({"query": "배송", "kind": "poem"}, "kind"),
        ({"query": "배송", "limit": 0}, "limit"),
        ({"query": "배송", "limit": 101}, "limit"),
    ],
)
def test_selector_rejects_bad_input(kwargs, field):
    from cocreate.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        selectors.search(**kwargs)
    assert caught.value.code == "search_query_invalid"
    assert field in caught.value.fields


@pytest.mark.postgres
def test_postgres_uses_the_gin_index(documents):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'textintel_search_tsv_idx'"
        )
        assert "to_tsvector('simple'" in cursor.fetchone()[0]
    assert ids(run_query(morpheme_terms(["배송"]))) == [documents["fast"].pk]
