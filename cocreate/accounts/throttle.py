"""Counting attempts per key in the cache, so that guessing passwords or sending mail in bulk
through the account pages is slowed down. Counts live in the configured cache (Redis when
CACHE_URL is set, shared by every worker)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

PREFIX = "throttle"


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    seconds: int


FAILED_LOGIN = Limit("login", attempts=10, seconds=15 * 60)  # per email
FAILED_LOGIN_ADDRESS = Limit("login-address", attempts=30, seconds=15 * 60)
SIGNUP = Limit("signup", attempts=10, seconds=60 * 60)
PASSWORD_MAIL = Limit("password-mail", attempts=5, seconds=60 * 60)


def _key(limit: Limit, subject: str) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]
    return f"{PREFIX}:{limit.name}:{digest}"


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind TRUSTED_PROXIES reverse proxies, each of which appends
    the address it received from to X-Forwarded-For, that is the entry that many places from
    the right; anything further left was written by the client and is not trusted."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def is_blocked(limit: Limit, *subjects: str) -> bool:
    """True once any subject (an email, an address) has used up its attempts."""
    counts = cache.get_many([_key(limit, s) for s in subjects if s])
    return any(int(n) >= limit.attempts for n in counts.values())


def record(limit: Limit, *subjects: str) -> None:
    """Count one attempt for each subject; the window starts with the first attempt."""
    for subject in subjects:
        if not subject:
            continue
        key = _key(limit, subject)
        if not cache.add(key, 1, timeout=limit.seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=limit.seconds)


def clear(limit: Limit, *subjects: str) -> None:
    cache.delete_many([_key(limit, s) for s in subjects if s])
