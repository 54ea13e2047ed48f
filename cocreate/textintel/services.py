"""Writes of text intelligence: the enrichment of contributions (masking, language, sentiment,
kind, category, aspects, search terms), their vectors, duplicate candidates, and moderators'
decisions on those. Enrichment is derived data, rewritten only when the text or a model
changed; it runs in the task worker (tasks.py) and in `cocreate textintel_enrich`."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.catalog.models import Category
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.text import full_text
from cocreate.core.audit import audit_record
from cocreate.core.bulk import rows_upsert
from cocreate.core.errors import Conflict, ValidationFailed
from cocreate.core.tasks import enqueue_on_commit
from cocreate.textintel import local
from cocreate.textintel.enums import TextintelErrorCode as Code
from cocreate.textintel.masking import MASKING_VERSION, PLACEHOLDERS, mask_many
from cocreate.textintel.models import (
    DUPLICATE_KINDS,
    ContributionVector,
    DuplicateCandidate,
    DuplicateStatus,
    Enrichment,
    SearchDocument,
)
from cocreate.textintel.search import document_terms

logger = logging.getLogger(__name__)

# Contributions in these states are compared for duplicates; drafts and withdrawals are not.
SCREENED = (Status.PUBLISHED, Status.PENDING)
DUPLICATES_PER_CONTRIBUTION = 5


@dataclass
class EnrichStats:
    seen: int = 0
    written: int = 0
    unchanged: int = 0
    missing: int = 0


class Written(Protocol):
    """A contribution, or what the enrichment read of one (_Source)."""

    @property
    def title(self) -> str: ...

    @property
    def body(self) -> str: ...


def text_of(contribution: Written) -> str:
    return full_text(contribution.title, contribution.body)


def text_hash(contribution: Written) -> str:
    return hashlib.sha256(text_of(contribution).encode("utf-8")).hexdigest()


def _without_placeholders(text: str) -> str:
    for placeholder in set(PLACEHOLDERS.values()):
        text = text.replace(placeholder, " ")
    return text


def _category_ids(analyses: Sequence[Any]) -> set[int]:
    labels = {
        int(a.category.label)
        for a in analyses
        if a.category is not None and str(a.category.label).isdigit()
    }
    return set(Category.objects.filter(pk__in=labels).values_list("pk", flat=True))


def _fields(
    contribution: _Source, masked: tuple[Any, Any], analysis: Any, categories: set[int]
) -> dict[str, Any]:
    title, body = masked
    counts: dict[str, int] = {}
    for part in (title, body):
        for kind, n in part.counts.items():
            counts[kind] = counts.get(kind, 0) + n
    sentiment, category = analysis.sentiment, analysis.category
    category_id = None
    if category is not None and str(category.label).isdigit():
        category_id = int(category.label) if int(category.label) in categories else None
    return {
        "version_number": contribution.version_count,
        "body_sha256": contribution.body_sha256,
        "text_sha256": text_hash(contribution),
        "language": analysis.language,
        "masked_title": title.text[:300],
        "masked_body": body.text,
        "pii_counts": counts,
        "masking_version": MASKING_VERSION,
        "sentiment": sentiment.label if sentiment else "",
        "sentiment_score": sentiment.score if sentiment else None,
        "sentiment_confidence": sentiment.confidence if sentiment else None,
        "sentiment_model": sentiment.model if sentiment else "",
        "kind": analysis.kind.label,
        "kind_confidence": analysis.kind.confidence,
        "kind_model": analysis.kind.model,
        "category_id": category_id,
        "category_confidence": category.confidence if category_id else None,
        "category_model": category.model if category is not None else "",
        "aspects": [
            {"aspect": a.aspect, "polarity": a.polarity, "confidence": round(a.confidence, 4)}
            for a in analysis.aspects
        ],
        "aspects_model": analysis.aspects[0].model if analysis.aspects else "",
    }


# Fields whose equality means a re-run has nothing to rewrite.
SAME_WHEN_EQUAL = (
    "text_sha256",
    "body_sha256",
    "masking_version",
    "sentiment_model",
    "kind_model",
    "category_model",
    "aspects_model",
)


ENRICHMENT_FIELDS = [
    "version_number",
    "body_sha256",
    "text_sha256",
    "language",
    "masked_title",
    "masked_body",
    "pii_counts",
    "masking_version",
    "sentiment",
    "sentiment_score",
    "sentiment_confidence",
    "sentiment_model",
    "kind",
    "kind_confidence",
    "kind_model",
    "category",
    "category_confidence",
    "category_model",
    "aspects",
    "aspects_model",
]


def _unchanged(recorded: dict[str, Any] | None, fields: dict[str, Any]) -> bool:
    return recorded is not None and all(recorded[name] == fields[name] for name in SAME_WHEN_EQUAL)


@dataclass(frozen=True, slots=True)
class _Source:
    """What the enrichment reads of a contribution, with the SAME_WHEN_EQUAL values of its
    recorded enrichment (None before the first run)."""

    pk: int
    kind: str
    title: str
    body: str
    body_sha256: str
    version_count: int
    language: str
    recorded: dict[str, Any] | None


_SOURCE_FIELDS = ("id", "kind", "title", "body", "body_sha256", "version_count", "language")


def _sources(contribution_ids: Sequence[int]) -> list[_Source]:
    """The contributions and what their enrichments recorded, in one query of plain values."""
    recorded = [f"enrichment__{name}" for name in SAME_WHEN_EQUAL]
    width = len(_SOURCE_FIELDS)
    rows = Contribution.objects.filter(pk__in=contribution_ids).values_list(
        *_SOURCE_FIELDS, *recorded
    )
    return [
        _Source(
            pk=row[0],
            kind=row[1],
            title=row[2],
            body=row[3],
            body_sha256=row[4],
            version_count=row[5],
            language=row[6],
            recorded=None
            if row[width] is None
            else dict(zip(SAME_WHEN_EQUAL, row[width:], strict=True)),
        )
        for row in rows
    ]


def _current_models() -> dict[str, frozenset[str]]:
    """For each model field: the values a fresh analysis may write there today ("" when the
    text gets no such prediction, e.g. no aspect)."""
    from cocreate.textintel.ml.artifacts import model_id

    sentiments = ("sentiment-ko", "sentiment-en", "sentiment-en-encoder")
    return {
        "sentiment_model": frozenset({"", *(model_id(name) for name in sentiments)}),
        "kind_model": frozenset({model_id("kind")}),
        "category_model": frozenset({"", model_id("category")}),
        "aspects_model": frozenset({"", model_id("aspects")}),
    }


def _fresh(c: _Source, models: dict[str, frozenset[str]]) -> bool:
    """Whether analysing `c` again would give exactly what is recorded, known without running
    the models: the same text, masking and model versions (the analysis is deterministic). A
    status or consent change, which also queues the enrichment, then costs one query."""
    recorded = c.recorded
    return (
        recorded is not None
        and recorded["text_sha256"] == text_hash(c)
        and recorded["body_sha256"] == c.body_sha256
        and recorded["masking_version"] == MASKING_VERSION
        and all(recorded[name] in allowed for name, allowed in models.items())
    )


def enrichment_run(contribution_ids: Sequence[int], *, vectors: bool = True) -> EnrichStats:
    """Enrich these contributions in one batch: one masking pass, one model pass (whose Kiwi
    analysis also gives the search terms), one transaction. Idempotent: a contribution whose
    text and model versions are those already recorded is neither analysed nor rewritten.
    Their vectors (slower: the sentence encoder) follow in a task of their own unless
    `vectors` is False."""
    from cocreate.textintel.ml.api import analyse

    stats = EnrichStats(seen=len(contribution_ids))
    contributions = _sources(contribution_ids)
    stats.missing = len(contribution_ids) - len(contributions)
    if not contributions:
        return stats
    models = _current_models()
    stale = [c for c in contributions if not _fresh(c, models)]
    stats.unchanged = len(contributions) - len(stale)
    if not stale:
        if vectors:
            _enqueue_vectors([c.pk for c in contributions])
        return stats
    every = contributions
    contributions = stale
    masks = mask_many([c.title for c in contributions] + [c.body for c in contributions])
    n = len(contributions)
    analyses = analyse([text_of(c) for c in contributions])
    categories = _category_ids(analyses)
    rows = []
    for i, c in enumerate(contributions):
        fields = _fields(c, (masks[i], masks[n + i]), analyses[i], categories)
        if _unchanged(c.recorded, fields):
            stats.unchanged += 1
            continue
        rows.append((c, fields))
    terms = _document_terms(
        rows, analyses_by_id={c.pk: analyses[i] for i, c in enumerate(contributions)}
    )
    now = timezone.now()
    enrichments = [{"contribution_id": c.pk, "enriched_at": now, **fields} for c, fields in rows]
    documents = [
        {
            "contribution_id": c.pk,
            "kind": c.kind,
            "language": fields["language"],
            "terms": document_terms(doc_terms),
            "updated_at": now,
        }
        for (c, fields), doc_terms in zip(rows, terms, strict=True)
    ]
    with transaction.atomic():
        # One upsert statement per table, run for the whole batch (INSERT ... ON CONFLICT).
        rows_upsert(
            Enrichment,
            enrichments,
            unique="contribution",
            update=[*ENRICHMENT_FIELDS, "enriched_at"],
        )
        rows_upsert(
            SearchDocument,
            documents,
            unique="contribution",
            update=["kind", "language", "terms", "updated_at"],
        )
        _record_languages(rows)
        stats.written = len(rows)
        if vectors:
            _enqueue_vectors([c.pk for c in every])
    return stats


def _record_languages(rows: Sequence[tuple[_Source, dict[str, Any]]]) -> None:
    """The detected language goes on the contribution too, where its API and filters read it."""
    changed: dict[str, list[int]] = {}
    for c, fields in rows:
        if c.language != fields["language"]:
            changed.setdefault(fields["language"], []).append(c.pk)
    for language, ids in changed.items():
        Contribution.objects.filter(pk__in=ids).update(language=language)


def _shared_terms(analysis: Any, original: str, masked: str) -> list[str] | None:
    """Search terms from the models' own Kiwi pass (Korean text), without the words that only
    occur inside masked personal data; None when the analysis carries no terms."""
    terms = getattr(analysis, "terms", None)
    if terms is None:
        return None
    masked_lower = masked.lower()
    original_lower = original.lower()
    return [t for t in terms if t in masked_lower or t not in original_lower]


def _document_terms(
    rows: list[tuple[_Source, dict[str, Any]]], *, analyses_by_id: dict[int, Any]
) -> list[list[str]]:
    """Search terms of each row's masked text: Korean rows reuse the models' Kiwi analysis;
    the others (plain words, no Kiwi) are read from the masked text."""
    masked = [_without_placeholders(f"{f['masked_title']}\n{f['masked_body']}") for _, f in rows]
    out = [
        _shared_terms(analyses_by_id[c.pk], text_of(c), text)
        for (c, _), text in zip(rows, masked, strict=True)
    ]
    rest = [i for i, terms in enumerate(out) if terms is None]
    for i, terms in zip(rest, local.terms_batch([masked[i] for i in rest]), strict=True):
        out[i] = terms
    return [terms or [] for terms in out]


def _enqueue_vectors(contribution_ids: list[int]) -> None:
    from cocreate.textintel.tasks import update_vectors

    if contribution_ids:
        enqueue_on_commit(update_vectors, contribution_ids)


# --- vectors and duplicates -----------------------------------------------------------------


def vectors_update(contribution_ids: Sequence[int]) -> list[int]:
    """Embed the contributions whose text changed, mirror every one's status, and record
    duplicate candidates for the newly embedded ones. Returns the ids embedded."""
    model, dimensions = local.similarity_model()
    contributions = list(
        Contribution.objects.filter(pk__in=contribution_ids).only(
            "id", "kind", "title", "body", "status"
        )
    )
    stored = {
        v.pk: v
        for v in ContributionVector.objects.filter(pk__in=[c.pk for c in contributions]).only(
            "contribution_id", "text_sha256", "model", "status"
        )
    }
    now = timezone.now()
    to_embed = []
    for c in contributions:
        vector = stored.get(c.pk)
        if vector is not None and vector.model == model and vector.text_sha256 == text_hash(c):
            if vector.status != c.status:
                ContributionVector.objects.filter(pk=c.pk).update(status=c.status, updated_at=now)
            continue
        if c.status in (Status.DRAFT, Status.WITHDRAWN):
            ContributionVector.objects.filter(pk=c.pk).update(status=c.status, updated_at=now)
            continue
        to_embed.append(c)
    if not to_embed:
        _english_sentiments_refine(contributions, {})
        return []
    vectors = local.embed([text_of(c) for c in to_embed])
    with transaction.atomic():
        for c, vector in zip(to_embed, vectors, strict=True):
            ContributionVector.objects.update_or_create(
                contribution_id=c.pk,
                defaults={
                    "kind": c.kind,
                    "status": c.status,
                    "model": model,
                    "dimensions": dimensions,
                    "vector": np.asarray(vector, dtype=np.float32).tobytes(),
                    "text_sha256": text_hash(c),
                    "updated_at": now,
                },
            )
    index = local.index()
    for c, vector in zip(to_embed, vectors, strict=True):
        index.add(c.pk, c.kind, c.status, vector)
        if c.status in SCREENED and c.kind in DUPLICATE_KINDS:
            _record_duplicates(c, vector, model)
    _english_sentiments_refine(
        contributions, {c.pk: v for c, v in zip(to_embed, vectors, strict=True)}
    )
    return [c.pk for c in to_embed]


def _english_sentiments_refine(
    contributions: Sequence[Contribution], vectors: dict[int, np.ndarray]
) -> None:
    """English sentiment read again with each contribution's vector (ml/sentiment_encoder.py),
    where the enrichment of the present text holds the first pass's answer. Vectors not just
    computed are read from the stored rows."""
    hashes = {c.pk: text_hash(c) for c in contributions}
    model = local.similarity_model()[0]
    refined_by = local.english_sentiment_model()
    waiting = [
        e.pk
        for e in Enrichment.objects.filter(pk__in=list(hashes), language="en")
        .exclude(sentiment_model=refined_by)
        .only("contribution_id", "text_sha256")
        if e.text_sha256 == hashes[e.pk]
    ]
    found = {pk: vectors[pk] for pk in waiting if pk in vectors}
    for pk, raw, text_sha256 in ContributionVector.objects.filter(
        pk__in=[pk for pk in waiting if pk not in found], model=model
    ).values_list("contribution_id", "vector", "text_sha256"):
        if text_sha256 == hashes[pk]:
            found[pk] = np.frombuffer(bytes(raw), dtype=np.float32)
    ready = list(found)
    if not ready:
        return
    by_id = {c.pk: c for c in contributions}
    positive = local.english_sentiments(
        [text_of(by_id[pk]) for pk in ready], np.stack([found[pk] for pk in ready])
    )
    from cocreate.textintel.ml.api import polarity

    now = timezone.now()  # feeds and dashboards pick changed rows up by enriched_at
    for pk, p in zip(ready, positive, strict=True):
        label, confidence = polarity(float(p))
        Enrichment.objects.filter(pk=pk, text_sha256=hashes[pk]).update(
            enriched_at=now,
            sentiment=label,
            sentiment_score=float(p),
            sentiment_confidence=confidence,
            sentiment_model=refined_by,
        )


def _record_duplicates(contribution: Contribution, vector: np.ndarray, model: str) -> None:
    """Offer as duplicates the nearest contributions of the same kind that the duplicates
    model judges to mean the same (score = its probability)."""
    hits = local.index().query(
        vector,
        kind=contribution.kind,
        k=DUPLICATES_PER_CONTRIBUTION,
        exclude_ids=[contribution.pk],
        public_only=False,
    )
    close = [h.contribution_id for h in hits if h.score >= local.duplicate_min_cosine()]
    # The index may still hold a contribution deleted since its last reload.
    others = {
        c.pk: c for c in Contribution.objects.filter(pk__in=close).only("id", "title", "body")
    }
    stored = dict(
        ContributionVector.objects.filter(pk__in=list(others), model=model).values_list(
            "contribution_id", "vector"
        )
    )
    found = [i for i in close if i in others and i in stored]
    if not found:
        return
    proba, same = local.duplicate_decisions(
        [text_of(contribution)] * len(found),
        [text_of(others[i]) for i in found],
        np.tile(np.asarray(vector, dtype=np.float32), (len(found), 1)),
        np.stack([np.frombuffer(bytes(stored[i]), dtype=np.float32) for i in found]),
    )
    decided_by = local.duplicate_model()
    duplicates = {
        other: p for other, p, is_duplicate in zip(found, proba, same, strict=True) if is_duplicate
    }
    masked = _masked_texts({contribution.pk: contribution} | {i: others[i] for i in duplicates})
    for other, p in duplicates.items():
        first, second = sorted((contribution.pk, other))
        first_only, second_only = local.differing_words(masked[first], masked[second])
        try:
            with transaction.atomic():
                DuplicateCandidate.objects.get_or_create(
                    first_id=first,
                    second_id=second,
                    defaults={
                        "kind": contribution.kind,
                        "score": round(float(p), 4),
                        "model": decided_by,
                        "first_only_words": first_only,
                        "second_only_words": second_only,
                    },
                )
        except IntegrityError:  # recorded at the same moment by another worker
            continue


def _masked_texts(contributions: Mapping[int, Written]) -> dict[int, str]:
    """Each contribution's text, masked (one pass): what the words shown for a duplicate pair
    are read from, so that personal data never becomes one of them (its placeholder's word
    may: "전화번호")."""
    masks = mask_many([text_of(c) for c in contributions.values()])
    return {pk: m.text for pk, m in zip(contributions, masks, strict=True)}


def duplicate_candidate_decide(
    *, actor: Any, candidate: DuplicateCandidate, status: str
) -> DuplicateCandidate:
    """A moderator's decision on a candidate pair: merged (the moderation app merges the two)
    or dismissed (not duplicates). Callers check permission first (permissions.py)."""
    if status not in (DuplicateStatus.MERGED, DuplicateStatus.DISMISSED):
        raise ValidationFailed(Code.INVALID_DECISION, _("Choose merged or not duplicates."))
    with transaction.atomic():
        updated = DuplicateCandidate.objects.filter(
            pk=candidate.pk, status=DuplicateStatus.OPEN
        ).update(status=status, decided_by=actor, decided_at=timezone.now())
        if not updated:
            raise Conflict(Code.ALREADY_DECIDED, _("This pair has already been decided."))
        audit_record(
            "duplicate.decided",
            actor=actor,
            subject=candidate,
            payload={
                "first": candidate.first_id,
                "second": candidate.second_id,
                "status": status,
                "score": f"{candidate.score:.4f}",
            },
        )
    candidate.refresh_from_db()
    return candidate
