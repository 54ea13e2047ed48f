from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One link of the append-only audit chain. `hash` is SHA-256 over the canonical form of the
    event, which includes `prev_hash`, the hash of the event before it (see core/audit.py)."""

    seq = models.PositiveBigIntegerField(primary_key=True)
    created_at = models.DateTimeField()
    event_type = models.CharField(max_length=64)
    actor_kind = models.CharField(max_length=16)  # user | apikey | system
    actor_id = models.CharField(max_length=64, blank=True)
    subject_type = models.CharField(max_length=64, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    payload = models.TextField()  # canonical JSON, exactly as hashed
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="audit_subject_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_type}"


class AuditHead(models.Model):
    """The newest link of the chain: a single row, locked while an event is appended."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="audithead_single_row")
        ]

    def __str__(self) -> str:
        return f"head #{self.seq}"


class PeriodicRun(models.Model):
    """When each periodic task was last enqueued; claimed with a conditional UPDATE so that
    several workers enqueue a due task once."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
