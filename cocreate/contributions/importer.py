"""Bulk import of contributions from CSV or JSONL.

Every row goes through the same services as the web forms, inside one transaction with a
savepoint per row. Rows that fail are collected with their line and field; if any row fails,
the whole import is rolled back and nothing is written. Columns (CSV header or JSON keys):

  kind            review | complaint | idea                       (required)
  author_email    the author's account                            (required)
  author_name     display name when --create-authors makes the account
  body            the text                                        (required)
  title           optional; required for ideas
  rating          1-5, reviews only
  product_gtin    or product_sku with brand, or product_id: the product (reviews, upgrade ideas)
  brand           brand name, to find a product by SKU
  category_id     Google taxonomy id (complaints without product, new-product ideas)
  idea_type       upgrade | new (ideas)
  created_at      ISO 8601 time it was written (default: now)
  b2b_consent     true/false: may be shared with malls (default: the author's choice)
  import_key      a unique key; a row whose key was imported before is refused
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.catalog.models import Category, Product
from cocreate.contributions import services
from cocreate.contributions.enums import Kind, Source
from cocreate.core.errors import DomainError

MAX_ROWS = 500_000
MAX_FILE_BYTES = 512 * 1024 * 1024
TRUE = {"1", "true", "yes", "y", "on"}
FALSE = {"0", "false", "no", "n", "off"}


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    authors_created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    pass


def read_rows(
    path: Path, fmt: str | None = None
) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    """Yield (line number, row) pairs; unreadable lines come back as RowError."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DomainError("import_too_large", _("The file is larger than 512 MB; split it."))
    fmt = fmt or ("jsonl" if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else "csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if fmt == "jsonl":
            for line_no, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield (
                        line_no,
                        RowError(line_no, "line", _("Not valid JSON: %(e)s") % {"e": exc.msg}),
                    )
                    continue
                if not isinstance(row, dict):
                    yield line_no, RowError(line_no, "line", _("Each line must be a JSON object."))
                    continue
                yield line_no, row
        elif fmt == "csv":
            reader = csv.DictReader(fh)
            for row in reader:
                if None in row:
                    yield (
                        reader.line_num,
                        RowError(reader.line_num, "line", _("More values than columns.")),
                    )
                    continue
                yield reader.line_num, row
        else:
            raise DomainError("import_format", _("Use CSV or JSONL."))


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    return "" if value is None else str(value)


class _Resolver:
    """Looks up authors, products and categories once per import."""

    def __init__(self, *, create_authors: bool) -> None:
        self.create_authors = create_authors
        self.users: dict[str, User | None] = {}
        self.products: dict[tuple[str, str, str, str], Product | None] = {}
        self.categories: dict[int, Category | None] = {}
        self.authors_created = 0

    def author(self, row: dict[str, Any]) -> User:
        email = _text(row, "author_email").strip().lower()
        if not email or "@" not in email or len(email) > 254:
            raise DomainError(
                "invalid_author",
                _("author_email must be an email address."),
                fields={"author_email": [_("Enter an email address.")]},
            )
        if email not in self.users:
            user = User.objects.filter(email__iexact=email).first()
            if user is None and self.create_authors:
                name = (_text(row, "author_name").strip() or email.split("@")[0])[:40]
                user = User.objects.create_user(email=email, password=None, display_name=name)
                self.authors_created += 1
            self.users[email] = user
        user = self.users[email]
        if user is None:
            raise DomainError(
                "unknown_author",
                _("No account with this email (use --create-authors)."),
                fields={"author_email": [_("No account with this email.")]},
            )
        return user

    def product(self, row: dict[str, Any]) -> Product | None:
        key = (
            _text(row, "product_id").strip(),
            _text(row, "product_gtin").strip(),
            _text(row, "product_sku").strip(),
            _text(row, "brand").strip(),
        )
        if not any(key):
            return None
        if key not in self.products:
            pid, gtin, sku, brand = key
            qs = Product.objects.select_related("brand", "category")
            if pid:
                product = qs.filter(pk=int(pid)).first() if pid.isdigit() else None
            elif gtin:
                product = qs.filter(gtin=gtin).first()
            else:
                product = qs.filter(sku=sku, brand__name=brand).first()
            self.products[key] = product
        product = self.products[key]
        if product is None:
            raise DomainError(
                "unknown_product",
                _("No such product."),
                fields={"product": [_("No product matches the id, GTIN or SKU given.")]},
            )
        return product

    def category(self, row: dict[str, Any]) -> Category | None:
        raw = _text(row, "category_id").strip()
        if not raw:
            return None
        if not raw.isdigit():
            raise DomainError(
                "invalid_category",
                _("category_id must be a number."),
                fields={"category_id": [_("Enter a Google taxonomy id.")]},
            )
        cid = int(raw)
        if cid not in self.categories:
            self.categories[cid] = Category.objects.filter(pk=cid).first()
        if self.categories[cid] is None:
            raise DomainError(
                "unknown_category",
                _("No such category."),
                fields={"category_id": [_("No such category.")]},
            )
        return self.categories[cid]


def _bool(row: dict[str, Any], name: str) -> bool | None:
    raw = _text(row, name).strip().lower()
    if not raw:
        return None
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise DomainError(
        "invalid_bool", _("Use true or false."), fields={name: [_("Use true or false.")]}
    )


def _created_at(row: dict[str, Any]) -> datetime | None:
    raw = _text(row, "created_at").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw if "T" in raw or " " in raw else raw + "T00:00:00")
    except ValueError:
        value = None
    if value is None:
        raise DomainError(
            "invalid_time",
            _("Use ISO 8601, e.g. 2026-03-01T09:30:00+09:00."),
            fields={"created_at": [_("Not an ISO 8601 time.")]},
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > timezone.now():
        raise DomainError(
            "invalid_time",
            _("The time is in the future."),
            fields={"created_at": [_("In the future.")]},
        )
    return value


def _rating(row: dict[str, Any]) -> int | None:
    raw = _text(row, "rating").strip()
    if not raw:
        return None
    try:
        return int(float(raw)) if float(raw).is_integer() else -1
    except ValueError:
        return -1


def _import_row(row: dict[str, Any], resolver: _Resolver) -> None:
    kind = _text(row, "kind").strip().lower()
    if kind not in Kind.values:
        raise DomainError(
            "invalid_kind",
            _("kind must be review, complaint or idea."),
            fields={"kind": [_("Use review, complaint or idea.")]},
        )
    common: dict[str, Any] = {
        "actor": resolver.author(row),
        "body": _text(row, "body"),
        "title": _text(row, "title"),
        "b2b_consent": _bool(row, "b2b_consent"),
        "source": Source.IMPORT,
        "created_at": _created_at(row),
        "import_key": _text(row, "import_key").strip()[:80] or None,
    }
    if kind == Kind.REVIEW:
        services.review_submit(product=resolver.product(row), rating=_rating(row), **common)
    elif kind == Kind.COMPLAINT:
        services.complaint_submit(
            product=resolver.product(row), category=resolver.category(row), **common
        )
    else:
        services.idea_create(
            idea_type=_text(row, "idea_type").strip(),
            product=resolver.product(row),
            category=resolver.category(row),
            **common,
        )


def import_contributions(
    path: Path,
    *,
    fmt: str | None = None,
    create_authors: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import every row or none. `progress` is called with the number of rows done so far."""
    result = ImportResult()
    resolver = _Resolver(create_authors=create_authors)
    try:
        with transaction.atomic():
            for line, row in read_rows(path, fmt):
                result.rows += 1
                if result.rows > MAX_ROWS:
                    result.errors.append(
                        RowError(
                            line,
                            "file",
                            _("More than %(n)d rows; split the file.") % {"n": MAX_ROWS},
                        )
                    )
                    break
                if isinstance(row, RowError):
                    result.errors.append(row)
                    continue
                try:
                    with transaction.atomic():
                        _import_row(row, resolver)
                except DomainError as exc:
                    fields = exc.fields or {"row": [str(exc.message)]}
                    result.errors.extend(
                        RowError(line, f, m) for f, msgs in fields.items() for m in msgs
                    )
                else:
                    result.created += 1
                if progress is not None:
                    progress(result.rows)
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = 0
        return result
    result.authors_created = resolver.authors_created
    return result


def error_report_csv(errors: list[RowError]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "field", "message"])
    for err in errors:
        writer.writerow([err.line, err.field, err.message])
    return out.getvalue()
