import csv

import pytest
from django.conf import settings
from django.utils import translation

from cocreate.catalog.models import Brand, Category
from cocreate.catalog.services import brand_get_or_create, brand_slug, taxonomy_load
from cocreate.core.errors import ValidationFailed

LABELS = settings.DATA_DIR / "google-product-taxonomy" / "labels-ko.tsv"


@pytest.mark.django_db
def test_every_level_one_and_two_category_has_a_korean_label_after_loading():
    taxonomy_load()
    top = Category.objects.filter(level__lte=2)
    assert top.count() == 213
    assert not top.filter(name_ko="").exists()
    assert Category.objects.get(pk=166).name_ko == "의류·잡화"
    assert Category.objects.get(pk=1604).name_ko == "의류"
    assert Category.objects.get(pk=536).name_ko == "홈·리빙"
    assert Category.objects.get(pk=469).name_ko == "건강·뷰티"
    with translation.override("ko"):
        assert Category.objects.get(pk=1604).label == "의류"
    with translation.override("en"):
        assert Category.objects.get(pk=1604).label == "Clothing"


def test_the_label_file_matches_the_taxonomy_names_and_has_no_sibling_twins():
    with LABELS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) == 213
    assert len({r["id"] for r in rows}) == 213
    taxonomy = {}
    for line in (LABELS.parent / "taxonomy-with-ids.en-US.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            raw_id, _, path = line.partition(" - ")
            taxonomy[raw_id] = path.split(" > ")
    for row in rows:
        assert taxonomy[row["id"]][-1] == row["name_en"], row
        assert len(taxonomy[row["id"]]) <= 2
        assert row["name_ko"].strip() == row["name_ko"] and row["name_ko"]
    assert len({r["name_ko"] for r in rows}) == 213


@pytest.mark.django_db
def test_brand_slugs_of_korean_names_are_stable_and_explicit_slugs_win():
    assert brand_slug("소담웨어") == brand_slug("소담웨어") != brand_slug("봄결뷰티")
    assert brand_slug("소담웨어").startswith("brand-")
    first = brand_get_or_create(name="소담웨어")
    assert brand_get_or_create(name="소담웨어") == first
    chosen = brand_get_or_create(name="봄결뷰티", slug="bomgyeol-beauty")
    assert chosen.slug == "bomgyeol-beauty"
    assert Brand.objects.count() == 2


@pytest.mark.django_db
def test_a_brand_needs_a_name_and_a_latin_slug():
    with pytest.raises(ValidationFailed):
        brand_get_or_create(name="   ")
    with pytest.raises(ValidationFailed):
        brand_get_or_create(name="소담", slug="소담")
    assert Brand.objects.count() == 0
