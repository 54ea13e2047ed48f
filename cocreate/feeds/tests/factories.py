"""Feed test helpers: enrichments as textintel writes them, malls with keys and subscriptions."""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from cocreate.contributions.models import Contribution
from cocreate.feeds import services
from cocreate.feeds.sync import feed_refresh
from cocreate.orgs import services as org_services
from cocreate.orgs.enums import OrgKind, Role, Scope
from cocreate.orgs.tests.factories import MembershipFactory, OrganisationFactory
from cocreate.textintel.models import Enrichment


def enrich(
    contribution: Contribution,
    *,
    masked_title: str | None = None,
    masked_body: str | None = None,
    pii_counts: dict[str, int] | None = None,
    sentiment: str = "positive",
    aspects: list[dict[str, Any]] | None = None,
    language: str = "ko",
    refresh: bool = True,
) -> Enrichment:
    """An enrichment of the contribution's current version, then the feed refreshed."""
    contribution.refresh_from_db()
    enrichment, _created = Enrichment.objects.update_or_create(
        contribution=contribution,
        defaults={
            "version_number": contribution.version_count,
            "body_sha256": contribution.body_sha256,
            "language": language,
            "masked_title": contribution.title if masked_title is None else masked_title,
            "masked_body": contribution.body if masked_body is None else masked_body,
            "pii_counts": pii_counts or {},
            "masking_version": "mask@test",
            "sentiment": sentiment,
            "sentiment_score": 0.9 if sentiment == "positive" else 0.1,
            "sentiment_confidence": 0.8,
            "sentiment_model": "sentiment@1",
            "kind": contribution.kind,
            "kind_confidence": 0.7,
            "kind_model": "kind@1",
            "aspects": aspects
            if aspects is not None
            else [{"aspect": "delivery", "polarity": "negative", "confidence": 0.9}],
            "aspects_model": "aspects@1",
            "enriched_at": timezone.now(),
        },
    )
    if refresh:
        feed_refresh([contribution.pk])
    return enrichment


def make_mall(name: str = "몰") -> tuple[Any, Any]:
    org = OrganisationFactory(kind=OrgKind.MALL, name=name)
    owner = MembershipFactory(org=org, role=Role.OWNER).user
    return org, owner


def make_key(org: Any, owner: Any, *, per_minute: int | None = None) -> tuple[Any, str]:
    return org_services.api_key_create(
        actor=owner,
        org=org,
        name="feed",
        scopes=[Scope.FEED_READ],
        rate_limit_per_minute=per_minute,
    )


def subscribe(org: Any, owner: Any, **facets: Any) -> Any:
    facets.setdefault("name", "all")
    return services.subscription_create(actor=owner, org=org, **facets)


def get(client: Any, path: str, raw_key: str | None, **params: Any) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw_key}"} if raw_key else {}
    return client.get(f"/api/v1/feed/{path}", params, **headers)


def walk(client: Any, raw_key: str, **params: Any) -> list[dict[str, Any]]:
    """Every record by cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        q = dict(params, **({"cursor": cursor} if cursor else {}))
        response = get(client, "contributions", raw_key, **q)
        assert response.status_code == 200, response.content
        data = response.json()
        items += data["items"]
        cursor = data["next_cursor"]
        if not data["has_more"]:
            return items


def streamed(response: Any) -> str:
    return b"".join(response.streaming_content).decode()


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line]
