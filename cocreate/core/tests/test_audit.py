import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from cocreate.core.audit import audit_head, audit_record, audit_verify
from cocreate.core.models import GENESIS_HASH, AuditEvent, AuditHead

pytestmark = pytest.mark.django_db


def record_three(user):
    with transaction.atomic():
        for n in range(3):
            audit_record("test.event", actor=user, subject=user, payload={"n": n, "text": "한글"})


def test_events_link_to_the_one_before(user):
    record_three(user)
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    head = audit_head()
    assert head is not None
    assert (head.seq, head.hash) == (3, events[2].hash)


def test_untouched_chain_verifies(user):
    record_three(user)
    report = audit_verify()
    assert report.ok
    assert report.checked == 3
    call_command("audit_verify")


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(user):
    with pytest.raises(RuntimeError):
        audit_record("test.event", actor=user)
    assert AuditEvent.objects.count() == 0


def test_payload_is_stored_canonically(user):
    with transaction.atomic():
        event = audit_record("test.event", actor=user, payload={"b": 2, "a": "가"})
    assert event.payload == '{"a":"가","b":2}'
    assert (event.actor_kind, event.actor_id) == ("user", str(user.pk))


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_altered_event_is_named(user):
    record_three(user)
    _raw("UPDATE core_auditevent SET payload = %s WHERE seq = 2", ['{"n":99,"text":"한글"}'])
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == 2
    assert "altered" in report.broken.reason
    with pytest.raises(CommandError, match="#2"):
        call_command("audit_verify")


def test_deleted_event_is_named(user):
    record_three(user)
    _raw("DELETE FROM core_auditevent WHERE seq = 2")
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == 3
    assert "deleted" in report.broken.reason


def test_deleted_last_event_is_found_through_the_head(user):
    record_three(user)
    _raw("DELETE FROM core_auditevent WHERE seq = 3")
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == 3
    assert "deleted" in report.broken.reason


def test_inserted_event_is_named(user):
    record_three(user)
    # Make room after #1 and slip in a well-formed event with its own valid hash.
    _raw("UPDATE core_auditevent SET seq = seq + 100 WHERE seq >= 2")
    _raw("UPDATE core_auditevent SET seq = seq - 99 WHERE seq >= 102")
    first = AuditEvent.objects.get(seq=1)
    forged = AuditEvent(
        seq=2,
        created_at=first.created_at,
        event_type="test.forged",
        actor_kind="system",
        actor_id="",
        subject_type="",
        subject_id="",
        payload="{}",
        prev_hash=first.hash,
    )
    from cocreate.core.audit import event_hash

    forged.hash = event_hash(forged)
    forged.save(force_insert=True)
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == 3  # the original #2, now #3, no longer follows its predecessor


def test_swapped_events_are_named(user):
    record_three(user)
    a, b = AuditEvent.objects.get(seq=2), AuditEvent.objects.get(seq=3)
    _raw("UPDATE core_auditevent SET seq = 1000 WHERE seq = 2")
    _raw("UPDATE core_auditevent SET seq = 2 WHERE seq = 3")
    _raw("UPDATE core_auditevent SET seq = 3 WHERE seq = 1000")
    assert AuditEvent.objects.get(seq=2).hash == b.hash
    assert AuditEvent.objects.get(seq=3).hash == a.hash
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == 2


def test_altered_head_is_found(user):
    record_three(user)
    AuditHead.objects.filter(pk=1).update(hash="f" * 64)
    report = audit_verify()
    assert report.broken is not None
    assert "head" in report.broken.reason


def test_empty_chain_verifies():
    assert audit_verify().ok
