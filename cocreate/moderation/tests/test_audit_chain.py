"""The audit chain on real product events: a review, its edit, reports, a reply, a hiding
decision, an appeal and its outcome, a relationship declaration. `cocreate audit_verify`
passes on the untouched chain and exits non-zero naming the first broken event after each
kind of tampering (update, delete, insert, swap)."""

from __future__ import annotations

import json
import sys

import pytest
from django.db import connection

from cocreate.cli import main
from cocreate.contributions.services import contribution_edit
from cocreate.contributions.tests.factories import make_review
from cocreate.core.audit import audit_head, audit_verify, event_hash
from cocreate.core.models import AuditEvent, AuditHead
from cocreate.moderation import relationships, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(
    user, other_user, product, brand, brand_moderator, mall_key, moderator, second_moderator
):
    """A stretch of real history; returns the seq of each kind of event."""
    review = make_review(author=user, product=product, rating=1, body="전화 주세요 010-0000-0000")
    contribution_edit(actor=user, contribution=review, body="불친절했어요", rating=2)
    services.report_file(actor=other_user, contribution_id=review.pk, reason="personal_data")
    services.report_file(actor=mall_key[0], contribution_id=review.pk, reason="spam")
    services.reply_post(actor=brand_moderator, contribution_id=review.pk, body="확인하겠습니다")
    decision = services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="personal_data"
    )
    appeal = services.appeal_file(actor=user, decision_id=decision.pk, statement="지웠어요")
    services.appeal_decide(actor=second_moderator, appeal_id=appeal.pk, overturn=True)
    relationships.relationship_declare(actor=other_user, brand_id=brand.pk, relationship="family")
    return {e.event_type: e.seq for e in AuditEvent.objects.order_by("seq")}


def run_cli(capsys, *args: str) -> tuple[int, str]:
    argv = sys.argv
    sys.argv = ["cocreate", "audit_verify", *args]
    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    finally:
        sys.argv = argv
    out = capsys.readouterr()
    return code, out.out + out.err


def raw(sql: str, params: tuple = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_history_holds_every_kind_of_event(history):
    assert set(history) >= {
        "apikey.created",
        "contribution.created",
        "contribution.edited",
        "moderation.reported",
        "moderation.replied",
        "contribution.status_changed",
        "moderation.decided",
        "moderation.appealed",
        "moderation.appeal_decided",
        "relationship.declared",
    }


def test_an_untouched_chain_verifies(history, capsys):
    report = audit_verify()
    assert report.ok
    assert report.checked == AuditEvent.objects.count() == max(history.values())
    code, out = run_cli(capsys)
    assert code == 0
    assert f"audit chain intact: {report.checked} events" in out


def test_every_event_of_moderation_names_its_reason_and_no_text(history):
    decided = AuditEvent.objects.get(event_type="moderation.decided")
    payload = json.loads(decided.payload)
    assert (payload["outcome"], payload["reason"], payload["version"]) == (
        "hidden",
        "personal_data",
        2,
    )
    for event in AuditEvent.objects.all():
        assert "010-0000-0000" not in event.payload
        assert "불친절" not in event.payload


@pytest.mark.parametrize(
    ("column", "value"),
    [
        (
            "payload",
            '{"basis":"reports","contribution":1,"outcome":"hidden","reason":"spam","reports_closed":2,"version":2}',
        ),
        ("actor_id", "999"),
        ("event_type", "moderation.approved"),
        ("created_at", "2020-01-01 00:00:00"),
    ],
)
def test_an_updated_event_is_named(history, capsys, column, value):
    seq = history["moderation.decided"]
    raw(f"UPDATE core_auditevent SET {column} = %s WHERE seq = %s", (value, seq))  # noqa: S608
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == seq
    assert "altered" in report.broken.reason
    code, out = run_cli(capsys)
    assert code == 1
    assert f"#{seq}" in out


def test_a_deleted_decision_is_found(history, capsys):
    seq = history["moderation.decided"]
    raw("DELETE FROM core_auditevent WHERE seq = %s", (seq,))
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == seq + 1
    assert "deleted" in report.broken.reason
    code, out = run_cli(capsys)
    assert (code, f"#{seq + 1}" in out) == (1, True)


def test_a_deleted_last_event_is_found(history, capsys):
    last = max(history.values())
    raw("DELETE FROM core_auditevent WHERE seq = %s", (last,))
    code, out = run_cli(capsys)
    assert code == 1
    assert f"#{last}" in out


def test_an_inserted_event_is_named(history, capsys):
    """A well-formed event, with a valid hash of its own, slipped in before the decision."""
    seq = history["moderation.decided"]
    raw("UPDATE core_auditevent SET seq = seq + 1000 WHERE seq >= %s", (seq,))
    raw("UPDATE core_auditevent SET seq = seq - 999 WHERE seq >= %s", (seq + 1000,))
    before = AuditEvent.objects.get(seq=seq - 1)
    forged = AuditEvent(
        seq=seq,
        created_at=before.created_at,
        event_type="moderation.decided",
        actor_kind="user",
        actor_id="1",
        subject_type="moderation.decision",
        subject_id="77",
        payload='{"outcome":"approved"}',
        prev_hash=before.hash,
    )
    forged.hash = event_hash(forged)
    forged.save(force_insert=True)
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == seq + 1  # the real decision no longer follows its predecessor
    code, out = run_cli(capsys)
    assert (code, f"#{seq + 1}" in out) == (1, True)


def test_swapped_events_are_named(history, capsys):
    a, b = history["moderation.appealed"], history["moderation.appeal_decided"]
    raw("UPDATE core_auditevent SET seq = 100000 WHERE seq = %s", (a,))
    raw("UPDATE core_auditevent SET seq = %s WHERE seq = %s", (a, b))
    raw("UPDATE core_auditevent SET seq = %s WHERE seq = 100000", (b,))
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == a
    code, out = run_cli(capsys)
    assert (code, f"#{a}" in out) == (1, True)


def test_a_rewritten_history_is_caught_by_a_witness_of_the_head(history, client):
    """Rewriting every hash after an altered event makes the chain consistent again; anyone
    who noted the published head hash sees that history changed."""
    witness = client.get("/api/v1/transparency/head").json()
    assert witness["seq"] == audit_head().seq
    seq = history["moderation.decided"]
    event = AuditEvent.objects.get(seq=seq)
    event.payload = event.payload.replace("personal_data", "spam")
    prev = AuditEvent.objects.get(seq=seq - 1).hash
    for e in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        if e.seq == seq:
            e.payload = event.payload
        e.prev_hash = prev
        e.hash = event_hash(e)
        raw(
            "UPDATE core_auditevent SET payload=%s, prev_hash=%s, hash=%s WHERE seq=%s",
            (e.payload, e.prev_hash, e.hash, e.seq),
        )
        prev = e.hash
    AuditHead.objects.filter(pk=1).update(hash=prev)
    assert audit_verify().ok  # consistent, but no longer the history that was published
    now = client.get(f"/api/v1/transparency/chain/{witness['seq']}").json()
    assert now["hash"] != witness["hash"]
