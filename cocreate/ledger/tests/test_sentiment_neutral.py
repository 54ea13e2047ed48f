"""No reward rule reads a rating or a sentiment (FTC 16 CFR 465.4): a structural scan of the
ledger's code, and identical rewards for a 1-star and a 5-star contribution."""

import ast
from pathlib import Path

import pytest

from cocreate.ledger.selectors import wallet_balance
from cocreate.ledger.tests.factories import contributors, pay_invoice, reviews_by

LEDGER = Path(__file__).resolve().parent.parent
FORBIDDEN = ("rating", "sentiment", "polarity", "stars", "aspect", "score")


def ledger_sources():
    for path in sorted(LEDGER.rglob("*.py")):
        parts = path.relative_to(LEDGER).parts
        if parts[0] in ("tests", "migrations"):
            continue
        yield path


def forbidden_uses(source: str) -> list[str]:
    """Names, attributes, keyword arguments and lookup strings that mention a rating or a
    sentiment. Prose (strings with spaces, i.e. docstrings and messages) is not code."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
        elif isinstance(node, ast.Name):
            names.append(node.id)
        elif (isinstance(node, ast.keyword) and node.arg) or isinstance(node, ast.arg):
            names.append(node.arg)
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and " " not in node.value
        ):
            names.append(node.value)
        elif isinstance(node, ast.alias):
            names.append(node.name)
        found += [n for n in names if any(word in n.lower() for word in FORBIDDEN)]
    return found


def test_the_scan_finds_what_it_looks_for():
    sample = "qs.filter(rating__gte=4)\nx = c.rating\nsentiment_score(c)\nf('textintel.sentiment')"
    assert len(forbidden_uses(sample)) >= 4
    assert forbidden_uses('"""Never reads a rating or a sentiment."""') == []


@pytest.mark.parametrize("path", list(ledger_sources()), ids=lambda p: str(p.relative_to(LEDGER)))
def test_no_ledger_module_reads_a_rating_or_a_sentiment(path):
    assert forbidden_uses(path.read_text()) == []


def test_no_ledger_module_imports_text_intelligence():
    for path in ledger_sources():
        tree = ast.parse(path.read_text())
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not any("textintel" in m for m in modules), path


@pytest.mark.django_db
def test_a_one_star_and_a_five_star_review_earn_the_same(mall_org, product):
    low_author, high_author = contributors(2)
    (low,) = reviews_by([low_author], product, rating=1)
    (high,) = reviews_by([high_author], product, rating=5)
    pay_invoice(mall_org, {low.pk: 10, high.pk: 10}, amount=100_000)
    assert wallet_balance(low_author) == wallet_balance(high_author) == 15_000


@pytest.mark.django_db
def test_swapping_ratings_changes_no_allocation(mall_org, product):
    first, second = contributors(2)
    a1, b1 = reviews_by([first], product, rating=1)[0], reviews_by([second], product, rating=5)[0]
    a2, b2 = reviews_by([first], product, rating=5)[0], reviews_by([second], product, rating=1)[0]
    one = pay_invoice(mall_org, {a1.pk: 3, b1.pk: 4}, key="one", amount=77_777)
    two = pay_invoice(mall_org, {a2.pk: 3, b2.pk: 4}, key="two", amount=77_777)

    def split(txn):
        return sorted((e.account.user_id, e.amount) for e in txn.entries.all() if e.account.user_id)

    assert split(one) == split(two)
