"""Demo data: ideas. A campaign for each demo brand, and Korean ideas in every state of the
lifecycle: gathering support (some trending, some closing soon), expired, in review, accepted
with a co-development workspace, in development, launched (with a royalty and the complaints
behind it), not accepted (with its consolation reward), merged into a duplicate, and waiting
for moderation. Supports come from the demo contributors; the timelines are spread over the
past months. Idempotent: each demo idea has an import key and is made once.

It uses the brands, staff and contributors of the base demo; on a database without them it
makes a small cast of its own (one brand, its staff and sixty contributors)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.catalog.models import Brand, Category, Product
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.services import (
    SubmitOptions,
    complaint_submit,
    contribution_set_status,
    idea_create,
)
from cocreate.core.errors import DomainError
from cocreate.ideas import services
from cocreate.ideas.enums import EventKind, IdeaState, Stage
from cocreate.ideas.models import Campaign, Idea, IdeaEvent, Support
from cocreate.ideas.services.campaigns import batch_for, next_cutoff
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Membership, Organisation

DEMO_PASSWORD = "cocreate-demo"  # noqa: S105 -- the published password of the demo accounts
DEMO_MILESTONES = ((5, 60), (15, 365), (30, 182), (50, 182))
KEY = "demo-idea:{}"


@dataclass
class Cast:
    org: Organisation
    brand: Brand
    products: list[Product]
    owner: User
    moderator: User
    reviewer: User
    contributors: list[User]


# --- who and what ---------------------------------------------------------------------------


def _member(org: Organisation, role: str) -> User | None:
    membership = (
        Membership.objects.filter(org=org, role=role).select_related("user").order_by("pk").first()
    )
    return membership.user if membership else None


def _fallback_cast(out: TextIO) -> bool:
    """One brand with its staff and sixty contributors, for a database without the base demo."""
    category = Category.objects.filter(level=2).order_by("pk").first()
    if category is None:
        out.write("ideas demo: no taxonomy loaded; skipped\n")
        return False
    now = timezone.now()
    password = make_password(DEMO_PASSWORD)
    org, _ = Organisation.objects.get_or_create(
        slug="hanbit-living", defaults={"kind": OrgKind.BRAND, "name": "한빛리빙"}
    )
    brand, _ = Brand.objects.get_or_create(
        slug="hanbit-living", defaults={"name": "한빛리빙", "org": org}
    )
    for name in ("스테인리스 냄비 세트", "트라이탄 텀블러", "논스틱 프라이팬"):
        Product.objects.get_or_create(brand=brand, name=name, defaults={"category": category})
    for role in (Role.OWNER, Role.MODERATOR, Role.REVIEWER, Role.ANALYST):
        user, _ = User.objects.get_or_create(
            email=f"hanbit-{role}@cocreate.example",
            defaults={
                "display_name": f"한빛리빙 {role}",
                "password": password,
                "email_verified_at": now,
            },
        )
        Membership.objects.get_or_create(org=org, user=user, role=role)
    rng = random.Random(7)  # noqa: S311 -- demo names, not secrets
    first, second = ["햇살", "바람", "달빛", "새벽", "초록"], ["고양이", "여우", "수달", "참새"]
    for n in range(60):
        User.objects.get_or_create(
            email=f"ideas-demo-{n}@cocreate.example",
            defaults={
                "display_name": f"{rng.choice(first)}{rng.choice(second)}{n}",
                "password": password,
                "email_verified_at": now,
            },
        )
    return True


def _casts() -> list[Cast]:
    contributors = list(
        User.objects.filter(
            is_staff=False,
            is_active=True,
            memberships__isnull=True,
            email_verified_at__isnull=False,
        )
        .order_by("-preferred_language", "pk")  # Korean writers first
        .distinct()[:400]
    )
    casts = []
    orgs = Organisation.objects.filter(kind=OrgKind.BRAND).order_by("pk")
    for org in orgs:
        brand = Brand.objects.filter(org=org, products__isnull=False).order_by("pk").first()
        owner, moderator = _member(org, Role.OWNER), _member(org, Role.MODERATOR)
        reviewer = _member(org, Role.REVIEWER) or owner
        if brand is None or owner is None or moderator is None or reviewer is None:
            continue
        products = list(Product.objects.filter(brand__org=org).order_by("pk")[:12])
        casts.append(Cast(org, brand, products, owner, moderator, reviewer, contributors))
    # Kitchen and living goods suit the demo ideas best; then brands named in Korean.
    casts.sort(key=lambda c: ("living" not in c.org.slug, not _hangul(c.brand.name), c.org.pk))
    return casts


def _hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _campaign(cast: Cast) -> Campaign:
    campaign = Campaign.objects.filter(brand=cast.brand).order_by("pk").first()
    if campaign is not None:
        return campaign
    return services.campaign_create(
        actor=cast.owner,
        brand=cast.brand,
        title=f"{cast.brand.name} 아이디어 공모",
        description=(
            f"{cast.brand.name} 제품을 더 좋게 만들 아이디어, 새로 만들었으면 하는 제품을 "
            "제안해 주세요. 가장 많은 지지를 받은 아이디어는 브랜드가 직접 검토하고, "
            "채택되면 제안자와 함께 개발합니다."
        ),
        guidelines=(
            "제품 하나에 아이디어 하나를 적어 주세요.\n"
            "사진이나 치수가 있으면 설명이 쉬워집니다.\n"
            "다른 브랜드의 상표나 디자인을 그대로 가져오지 말아 주세요."
        ),
        milestones=DEMO_MILESTONES,
        reviews_per_year=3,
        royalty_percent="1.5",
    )


# --- making history -------------------------------------------------------------------------


class Story:
    """Walks one idea through the services at the real time, then dates what each step wrote:
    the demo shows months of history although it is made in a second. `finish` moves the
    milestone clock back by as much as the publication was dated back."""

    def __init__(self, idea: Idea, now: datetime) -> None:
        self.idea = idea
        self.now = now
        self.mark = self._last_event()
        self.shift = timedelta(0)

    def _last_event(self) -> int:
        return IdeaEvent.objects.filter(idea=self.idea).aggregate(m=Max("id"))["m"] or 0

    def at(self, days_ago: float, step: Callable[[], Any]) -> Any:
        result = step()
        when = self.now - timedelta(days=days_ago)
        IdeaEvent.objects.filter(idea=self.idea, id__gt=self.mark).update(created_at=when)
        self.mark = self._last_event()
        return result

    def published(self, days_ago: float, moderator: User) -> None:
        def step() -> None:
            with transaction.atomic():
                contribution_set_status(
                    actor=moderator,
                    contribution=self.idea.contribution,
                    status=Status.PUBLISHED,
                    reason="approved",
                )
                services.idea_moderation_decided(
                    actor=moderator,
                    contribution=self.idea.contribution,
                    approved=True,
                    reason="",
                )

        self.at(days_ago, step)
        self.shift = timedelta(days=days_ago)
        Contribution.objects.filter(pk=self.idea.pk).update(published_at=self.now - self.shift)

    def supported(self, people: Sequence[User], start_days_ago: float, end_days_ago: float) -> None:
        """Supports from `people`, dated evenly from `start_days_ago` to `end_days_ago`."""
        count = len(people)
        for i, person in enumerate(people):
            days = start_days_ago + (end_days_ago - start_days_ago) * (i / max(1, count - 1))

            def step(person: User = person) -> Support | None:
                try:
                    return services.idea_support(actor=person, idea=self.fresh())
                except DomainError:
                    return None

            support = self.at(days, step)
            if support is not None:
                Support.objects.filter(pk=support.pk).update(
                    created_at=self.now - timedelta(days=days)
                )

    def finish(self) -> None:
        """Date the milestone clock back with the publication (deadlines in the idea and in
        its events), and the idea's last state change with its last event."""
        idea = Idea.objects.get(pk=self.idea.pk)
        if self.shift:
            Idea.objects.filter(pk=idea.pk).update(
                support_started_at=idea.support_started_at - self.shift
                if idea.support_started_at
                else None,
                deadline=idea.deadline - self.shift if idea.deadline else None,
            )
            for event in IdeaEvent.objects.filter(idea=idea, payload__has_key="deadline"):
                moment = datetime.fromisoformat(event.payload["deadline"]) - self.shift
                event.payload["deadline"] = moment.isoformat()
                event.save(update_fields=["payload"])
            self.shift = timedelta(0)
        qualified = IdeaEvent.objects.filter(idea=idea, kind=EventKind.QUALIFIED).first()
        if qualified is not None and idea.review_batch_id is not None:
            # The review that follows the (dated) qualification, as it would have been.
            batch = batch_for(idea.campaign, qualified.created_at)
            Idea.objects.filter(pk=idea.pk).update(review_batch=batch)
            for event in IdeaEvent.objects.filter(idea=idea, kind=EventKind.BATCHED):
                event.payload |= {"batch": batch.pk, "cutoff": batch.cutoff.isoformat()}
                event.created_at = qualified.created_at
                event.save(update_fields=["payload", "created_at"])
        last = IdeaEvent.objects.filter(idea=idea).exclude(to_state="").order_by("-id").first()
        if last is not None:
            Idea.objects.filter(pk=idea.pk).update(state_changed_at=last.created_at)

    def fresh(self) -> Idea:
        return Idea.objects.select_related(
            "contribution", "contribution__brand", "campaign", "campaign__brand"
        ).get(pk=self.idea.pk)


def _idea(
    key: str,
    author: User,
    campaign: Campaign,
    *,
    title: str,
    body: str,
    product: Product | None,
    category: Category | None,
    days_ago: float,
    now: datetime,
) -> Idea:
    contribution = idea_create(
        actor=author,
        title=title,
        body=body,
        idea_type="upgrade" if product else "new",
        product=product,
        category=None if product else category,
        import_key=KEY.format(key),
        created_at=now - timedelta(days=days_ago),
        options=SubmitOptions(extra={"campaign": campaign.pk}),
    )
    story_idea = Idea.objects.get(pk=contribution.pk)
    IdeaEvent.objects.filter(idea=story_idea).update(created_at=now - timedelta(days=days_ago))
    return story_idea


# --- the ideas ------------------------------------------------------------------------------

IDEAS: list[dict[str, Any]] = [
    {
        "key": "fold-handle",
        "title": "손잡이를 접을 수 있게 해 주세요",
        "body": "겹쳐서 보관할 때 손잡이가 걸려서 자리를 많이 차지해요. 손잡이가 안쪽으로 "
        "접히면 서랍에 쏙 들어갈 것 같아요.",
        "product": ("냄비", 0),
        "state": "gathering",
        "supports": 22,
        "published": 150,
    },
    {
        "key": "usb-c",
        "title": "보온 텀블러에 온도 표시 뚜껑",
        "body": "뚜껑에 작은 온도 표시가 있으면 아이에게 줄 때 너무 뜨겁지 않은지 바로 알 수 "
        "있어요. 건전지 없이 색으로 바뀌는 방식이면 좋겠어요.",
        "product": ("텀블러", 1),
        "state": "in_review",
        "supports": 50,
        "published": 200,
    },
    {
        "key": "refill",
        "title": "작은 용량 리필 제품",
        "body": "1인 가구라 큰 용량은 다 쓰기 전에 유통기한이 지나요. 절반 용량의 리필 팩이 "
        "있으면 버리는 양이 줄 거예요.",
        "product": None,
        "state": "accepted",
        "supports": 50,
        "published": 280,
    },
    {
        "key": "split-lid",
        "title": "세척이 쉬운 분리형 뚜껑",
        "body": "뚜껑 안쪽 고무 패킹을 뺄 수가 없어서 물때가 껴요. 패킹과 뚜껑이 분리되면 "
        "깨끗하게 씻을 수 있어요.",
        "product": ("텀블러", 1),
        "state": "in_development",
        "supports": 50,
        "published": 330,
    },
    {
        "key": "kids-size",
        "title": "아이와 함께 쓰는 작은 사이즈",
        "body": "아이와 함께 요리할 때 쓸 수 있는 작고 가벼운 크기가 있으면 좋겠어요. "
        "손잡이에 미끄럼 방지 처리도 꼭 있었으면 해요.",
        "product": ("프라이팬", 2),
        "state": "launched",
        "supports": 50,
        "published": 360,
    },
    {
        "key": "camping",
        "title": "캠핑용 접이식 버전",
        "body": "캠핑 갈 때 가져가기 좋은 더 작고 튼튼한 접이식 버전이 있으면 좋겠어요.",
        "product": ("냄비", 0),
        "state": "not_accepted",
        "supports": 50,
        "published": 300,
    },
    {
        "key": "glow",
        "title": "어두운 곳에서 보이는 야광 표시",
        "body": "캠핑장이나 정전 때 찾기 쉽게 가장자리에 야광 띠가 있으면 좋겠어요.",
        "product": ("텀블러", 1),
        "state": "expired",
        "supports": 3,
        "published": 75,
    },
    {
        "key": "fold-handle-dup",
        "title": "손잡이 접이식으로 바꿔 주세요",
        "body": "손잡이가 접히지 않아 수납장에 넣기 불편해요. 접이식 손잡이를 원해요.",
        "product": ("냄비", 0),
        "state": "merged",
        "supports": 6,
        "published": 90,
    },
    {
        "key": "colors",
        "title": "색상 선택지를 늘려 주세요",
        "body": "지금은 회색과 검정뿐이라 주방 분위기에 맞추기 어려워요. 밝은 색도 나오면 "
        "좋겠어요.",
        "product": ("텀블러", 1),
        "state": "pending",
        "supports": 0,
        "published": 0,
    },
    {
        "key": "light",
        "title": "무게를 줄인 경량 모델",
        "body": "손목이 약해서 가득 담으면 들기 힘들어요. 같은 크기에 더 가벼운 소재를 쓴 "
        "모델이 있으면 좋겠어요.",
        "product": None,
        "state": "gathering",
        "supports": 3,
        "published": 55,
    },
    {
        "key": "paper-pack",
        "title": "포장재를 종이로 바꿔 주세요",
        "body": "택배를 받으면 비닐 완충재가 너무 많이 나와요. 종이 완충재로 바꾸면 분리수거도 "
        "쉽고 환경에도 좋아요.",
        "product": ("프라이팬", 2),
        "state": "gathering",
        "supports": 12,
        "published": 20,
        "recent": True,
    },
]

DECISIONS = {
    "accepted": "1인 가구 고객 요청이 많았고 생산 라인에서 바로 만들 수 있어 채택합니다.",
    "in_development": "위생 문의가 가장 많은 부분이라 채택합니다. 내년 봄 출시가 목표입니다.",
    "launched": "가족 고객 설문에서도 요청이 많아 채택했습니다.",
    "not_accepted": "안전 인증 기준상 접이식 구조로는 하중 기준을 맞추기 어려워 이번에는 "
    "채택하지 않습니다. 더 작은 크기는 다음 시즌에 검토합니다.",
}


def _walk(cast: Cast, campaign: Campaign, spec: dict[str, Any], story: Story, rng: Any) -> None:
    state = spec["state"]
    if state == "pending":
        return
    story.published(spec["published"], cast.moderator)
    author_id = story.idea.contribution.author_id
    pool = [person for person in cast.contributors if person.pk != author_id]
    people = rng.sample(pool, min(spec["supports"], len(pool)))
    published = spec["published"]
    if state == "expired":
        story.supported(people, published - 2, published - 30)
        story.finish()
        story.at(published - 60, lambda: services.ideas_tick(now=story.now))
        return
    if spec.get("recent"):
        story.supported(people, 6, 0.2)
        return
    end = max(1.0, published - 120) if state != "gathering" else 1.0
    story.supported(people, published - 1, end)
    if state in ("gathering", "merged", "in_review"):
        return
    decision = DECISIONS[state]
    accepted = state != "not_accepted"
    idea = story.fresh()
    # Decided ten days after the qualification deadline of the review the idea went to.
    cutoff = next_cutoff(story.now - timedelta(days=end), idea.campaign.reviews_per_year)
    decided = max(1.0, (story.now - cutoff).days - 10.0)
    story.at(
        decided,
        lambda: services.idea_decide(
            actor=cast.reviewer, idea=idea, accepted=accepted, reason=decision
        ),
    )
    if not accepted:
        return
    _workspace(cast, story, state, decided)


def _workspace(cast: Cast, story: Story, state: str, decided: float) -> None:
    author = story.idea.contribution.author
    idea = story.fresh()
    for title, stage, done in (
        ("고객 인터뷰 5명", Stage.PLANNING, True),
        ("시제품 치수 확정", Stage.PLANNING, state != "accepted"),
        ("소재 후보 비교", Stage.DESIGN, state == "launched"),
    ):
        task = services.task_add(actor=cast.reviewer, idea=idea, title=title, stage=stage)
        if done:
            services.task_set_done(actor=author, idea=idea, task_id=task.pk, done=True)
    services.comment_add(
        actor=author, idea=idea, body="제가 쓰는 방식을 사진으로 정리해서 올릴게요."
    )
    services.comment_add(
        actor=cast.reviewer, idea=idea, body="감사합니다. 다음 주에 시제품 사진 공유드릴게요."
    )
    services.decision_add(
        actor=cast.reviewer,
        idea=idea,
        title="1차 시제품은 기존 금형을 활용",
        body="비용과 일정 때문에 새 금형은 2차 시제품부터 검토합니다.",
    )
    story.at(decided - 3, lambda: services.terms_offer(actor=cast.owner, idea=story.fresh()))
    if state == "accepted":
        return
    percent = story.fresh().royalty.royalty_percent
    story.at(
        decided - 6,
        lambda: services.terms_accept(actor=author, idea=story.fresh(), royalty_percent=percent),
    )
    story.at(
        decided - 40,
        lambda: services.stage_set(actor=cast.reviewer, idea=story.fresh(), stage=Stage.DESIGN),
    )
    if state != "launched":
        return
    story.at(
        decided - 90,
        lambda: services.stage_set(actor=cast.reviewer, idea=story.fresh(), stage=Stage.TECHNICAL),
    )
    product = story.idea.contribution.product or cast.products[-1]
    complaint = complaint_submit(
        actor=cast.contributors[-1],
        product=product,
        body="너무 크고 무거워서 아이와 같이 쓰기 어려워요. 작은 사이즈도 있었으면 해요.",
        import_key=KEY.format("kids-size-complaint"),
    )
    story.at(
        decided - 20,
        lambda: services.evidence_link(
            actor=cast.reviewer, idea=story.fresh(), contribution=complaint
        ),
    )
    story.at(
        decided - 150,
        lambda: services.idea_launch(
            actor=cast.owner,
            idea=story.fresh(),
            product=product,
            royalty_percent="2",
            note="2026 봄 시즌 출시",
        ),
    )


def _product(cast: Cast, wanted: tuple[str, int] | None) -> Product | None:
    """The brand's product whose name has the keyword, else the one at that position."""
    if wanted is None:
        return None
    keyword, position = wanted
    named = [p for p in cast.products if keyword in p.name]
    return named[0] if named else cast.products[min(position, len(cast.products) - 1)]


def _seed_cast(cast: Cast, now: datetime, rng: Any) -> int:
    campaign = _campaign(cast)
    category = cast.products[0].category
    made: dict[str, Idea] = {}
    for n, spec in enumerate(IDEAS):
        if Contribution.objects.filter(import_key=KEY.format(spec["key"])).exists():
            continue
        author = cast.contributors[(n * 7) % len(cast.contributors)]
        product = _product(cast, spec["product"])
        idea = _idea(
            spec["key"],
            author,
            campaign,
            title=spec["title"],
            body=spec["body"],
            product=product,
            category=category,
            days_ago=spec["published"] + 1,
            now=now,
        )
        story = Story(idea, now)
        _walk(cast, campaign, spec, story, rng)
        story.finish()
        made[spec["key"]] = idea
    if "fold-handle-dup" in made:
        target = Idea.objects.filter(contribution__import_key=KEY.format("fold-handle")).first()
        source = made["fold-handle-dup"]
        if target is not None and target.state == IdeaState.GATHERING:
            story = Story(source, now)
            mark = Story(target, now)
            story.at(
                40,
                lambda: services.idea_merge(
                    actor=cast.moderator,
                    source=story.fresh(),
                    target=Story(target, now).fresh(),
                    reason="같은 제안이라 지지를 하나로 모읍니다. 두 분 모두 제안자로 표시됩니다.",
                ),
            )
            IdeaEvent.objects.filter(idea=target, id__gt=mark.mark).update(
                created_at=now - timedelta(days=40)
            )
    return len(made)


def _support_base_ideas(cast: Cast, now: datetime, rng: Any) -> int:
    """A few supporters, dated over the last three weeks, for ideas of the base demo that
    gather support, so that the list's sorts have something to sort. Once only."""
    gathering = (
        Idea.objects.filter(state=IdeaState.GATHERING)
        .exclude(contribution__import_key__startswith=KEY.format(""))
        .order_by("pk")
    )
    if Support.objects.filter(idea__in=gathering).exists():
        return 0
    added = 0
    for idea in gathering[:40]:
        count = rng.choice((0, 1, 2, 3, 5, 8, 13))
        pool = [p for p in cast.contributors if p.pk != idea.contribution.author_id]
        story = Story(idea, now)
        story.supported(rng.sample(pool, min(count, len(pool))), rng.uniform(8, 21), 0.5)
        added += count
    return added


def seed(out: TextIO) -> None:
    casts = _casts()
    if not casts and _fallback_cast(out):
        casts = _casts()
    if not casts:
        out.write("ideas demo: no brand with staff and products; skipped\n")
        return
    cast = casts[0]
    if len(cast.contributors) < 12:
        out.write("ideas demo: fewer than 12 contributors; skipped\n")
        return
    now = timezone.now()
    rng = random.Random(2026)  # noqa: S311 -- a repeatable demo, not a secret
    made = _seed_cast(cast, now, rng)
    supports = _support_base_ideas(cast, now, rng)
    for other in casts[1:3]:
        _campaign(other)
    services.ideas_tick()
    counts = {
        state: Idea.objects.filter(state=state).count()
        for state in IdeaState.values
        if Idea.objects.filter(state=state).exists()
    }
    out.write(
        f"ideas demo: {made} ideas added for {cast.brand.name}, {supports} supports for others; "
        f"{Campaign.objects.count()} campaigns; ideas by state {counts}\n"
    )
    waiting = Contribution.objects.filter(kind=Kind.IDEA, status=Status.PENDING).count()
    out.write(f"ideas demo: {waiting} ideas waiting for moderation\n")
