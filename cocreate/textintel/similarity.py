"""Similar contributions for any text, for the ideas app ("support this one instead?") and the
panel beside the idea form. In a process that hosts the models the in-memory index answers; a
web process asks the analysis service; when that cannot answer, published contributions that
share the most words with the text are offered instead (`method="words"`)."""

from __future__ import annotations

from collections.abc import Iterable

from cocreate.textintel import local, service
from cocreate.textintel.models import SearchDocument
from cocreate.textintel.search import plain_terms, run_query
from cocreate.textintel.vectors import SimilarHit

__all__ = ["SimilarHit", "similar_contributions"]

MIN_CHARS = 2
MAX_CHARS = 2000
MAX_K = 20


def similar_contributions(
    text: str, *, kind: str = "idea", k: int = 5, exclude_ids: Iterable[int] = ()
) -> list[SimilarHit]:
    """The k published contributions of `kind` most similar to `text`, best first, with a
    score (cosine of the embeddings; share of the text's words for the fallback)."""
    text = text.strip()[:MAX_CHARS]
    k = max(1, min(k, MAX_K))
    exclude = [int(i) for i in exclude_ids]
    if len(text) < MIN_CHARS:
        return []
    if local.hosting():
        return local.similar(text, kind=kind, k=k, exclude_ids=exclude)
    try:
        answer = service.ask("similar", {"text": text, "kind": kind, "k": k, "exclude": exclude})
        return [SimilarHit(int(i), float(score)) for i, score in answer["hits"]]
    except (service.Unavailable, KeyError, TypeError, ValueError):
        return similar_by_words(text, kind=kind, k=k, exclude_ids=exclude)


def similar_by_words(
    text: str, *, kind: str, k: int, exclude_ids: Iterable[int] = ()
) -> list[SimilarHit]:
    query = plain_terms(text)
    if not query.terms:
        return []
    exclude = set(exclude_ids)
    page = run_query(query, kind=kind, limit=k * 3 + len(exclude), any_term=True)
    ids = [h.contribution_id for h in page.hits if h.contribution_id not in exclude]
    documents = dict(
        SearchDocument.objects.filter(pk__in=ids).values_list("contribution_id", "terms")
    )
    scored = []
    for contribution_id in ids:
        words = documents.get(contribution_id, "").split()
        shared = sum(1 for term in query.terms if any(w.startswith(term) for w in words))
        scored.append(SimilarHit(contribution_id, round(shared / len(query.terms), 4), "words"))
    scored.sort(key=lambda hit: -hit.score)
    return scored[:k]
