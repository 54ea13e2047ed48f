"""Telling people what happened: in the app always, by email when asked for (after commit)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from cocreate.accounts.models import Notification, User

logger = logging.getLogger(__name__)


def notify(
    users: Iterable[User],
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notification per user; email them after the transaction commits.
    `title` and `body` are stored as given: translate them in the recipient's language first."""
    recipients = list({u.pk: u for u in users}.values())
    created = Notification.objects.bulk_create(
        [
            Notification(user=u, kind=kind, title=title[:200], body=body[:4000], url=url[:300])
            for u in recipients
        ]
    )
    if email and recipients:

        def send() -> None:
            for u in recipients:
                text = f"{body}\n\n{url}" if url else body
                try:
                    send_mail(
                        subject=title[:200], message=text, from_email=None, recipient_list=[u.email]
                    )
                except OSError:
                    # The notification is stored; a mail server being down must not lose it.
                    logger.warning("could not email notification to user %s", u.pk, exc_info=True)

        transaction.on_commit(send)
    return created


def notification_list_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the person's unread notifications read: all of them, or those in `ids`."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
