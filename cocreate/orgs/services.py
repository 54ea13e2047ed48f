"""Writes on organisations, memberships and API keys."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cocreate.core.audit import JsonValue, audit_record
from cocreate.core.errors import Conflict, Forbidden, NotFound, RateLimited, ValidationFailed
from cocreate.orgs.enums import OrgErrorCode, OrgKind, Role, Scope
from cocreate.orgs.models import API_KEY_RATE_LIMIT_MAX, ApiKey, Membership, Organisation
from cocreate.orgs.permissions import can_manage_api_keys, can_manage_org, forget_memberships

LAST_USED_RESOLUTION = timedelta(minutes=1)
RATE_WINDOW_SECONDS = 60


def org_create(
    *, actor: Any, kind: str, name: str, slug: str = "", description: str = "", website: str = ""
) -> Organisation:
    name = " ".join(name.split())
    if kind not in OrgKind.values:
        raise ValidationFailed(
            "invalid_org_kind",
            _("Choose brand or mall."),
            fields={"kind": [_("Choose brand or mall.")]},
        )
    if not name or len(name) > 120:
        raise ValidationFailed(
            OrgErrorCode.INVALID_NAME,
            _("Enter a name of 1 to 120 characters."),
            fields={"name": [_("Enter a name of 1 to 120 characters.")]},
        )
    slug = slugify(slug or name)[:60] or f"org-{secrets.token_hex(3)}"
    try:
        with transaction.atomic():
            org = Organisation.objects.create(
                kind=kind, name=name, slug=slug, description=description, website=website
            )
            if getattr(actor, "is_authenticated", False):
                Membership.objects.create(org=org, user=actor, role=Role.OWNER)
                forget_memberships(actor)
            audit_record(
                "org.created", actor=actor, subject=org, payload={"kind": kind, "slug": slug}
            )
    except IntegrityError:
        raise Conflict(
            OrgErrorCode.SLUG_TAKEN,
            _("That address name is taken."),
            fields={"slug": [_("That address name is taken.")]},
        ) from None
    return org


def membership_add(*, actor: Any, org: Organisation, user: Any, role: str) -> Membership:
    if not can_manage_org(actor, org):
        raise Forbidden("forbidden", _("Only the organisation's owners can add members."))
    if role not in Role.values:
        raise ValidationFailed("invalid_role", _("Choose one of the listed roles."))
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(org=org, user=user, role=role)
        forget_memberships(user)
        audit_record(
            "org.member_added", actor=actor, subject=org, payload={"user": user.pk, "role": role}
        )
    return membership


def membership_remove(*, actor: Any, org: Organisation, user: Any, role: str) -> None:
    if not can_manage_org(actor, org):
        raise Forbidden("forbidden", _("Only the organisation's owners can remove members."))
    with transaction.atomic():
        qs = Membership.objects.select_for_update().filter(org=org, role=Role.OWNER)
        if role == Role.OWNER and qs.count() == 1 and qs.filter(user=user).exists():
            raise Conflict(OrgErrorCode.LAST_OWNER, _("An organisation keeps at least one owner."))
        deleted, _n = Membership.objects.filter(org=org, user=user, role=role).delete()
        forget_memberships(user)
        if not deleted:
            raise NotFound(OrgErrorCode.NOT_A_MEMBER, _("No such membership."))
        audit_record(
            "org.member_removed", actor=actor, subject=org, payload={"user": user.pk, "role": role}
        )


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_rate_limit(per_minute: Any, *, actor: Any) -> int:
    """Owners may lower their key's limit below the default; operators may set any limit."""
    ceiling = (
        API_KEY_RATE_LIMIT_MAX
        if getattr(actor, "is_staff", False)
        else settings.API_KEY_RATE_LIMIT_DEFAULT
    )
    if isinstance(per_minute, bool) or not isinstance(per_minute, int):
        per_minute = 0
    if not 1 <= per_minute <= ceiling:
        message = _("Choose a limit from 1 to %(n)d requests per minute.") % {"n": ceiling}
        raise ValidationFailed(
            OrgErrorCode.INVALID_RATE_LIMIT, message, fields={"rate_limit_per_minute": [message]}
        )
    return per_minute


def api_key_create(
    *,
    actor: Any,
    org: Organisation,
    name: str,
    scopes: Iterable[str],
    rate_limit_per_minute: int | None = None,
) -> tuple[ApiKey, str]:
    """Create a key; returns it with the full secret, which is never shown again."""
    if not can_manage_api_keys(actor, org):
        raise Forbidden("forbidden", _("Only the organisation's owners can create API keys."))
    scopes = sorted(set(scopes))
    if not scopes or any(s not in Scope.values for s in scopes):
        raise ValidationFailed(
            OrgErrorCode.INVALID_SCOPE,
            _("Choose at least one valid scope."),
            fields={"scopes": [_("Choose at least one valid scope.")]},
        )
    per_minute = _check_rate_limit(
        settings.API_KEY_RATE_LIMIT_DEFAULT
        if rate_limit_per_minute is None
        else rate_limit_per_minute,
        actor=actor,
    )
    name = " ".join(name.split())[:80] or _("API key")
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        key = ApiKey.objects.create(
            org=org,
            name=name,
            prefix=prefix,
            secret_digest=_digest(secret),
            scopes=scopes,
            rate_limit_per_minute=per_minute,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            "apikey.created",
            actor=actor,
            subject=key,
            payload={"org": org.pk, "scopes": list[JsonValue](scopes), "per_minute": per_minute},
        )
    return key, f"{settings.API_KEY_PREFIX}_{prefix}_{secret}"


def api_key_revoke(*, actor: Any, key: ApiKey) -> ApiKey:
    if not can_manage_api_keys(actor, key.org):
        raise Forbidden("forbidden", _("Only the organisation's owners can revoke API keys."))
    with transaction.atomic():
        updated = ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if updated:
            audit_record("apikey.revoked", actor=actor, subject=key, payload={"org": key.org_id})
    key.refresh_from_db()
    return key


def api_key_set_rate_limit(*, actor: Any, key: ApiKey, per_minute: int) -> ApiKey:
    """Change how many requests a minute a key may make: owners may lower it below the
    default, operators may set any limit."""
    if not can_manage_api_keys(actor, key.org):
        raise Forbidden("forbidden", _("Only the organisation's owners can change API keys."))
    per_minute = _check_rate_limit(per_minute, actor=actor)
    with transaction.atomic():
        ApiKey.objects.filter(pk=key.pk).update(rate_limit_per_minute=per_minute)
        audit_record(
            "apikey.rate_limit_changed",
            actor=actor,
            subject=key,
            payload={"org": key.org_id, "per_minute": per_minute},
        )
    key.refresh_from_db()
    return key


def api_key_take_request(key: ApiKey, *, now: float | None = None) -> int:
    """Count one request against the key's per-minute limit (a fixed window in the cache,
    shared by every web worker when the cache is Redis). Returns the requests left in this
    window; raises RateLimited, with the seconds until the window ends, when none are left."""
    now = time.time() if now is None else now
    window = int(now // RATE_WINDOW_SECONDS)
    counter = f"apikey-rate:{key.prefix}:{window}"
    cache.add(counter, 0, timeout=RATE_WINDOW_SECONDS + 5)
    try:
        used = cache.incr(counter)
    except ValueError:  # expired between add and incr
        cache.set(counter, 1, timeout=RATE_WINDOW_SECONDS + 5)
        used = 1
    if used > key.rate_limit_per_minute:
        retry_after = max(1, math.ceil((window + 1) * RATE_WINDOW_SECONDS - now))
        raise RateLimited(
            OrgErrorCode.RATE_LIMITED,
            _("This key made more than %(n)d requests this minute; try again in %(s)d s.")
            % {"n": key.rate_limit_per_minute, "s": retry_after},
            retry_after=retry_after,
        )
    return key.rate_limit_per_minute - used


def api_key_authenticate(raw: str) -> ApiKey | None:
    """The active key matching `raw`, or None. Compares digests in constant time and records
    when the key was last used (at most once a minute)."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != settings.API_KEY_PREFIX or len(parts[2]) > 100:
        return None
    key = ApiKey.objects.select_related("org").filter(prefix=parts[1][:12]).first()
    if key is None or not hmac.compare_digest(key.secret_digest, _digest(parts[2])):
        return None
    if key.revoked_at is not None:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
