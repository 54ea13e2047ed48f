"""The committed OpenAPI snapshot matches the API; `make openapi` regenerates it."""

import json

from cocreate.feeds.management.commands.openapi import SNAPSHOT, openapi_text


def test_snapshot_is_current():
    assert SNAPSHOT.exists(), "docs/openapi.json is missing: run `make openapi`"
    assert SNAPSHOT.read_text(encoding="utf-8") == openapi_text(), (
        "docs/openapi.json is out of date: run `make openapi` and commit it"
    )


def test_feed_endpoints_are_documented_with_key_auth_and_problems():
    doc = json.loads(openapi_text())
    paths = doc["paths"]
    for path in (
        "/api/v1/feed/contributions",
        "/api/v1/feed/tombstones",
        "/api/v1/feed/products/{product_id}/summary",
        "/api/v1/feed/categories",
        "/api/v1/feed/exports/contributions.jsonl",
        "/api/v1/feed/exports/contributions.csv",
        "/api/v1/feed/exports/google-product-reviews.xml",
    ):
        operation = paths[path]["get"]
        assert operation["security"], path
        assert "429" in operation["responses"] or "4XX" in str(operation["responses"]), path
    params = {p["name"]: p for p in paths["/api/v1/feed/contributions"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == 500
    assert {"cursor", "updated_since", "kind", "category_id"} <= set(params)
