"""Plain rows into a table, for bulk writes where model instances would cost more than the work
itself (count tables, benchmark data, the enrichment's batch upserts): COPY on PostgreSQL,
batched executemany elsewhere."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction

BATCH = 2000


def rows_insert(model: Any, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert `rows` (values in the order of the database `columns`) into `model`'s table."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
            for start in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[start : start + BATCH])


# Field types whose Python values both databases take as they are; the rest (JSON, dates,
# binary, ...) go through the field's own preparation for the connection.
_TAKEN_AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "FloatField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)


def rows_upsert(
    model: Any, rows: Sequence[dict[str, Any]], *, unique: str, update: Sequence[str]
) -> None:
    """Insert `rows` (dicts keyed by field attname such as `category_id`, all with the same
    keys) into `model`'s table; a row whose `unique` field is already there has its `update`
    fields overwritten instead (`INSERT ... ON CONFLICT DO UPDATE`; on PostgreSQL the rows
    arrive by COPY). What `bulk_create(update_conflicts=True)` does, without compiling every
    value through the ORM."""
    if not rows:
        return
    quote = connection.ops.quote_name
    keys = list(rows[0])
    fields = [model._meta.get_field(key) for key in keys]
    prepared = [
        (key, None if field.get_internal_type() in _TAKEN_AS_IS else field)
        for key, field in zip(keys, fields, strict=True)
    ]
    # A value shared by every row (a timestamp) is prepared once; the rows keep it alive, so
    # its id stays its own during the call.
    memo: dict[tuple[str, int], Any] = {}

    def prepare(name: str, field: Any, value: Any) -> Any:
        key = (name, id(value))
        if key not in memo:
            memo[key] = field.get_db_prep_save(value, connection)
        return memo[key]

    values = [
        [row[key] if field is None else prepare(key, field, row[key]) for key, field in prepared]
        for row in rows
    ]
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    conflict = quote(model._meta.get_field(unique).column)
    columns = [model._meta.get_field(name).column for name in update]
    updates = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in columns)
    on_conflict = f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    if connection.vendor != "postgresql":
        sql = f"INSERT INTO {table} ({names}) VALUES {marks} {on_conflict}"  # noqa: S608
        with connection.cursor() as cursor:
            for start in range(0, len(values), BATCH):
                cursor.executemany(sql, values[start : start + BATCH])
        return
    # PostgreSQL: COPY into a temporary table of the same columns, then one INSERT ... SELECT:
    # a fraction of the time of a statement per row, and no query text to build per row.
    digest = hashlib.sha256(names.encode()).hexdigest()[:10]  # one staging table per column set
    staging = quote(f"upsert_{digest}_{model._meta.db_table}"[:63])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {names} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} {on_conflict}"  # noqa: S608
        )
        cursor.execute(f"DELETE FROM {staging}")  # noqa: S608
