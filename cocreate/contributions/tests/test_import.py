import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cocreate.accounts.models import User
from cocreate.contributions.enums import Source
from cocreate.contributions.importer import import_contributions
from cocreate.contributions.models import Contribution, ContributionVersion
from cocreate.core.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = "kind,author_email,author_name,product_gtin,product_sku,brand,category_id,idea_type,title,body,rating,created_at,b2b_consent,import_key\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_import_creates_every_row(tmp_path, product, category):
    path = write(
        tmp_path,
        "rows.csv",
        HEADER
        + f'review,a@x.kr,가,,{product.sku},{product.brand.name},,,,"좋아요, 정말",5,2026-01-02T10:00:00+09:00,true,k1\n'
        + "complaint,b@x.kr,,,,,,,,배송이 늦어요,,,,k2\n"
        + f"idea,a@x.kr,,,,,{category.pk},new,접이식 의자,가볍게 만들어 주세요,,,,k3\n",
    )
    result = import_contributions(path, create_authors=True)
    assert result.ok, result.errors
    assert (result.rows, result.created, result.authors_created) == (3, 3, 2)
    review = Contribution.objects.get(import_key="k1")
    assert (review.rating, review.body, review.b2b_consent, review.source) == (
        5,
        "좋아요, 정말",
        True,
        Source.IMPORT,
    )
    assert review.created_at.isoformat() == "2026-01-02T01:00:00+00:00"
    assert User.objects.get(email="a@x.kr").display_name == "가"
    assert not User.objects.get(email="a@x.kr").has_usable_password()


def test_jsonl_import(tmp_path, product):
    rows = [
        {
            "kind": "review",
            "author_email": "c@x.kr",
            "product_gtin": "",
            "product_sku": product.sku,
            "brand": product.brand.name,
            "body": "튼튼해요",
            "rating": 4,
        }
    ]
    path = write(
        tmp_path, "rows.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
    )
    result = import_contributions(path, create_authors=True)
    assert result.ok and result.created == 1


def test_one_bad_row_rolls_back_the_whole_import(tmp_path, product):
    path = write(
        tmp_path,
        "rows.csv",
        HEADER
        + f"review,a@x.kr,,,{product.sku},{product.brand.name},,,,좋아요,5,,,k1\n"
        + f"review,b@x.kr,,,{product.sku},{product.brand.name},,,,별점이 없어요,,,,k2\n"
        + "review,c@x.kr,,,NOPE,,,,,없는 제품,3,,,k3\n"
        + "compliment,d@x.kr,,,,,,,,종류가 틀림,,,,k4\n"
        + f"review,e@x.kr,,,{product.sku},{product.brand.name},,,,좋아요,5,2026-13-45,,k5\n",
    )
    result = import_contributions(path, create_authors=True)
    assert not result.ok
    assert result.created == 0
    assert sorted((e.line, e.field) for e in result.errors) == [
        (3, "rating"),
        (4, "product"),
        (5, "kind"),
        (6, "created_at"),
    ]
    assert Contribution.objects.count() == 0
    assert ContributionVersion.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert User.objects.count() == 0
    product.refresh_from_db()
    assert product.review_count == 0


def test_unknown_author_without_create_authors(tmp_path, product):
    path = write(
        tmp_path,
        "rows.csv",
        HEADER + f"review,nobody@x.kr,,,{product.sku},{product.brand.name},,,,좋아요,5,,,\n",
    )
    result = import_contributions(path)
    assert [e.field for e in result.errors] == ["author_email"]


def test_reimporting_a_key_is_refused(tmp_path, product):
    text = HEADER + f"review,a@x.kr,,,{product.sku},{product.brand.name},,,,좋아요,5,,,same\n"
    assert import_contributions(write(tmp_path, "a.csv", text), create_authors=True).ok
    result = import_contributions(write(tmp_path, "b.csv", text), create_authors=True)
    assert [e.field for e in result.errors] == ["row"]
    assert Contribution.objects.count() == 1


def test_malformed_jsonl_line_is_reported(tmp_path):
    path = write(tmp_path, "rows.jsonl", '{"kind": "review"\n[1, 2]\n')
    result = import_contributions(path)
    assert [(e.line, e.field) for e in result.errors] == [(1, "line"), (2, "line")]


def test_command_reports_and_exits_non_zero(tmp_path, product, capsys):
    path = write(tmp_path, "rows.csv", HEADER + "review,a@x.kr,,,,,,,,좋아요,9,,,\n")
    report = tmp_path / "errors.csv"
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_contributions",
            str(path),
            "--create-authors",
            "--no-progress",
            "--report",
            str(report),
        )
    assert "line 2" in capsys.readouterr().err
    assert report.read_text().startswith("line,field,message")
    assert Contribution.objects.count() == 0


def test_command_imports(tmp_path, product, capsys):
    path = write(
        tmp_path,
        "rows.csv",
        HEADER + f"review,a@x.kr,,,{product.sku},{product.brand.name},,,,좋아요,4,,,\n",
    )
    call_command("import_contributions", str(path), "--create-authors", "--no-progress")
    assert "imported 1 contributions" in capsys.readouterr().out
