import pytest

from cocreate.catalog.models import Category
from cocreate.catalog.selectors import category_ancestors, category_subtree_ids
from cocreate.catalog.services import gtin_is_valid, taxonomy_load

pytestmark = pytest.mark.django_db


def test_the_shipped_taxonomy_loads_with_parents_and_paths():
    assert taxonomy_load() == 5595
    assert taxonomy_load() == 5595  # idempotent
    assert Category.objects.count() == 5595
    assert Category.objects.filter(level=1).count() == 21
    coats = Category.objects.get(pk=5598)
    assert coats.path_en == "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets"
    assert [c.pk for c in category_ancestors(coats)] == [166, 1604, 203]
    assert coats.path_ids == "/166/1604/203/5598/"
    apparel_subtree = category_subtree_ids([166])
    assert apparel_subtree.filter(pk=5598).exists()
    assert not apparel_subtree.filter(pk=1).exists()


@pytest.mark.parametrize(
    ("gtin", "ok"),
    [
        ("8801234567893", True),
        ("8801234567890", False),
        ("4006381333931", True),
        ("12345", False),
        ("abcdefghijklm", False),
    ],
)
def test_gtin_check_digit(gtin, ok):
    assert gtin_is_valid(gtin) is ok
