"""Small cells are withheld: on the tables, the page and the CSV; distinct people are counted
across days and rows, never summed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cocreate.insights.dashboard import (
    Filters,
    People,
    count_rows,
    products_table,
    ratings_table,
    volume_table,
)
from cocreate.insights.fill import fill
from cocreate.insights.tests.dashboard.helpers import kst, people, review_at

pytestmark = pytest.mark.django_db

END = date(2026, 3, 10)


def side(brand, **kw):
    filters = Filters(end=END, days=kw.pop("days", 30), **kw)
    return filters, count_rows(brand, filters)


def test_people_union_is_exact_below_the_threshold():
    p = People()
    p.add(2, [1, 2])
    p.add(2, [2, 3])
    assert p.count() == 3
    p.add(7, [])
    assert p.count() == 7


def test_the_same_four_people_on_many_days_stay_withheld(brand, product):
    four = people(4)
    for day in range(5):
        for author in four:
            review_at(author, product, kst(2026, 3, 1 + day, 9), rating=5)
    fill()
    _f, rows = side(brand)
    five_stars = ratings_table(rows).rows[4][1][0]
    assert five_stars.suppressed and five_stars.people == 4
    assert sum(r[5] for r in rows) == 20  # the stored counts are there, only withheld


def test_five_people_over_several_days_are_shown(brand, product):
    for i, author in enumerate(people(5)):
        review_at(author, product, kst(2026, 3, 1 + i, 9), rating=4)
    fill()
    _f, rows = side(brand)
    four_stars = ratings_table(rows).rows[3][1][0]
    assert four_stars.value == 5 and four_stars.people == 5


def test_a_small_segment_is_withheld_while_everyone_is_shown(brand, product):
    for author in people(5, persona="consumer"):
        review_at(author, product, kst(2026, 3, 2, 9))
    for author in people(2, persona="dealer"):
        review_at(author, product, kst(2026, 3, 2, 9))
    fill()
    f, rows = side(brand)
    day = dict(volume_table(rows, f).rows)["2026-03-02"]
    assert day[0].value == 7
    f, rows = side(brand, segment="persona:dealer")
    day = dict(volume_table(rows, f).rows)["2026-03-02"]
    assert day[0].suppressed
    assert products_table(rows).rows == []  # a withheld product is not listed at all


def test_the_page_and_the_csv_withhold_alike(brand, product, brand_owner, client_for):
    for author in people(2, persona="dealer"):
        review_at(author, product, kst(2026, 3, 2, 9), rating=1)
    for author in people(5, persona="consumer"):
        review_at(author, product, kst(2026, 3, 2, 9), rating=5)
    fill()
    client = client_for(brand_owner)
    query = {"end": "2026-03-10", "days": 30}
    csv = client.get(f"/insights/brands/{brand.slug}/csv/ratings/", query).content.decode()
    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[1].endswith(",") and lines[5].endswith(",5")  # 1 star: 2 people, withheld
    page = client.get(f"/insights/brands/{brand.slug}/", query).content.decode()
    assert "Withheld" in page or "가림" in page
    before = (END - timedelta(days=40)).isoformat()
    empty = client.get(f"/insights/brands/{brand.slug}/csv/ratings/", {"end": before})
    assert empty.status_code == 200 and ",0" in empty.content.decode()


def test_the_period_covers_its_first_and_last_day_only(brand, product):
    for author in people(5):
        review_at(author, product, kst(2026, 3, 1, 0, 1))  # first day of a 10-day period
        review_at(author, product, kst(2026, 3, 10, 23, 59))  # its last day
        review_at(author, product, kst(2026, 2, 28, 23, 59))  # the day before: outside
    fill()
    f, rows = side(brand, days=10)
    assert f.start == date(2026, 3, 1)
    table = dict(volume_table(rows, f).rows)
    days = list(table)
    assert days[0] == "2026-03-01" and days[-1] == "2026-03-10"
    assert table["2026-03-01"][0].value == 5 and table["2026-03-10"][0].value == 5
    assert sum(c[0].value or 0 for c in table.values()) == 10


def test_stored_ids_read_as_text():
    from cocreate.insights.dashboard import _ids

    assert _ids("[3, 17]") == [3, 17]
    assert _ids("[]") == [] and _ids(None) == []
