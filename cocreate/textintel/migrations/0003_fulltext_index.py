"""The full-text index over SearchDocument.terms: an FTS5 table kept in step by triggers on
SQLite, a GIN index over to_tsvector('simple', terms) on PostgreSQL."""

from typing import Any

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE textintel_search_fts USING fts5(terms,"
    " content='textintel_searchdocument', content_rowid='contribution_id',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER textintel_search_ai AFTER INSERT ON textintel_searchdocument BEGIN"
    " INSERT INTO textintel_search_fts(rowid, terms) VALUES (new.contribution_id, new.terms);"
    " END",
    "CREATE TRIGGER textintel_search_ad AFTER DELETE ON textintel_searchdocument BEGIN"
    " INSERT INTO textintel_search_fts(textintel_search_fts, rowid, terms)"
    " VALUES ('delete', old.contribution_id, old.terms); END",
    "CREATE TRIGGER textintel_search_au AFTER UPDATE ON textintel_searchdocument BEGIN"
    " INSERT INTO textintel_search_fts(textintel_search_fts, rowid, terms)"
    " VALUES ('delete', old.contribution_id, old.terms);"
    " INSERT INTO textintel_search_fts(rowid, terms) VALUES (new.contribution_id, new.terms);"
    " END",
    "INSERT INTO textintel_search_fts(textintel_search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS textintel_search_ai",
    "DROP TRIGGER IF EXISTS textintel_search_ad",
    "DROP TRIGGER IF EXISTS textintel_search_au",
    "DROP TABLE IF EXISTS textintel_search_fts",
]
POSTGRES_CREATE = [
    "CREATE INDEX textintel_search_tsv_idx ON textintel_searchdocument"
    " USING GIN (to_tsvector('simple', terms))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS textintel_search_tsv_idx"]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("textintel", "0002_search_vectors_duplicates")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
