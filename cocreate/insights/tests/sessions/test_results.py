"""Small-cell suppression of session results: no figure rests on fewer than five people,
on the page, in the CSV, and in the selector behind both."""

import csv
import io
from typing import Any

import pytest

from cocreate.insights.session_enums import Segment
from cocreate.insights.session_selectors import results_csv_rows, session_results
from cocreate.insights.tests.sessions.factories import answer, answers_for, invite

pytestmark = pytest.mark.django_db


def _answers(session: Any, n: int, **person: Any) -> None:
    for i in range(n):
        answer(session, invite(session, **person), scale=1 + i % 5, choice=i % 3)


def test_fewer_than_five_respondents_hides_everything(session: Any) -> None:
    _answers(session, 4, region="seoul")
    results = session_results(session)
    assert results.respondents.suppressed
    assert results.respondents.people == 4
    assert all(q.cells == [] for q in results.questions)
    assert all(q.texts == [] for q in results.questions)


def test_five_respondents_show_totals(session: Any) -> None:
    _answers(session, 5, region="seoul")
    results = session_results(session)
    assert not results.respondents.suppressed
    scale = results.questions[0]
    (everyone,) = scale.cells
    assert everyone.chart is not None
    assert [bar.value for bar in everyone.chart.bars] == [1, 1, 1, 1, 1]
    assert everyone.mean == 3.0


def test_small_segment_suppressed_beside_a_large_one(session: Any) -> None:
    _answers(session, 5, region="seoul")
    _answers(session, 2, region="busan")
    _answers(session, 3, region="jeju")  # the hidden cells hold five together
    results = session_results(session, Segment.REGION)
    cells = {c.value: c for c in results.questions[0].cells}
    assert set(cells) == {"seoul", "busan", "jeju"}
    assert cells["jeju"].chart is None
    assert cells["seoul"].chart is not None and cells["seoul"].people.people == 5
    assert cells["busan"].chart is None and cells["busan"].people.suppressed


def test_people_not_giving_a_field_form_their_own_segment(session: Any) -> None:
    _answers(session, 5, age_band="30s")
    _answers(session, 2, age_band="40s")
    _answers(session, 3)
    cells = session_results(session, Segment.AGE_BAND).questions[0].cells
    assert [(c.value, c.people.suppressed) for c in cells] == [
        ("30s", False),
        ("40s", True),
        ("", True),
    ]


def test_optional_question_answered_by_few_is_suppressed(session: Any) -> None:
    _answers(session, 5)
    text = session_results(session).questions[3]  # the optional free text, left empty
    assert text.people.suppressed
    assert text.cells == []


def test_unknown_segment_falls_back_to_everyone(session: Any) -> None:
    assert session_results(session, "email").segment == Segment.ALL


def test_csv_carries_the_same_suppression(session: Any) -> None:
    _answers(session, 5, region="seoul")
    _answers(session, 3, region="busan")
    _answers(session, 2, region="jeju")
    rows = results_csv_rows(session_results(session, Segment.REGION))
    assert rows[0] == ["question", "segment", "segment_value", "people", "item", "count"]
    busan = [r for r in rows if r[2] == "busan"]
    assert busan and all(r[3] == "suppressed" and r[5] == "" for r in busan)
    seoul = [r for r in rows if r[2] == "seoul" and r[0] == "착용감"]
    assert [r[5] for r in seoul] == ["1", "1", "1", "1", "1"]


def test_csv_download_and_page_say_suppressed(
    session: Any, brand_owner: Any, client_for: Any
) -> None:
    _answers(session, 5, region="seoul")
    _answers(session, 1, region="jeju")
    client = client_for(brand_owner)
    response = client.get(f"/insights/sessions/{session.pk}/results.csv?segment=region")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any(r[2] == "jeju" and r[3] == "suppressed" for r in rows)
    assert not any(r[2] == "jeju" and r[5] for r in rows)
    page = client.get(f"/insights/sessions/{session.pk}/results/?segment=region").content.decode()
    assert "5명 미만" in page or "Fewer than five" in page


def test_free_texts_masked_and_labelled(
    session: Any, brand_owner: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(5):
            answer(
                session, invite(session), text=f"끈이 자꾸 풀려요 {i}. 제 번호는 010-2222-333{i}"
            )
    results = session_results(session)
    texts = results.questions[3].texts
    assert len(texts) == 5
    assert all("010-2222" not in t.masked_text for t in texts)
    page = client_for(brand_owner).get(f"/insights/sessions/{session.pk}/results/").content.decode()
    assert "010-2222" not in page
    assert "[전화번호]" in page


def test_complementary_suppression(session: Any) -> None:
    """Seoul 5 and Busan 1: the total (6) is shown, so showing Seoul would reveal Busan's one
    answer by subtraction. Seoul is hidden too."""
    _answers(session, 5, region="seoul")
    _answers(session, 1, region="busan")
    results = session_results(session, Segment.REGION)
    assert not results.questions[0].people.suppressed
    cells = {c.value: c for c in results.questions[0].cells}
    assert cells["busan"].chart is None and not cells["busan"].complement
    assert cells["seoul"].chart is None and cells["seoul"].complement
    rows = results_csv_rows(results)
    assert all(r[3] == "suppressed" for r in rows[1:] if r[0] == "착용감")


def test_complement_stops_once_hidden_cells_hold_five(session: Any) -> None:
    _answers(session, 6, region="seoul")
    _answers(session, 5, region="busan")
    _answers(session, 2, region="jeju")
    _answers(session, 2, region="daegu")
    cells = {c.value: c for c in session_results(session, Segment.REGION).questions[0].cells}
    assert cells["jeju"].chart is None and cells["daegu"].chart is None
    assert cells["busan"].complement  # the smallest shown cell: 4 hidden become 9
    assert cells["seoul"].chart is not None


def test_csv_cells_are_never_formulas(brand_org: Any, brand_owner: Any, product: Any) -> None:
    from cocreate.insights import session_services as services
    from cocreate.insights.session_enums import QuestionKind
    from cocreate.insights.tests.sessions.factories import make_session

    draft = make_session(org=brand_org, owner=brand_owner, product=product, open_now=False)
    services.question_add(
        actor=brand_owner,
        session=draft,
        kind=QuestionKind.SINGLE,
        prompt="=HYPERLINK(1)",
        choices=["+a", "@b"],
    )
    opened = services.session_open(actor=brand_owner, session=draft)
    last = opened.questions.order_by("position").last()
    for _ in range(5):
        answers = {**answers_for(opened), str(last.pk): "0"}
        services.session_answer_submit(actor=invite(opened), session=opened, answers=answers)
    rows = results_csv_rows(session_results(opened))
    assert not any(v[:1] in ("=", "+", "-", "@") for row in rows for v in row)
