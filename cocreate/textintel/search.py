"""Full-text search over published contributions, one interface on SQLite (FTS5) and PostgreSQL
(tsvector). Documents hold Kiwi's content morphemes of the masked text (see SearchDocument);
a query is cut into the same morphemes by the analysis service, so "배송이 빨랐어요" finds
"빠른 배송". When the service cannot be reached, the query is cut by a plain rule (words, with
common particles taken off) and matched by prefix: coarser, never empty-handed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import connection

from cocreate.contributions.enums import Status

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_LIMIT = 100

_WORD = re.compile(r"\w+", re.UNICODE)
# Particles and the copula written after Korean nouns, longest first.
_PARTICLES = sorted(
    (
        "에서는",
        "으로는",
        "이랑",
        "에서",
        "으로",
        "까지",
        "부터",
        "에게",
        "한테",
        "처럼",
        "보다",
        "이나",
        "이고",
        "이라",
        "이다",
        "이",
        "가",
        "을",
        "를",
        "은",
        "는",
        "에",
        "로",
        "와",
        "과",
        "도",
        "만",
        "의",
        "랑",
        "나",
    ),
    key=len,
    reverse=True,
)


@dataclass(frozen=True)
class QueryTerms:
    terms: tuple[str, ...]
    prefix: bool  # match terms as prefixes (the plain fallback)
    method: str  # "morphemes" | "words"


@dataclass(frozen=True)
class SearchHit:
    contribution_id: int
    rank: float


@dataclass(frozen=True)
class SearchPage:
    query: QueryTerms
    total: int
    hits: list[SearchHit]


def clean_term(term: str) -> str:
    """Only word characters reach FTS5 MATCH or to_tsquery: nothing a user types is syntax."""
    return "".join(_WORD.findall(unicodedata.normalize("NFKC", term).lower()))


def plain_terms(text: str) -> QueryTerms:
    """Words of `text`, lower-cased, Korean particles taken off the end; matched as prefixes."""
    terms: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).lower()):
        if re.search(r"[가-힣]", word):
            for particle in _PARTICLES:
                if word.endswith(particle) and len(word) - len(particle) >= 1:
                    word = word[: -len(particle)]
                    break
        if word and word not in terms:
            terms.append(word)
    return QueryTerms(tuple(terms[:MAX_TERMS]), prefix=True, method="words")


def morpheme_terms(terms: list[str]) -> QueryTerms:
    unique: list[str] = []
    for term in terms:
        cleaned = clean_term(term)
        if cleaned and cleaned not in unique:
            unique.append(cleaned)
    return QueryTerms(tuple(unique[:MAX_TERMS]), prefix=False, method="morphemes")


def document_terms(terms: list[str]) -> str:
    return " ".join(t for t in (clean_term(term) for term in terms) if t)


# --- backends -------------------------------------------------------------------------------


def _sqlite_match(query: QueryTerms, any_term: bool) -> str:
    star = "*" if query.prefix else ""
    return (" OR " if any_term else " ").join(f'"{term}"{star}' for term in query.terms)


def _postgres_tsquery(query: QueryTerms, any_term: bool) -> str:
    suffix = ":*" if query.prefix else ""
    return (" | " if any_term else " & ").join(f"'{term}'{suffix}" for term in query.terms)


def _filters(kind: str | None) -> tuple[str, list[Any]]:
    sql = " AND c.status = %s"
    params: list[Any] = [Status.PUBLISHED]
    if kind:
        sql += " AND c.kind = %s"
        params.append(kind)
    return sql, params


def _execute(
    select: str, base: str, order: str, args: list[Any], limit: int, offset: int, sign: float
) -> tuple[int, list[SearchHit]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*)" + base, args)
        total = cursor.fetchone()[0]
        cursor.execute(select + base + order + " LIMIT %s OFFSET %s", [*args, limit, offset])
        hits = [SearchHit(int(row[0]), sign * float(row[1])) for row in cursor.fetchall()]
    return total, hits


def _run_sqlite(
    query: QueryTerms, kind: str | None, limit: int, offset: int, any_term: bool
) -> tuple[int, list[SearchHit]]:
    where, params = _filters(kind)
    base = (
        " FROM textintel_search_fts f JOIN contributions_contribution c ON c.id = f.rowid"
        " WHERE textintel_search_fts MATCH %s" + where
    )
    return _execute(
        "SELECT f.rowid, bm25(textintel_search_fts) AS rank",
        base,
        " ORDER BY rank, f.rowid DESC",
        [_sqlite_match(query, any_term), *params],
        limit,
        offset,
        sign=-1.0,  # bm25: lower is better
    )


def _run_postgres(
    query: QueryTerms, kind: str | None, limit: int, offset: int, any_term: bool
) -> tuple[int, list[SearchHit]]:
    where, params = _filters(kind)
    base = (
        " FROM textintel_searchdocument d"
        " JOIN contributions_contribution c ON c.id = d.contribution_id,"
        " to_tsquery('simple', %s) q"
        " WHERE to_tsvector('simple', d.terms) @@ q" + where
    )
    return _execute(
        "SELECT d.contribution_id, ts_rank(to_tsvector('simple', d.terms), q) AS rank",
        base,
        " ORDER BY rank DESC, d.contribution_id DESC",
        [_postgres_tsquery(query, any_term), *params],
        limit,
        offset,
        sign=1.0,
    )


def run_query(
    query: QueryTerms,
    *,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
    any_term: bool = False,
) -> SearchPage:
    """Published contributions whose documents hold every term (any term), best first."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if not query.terms:
        return SearchPage(query, 0, [])
    runner = _run_postgres if connection.vendor == "postgresql" else _run_sqlite
    total, hits = runner(query, kind, limit, offset, any_term)
    return SearchPage(query, total, hits)
