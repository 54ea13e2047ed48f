"""Webhooks: per subscription, signed with HMAC-SHA256 over the timestamp and the body,
retried with exponential backoff through the task queue, every attempt logged.

Signature header: `Cocreate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
"<t>." + body)>`. Receivers recompute it and reject messages older than a few minutes."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import orjson
from django.conf import settings
from django.db import transaction
from django.tasks import default_task_backend
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.core.errors import ValidationFailed
from cocreate.core.tasks import enqueue_on_commit
from cocreate.feeds.enums import Channel, DeliveryStatus, FeedErrorCode
from cocreate.feeds.metering import delivery_record
from cocreate.feeds.models import MallAccount, Subscription, WebhookAttempt, WebhookDelivery
from cocreate.feeds.records import author_pseudonym, served
from cocreate.feeds.scope import category_paths, covers

if TYPE_CHECKING:
    from cocreate.feeds.sync import Change

SIGNATURE_HEADER = "Cocreate-Signature"
EVENT = "feed.changed"
USER_AGENT = "cocreate-webhooks/1"


# --- addresses ------------------------------------------------------------------------------


def _refused(message: str) -> ValidationFailed:
    return ValidationFailed(
        FeedErrorCode.WEBHOOK_URL_REFUSED, message, fields={"webhook_url": [message]}
    )


def webhook_url_check(url: str) -> str:
    """The URL if webhooks may go there: http(s) to a public address. Private, loopback,
    link-local and reserved addresses are refused unless FEEDS_WEBHOOK_ALLOW_PRIVATE is on.
    Checked when the URL is saved and again before every attempt (the name may move)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 500:
        raise _refused(_("Use an http:// or https:// address of at most 500 characters."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError, UnicodeError):
        raise _refused(_("This host name does not resolve.")) from None
    if not settings.FEEDS_WEBHOOK_ALLOW_PRIVATE:
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if not address.is_global or address.is_multicast:
                raise _refused(_("Webhooks cannot go to private, loopback or reserved addresses."))
    return url.strip()


# --- signing --------------------------------------------------------------------------------


def webhook_signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def webhook_signature_valid(
    secret: str, header: str, body: bytes, *, now: float | None = None, tolerance: int = 300
) -> bool:
    """What a receiver does: recompute the signature and check the timestamp is recent."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields.get("t", ""))
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = webhook_signature(secret, timestamp, body)
    return hmac.compare_digest(expected, header.strip())


# --- queueing -------------------------------------------------------------------------------


def webhook_queue_changes(changes: Sequence[Change]) -> list[WebhookDelivery]:
    """Inside the feed transaction: one delivery per subscription with a webhook, per batch of
    changed records it covers. Sent after commit."""
    if not changes:
        return []
    subs = list(
        Subscription.objects.filter(active=True)
        .exclude(webhook_url="")
        .select_related("org__feed_account")
    )
    if not subs:
        return []
    paths = category_paths(subs)
    created: list[WebhookDelivery] = []
    batch_max = int(settings.FEEDS_WEBHOOK_BATCH_MAX)
    for sub in subs:
        mine = [ch for ch in changes if covers(sub, ch.facts, paths)]
        account: MallAccount | None = getattr(sub.org, "feed_account", None)
        if not mine or account is None:
            continue
        for start in range(0, len(mine), batch_max):
            created.append(_delivery(sub, account, mine[start : start + batch_max]))
    for delivery in created:
        enqueue_on_commit(_task(), str(delivery.pk))
    return created


def _delivery(sub: Subscription, account: MallAccount, batch: Sequence[Change]) -> WebhookDelivery:
    delivery = WebhookDelivery(subscription=sub, event=EVENT, url=sub.webhook_url)
    records = [
        served(ch.record, author_pseudonym(account.pseudonym_secret, ch.author_id or 0))
        for ch in batch
        if ch.record is not None
    ]
    tombstones = [
        {"id": ch.contribution_id, "reason": ch.reason, "seq": ch.seq}
        for ch in batch
        if ch.record is None
    ]
    body: dict[str, Any] = {
        "event": EVENT,
        "delivery_id": str(delivery.pk),
        "subscription_id": sub.pk,
        "created_at": timezone.now().isoformat(),
        "records": records,
        "tombstones": tombstones,
    }
    delivery.payload = orjson.dumps(body).decode()
    delivery.contribution_ids = [r["id"] for r in records]
    delivery.tombstone_count = len(tombstones)
    delivery.next_attempt_at = timezone.now()
    delivery.save(force_insert=True)
    return delivery


def _task() -> Any:
    from cocreate.feeds.tasks import webhook_deliver

    return webhook_deliver


# --- sending --------------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an answer of its own, not followed


_opener = urllib.request.build_opener(_NoRedirects)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=settings.FEEDS_WEBHOOK_TIMEOUT_SECONDS) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def backoff(attempts: int) -> timedelta:
    """Seconds before attempt `attempts + 1`: base, 2 x base, 4 x base, ..."""
    return timedelta(seconds=settings.FEEDS_WEBHOOK_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0))


def webhook_attempt(delivery_id: str) -> WebhookDelivery | None:
    """Make one attempt at a pending delivery that is due; log it; on failure schedule the
    next one or give up after FEEDS_WEBHOOK_MAX_ATTEMPTS. Idempotent: a delivered or failed
    delivery, or one not yet due, is left alone."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("subscription__org")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None or (
            delivery.next_attempt_at is not None and delivery.next_attempt_at > timezone.now()
        ):
            return delivery
        # Claim the attempt before sending, so a second worker does not send it again.
        delivery.attempts += 1
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
        delivery.save(update_fields=["attempts", "next_attempt_at", "updated_at"])
    sub = delivery.subscription
    body = delivery.payload.encode()
    started = time.monotonic()
    status_code: int | None = None
    error = ""
    try:
        webhook_url_check(delivery.url)
        status_code = _post(
            delivery.url,
            body,
            {
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "Cocreate-Event": delivery.event,
                "Cocreate-Delivery": str(delivery.pk),
                SIGNATURE_HEADER: webhook_signature(sub.webhook_secret, int(time.time()), body),
            },
        )
    except ValidationFailed as exc:
        error = str(exc.message)[:200]
    except (OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:200]
    duration = int((time.monotonic() - started) * 1000)
    ok = status_code is not None and 200 <= status_code < 300
    if not ok and not error:
        error = _("The receiver answered %(code)s.") % {"code": status_code}
    return _finish(delivery, status_code, error, duration, ok)


def _finish(
    delivery: WebhookDelivery, status_code: int | None, error: str, duration: int, ok: bool
) -> WebhookDelivery:
    now = timezone.now()
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            at=now,
            status_code=status_code,
            error=error,
            duration_ms=duration,
        )
        delivery.last_status_code = status_code
        delivery.last_error = error
        if ok:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            delivery_record(
                org=delivery.subscription.org,
                api_key=None,
                subscription=delivery.subscription,
                channel=Channel.WEBHOOK,
                endpoint="webhook",
                contribution_ids=delivery.contribution_ids,
                tombstones=delivery.tombstone_count,
            )
        elif delivery.attempts >= settings.FEEDS_WEBHOOK_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        delivery.save()
    if delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at is not None:
        _schedule(delivery.pk, delivery.next_attempt_at)
    return delivery


def _schedule(delivery_id: Any, at: datetime) -> None:
    """Enqueue the next attempt for `at` where the queue can wait; otherwise the periodic
    `webhooks_retry_due` task picks it up when it is due."""
    if default_task_backend.supports_defer:
        enqueue_on_commit(_task().using(run_after=at), str(delivery_id))


def webhooks_due(*, limit: int = 200) -> list[str]:
    return [
        str(pk)
        for pk in WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    ]
