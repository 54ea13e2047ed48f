"""Ids that come from outside (URLs, API paths, forms) are checked against what the database can
hold before any query, so a huge number is "not found" on every database rather than an
overflow on SQLite. 2**53 also keeps every id exact in JavaScript clients."""

MAX_ID = 2**53


def is_storable_id(value: int) -> bool:
    return 1 <= value <= MAX_ID
