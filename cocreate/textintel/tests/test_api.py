"""/api/v1/textintel/search and /similar: published contributions only, masked text only,
problem+json for bad input. The analysis service is absent here (fallback matching)."""

import pytest

from cocreate.contributions.tests.factories import make_complaint, make_idea
from cocreate.textintel.models import Enrichment, SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_service(settings, tmp_path):
    settings.TEXTINTEL_ANALYSIS_SOCKET = str(tmp_path / "absent.sock")


def enriched(contribution, terms, masked_body):
    SearchDocument.objects.create(
        contribution=contribution, kind=contribution.kind, terms=" ".join(terms)
    )
    Enrichment.objects.create(
        contribution=contribution, version_number=1, body_sha256="x", masked_body=masked_body
    )
    return contribution


def test_search_returns_masked_published_contributions(client, user, product):
    found = enriched(
        make_complaint(author=user, product=product, body="포장 불량 010-1234-5678"),
        ["포장", "불량"],
        "포장 불량 [전화번호]",
    )
    withdrawn = enriched(
        make_complaint(author=user, product=product, body="포장 문제"),
        ["포장", "문제"],
        "포장 문제",
    )
    withdrawn.status = "withdrawn"
    withdrawn.save(update_fields=["status"])
    response = client.get("/api/v1/textintel/search", {"q": "포장"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    assert body["matched_by"] == "words"
    assert [r["id"] for r in body["results"]] == [found.pk]
    assert body["results"][0]["excerpt"] == "포장 불량 [전화번호]"
    assert "010-1234-5678" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "가" * 201},
        {"q": "x", "limit": 0},
        {"q": "x", "limit": 101},
        {"q": "x", "kind": "poem"},
        {"q": "x", "offset": -1},
    ],
)
def test_search_bad_input_is_problem_json(client, params):
    response = client.get("/api/v1/textintel/search", params)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")


def test_similar_falls_back_to_words(client, user, category):
    idea = enriched(
        make_idea(author=user, category=category, status="published", title="접이식 손잡이"),
        ["접이식", "손잡이"],
        "손잡이",
    )
    response = client.get("/api/v1/textintel/similar", {"text": "손잡이 접이식"})
    assert response.status_code == 200
    hits = response.json()
    assert [h["id"] for h in hits] == [idea.pk]
    assert hits[0]["method"] == "words"
    assert hits[0]["score"] == 1.0


def test_similar_requires_text(client):
    assert client.get("/api/v1/textintel/similar").status_code == 422
