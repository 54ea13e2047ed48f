"""Co-development: workspace, royalty terms, launch, and the feedback behind an upgrade."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cocreate.catalog.tests.factories import BrandFactory, ProductFactory
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.ideas import services
from cocreate.ideas.enums import EventKind, IdeaState, Stage
from cocreate.ideas.models import IdeaEvidence, Launch, RoyaltyAgreement, WorkspaceFile
from cocreate.ideas.tests.factories import reload, support_many

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def accepted(gathering, brand_reviewer):
    support_many(gathering, 6)
    services.idea_decide(
        actor=brand_reviewer, idea=reload(gathering), accepted=True, reason="함께 만들어요"
    )
    return reload(gathering)


def test_workspace_work_by_proposer_and_brand_team(accepted, user, brand_reviewer):
    task = services.task_add(actor=user, idea=accepted, title="시제품 치수 정하기")
    assert task.stage == Stage.PLANNING
    services.task_set_done(actor=brand_reviewer, idea=accepted, task_id=task.pk, done=True)
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == brand_reviewer
    services.comment_add(actor=brand_reviewer, idea=accepted, body="3D 모델 보내 드릴게요")
    decision = services.decision_add(
        actor=brand_reviewer, idea=accepted, title="알루미늄 사용", body="무게 때문에"
    )
    assert decision.stage == Stage.PLANNING
    attachment = services.file_attach(
        actor=user, idea=accepted, upload=SimpleUploadedFile("스케치.png", PNG, "image/png")
    )
    assert attachment.size == len(PNG) and attachment.content_type == "image/png"
    assert attachment.name == "스케치.png"
    assert attachment.file.read() == PNG


def test_workspace_refuses_outsiders(accepted, other_user, brand_analyst, other_brand_moderator):
    for person in (other_user, brand_analyst, other_brand_moderator):
        with pytest.raises(Forbidden):
            services.comment_add(actor=person, idea=accepted, body="안녕하세요")


def test_workspace_closed_before_acceptance(gathering, user):
    with pytest.raises(Forbidden):
        services.task_add(actor=user, idea=gathering, title="할 일")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("page.html", b"<html><script>alert(1)</script>", "file_invalid"),
        ("logo.svg", b"<svg onload=alert(1)>", "file_invalid"),
        ("fake.png", b"GIF89a not a png", "file_invalid"),
        ("notes.txt", b"\xff\xfe\x00binary", "file_invalid"),
        ("empty.pdf", b"", "file_too_large"),
        ("big.pdf", b"%PDF-" + b"0" * 2048, "file_too_large"),
    ],
)
def test_attachment_limits(accepted, user, settings, name, content, code):
    settings.IDEAS_ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationFailed) as exc:
        services.file_attach(actor=user, idea=accepted, upload=SimpleUploadedFile(name, content))
    assert exc.value.code == code
    assert not WorkspaceFile.objects.exists()


def test_workspace_holds_a_limited_number_of_files(accepted, user, settings):
    settings.IDEAS_ATTACHMENTS_PER_WORKSPACE = 1
    services.file_attach(actor=user, idea=accepted, upload=SimpleUploadedFile("a.txt", b"hi"))
    with pytest.raises(ValidationFailed) as exc:
        services.file_attach(actor=user, idea=accepted, upload=SimpleUploadedFile("b.txt", b"yo"))
    assert exc.value.code == "workspace_full"
    assert WorkspaceFile.objects.count() == 1


def test_text_limits_and_unknown_task(accepted, user):
    with pytest.raises(ValidationFailed):
        services.comment_add(actor=user, idea=accepted, body="   ")
    with pytest.raises(ValidationFailed):
        services.task_add(actor=user, idea=accepted, title="x" * 201)
    with pytest.raises(ValidationFailed):
        services.task_add(actor=user, idea=accepted, title="할 일", stage="nope")
    with pytest.raises(NotFound):
        services.task_set_done(actor=user, idea=accepted, task_id=999999, done=True)


def test_stage_is_changed_by_the_brand_team_only(accepted, user, brand_reviewer):
    with pytest.raises(Forbidden):
        services.stage_set(actor=user, idea=accepted, stage=Stage.DESIGN)
    services.stage_set(actor=brand_reviewer, idea=accepted, stage=Stage.DESIGN)
    with pytest.raises(Conflict):
        services.stage_set(actor=brand_reviewer, idea=accepted, stage=Stage.DESIGN)
    with pytest.raises(ValidationFailed):
        services.stage_set(actor=brand_reviewer, idea=accepted, stage="launch")
    event = reload(accepted).events.get(kind=EventKind.STAGE_CHANGED)
    assert event.payload == {"from": "planning", "to": "design"}


def test_terms_default_to_the_campaign_rate_and_bounds(accepted, brand_owner, brand_reviewer, user):
    with pytest.raises(Forbidden):
        services.terms_offer(actor=brand_reviewer, idea=accepted)
    for bad in ("0", "6.01", "-1", "abc"):
        with pytest.raises(ValidationFailed) as exc:
            services.terms_offer(actor=brand_owner, idea=accepted, royalty_percent=bad)
        assert exc.value.code == "royalty_rate_invalid"
    agreement = services.terms_offer(actor=brand_owner, idea=accepted)
    assert agreement.royalty_percent == Decimal("1.00")
    services.terms_offer(actor=brand_owner, idea=accepted, royalty_percent="6")
    assert RoyaltyAgreement.objects.get(idea=accepted).royalty_percent == Decimal("6.00")
    with pytest.raises(Forbidden):
        services.terms_accept(actor=brand_owner, idea=accepted, royalty_percent="6")


def test_accepting_terms_that_changed_meanwhile_is_refused(accepted, brand_owner, user):
    services.terms_offer(actor=brand_owner, idea=accepted, royalty_percent="3")
    services.terms_offer(actor=brand_owner, idea=accepted, royalty_percent="1.5")
    with pytest.raises(Conflict):
        services.terms_accept(actor=user, idea=accepted, royalty_percent="3")
    assert reload(accepted).state == IdeaState.ACCEPTED
    services.terms_accept(actor=user, idea=accepted, royalty_percent="1.5")
    assert reload(accepted).state == IdeaState.IN_DEVELOPMENT


def test_accepting_without_an_offer_is_refused(accepted, user):
    with pytest.raises(Conflict):
        services.terms_accept(actor=user, idea=accepted, royalty_percent="1")


@pytest.fixture
def developing(accepted, brand_owner, user):
    services.terms_offer(actor=brand_owner, idea=accepted, royalty_percent="2")
    services.terms_accept(actor=user, idea=reload(accepted), royalty_percent="2")
    return reload(accepted)


def test_launch_rate_may_be_raised_never_lowered(developing, brand_owner, product):
    with pytest.raises(ValidationFailed):
        services.idea_launch(
            actor=brand_owner, idea=developing, product=product, royalty_percent="1"
        )
    with pytest.raises(ValidationFailed):
        services.idea_launch(
            actor=brand_owner, idea=developing, product=product, royalty_percent="7"
        )
    assert not Launch.objects.exists()
    launch = services.idea_launch(
        actor=brand_owner, idea=developing, product=product, royalty_percent="3"
    )
    assert launch.royalty_percent == Decimal("3.00")
    event = reload(developing).events.get(kind=EventKind.LAUNCHED)
    assert event.payload == {"product": product.pk, "royalty_percent": "3.00"}


def test_launch_needs_the_brands_own_product_and_its_owner(
    developing, brand_owner, brand_reviewer, other_brand_org, category
):
    foreign = ProductFactory(brand=BrandFactory(org=other_brand_org), category=category)
    with pytest.raises(ValidationFailed):
        services.idea_launch(actor=brand_owner, idea=developing, product=foreign)
    with pytest.raises(Forbidden):
        services.idea_launch(actor=brand_reviewer, idea=developing, product=foreign)
    assert reload(developing).state == IdeaState.IN_DEVELOPMENT


def test_feedback_behind_an_adopted_upgrade(
    accepted,
    brand_reviewer,
    product,
    other_user,
    other_brand_org,
    category,
    django_capture_on_commit_callbacks,
):
    from cocreate.accounts.models import Notification

    complaint = make_complaint(author=other_user, product=product)
    review = make_review(author=other_user, product=product, rating=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_link(actor=brand_reviewer, idea=accepted, contribution=complaint)
    services.evidence_link(actor=brand_reviewer, idea=accepted, contribution=review, note="배송")
    assert IdeaEvidence.objects.filter(idea=accepted).count() == 2
    assert Notification.objects.filter(user=other_user, kind="idea.evidence_linked").exists()
    with pytest.raises(Conflict):
        services.evidence_link(actor=brand_reviewer, idea=accepted, contribution=complaint)
    foreign = make_complaint(
        author=other_user,
        product=ProductFactory(brand=BrandFactory(org=other_brand_org), category=category),
    )
    with pytest.raises(ValidationFailed):
        services.evidence_link(actor=brand_reviewer, idea=accepted, contribution=foreign)
    with pytest.raises(ValidationFailed):
        services.evidence_link(
            actor=brand_reviewer, idea=accepted, contribution=accepted.contribution
        )
    with pytest.raises(Forbidden):
        services.evidence_link(actor=other_user, idea=accepted, contribution=complaint)
    assert IdeaEvidence.objects.filter(idea=accepted).count() == 2
