"""Writes on contributions. Every function is one transaction, writes its audit event in it,
and enqueues the contribution pipeline (settings.CONTRIBUTION_CHANGE_TASKS) after commit."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from cocreate.catalog.models import Brand, Category, Product
from cocreate.contributions.enums import (
    ContributionErrorCode as Code,
)
from cocreate.contributions.enums import (
    IdeaType,
    Kind,
    Relationship,
    Source,
    Status,
    VerificationMethod,
)
from cocreate.contributions.models import (
    BODY_MAX,
    TITLE_MAX,
    Contribution,
    ContributionVersion,
    PurchaseOrder,
    ReviewInvitation,
)
from cocreate.contributions.text import (
    body_hash,
    clean_submitted,
    full_text,
    has_control_characters,
)
from cocreate.core.audit import audit_record
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.core.tasks import enqueue_path_on_commit
from cocreate.core.text import detect_language, normalize
from cocreate.orgs.models import Organisation

INVITATION_SALT = "contributions.review-invitation"
INVITATION_DAYS_DEFAULT = 30
INVITATION_DAYS_MAX = 180


# --- helpers --------------------------------------------------------------------------------


def revenue_share_note() -> str:
    """Why a shared contribution counts as incentivised: sharing it with malls promises its
    author a share of what they pay (docs/rewards.md). Stored in the platform's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_("Shared with malls: its author is promised a share of what they pay"))


def language_of(title: str, body: str) -> str:
    """The language of a contribution's text, known the moment it is written (the enrichment
    reads the same text and records the same answer)."""
    return detect_language(normalize(full_text(title, body)))


def _changed(contribution_id: int) -> None:
    for path in settings.CONTRIBUTION_CHANGE_TASKS:
        enqueue_path_on_commit(path, contribution_id)


def _invalid(errors: dict[str, list[str]]) -> ValidationFailed:
    return ValidationFailed(Code.INVALID, _("Some fields need attention."), fields=errors)


def _check_text(title: str, body: str, *, title_required: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if title_required and not title:
        errors["title"] = [_("Give it a title.")]
    if len(title) > TITLE_MAX:
        errors["title"] = [_("At most %(n)d characters.") % {"n": TITLE_MAX}]
    if not body:
        errors["body"] = [_("Write something first.")]
    elif len(body) > BODY_MAX:
        errors["body"] = [_("At most %(n)d characters.") % {"n": BODY_MAX}]
    for name, value in (("title", title), ("body", body)):
        if has_control_characters(value):
            errors.setdefault(name, []).append(_("Contains characters that cannot be stored."))
    return errors


def _check_rating(rating: Any) -> dict[str, list[str]]:
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        return {"rating": [_("Choose a rating from 1 to 5 stars.")]}
    return {}


def _apply_review_counters(product_id: int, *, count: int, rating: int) -> None:
    Product.objects.filter(pk=product_id).update(
        review_count=F("review_count") + count, rating_sum=F("rating_sum") + count * rating
    )


def email_digest(email: str) -> str:
    """Keyed digest of a normalised email: lets orders match buyers without storing emails."""
    key = hashlib.sha256(f"order-email:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


@dataclass
class Verification:
    method: str = ""
    invitation: ReviewInvitation | None = None


@dataclass
class SubmitOptions:
    """What a channel may add beyond the text: passed to the kind's handler (see below)."""

    extra: dict[str, Any] = field(default_factory=dict)


# --- creating -------------------------------------------------------------------------------


def _create(
    *,
    actor: Any,
    kind: str,
    title: str,
    body: str,
    rating: int | None,
    product: Product | None,
    brand: Brand | None,
    category: Category | None,
    idea_type: str,
    status: str,
    b2b_consent: bool | None,
    declared_relationship: str,
    verification: Verification,
    source: str,
    created_at: datetime | None,
    import_key: str | None,
    options: SubmitOptions | None,
) -> Contribution:
    now = timezone.now()
    created = created_at or now
    consent = actor.b2b_consent if b2b_consent is None else b2b_consent
    if declared_relationship and declared_relationship not in Relationship.values:
        raise _invalid({"declared_relationship": [_("Choose one of the listed relationships.")]})
    contribution = Contribution(
        kind=kind,
        author=actor,
        product=product,
        brand=brand or (product.brand if product else None),
        category=category or (product.category if product else None),
        idea_type=idea_type,
        rating=rating,
        title=title,
        body=body,
        body_sha256=body_hash(body),
        language=language_of(title, body),
        status=status,
        status_changed_at=created,
        published_at=created if status == Status.PUBLISHED else None,
        b2b_consent=consent,
        # Shared with malls means promised a share of what they pay: incentivised from the start.
        incentivised=consent,
        incentive_note=revenue_share_note() if consent else "",
        verified_purchase=bool(verification.method),
        verification_method=verification.method,
        declared_relationship=declared_relationship,
        source=source,
        import_key=import_key,
        created_at=created,
    )
    try:
        with transaction.atomic():
            contribution.save(force_insert=True)
    except IntegrityError:
        if import_key and Contribution.objects.filter(import_key=import_key).exists():
            raise Conflict("duplicate_import_key", _("This row was imported before.")) from None
        raise
    ContributionVersion.objects.create(
        contribution=contribution,
        number=1,
        title=title,
        body=body,
        rating=rating,
        body_sha256=contribution.body_sha256,
        created_at=created,
    )
    if kind == Kind.REVIEW and status == Status.PUBLISHED and product is not None and rating:
        _apply_review_counters(product.pk, count=1, rating=rating)
    if verification.invitation is not None:
        claimed = ReviewInvitation.objects.filter(
            pk=verification.invitation.pk, used_at__isnull=True
        ).update(used_at=now, contribution=contribution)
        if claimed != 1:
            raise Conflict(Code.INVITATION_USED, _("This invitation has already been used."))
    audit_record(
        "contribution.created",
        actor=actor,
        subject=contribution,
        payload={
            "kind": kind,
            "version": 1,
            "body_sha256": contribution.body_sha256,
            "rating": rating,
            "status": status,
            "verified": verification.method,
        },
    )
    handler_path = settings.CONTRIBUTION_KIND_HANDLERS.get(kind)
    if handler_path:
        import_string(handler_path)(contribution, (options or SubmitOptions()).extra)
    _changed(contribution.pk)
    return contribution


def _verification_for_review(
    actor: Any, product: Product, invitation_token: str | None
) -> Verification:
    if invitation_token:
        invitation = invitation_check(invitation_token)
        if invitation.product_id != product.pk:
            raise ValidationFailed(
                Code.INVITATION_WRONG_PRODUCT, _("This invitation is for a different product.")
            )
        return Verification(method=VerificationMethod.INVITATION, invitation=invitation)
    if PurchaseOrder.objects.filter(
        product=product, email_digest=email_digest(actor.email)
    ).exists():
        return Verification(method=VerificationMethod.ORDER)
    return Verification()


def review_submit(
    *,
    actor: Any,
    product: Product | None,
    rating: Any,
    body: str,
    title: str = "",
    b2b_consent: bool | None = None,
    declared_relationship: str = "",
    invitation_token: str | None = None,
    source: str = Source.WEB,
    created_at: datetime | None = None,
    import_key: str | None = None,
) -> Contribution:
    title, body = clean_submitted(title), clean_submitted(body)
    errors = _check_text(title, body, title_required=False) | _check_rating(rating)
    if product is None:
        errors["product"] = [_("Choose the product you are reviewing.")]
    if errors or product is None:
        raise _invalid(errors)
    with transaction.atomic():
        verification = _verification_for_review(actor, product, invitation_token)
        return _create(
            actor=actor,
            kind=Kind.REVIEW,
            title=title,
            body=body,
            rating=rating,
            product=product,
            brand=None,
            category=None,
            idea_type="",
            status=Status.PUBLISHED,
            b2b_consent=b2b_consent,
            declared_relationship=declared_relationship,
            verification=verification,
            source=source,
            created_at=created_at,
            import_key=import_key,
            options=None,
        )


def complaint_submit(
    *,
    actor: Any,
    body: str,
    title: str = "",
    product: Product | None = None,
    brand: Brand | None = None,
    category: Category | None = None,
    b2b_consent: bool | None = None,
    declared_relationship: str = "",
    source: str = Source.WEB,
    created_at: datetime | None = None,
    import_key: str | None = None,
) -> Contribution:
    title, body = clean_submitted(title), clean_submitted(body)
    errors = _check_text(title, body, title_required=False)
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        return _create(
            actor=actor,
            kind=Kind.COMPLAINT,
            title=title,
            body=body,
            rating=None,
            product=product,
            brand=brand,
            category=category,
            idea_type="",
            status=Status.PUBLISHED,
            b2b_consent=b2b_consent,
            declared_relationship=declared_relationship,
            verification=Verification(),
            source=source,
            created_at=created_at,
            import_key=import_key,
            options=None,
        )


def idea_create(
    *,
    actor: Any,
    title: str,
    body: str,
    idea_type: str,
    product: Product | None = None,
    category: Category | None = None,
    b2b_consent: bool | None = None,
    declared_relationship: str = "",
    status: str = Status.PENDING,
    source: str = Source.WEB,
    created_at: datetime | None = None,
    import_key: str | None = None,
    options: SubmitOptions | None = None,
) -> Contribution:
    """Ideas wait for moderation before they are published (status PENDING), or stay a DRAFT.
    The ideas app attaches its lifecycle through CONTRIBUTION_KIND_HANDLERS["idea"]."""
    title, body = clean_submitted(title), clean_submitted(body)
    errors = _check_text(title, body, title_required=True)
    if idea_type not in IdeaType.values:
        errors["idea_type"] = [_("Say whether it upgrades a product or is a new product.")]
    elif idea_type == IdeaType.UPGRADE and product is None:
        errors["product"] = [_("Choose the product this idea upgrades.")]
    elif idea_type == IdeaType.NEW and category is None:
        errors["category"] = [_("Choose the category of the new product.")]
    if status not in (Status.DRAFT, Status.PENDING, Status.PUBLISHED):
        errors["status"] = [_("Invalid starting status.")]
    if errors:
        raise _invalid(errors)
    with transaction.atomic():
        return _create(
            actor=actor,
            kind=Kind.IDEA,
            title=title,
            body=body,
            rating=None,
            product=product if idea_type == IdeaType.UPGRADE else None,
            brand=None,
            category=category,
            idea_type=idea_type,
            status=status,
            b2b_consent=b2b_consent,
            declared_relationship=declared_relationship,
            verification=Verification(),
            source=source,
            created_at=created_at,
            import_key=import_key,
            options=options,
        )


# --- editing --------------------------------------------------------------------------------

EDITABLE = (Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.HIDDEN)


def contribution_edit(
    *,
    actor: Any,
    contribution: Contribution,
    body: str,
    title: str | None = None,
    rating: Any = None,
) -> ContributionVersion:
    """A new version by the author. Earlier versions stay readable; nobody else can edit."""
    with transaction.atomic():
        c = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if c.author_id != getattr(actor, "pk", None):
            raise Forbidden(Code.NOT_AUTHOR, _("Only the author can edit this."))
        if c.status not in EDITABLE:
            raise Conflict(Code.NOT_EDITABLE, _("A withdrawn contribution cannot be edited."))
        new_title = clean_submitted(c.title if title is None else title)
        new_body = clean_submitted(body)
        new_rating = c.rating if rating is None else rating
        errors = _check_text(new_title, new_body, title_required=c.kind == Kind.IDEA)
        if c.kind == Kind.REVIEW:
            errors |= _check_rating(new_rating)
        elif rating is not None:
            errors["rating"] = [_("Only reviews have a rating.")]
        if errors:
            raise _invalid(errors)
        if (new_title, new_body, new_rating) == (c.title, c.body, c.rating):
            raise ValidationFailed(Code.UNCHANGED, _("Nothing was changed."))
        now = timezone.now()
        number = c.version_count + 1
        version = ContributionVersion.objects.create(
            contribution=c,
            number=number,
            title=new_title,
            body=new_body,
            rating=new_rating,
            body_sha256=body_hash(new_body),
            created_at=now,
        )
        if (
            c.kind == Kind.REVIEW
            and c.status == Status.PUBLISHED
            and c.rating != new_rating
            and c.product_id is not None
            and c.rating is not None
            and new_rating is not None
        ):
            _apply_review_counters(c.product_id, count=-1, rating=c.rating)
            _apply_review_counters(c.product_id, count=1, rating=new_rating)
        Contribution.objects.filter(pk=c.pk).update(
            title=new_title,
            body=new_body,
            rating=new_rating,
            body_sha256=version.body_sha256,
            language=language_of(new_title, new_body),
            version_count=number,
            edited_at=now,
            updated_at=now,
        )
        audit_record(
            "contribution.edited",
            actor=actor,
            subject=c,
            payload={"version": number, "body_sha256": version.body_sha256, "rating": new_rating},
        )
        _changed(c.pk)
    contribution.refresh_from_db()
    return version


def contribution_withdraw(*, actor: Any, contribution: Contribution) -> Contribution:
    if contribution.author_id != getattr(actor, "pk", None):
        raise Forbidden(Code.NOT_AUTHOR, _("Only the author can withdraw this."))
    return contribution_set_status(
        actor=actor, contribution=contribution, status=Status.WITHDRAWN, reason="author"
    )


def contribution_set_status(
    *, actor: Any, contribution: Contribution, status: str, reason: str = ""
) -> Contribution:
    """Move a contribution between statuses and keep the product counters right. Callers check
    permission first: the author withdraws; moderation publishes and hides (moderation app)."""
    if status not in Status.values:
        raise ValidationFailed(Code.INVALID, _("Unknown status."))
    with transaction.atomic():
        c = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if c.status == status:
            return c
        if c.status == Status.WITHDRAWN:
            raise Conflict(Code.NOT_EDITABLE, _("A withdrawn contribution stays withdrawn."))
        now = timezone.now()
        was_public, is_public = c.status == Status.PUBLISHED, status == Status.PUBLISHED
        if c.kind == Kind.REVIEW and was_public != is_public and c.product_id and c.rating:
            _apply_review_counters(c.product_id, count=1 if is_public else -1, rating=c.rating)
        previous = c.status
        c.status, c.status_reason, c.status_changed_at = status, reason[:32], now
        if is_public and c.published_at is None:
            c.published_at = now
        c.save(
            update_fields=[
                "status",
                "status_reason",
                "status_changed_at",
                "published_at",
                "updated_at",
            ]
        )
        audit_record(
            "contribution.status_changed",
            actor=actor,
            subject=c,
            payload={"from": previous, "to": status, "reason": reason[:32]},
        )
        _changed(c.pk)
    return c


def contribution_set_consent(
    *, actor: Any, contribution: Contribution, granted: bool
) -> Contribution:
    """The author's choice for this one contribution. Withdrawing it makes feeds send a
    tombstone to the malls that received it."""
    if contribution.author_id != getattr(actor, "pk", None):
        raise Forbidden(Code.NOT_AUTHOR, _("Only the author can change this."))
    with transaction.atomic():
        updated = (
            Contribution.objects.filter(pk=contribution.pk)
            .exclude(b2b_consent=granted)
            .update(b2b_consent=granted, updated_at=timezone.now())
        )
        if updated:
            audit_record(
                "contribution.consent_changed",
                actor=actor,
                subject=contribution,
                payload={"granted": granted},
            )
            if granted:
                # From now on its author is promised a share of what malls pay for it; the label
                # stays even if sharing is turned off again (the promise was made).
                contribution_mark_incentivised(
                    contribution_id=contribution.pk, note=revenue_share_note()
                )
            _changed(contribution.pk)
    contribution.refresh_from_db()
    return contribution


def contribution_mark_incentivised(*, contribution_id: int, note: str) -> bool:
    """Set by the code that pays or promises something for a contribution (ledger, test
    sessions). Never unset: once promised, always disclosed. True when it changed."""
    with transaction.atomic():
        changed = Contribution.objects.filter(pk=contribution_id, incentivised=False).update(
            incentivised=True, incentive_note=note[:200], updated_at=timezone.now()
        )
        if changed:
            c = Contribution.objects.get(pk=contribution_id)
            audit_record(
                "contribution.incentivised", actor=None, subject=c, payload={"note": note[:200]}
            )
            _changed(contribution_id)
    return bool(changed)


# --- verified purchase ------------------------------------------------------------------------


def order_post(
    *, org: Organisation, external_id: str, email: str, product: Product, purchased_at: datetime
) -> PurchaseOrder:
    """Record an order line posted by a brand or mall; idempotent on (org, id, product)."""
    external_id = external_id.strip()
    if not external_id or len(external_id) > 64 or "@" not in email or len(email) > 254:
        raise ValidationFailed(
            Code.ORDER_INVALID,
            _("An order needs an id (up to 64 characters) and the buyer's email."),
        )
    order, _created = PurchaseOrder.objects.get_or_create(
        org=org,
        external_id=external_id,
        product=product,
        defaults={"email_digest": email_digest(email), "purchased_at": purchased_at},
    )
    return order


def order_cancel(*, org: Organisation, external_id: str) -> int:
    """Mark an order cancelled or refunded. Reviews made through it stay exactly as they are."""
    return PurchaseOrder.objects.filter(
        org=org, external_id=external_id, cancelled_at__isnull=True
    ).update(cancelled_at=timezone.now())


def invitation_issue(
    *,
    org: Organisation,
    product: Product,
    order: PurchaseOrder | None = None,
    days: int = INVITATION_DAYS_DEFAULT,
) -> tuple[ReviewInvitation, str]:
    if not 1 <= days <= INVITATION_DAYS_MAX:
        raise ValidationFailed(Code.INVITATION_INVALID, _("Invitations last 1 to 180 days."))
    if (
        product.brand.org_id != org.pk
        and not PurchaseOrder.objects.filter(org=org, product=product).exists()
    ):
        raise Forbidden(
            "forbidden", _("You can invite reviews only of your own products or orders.")
        )
    invitation = ReviewInvitation.objects.create(
        org=org, product=product, order=order, expires_at=timezone.now() + timedelta(days=days)
    )
    return invitation, signing.dumps(str(invitation.id), salt=INVITATION_SALT, compress=False)


def invitation_check(token: str) -> ReviewInvitation:
    """The invitation behind a token, if it is genuine, unexpired and unused."""
    try:
        invitation_id = signing.loads(
            token[:200], salt=INVITATION_SALT, max_age=timedelta(days=INVITATION_DAYS_MAX)
        )
    except signing.SignatureExpired:
        raise ValidationFailed(Code.INVITATION_EXPIRED, _("This invitation has expired.")) from None
    except signing.BadSignature:
        raise ValidationFailed(
            Code.INVITATION_INVALID, _("This invitation link is not valid.")
        ) from None
    invitation = ReviewInvitation.objects.select_related("product").filter(pk=invitation_id).first()
    if invitation is None:
        raise NotFound(Code.INVITATION_INVALID, _("This invitation link is not valid."))
    if invitation.used_at is not None:
        raise Conflict(Code.INVITATION_USED, _("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise ValidationFailed(Code.INVITATION_EXPIRED, _("This invitation has expired."))
    return invitation
