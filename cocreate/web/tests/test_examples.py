"""The example import files of docs/import.md do what the guide says, against the demo data."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from cocreate.contributions.importer import import_contributions
from cocreate.contributions.models import Contribution

EXAMPLES = settings.DATA_DIR / "examples"


@pytest.mark.django_db
def test_the_example_files_import_into_the_demo_and_the_broken_one_changes_nothing():
    call_command("seed_demo", "--force", "--limit", "1", stdout=StringIO())
    before = Contribution.objects.count()

    csv_result = import_contributions(EXAMPLES / "contributions.csv", create_authors=True)
    assert (csv_result.ok, csv_result.created, csv_result.authors_created) == (True, 6, 3)
    jsonl_result = import_contributions(EXAMPLES / "contributions.jsonl", create_authors=True)
    assert (jsonl_result.ok, jsonl_result.created) == (True, 4)
    assert Contribution.objects.count() == before + 10

    again = import_contributions(EXAMPLES / "contributions.csv", create_authors=True)
    assert not again.ok and again.created == 0

    broken = import_contributions(EXAMPLES / "contributions-with-errors.csv", create_authors=True)
    assert [(e.line, e.field) for e in broken.errors] == [
        (2, "rating"),
        (3, "body"),
        (4, "product"),
        (5, "kind"),
        (6, "title"),
        (7, "created_at"),
    ]
    assert Contribution.objects.count() == before + 10
