import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.utils import timezone, translation

from cocreate.contributions import services as contribution_services
from cocreate.contributions.tests.factories import make_review
from cocreate.core.errors import ValidationFailed
from cocreate.feeds import services, webhooks
from cocreate.feeds.enums import DeliveryStatus
from cocreate.feeds.models import DeliveryLog, WebhookAttempt, WebhookDelivery
from cocreate.feeds.tests.factories import enrich

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP server on loopback that answers with the next queued status."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.requests: list = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.FEEDS_WEBHOOK_ALLOW_PRIVATE = True
    made = []

    def make(*statuses):
        r = Receiver(statuses)
        made.append(r)
        return r

    yield make
    for r in made:
        r.close()


def shared_review(user, product, **kw):
    c = make_review(author=user, product=product, b2b_consent=True, **kw)
    enrich(c, refresh=False)
    return c


def refresh(c, django_capture_on_commit_callbacks):
    from cocreate.feeds.sync import feed_refresh

    with django_capture_on_commit_callbacks(execute=True):
        feed_refresh([c.pk])


def test_signed_delivery_reaches_the_receiver(
    mall, user, product, receiver, django_capture_on_commit_callbacks
):
    r = receiver(200)
    sub = services.subscription_update(
        actor=mall["owner"], subscription=mall["sub"], name="hooked", webhook_url=r.url
    )
    c = shared_review(user, product, body="배송이 늦었어요")
    refresh(c, django_capture_on_commit_callbacks)
    ((headers, body),) = r.requests
    assert webhooks.webhook_signature_valid(sub.webhook_secret, headers["Cocreate-Signature"], body)
    assert not webhooks.webhook_signature_valid("wrong", headers["Cocreate-Signature"], body)
    assert not webhooks.webhook_signature_valid(
        sub.webhook_secret, headers["Cocreate-Signature"], body + b" "
    )
    payload = json.loads(body)
    assert payload["event"] == "feed.changed"
    assert [rec["id"] for rec in payload["records"]] == [c.pk]
    assert payload["records"][0]["body"] == "배송이 늦었어요"
    assert user.email not in body.decode()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 1
    assert WebhookAttempt.objects.get().status_code == 200
    log = DeliveryLog.objects.get(channel="webhook")
    assert log.records == 1 and log.subscription_id == sub.pk


def test_signature_is_refused_when_old():
    body = b"{}"
    header = webhooks.webhook_signature("s", 1_000_000, body)
    assert webhooks.webhook_signature_valid("s", header, body, now=1_000_100)
    assert not webhooks.webhook_signature_valid("s", header, body, now=1_001_000)
    assert not webhooks.webhook_signature_valid("s", "garbage", body)


def test_failures_retry_with_exponential_backoff_then_give_up(
    mall, user, product, receiver, settings, django_capture_on_commit_callbacks
):
    settings.FEEDS_WEBHOOK_MAX_ATTEMPTS = 3
    r = receiver(500, 503, 500)
    services.subscription_update(
        actor=mall["owner"], subscription=mall["sub"], name="hooked", webhook_url=r.url
    )
    c = shared_review(user, product)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        refresh(c, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
        assert delivery.next_attempt_at == start + timedelta(seconds=30)
        # Not due yet: nothing is sent.
        assert webhooks.webhooks_due() == []
        webhooks.webhook_attempt(str(delivery.pk))
        assert len(r.requests) == 1
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        assert webhooks.webhooks_due() == [str(delivery.pk)]
        webhooks.webhook_attempt(str(delivery.pk))
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert delivery.next_attempt_at == start + timedelta(seconds=31 + 60)
    with time_machine.travel(start + timedelta(seconds=100), tick=False):
        webhooks.webhook_attempt(str(delivery.pk))
        delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.next_attempt_at is None
    assert [a.status_code for a in delivery.log.all()] == [500, 503, 500]
    assert not DeliveryLog.objects.exists()  # nothing delivered, nothing metered


def test_a_retry_that_succeeds_is_delivered_once(
    mall, user, product, receiver, django_capture_on_commit_callbacks
):
    r = receiver(500, 200)
    services.subscription_update(
        actor=mall["owner"], subscription=mall["sub"], name="hooked", webhook_url=r.url
    )
    c = shared_review(user, product)
    refresh(c, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        webhooks.webhook_attempt(str(delivery.pk))
        webhooks.webhook_attempt(str(delivery.pk))  # idempotent: already delivered
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and len(r.requests) == 2


def test_tombstones_go_out_by_webhook(
    mall, user, product, receiver, django_capture_on_commit_callbacks
):
    r = receiver()
    services.subscription_update(
        actor=mall["owner"], subscription=mall["sub"], name="hooked", webhook_url=r.url
    )
    c = shared_review(user, product)
    refresh(c, django_capture_on_commit_callbacks)
    contribution_services.contribution_withdraw(actor=user, contribution=c)
    refresh(c, django_capture_on_commit_callbacks)
    last = json.loads(r.requests[-1][1])
    assert last["records"] == [] and last["tombstones"][0]["id"] == c.pk
    assert last["tombstones"][0]["reason"] == "withdrawn"


def test_subscriptions_outside_scope_get_nothing(
    mall, other_mall, user, product, receiver, django_capture_on_commit_callbacks
):
    from cocreate.catalog.tests.factories import CategoryFactory

    r = receiver()
    services.subscription_create(
        actor=other_mall["owner"],
        org=other_mall["org"],
        name="elsewhere",
        category_ids=[CategoryFactory().pk],
        webhook_url=r.url,
    )
    refresh(shared_review(user, product), django_capture_on_commit_callbacks)
    assert r.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.1/hook",
        "http://169.254.169.254/latest",
        "http://[::1]/hook",
        "ftp://example.com/hook",
        "javascript:alert(1)",
    ],
)
def test_private_and_loopback_addresses_are_refused(mall, url):
    with pytest.raises(ValidationFailed) as err:
        services.subscription_update(
            actor=mall["owner"], subscription=mall["sub"], name="x", webhook_url=url
        )
    assert err.value.code == "invalid_subscription"
    assert "webhook_url" in err.value.fields
    mall["sub"].refresh_from_db()
    assert mall["sub"].webhook_url == ""


def test_a_url_that_turned_private_is_not_called(
    mall, user, product, receiver, settings, django_capture_on_commit_callbacks
):
    r = receiver()
    services.subscription_update(
        actor=mall["owner"], subscription=mall["sub"], name="hooked", webhook_url=r.url
    )
    settings.FEEDS_WEBHOOK_ALLOW_PRIVATE = False
    with translation.override("en"):
        refresh(shared_review(user, product), django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert r.requests == [] and delivery.status == DeliveryStatus.PENDING
    assert "private" in delivery.last_error
