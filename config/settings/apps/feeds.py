"""Settings of the feeds app, and of the API keys malls use for it."""

import os

# --- API keys (orgs) ------------------------------------------------------------------------
# Requests per minute a new key may make; over it the API answers 429 with Retry-After.
# Operators may give a key a higher limit. Use a shared cache (CACHE_URL=redis://...) when
# several web workers serve the API, so that they count together.
API_KEY_RATE_LIMIT_DEFAULT = int(os.environ.get("API_KEY_RATE_LIMIT_DEFAULT", "600"))

# --- the feed -------------------------------------------------------------------------------
FEEDS_PAGE_SIZE_DEFAULT = 100
FEEDS_PAGE_SIZE_MAX = 500
# The site's public address, for links in records and in the Google feed.
FEEDS_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The plan a new mall starts on: integer KRW per record delivered in a billing period.
FEEDS_DEFAULT_PLAN = {"code": "standard", "name": "기본", "price_per_record_krw": 20}

# --- webhooks -------------------------------------------------------------------------------
# Webhooks to private, loopback, link-local or reserved addresses are refused unless this is on
# (tests and local development only).
FEEDS_WEBHOOK_ALLOW_PRIVATE = os.environ.get("FEEDS_WEBHOOK_ALLOW_PRIVATE", "") in {"1", "true"}
FEEDS_WEBHOOK_TIMEOUT_SECONDS = 5.0
FEEDS_WEBHOOK_MAX_ATTEMPTS = 8
FEEDS_WEBHOOK_BACKOFF_SECONDS = 30  # 30 s, 1 min, 2 min, 4 min, ... between attempts
FEEDS_WEBHOOK_BATCH_MAX = 100  # records per webhook delivery
