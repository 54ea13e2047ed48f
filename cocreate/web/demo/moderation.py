"""Demo data: moderation. Two platform moderators who can log in; a handful of contributions
that deserve moderation (a phone number, an advert, an off-topic text, an insult) written by
demo people about the demo products, reported by people and by the brand, and decided; a harsh
but fair review the brand reported and a moderator kept; an appeal that succeeds and one that
does not; the brand's public replies; ideas waiting for moderation; a standing declaration of
an employee. Everything goes through the services, so the audit chain and the transparency
report hold it. Idempotent: it runs once."""

from __future__ import annotations

from typing import Any, TextIO

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.catalog.models import Brand, Category, Product
from cocreate.contributions import services as contributions
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.moderation import relationships, services
from cocreate.moderation.models import Decision, Reply
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Membership, Organisation
from cocreate.web.demodata.people import DEMO_PASSWORD

MODERATOR = "moderator@demo.cocreate.local"
SECOND_MODERATOR = "moderator2@demo.cocreate.local"
BRAND_MODERATOR = "brand-moderator@demo.cocreate.local"
DOMAIN = "demo.cocreate.local"
QUIET_MAIL = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

PEOPLE = [
    ("mod-writer1", "김하늘"),
    ("mod-writer2", "박서준"),
    ("mod-writer3", "이수민"),
    ("mod-writer4", "최유진"),
    ("mod-reader", "정다은"),
]

# (writer, rating, text, what moderation does with it)
REVIEWS = [
    (0, 1, "배송이 일주일이나 걸렸고 박스가 찌그러져 왔어요. 문의해도 답이 없네요.", "report_keep"),
    (1, 2, "사진이랑 색이 너무 달라요. 반품하려고 했더니 왕복 배송비를 내라고 합니다.", "reply"),
    (
        2,
        1,
        "불량이라 교환받고 싶은데 연락이 안 됩니다. 제 번호 010-2841-7730 으로 꼭 전화 주세요.",
        "hide_personal_data_then_overturn",
    ),
    (3, 5, "최저가 구매는 여기로 → cheap-deal.example 카톡 문의 환영 할인코드 SALE99", "hide_spam"),
    (0, 4, "저희 강아지 산책 코스 추천합니다. 한강공원 뚝섬 쪽이 제일 좋아요.", "hide_off_topic"),
    (1, 3, "이딴 걸 물건이라고 파냐? 판매자 ○○○ 진짜 머리가 있긴 한 거냐", "hide_abuse_upheld"),
    (2, 5, "가볍고 튼튼해요. 한 달째 매일 쓰는데 아직 멀쩡합니다.", "none"),
    (3, 3, "무난합니다. 가격을 생각하면 괜찮은 편이에요.", "none"),
]

IDEAS = [
    (
        0,
        "뚜껑에 눈금 표시를 넣어 주세요",
        "물 양을 맞출 때마다 계량컵을 따로 꺼내야 해서 불편해요. 안쪽에 눈금이 있으면 좋겠습니다.",
    ),
    (
        3,
        "리필용 파우치를 따로 팔아 주세요",
        "본품 용기는 멀쩡한데 매번 새로 사야 해서 쓰레기가 많이 나옵니다. 리필 파우치를 원해요.",
    ),
]


def _user(local: str, name: str, *, staff: bool = False) -> User:
    email = local if "@" in local else f"{local}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, display_name=name, email_verified_at=timezone.now()
        )
    if staff and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


def _category() -> Category:
    category = Category.objects.filter(pk=638).first()  # Home & Garden > Kitchen & Dining
    return category or Category.objects.order_by("level", "pk").first() or _no_taxonomy()


def _no_taxonomy() -> Category:
    raise RuntimeError("load the taxonomy first (cocreate load_taxonomy)")


def _product() -> Product:
    """A product of a brand that runs its community here: the demo's own if there is none."""
    product = (
        Product.objects.filter(brand__org__kind=OrgKind.BRAND)
        .select_related("brand")
        .order_by("pk")
        .first()
    )
    if product is not None:
        return product
    org, _ = Organisation.objects.get_or_create(
        slug="modern-kitchen",
        defaults={
            "kind": OrgKind.BRAND,
            "name": "모던키친",
            "description": "주방 살림을 만드는 브랜드",
        },
    )
    brand, _ = Brand.objects.get_or_create(
        slug="modern-kitchen", defaults={"name": "모던키친", "org": org}
    )
    product, _ = Product.objects.get_or_create(
        brand=brand,
        sku="MK-POT-3",
        defaults={
            "category": _category(),
            "name": "스테인리스 냄비 3종 세트",
            "description": "16·18·20cm 편수·양수 냄비 세트",
        },
    )
    return product


def _brand_moderator(org: Organisation) -> User:
    member = (
        Membership.objects.filter(org=org, role__in=(Role.MODERATOR, Role.OWNER))
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    if member is not None:
        return member.user
    user = _user(BRAND_MODERATOR, f"{org.name} 고객지원")
    Membership.objects.get_or_create(org=org, user=user, role=Role.MODERATOR)
    return user


def _act(plan: str, review: Contribution, cast: dict[str, Any]) -> None:
    moderator, second = cast["moderator"], cast["second"]
    if plan == "report_keep":
        services.report_file(actor=cast["brand"], contribution_id=review.pk, reason="abuse")
        services.decision_make(
            actor=moderator,
            contribution_id=review.pk,
            outcome="approved",
            note="제품과 배송에 대한 비판은 욕설이 아닙니다.",
        )
        services.reply_post(
            actor=cast["brand"],
            contribution_id=review.pk,
            body="불편을 드려 죄송합니다. 택배사와 포장 방식을 바꾸고 있습니다.",
        )
    elif plan == "reply":
        services.reply_post(
            actor=cast["brand"],
            contribution_id=review.pk,
            body="색상 차이로 불편을 드렸습니다. 반품 배송비는 저희가 부담하겠습니다.",
        )
    elif plan == "hide_personal_data_then_overturn":
        services.report_file(
            actor=cast["reader"], contribution_id=review.pk, reason="personal_data"
        )
        decision = services.decision_make(
            actor=moderator,
            contribution_id=review.pk,
            outcome="hidden",
            reason="personal_data",
            note="전화번호를 지우고 이의를 제기해 주시면 다시 공개됩니다.",
        )
        author = review.author
        contributions.contribution_edit(
            actor=author,
            contribution=review,
            body="불량이라 교환받고 싶은데 연락이 안 됩니다. 고객센터에서 먼저 연락 주세요.",
        )
        appeal = services.appeal_file(
            actor=author, decision_id=decision.pk, statement="전화번호를 지웠습니다."
        )
        services.appeal_decide(
            actor=second,
            appeal_id=appeal.pk,
            overturn=True,
            answer="확인했습니다. 다시 공개합니다.",
        )
    elif plan == "hide_spam":
        services.report_file(actor=cast["reader"], contribution_id=review.pk, reason="spam")
        services.report_file(actor=cast["brand"], contribution_id=review.pk, reason="spam")
        services.decision_make(
            actor=moderator, contribution_id=review.pk, outcome="hidden", reason="spam"
        )
    elif plan == "hide_off_topic":
        services.decision_make(
            actor=second, contribution_id=review.pk, outcome="hidden", reason="off_topic"
        )
    elif plan == "hide_abuse_upheld":
        services.report_file(actor=cast["reader"], contribution_id=review.pk, reason="abuse")
        decision = services.decision_make(
            actor=moderator,
            contribution_id=review.pk,
            outcome="hidden",
            reason="abuse",
            note="판매자 개인을 향한 모욕이 있습니다. 제품에 대한 의견은 얼마든지 남겨 주세요.",
        )
        appeal = services.appeal_file(
            actor=review.author, decision_id=decision.pk, statement="화가 나서 쓴 말입니다."
        )
        services.appeal_decide(
            actor=second,
            appeal_id=appeal.pk,
            overturn=False,
            answer="사람을 향한 모욕이라 숨김을 유지합니다.",
        )


def seed(out: TextIO) -> None:
    moderator = _user(MODERATOR, "중립 모더레이터", staff=True)
    second = _user(SECOND_MODERATOR, "두번째 모더레이터", staff=True)
    if Decision.objects.filter(moderator__in=[moderator, second]).exists():
        return
    product = _product()
    org = product.brand.org
    if org is None:
        return
    people = [_user(local, name) for local, name in PEOPLE]
    cast = {
        "moderator": moderator,
        "second": second,
        "brand": _brand_moderator(org),
        "reader": people[4],
    }
    # The demo people are told in the app; no mail goes out for them.
    with override_settings(MAILERS=QUIET_MAIL), transaction.atomic():
        for writer, rating, body, plan in REVIEWS:
            review = contributions.review_submit(
                actor=people[writer], product=product, rating=rating, body=body, b2b_consent=True
            )
            _act(plan, review, cast)
        complaint = contributions.complaint_submit(
            actor=people[2],
            product=product,
            body="손잡이 나사가 두 달 만에 풀렸어요. 같은 문제 겪는 분 많을 것 같아요.",
        )
        services.reply_post(
            actor=cast["brand"],
            contribution_id=complaint.pk,
            body="나사 고정 방식을 개선한 부품을 무상으로 보내 드리겠습니다.",
        )
        for writer, title, body in IDEAS:
            contributions.idea_create(
                actor=people[writer], title=title, body=body, idea_type="upgrade", product=product
            )
        employee = _user("mod-employee", "한지우")
        if not relationships.relationships_of(employee).exists():
            relationships.relationship_declare(
                actor=employee, brand_id=product.brand_id, relationship="employee"
            )
        insider = contributions.review_submit(
            actor=employee,
            product=product,
            rating=5,
            body="직원이라 먼저 써 봤는데, 바닥이 두꺼워서 눌어붙지 않아요.",
        )
        relationships.contribution_label_related(contribution_id=insider.pk)
    hidden = Contribution.objects.filter(status=Status.HIDDEN, kind=Kind.REVIEW).count()
    waiting = Contribution.objects.filter(kind=Kind.IDEA, status=Status.PENDING).count()
    out.write(
        f"moderation: {Decision.objects.count()} decisions ({hidden} reviews hidden), "
        f"{Reply.objects.count()} replies, {waiting} ideas waiting; "
        f"moderators {MODERATOR} and {SECOND_MODERATOR} / {DEMO_PASSWORD}; "
        f"brand moderator {cast['brand'].email}\n"
    )
