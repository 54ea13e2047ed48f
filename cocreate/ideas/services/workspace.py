"""The co-development workspace of an accepted idea: tasks, comments, file attachments and
the decision log, worked on by the credited proposers and the brand team, and its stage."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.core.audit import audit_record
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.ideas.enums import EventKind, Stage
from cocreate.ideas.enums import IdeaErrorCode as Code
from cocreate.ideas.models import (
    Idea,
    Workspace,
    WorkspaceComment,
    WorkspaceDecision,
    WorkspaceFile,
    WorkspaceTask,
)
from cocreate.ideas.models.workspace import TEXT_MAX, TITLE_MAX
from cocreate.ideas.permissions import can_steer_development, can_work_in_workspace
from cocreate.ideas.services.events import lock_idea, record_event, team_role

MAGIC: dict[str, tuple[bytes, ...]] = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "pdf": (b"%PDF-",),
}
TEXT_TYPES = ("txt", "csv", "md")


def _workspace(actor: Any, idea: Idea) -> Workspace:
    if not can_work_in_workspace(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("Only the proposers and the brand team work here."))
    workspace = Workspace.objects.filter(idea=idea).first()
    if workspace is None:
        raise NotFound("not_found", _("This idea has no workspace."))
    return workspace


def _text(value: str, *, field: str, limit: int, required: bool = True) -> str:
    text = (value or "").strip()
    if (required and not text) or len(text) > limit:
        raise ValidationFailed(
            Code.INVALID,
            _("Some fields need attention."),
            fields={field: [_("Write 1 to %(n)d characters.") % {"n": limit}]},
        )
    return text


def task_add(*, actor: Any, idea: Idea, title: str, stage: str = "") -> WorkspaceTask:
    workspace = _workspace(actor, idea)
    text = _text(title, field="title", limit=TITLE_MAX)
    if stage and stage not in Stage.values:
        raise ValidationFailed(
            Code.INVALID, _("Some fields need attention."), fields={"stage": [_("Unknown stage.")]}
        )
    return WorkspaceTask.objects.create(
        workspace=workspace, title=text, stage=stage or workspace.stage, created_by=actor
    )


def task_set_done(*, actor: Any, idea: Idea, task_id: int, done: bool) -> WorkspaceTask:
    workspace = _workspace(actor, idea)
    task = WorkspaceTask.objects.filter(pk=task_id, workspace=workspace).first()
    if task is None:
        raise NotFound("not_found", _("No such task."))
    if done:
        WorkspaceTask.objects.filter(pk=task.pk, done_at__isnull=True).update(
            done_at=timezone.now(), done_by=actor
        )
    else:
        WorkspaceTask.objects.filter(pk=task.pk).update(done_at=None, done_by=None)
    task.refresh_from_db()
    return task


def comment_add(*, actor: Any, idea: Idea, body: str) -> WorkspaceComment:
    workspace = _workspace(actor, idea)
    text = _text(body, field="body", limit=TEXT_MAX)
    return WorkspaceComment.objects.create(workspace=workspace, author=actor, body=text)


def decision_add(*, actor: Any, idea: Idea, title: str, body: str = "") -> WorkspaceDecision:
    """Append to the decision log; entries are never edited."""
    workspace = _workspace(actor, idea)
    head = _text(title, field="title", limit=TITLE_MAX)
    text = _text(body, field="body", limit=TEXT_MAX, required=False)
    with transaction.atomic():
        decision = WorkspaceDecision.objects.create(
            workspace=workspace, title=head, body=text, stage=workspace.stage, decided_by=actor
        )
        audit_record(
            "idea.workspace_decision",
            actor=actor,
            subject=idea,
            payload={
                "decision": decision.pk,
                "sha256": hashlib.sha256(f"{head}\n{text}".encode()).hexdigest(),
            },
        )
    return decision


def _file_invalid(message: str, code: str = Code.FILE_INVALID) -> ValidationFailed:
    return ValidationFailed(code, message, fields={"file": [message]})


def _checked_type(upload: UploadedFile[bytes]) -> tuple[str, str, bytes]:
    """(extension, content type, content) of an acceptable upload, or ValidationFailed."""
    types: dict[str, str] = settings.IDEAS_ATTACHMENT_TYPES
    limit: int = settings.IDEAS_ATTACHMENT_MAX_BYTES
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in types:
        raise _file_invalid(
            _("Attach images (PNG, JPEG, GIF, WebP), PDF, or text (TXT, CSV, MD) files.")
        )
    if not upload.size or upload.size > limit:
        raise _file_invalid(
            _("Files must be between 1 byte and %(mb)d MB.") % {"mb": limit // (1024 * 1024)},
            Code.FILE_TOO_LARGE,
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise _file_invalid(_("The file is too large."), Code.FILE_TOO_LARGE)
    if ext == "webp":
        ok = content[:4] == b"RIFF" and content[8:12] == b"WEBP"
    elif ext in TEXT_TYPES:
        try:
            ok = b"\x00" not in content and bool(content.decode("utf-8"))
        except UnicodeDecodeError:
            ok = False
    else:
        ok = content.startswith(MAGIC[ext])
    if not ok:
        raise _file_invalid(_("The file's content does not match its type."))
    return ext, types[ext], content


def _display_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?')
    return cleaned[-120:] or "file"


def file_attach(*, actor: Any, idea: Idea, upload: UploadedFile[bytes]) -> WorkspaceFile:
    workspace = _workspace(actor, idea)
    if WorkspaceFile.objects.filter(workspace=workspace).count() >= (
        settings.IDEAS_ATTACHMENTS_PER_WORKSPACE
    ):
        raise _file_invalid(_("This workspace holds as many files as it can."), Code.WORKSPACE_FULL)
    ext, content_type, content = _checked_type(upload)
    digest = hashlib.sha256(content).hexdigest()
    stored = default_storage.save(
        f"ideas/workspace/{idea.pk}/{uuid.uuid4().hex}.{ext}", ContentFile(content)
    )
    try:
        with transaction.atomic():
            attachment = WorkspaceFile.objects.create(
                workspace=workspace,
                uploaded_by=actor,
                file=stored,
                name=_display_name(upload.name or f"file.{ext}"),
                size=len(content),
                content_type=content_type,
                sha256=digest,
            )
            audit_record(
                "idea.workspace_file",
                actor=actor,
                subject=idea,
                payload={"file": attachment.pk, "sha256": digest, "size": len(content)},
            )
    except Exception:
        default_storage.delete(stored)
        raise
    return attachment


def stage_set(*, actor: Any, idea: Idea, stage: str) -> Workspace:
    """The brand team moves the work to another stage (planning, design, technical refinement)."""
    if not can_steer_development(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("Only the brand team changes the stage."))
    if stage not in Stage.values:
        raise ValidationFailed(
            Code.INVALID, _("Some fields need attention."), fields={"stage": [_("Unknown stage.")]}
        )
    with transaction.atomic():
        locked = lock_idea(idea.pk)
        workspace = Workspace.objects.select_for_update().get(idea=locked)
        if workspace.stage == stage:
            raise Conflict(Code.INVALID, _("The work is already at this stage."))
        previous = workspace.stage
        now = timezone.now()
        workspace.stage, workspace.stage_changed_at = stage, now
        workspace.save(update_fields=["stage", "stage_changed_at"])
        role, org_id = team_role(actor, locked)
        record_event(
            locked,
            EventKind.STAGE_CHANGED,
            actor=actor,
            role=role,
            org_id=org_id,
            payload={"from": previous, "to": stage},
            now=now,
        )
    return workspace
