"""Demo people: a staff operator, the staff of each demo brand and of the demo mall, and
contributors with persona fields spread so that segment charts have something to show.

Every demo account shares one password (DEMO_PASSWORD), printed by `cocreate seed_demo`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.accounts.models import User
from cocreate.accounts.services import consent_set
from cocreate.web.demodata.util import pick, unit, weighted

DEMO_PASSWORD = "cocreate-demo"  # noqa: S105 -- the published password of the demo accounts
DEMO_DOMAIN = "cocreate.example"  # reserved for examples (RFC 2606): mail to it goes nowhere
OPERATOR_EMAIL = f"operator@{DEMO_DOMAIN}"
KOREAN_CONTRIBUTORS = 320
ENGLISH_CONTRIBUTORS = 200

# Korea's regions weighted by population (statistics Korea, 2024, in 100,000s).
KOREAN_REGIONS: list[tuple[str, float]] = [
    (Region.SEOUL, 93),
    (Region.BUSAN, 33),
    (Region.DAEGU, 24),
    (Region.INCHEON, 30),
    (Region.GWANGJU, 14),
    (Region.DAEJEON, 14),
    (Region.ULSAN, 11),
    (Region.SEJONG, 4),
    (Region.GYEONGGI, 137),
    (Region.GANGWON, 15),
    (Region.CHUNGBUK, 16),
    (Region.CHUNGNAM, 21),
    (Region.JEONBUK, 17),
    (Region.JEONNAM, 18),
    (Region.GYEONGBUK, 25),
    (Region.GYEONGNAM, 32),
    (Region.JEJU, 7),
]
PERSONAS: list[tuple[str, float]] = [
    (Persona.CONSUMER, 72),
    (Persona.DEALER, 12),
    (Persona.PROFESSIONAL, 11),
    ("", 5),
]
KOREAN_AGES: list[tuple[str, float]] = [
    (AgeBand.UNDER_20, 4),
    (AgeBand.TWENTIES, 24),
    (AgeBand.THIRTIES, 28),
    (AgeBand.FORTIES, 22),
    (AgeBand.FIFTIES, 14),
    (AgeBand.SIXTY_PLUS, 8),
]
# English-writing contributors per age band, shaped like the ages in the clothing reviews.
ENGLISH_AGES: list[tuple[str, int]] = [
    (AgeBand.UNDER_20, 6),
    (AgeBand.TWENTIES, 28),
    (AgeBand.THIRTIES, 52),
    (AgeBand.FORTIES, 46),
    (AgeBand.FIFTIES, 38),
    (AgeBand.SIXTY_PLUS, 30),
]

KO_FIRST = [
    "햇살",
    "바람",
    "달빛",
    "새벽",
    "초록",
    "몽글",
    "포근",
    "반짝",
    "소소",
    "느긋",
    "보라",
    "단풍",
]
KO_SECOND = [
    "고양이",
    "여우",
    "곰",
    "토끼",
    "펭귄",
    "다람쥐",
    "고래",
    "참새",
    "수달",
    "부엉이",
    "사슴",
]
EN_FIRST = ["Maple", "River", "Sunny", "Quiet", "Amber", "Cedar", "Willow", "Harbor", "Juniper"]
EN_SECOND = ["Fox", "Wren", "Otter", "Finch", "Heron", "Lark", "Badger", "Robin", "Hare", "Owl"]

ROLE_NAMES_KO = {
    "owner": "대표",
    "moderator": "모더레이터",
    "reviewer": "검토자",
    "analyst": "분석가",
}
ROLE_NAMES_EN = {
    "owner": "owner",
    "moderator": "moderator",
    "reviewer": "reviewer",
    "analyst": "analyst",
}


@dataclass(frozen=True)
class PersonSpec:
    email: str
    display_name: str
    persona: str = ""
    age_band: str = ""
    region: str = ""
    language: str = "ko"
    staff: bool = False
    consent: bool = False


@dataclass
class Cast:
    """The demo people, looked up by what they do."""

    operator: User
    staff: dict[str, User]  # email -> user, brand and mall staff
    korean: list[User]
    english: list[User]
    english_by_age: dict[str, list[User]] = field(default_factory=dict)

    def member(self, email: str) -> User:
        return self.staff[email]


def staff_email(role: str, org_key: str) -> str:
    return f"{role}.{org_key}@{DEMO_DOMAIN}"


def _contributor(prefix: str, number: int, *, korean: bool, age_band: str) -> PersonSpec:
    email = f"{prefix}{number:03d}@{DEMO_DOMAIN}"
    if korean:
        name = f"{pick('n1' + email, KO_FIRST)}{pick('n2' + email, KO_SECOND)}{number}"
        region = weighted("region:" + email, KOREAN_REGIONS)
    else:
        name = f"{pick('n1' + email, EN_FIRST)} {pick('n2' + email, EN_SECOND)} {number}"
        region = Region.ABROAD if unit("region:" + email) < 0.75 else Region.SEOUL
    optional_left_blank = unit("blank:" + email) < 0.06
    return PersonSpec(
        email=email,
        display_name=name,
        persona="" if optional_left_blank else weighted("persona:" + email, PERSONAS),
        age_band="" if optional_left_blank else age_band,
        region="" if optional_left_blank else region,
        language="ko" if korean else "en",
        consent=unit("consent:" + email) < 0.5,
    )


def contributor_specs() -> tuple[list[PersonSpec], list[PersonSpec]]:
    korean = [
        _contributor("member", n, korean=True, age_band=weighted(f"age:member{n}", KOREAN_AGES))
        for n in range(1, KOREAN_CONTRIBUTORS + 1)
    ]
    english: list[PersonSpec] = []
    for band, count in ENGLISH_AGES:
        for _ in range(count):
            english.append(_contributor("reader", len(english) + 1, korean=False, age_band=band))
    return korean, english


def org_staff_specs(org_key: str, org_name: str, *, korean: bool) -> list[PersonSpec]:
    names = ROLE_NAMES_KO if korean else ROLE_NAMES_EN
    return [
        PersonSpec(
            email=staff_email(role, org_key),
            display_name=f"{org_name} {label}",
            language="ko" if korean else "en",
        )
        for role, label in names.items()
    ]


def ensure_users(specs: Iterable[PersonSpec]) -> dict[str, User]:
    """Create the accounts that do not exist yet (one password hash for all: hashing is slow
    on purpose) and turn on the sharing consent of those who give it."""
    specs = list(specs)
    existing = User.objects.in_bulk([s.email for s in specs], field_name="email")
    missing = [s for s in specs if s.email not in existing]
    if missing:
        password = make_password(DEMO_PASSWORD)
        now = timezone.now()
        User.objects.bulk_create(
            [
                User(
                    email=s.email,
                    display_name=s.display_name,
                    password=password,
                    persona=s.persona,
                    age_band=s.age_band,
                    region=s.region,
                    preferred_language=s.language,
                    is_staff=s.staff,
                    is_superuser=s.staff,
                    email_verified_at=now,
                )
                for s in missing
            ],
            batch_size=500,
        )
        existing = User.objects.in_bulk([s.email for s in specs], field_name="email")
    for spec in specs:
        user = existing[spec.email]
        if spec.consent and not user.b2b_consent:
            consent_set(actor=user, granted=True)
    return existing


def ensure_cast(org_staff: list[PersonSpec]) -> Cast:
    korean, english = contributor_specs()
    operator = PersonSpec(OPERATOR_EMAIL, "cocreate 운영팀", staff=True)
    users = ensure_users([operator, *org_staff, *korean, *english])
    cast = Cast(
        operator=users[OPERATOR_EMAIL],
        staff={s.email: users[s.email] for s in org_staff},
        korean=[users[s.email] for s in korean],
        english=[users[s.email] for s in english],
    )
    for spec in english:
        cast.english_by_age.setdefault(spec.age_band, []).append(users[spec.email])
    return cast
