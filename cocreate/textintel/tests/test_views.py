"""Pages: search, the similar-ideas panel (full page and htmx partial), duplicate pairs. Here the
analysis service is not running, so the pages take their fallback (plain words); the service
path is in test_service.py."""

import pytest
from django.urls import reverse

from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review
from cocreate.textintel.models import DuplicateCandidate, DuplicateStatus, SearchDocument

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def no_service(settings, tmp_path):
    settings.TEXTINTEL_ANALYSIS_SOCKET = str(tmp_path / "absent.sock")


def index(contribution, terms):
    SearchDocument.objects.update_or_create(
        contribution=contribution, defaults={"kind": contribution.kind, "terms": " ".join(terms)}
    )
    return contribution


@pytest.fixture
def ideas(user, category):
    fold = index(
        make_idea(
            author=user,
            category=category,
            status="published",
            title="접이식 손잡이 <b>bold</b>",
            body="손잡이를 접을 수 있으면 보관이 쉬워요",
        ),
        ["접이식", "손잡이", "bold", "손잡이", "접", "보관", "쉽"],
    )
    color = index(
        make_idea(author=user, category=category, status="published", title="색상 추가"),
        ["색상", "추가", "손잡이"],
    )
    return {"fold": fold, "color": color}


def test_panel_partial_suggests_similar_ideas(client, ideas):
    response = client.get(reverse("textintel:similar-panel"), {"title": "손잡이 보관"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'class="similar-panel"' in html
    assert html.index(f"/ideas/{ideas['fold'].pk}/") < html.index(f"/ideas/{ideas['color'].pk}/")
    assert "100%" in html  # both words of the text are in the first idea


def test_panel_full_page(client, ideas):
    response = client.get(reverse("textintel:similar-panel"), {"text": "손잡이"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'class="similar-panel"' in html
    assert f"/ideas/{ideas['fold'].pk}/" in html


def test_panel_escapes_titles_and_text(client, ideas):
    response = client.get(
        reverse("textintel:similar-panel"), {"text": '손잡이 <script>alert("x")</script>'}
    )
    html = response.content.decode()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert '<script>alert("x")' not in html


def test_panel_with_empty_text_shows_nothing(client, ideas):
    response = client.get(reverse("textintel:similar-panel"), {"title": "", "body": "  "}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<li>" not in html
    assert "No similar ideas yet" not in html


def test_panel_without_matches_says_so(client, ideas):
    response = client.get(reverse("textintel:similar-panel"), {"text": "전혀 다른 내용"}, **HTMX)
    assert "<li>" not in response.content.decode()
    assert response.status_code == 200


def test_panel_leaves_out_the_idea_being_edited_and_unpublished_ones(client, ideas, user, category):
    index(make_idea(author=user, category=category, title="손잡이 비공개"), ["손잡이"])
    response = client.get(
        reverse("textintel:similar-panel"),
        {"text": "손잡이", "exclude": ideas["fold"].pk},
        **HTMX,
    )
    html = response.content.decode()
    assert f"/ideas/{ideas['fold'].pk}/" not in html
    assert f"/ideas/{ideas['color'].pk}/" in html
    assert "비공개" not in html


def test_search_page_full_and_partial(client, user, product):
    review = index(
        make_review(author=user, product=product, body="배송이 빨라요"), ["배송", "빠르"]
    )
    from cocreate.textintel.models import Enrichment

    Enrichment.objects.create(
        contribution=review, version_number=1, body_sha256="x", masked_body="배송이 빨라요"
    )
    full = client.get(reverse("textintel:search"), {"q": "배송"})
    assert full.status_code == 200
    assert "<html" in full.content.decode()
    assert f"/contributions/{review.pk}/" in full.content.decode()
    partial = client.get(reverse("textintel:search"), {"q": "배송"}, **HTMX)
    assert "<html" not in partial.content.decode()
    assert f"/contributions/{review.pk}/" in partial.content.decode()


def test_search_page_shows_masked_text_only(client, user, product):
    review = index(
        make_review(author=user, product=product, body="배송 문의 010-1234-5678"), ["배송", "문의"]
    )
    from cocreate.textintel.models import Enrichment

    Enrichment.objects.create(
        contribution=review, version_number=1, body_sha256="x", masked_body="배송 문의 [전화번호]"
    )
    html = client.get(reverse("textintel:search"), {"q": "배송"}).content.decode()
    assert "010-1234-5678" not in html
    assert "[전화번호]" in html


def test_search_page_bad_input_is_422_with_message(client):
    response = client.get(reverse("textintel:search"), {"q": "배송", "kind": "poem"})
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()


def test_search_page_without_query(client):
    response = client.get(reverse("textintel:search"))
    assert response.status_code == 200


def test_header_has_the_search_box(client):
    html = client.get(reverse("web:home")).content.decode()
    assert f'action="{reverse("textintel:search")}"' in html


# --- duplicates -----------------------------------------------------------------------------


@pytest.fixture
def pair(user, product):
    a = make_idea(author=user, product=product, status="published", title="손잡이 접기")
    b = make_idea(author=user, product=product, status="pending", title="접는 손잡이")
    return DuplicateCandidate.objects.create(first=a, second=b, kind="idea", score=0.93, model="m")


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        (None, "login"),
        ("user", "nothing"),
        ("other_user", "nothing"),
        ("brand_moderator", "pair"),
        ("brand_owner", "pair"),
        ("brand_analyst", "nothing"),
        ("other_brand_moderator", "empty"),
        ("mall_owner", "nothing"),
        ("staff", "pair"),
    ],
)
def test_duplicates_page_by_role(request, client_for, pair, who, sees):
    actor = request.getfixturevalue(who) if who else None
    response = client_for(actor).get(reverse("textintel:duplicates"))
    expected_status = {"login": 302, "nothing": 404, "empty": 200, "pair": 200}[sees]
    assert response.status_code == expected_status
    listed = f'id="pair-{pair.pk}"' in response.content.decode()
    assert listed == (sees == "pair")


def test_complaint_pairs_stored_by_an_earlier_version_are_not_listed(client_for, staff, user, pair):
    a, b = (make_complaint(author=user, body="배송이 2주나 걸렸어요") for _ in range(2))
    old = DuplicateCandidate.objects.create(
        first=a, second=b, kind="complaint", score=0.99, model="duplicates@3"
    )
    page = client_for(staff).get(reverse("textintel:duplicates")).content.decode()
    assert f'id="pair-{pair.pk}"' in page
    assert f'id="pair-{old.pk}"' not in page


def test_the_duplicates_page_marks_the_words_only_one_side_has(client_for, staff, pair):
    page = client_for(staff).get(reverse("textintel:duplicates")).content.decode()
    assert "only-words" not in page  # nothing stored: no marks
    pair.first_only_words, pair.second_only_words = ["손잡이"], ["<i>빨대</i>"]
    pair.save()
    page = client_for(staff).get(reverse("textintel:duplicates")).content.decode()
    assert "<mark>손잡이</mark>" in page
    assert "<mark>&lt;i&gt;빨대&lt;/i&gt;</mark>" in page  # stored words are text, never markup
    assert 'class="small differing-note"' in page  # a word against a word: the note shows
    for first, second in (([], ["빨대"]), (["검은색", "색상", "출시"], ["블랙", "컬러", "나오다"])):
        pair.first_only_words, pair.second_only_words = first, second
        pair.save()
        page = client_for(staff).get(reverse("textintel:duplicates")).content.decode()
        assert "<mark>빨대</mark>" in page or "<mark>블랙</mark>" in page
        assert "differing-note" not in page  # a side adds detail, or the two are reworded


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("user", False),
        ("brand_analyst", False),
        ("other_brand_moderator", False),
        ("brand_moderator", True),
        ("staff", True),
    ],
)
def test_deciding_a_pair_by_role(request, client_for, pair, who, allowed):
    actor = request.getfixturevalue(who)
    response = client_for(actor).post(
        reverse("textintel:duplicate-decide", args=[pair.pk]), {"status": "dismissed"}, **HTMX
    )
    pair.refresh_from_db()
    if allowed:
        assert response.status_code == 200
        assert pair.status == DuplicateStatus.DISMISSED
        assert "<html" not in response.content.decode()
    else:
        assert response.status_code == 404
        assert pair.status == DuplicateStatus.OPEN


def test_deciding_twice_is_a_conflict(client_for, staff, pair):
    client = client_for(staff)
    url = reverse("textintel:duplicate-decide", args=[pair.pk])
    assert client.post(url, {"status": "merged"}).status_code == 200
    again = client.post(url, {"status": "dismissed"})
    assert again.status_code == 409
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.MERGED


def test_bad_decision_changes_nothing(client_for, staff, pair):
    response = client_for(staff).post(
        reverse("textintel:duplicate-decide", args=[pair.pk]), {"status": "maybe"}, **HTMX
    )
    assert response.status_code == 422
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.OPEN
