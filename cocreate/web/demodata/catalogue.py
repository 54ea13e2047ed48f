"""Demo brands (organisations of kind brand, each owning a Brand), the demo mall, and the
products that the data sets' reviews are attached to."""

from __future__ import annotations

from dataclasses import dataclass

from cocreate.catalog.models import Brand, Category, Product
from cocreate.catalog.services import brand_get_or_create, product_create
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Membership, Organisation
from cocreate.orgs.services import membership_add, org_create
from cocreate.web.demodata.people import Cast, PersonSpec, org_staff_specs, staff_email
from cocreate.web.demodata.util import gtin13


@dataclass(frozen=True)
class ProductSpec:
    key: str  # also the SKU
    name: str
    category_id: int
    description: str = ""


@dataclass(frozen=True)
class OrgSpec:
    key: str  # the part of the staff emails after the role, e.g. owner.sodam@...
    slug: str
    name: str
    kind: str = OrgKind.BRAND
    korean: bool = True
    description: str = ""
    products: tuple[ProductSpec, ...] = ()


P = ProductSpec
CLOTHING_BRAND = "loomhouse"
APP_PRODUCT = "HR-APP"

BRANDS: tuple[OrgSpec, ...] = (
    OrgSpec(
        "loomhouse",
        "loomhouse",
        "Loomhouse",
        korean=False,
        description="Women's clothing. Its items and reviews come from a real, anonymised "
        "e-commerce review set (see data/womens-clothing-reviews).",
    ),
    OrgSpec(
        "sodam",
        "sodam-wear",
        "소담웨어",
        description="매일 입는 옷과 신발을 만듭니다.",
        products=(
            P("SD-SWEAT", "오버핏 코튼 맨투맨", 212, "도톰한 면 100% 맨투맨"),
            P("SD-JOGGER", "기모 조거 팬츠", 204, "안쪽 기모로 따뜻한 밴딩 팬츠"),
            P("SD-SOCKS", "데일리 면 양말 10켤레", 209),
            P("SD-VEST", "경량 패딩 조끼", 1831),
            P("SD-RUN", "쿠션 러닝화", 187, "가벼운 쿠션 밑창의 러닝화"),
        ),
    ),
    OrgSpec(
        "bomgyeol",
        "bomgyeol-beauty",
        "봄결뷰티",
        description="순한 성분의 스킨케어와 메이크업.",
        products=(
            P("BG-CREAM", "수분 진정 크림", 2592, "건조하고 예민한 피부를 위한 수분 크림"),
            P("BG-SUN", "톤업 선크림 SPF50+", 2844),
            P("BG-SHAMPOO", "약산성 두피 샴푸", 2441),
            P("BG-TINT", "벨벳 립 틴트", 6306),
            P("BG-MIST", "데일리 바디 미스트", 479),
        ),
    ),
    OrgSpec(
        "deulnyeok",
        "deulnyeok-market",
        "들녘상회",
        description="산지에서 바로 보내는 먹거리.",
        products=(
            P("DN-TANGERINE", "제주 노지 감귤 5kg", 503759),
            P("DN-PORK", "한돈 삼겹살 구이용 1kg", 5805),
            P("DN-RICE", "햅쌀 10kg", 4682),
            P("DN-COFFEE", "콜드브루 원액 커피", 1868),
            P("DN-YOGURT", "무가당 그릭요거트", 1954),
            P("DN-SNACK", "수제 누룽지 과자", 423),
        ),
    ),
    OrgSpec(
        "hangyeol",
        "hangyeol-living",
        "한결리빙",
        description="주방, 침구, 수납과 문구까지 살림살이 전반.",
        products=(
            P("HG-POTS", "스테인리스 3중 냄비 세트", 4721),
            P("HG-PAN", "논스틱 프라이팬 28cm", 662),
            P("HG-TUMBLER", "트라이탄 빨대 텀블러", 2951),
            P("HG-DUVET", "사계절 차렵이불", 505287),
            P("HG-SHELF", "원목 5단 책장", 465),
            P("HG-BOX", "투명 수납함 3개 세트", 636),
            P("HG-PLANT", "몬스테라 화분", 6762),
            P("HG-PENS", "젤 중성펜 12색 세트", 6065),
            P("HG-NOTE", "스프링 노트 5권", 961),
        ),
    ),
    OrgSpec(
        "haru",
        "haru-electronics",
        "하루전자",
        description="생활 속 작은 전자제품과 스마트홈 앱.",
        products=(
            P("HR-EARBUDS", "무선 블루투스 이어폰", 543626),
            P("HR-CHARGER", "고속 충전기 세트", 505295),
            P("HR-KEYBOARD", "저소음 무선 키보드", 303),
            P("HR-BULB", "스마트 LED 전구", 2425),
            P("HR-MOP", "무선 물걸레 청소기", 619),
            P(
                APP_PRODUCT,
                "하루 홈 앱",
                318,
                "하루전자 기기를 휴대폰으로 다루는 앱. 데모의 영어 앱 리뷰가 여기에 모입니다.",
            ),
        ),
    ),
    OrgSpec(
        "daon",
        "daon-kids",
        "다온키즈",
        description="아이와 부모를 위한 장난감, 육아용품, 그림책.",
        products=(
            P("DO-BLOCKS", "원목 자석 블록", 1254),
            P("DO-WIPES", "순면 아기 물티슈", 553),
            P("DO-CUP", "아기 빨대컵", 6950),
            P("DO-BOOKS", "유아 그림책 세트", 784),
        ),
    ),
    OrgSpec(
        "moa",
        "moa-pet",
        "모아펫",
        description="반려동물과 함께 사는 집을 위한 용품.",
        products=(
            P("MP-LITTER", "고양이 두부 모래", 4999),
            P("MP-NOSEWORK", "강아지 노즈워크 장난감", 5010),
            P("MP-FOUNTAIN", "자동 급수기", 6252),
        ),
    ),
)
MALL = OrgSpec(
    "hanbit",
    "hanbit-mall",
    "한빛몰",
    kind=OrgKind.MALL,
    description="카테고리별 리뷰·불만·아이디어 데이터를 구독하는 온라인 쇼핑몰.",
)
STAFF_ROLES = (Role.OWNER, Role.MODERATOR, Role.REVIEWER, Role.ANALYST)


def staff_specs() -> list[PersonSpec]:
    specs = []
    for org in BRANDS:
        specs += org_staff_specs(org.key, org.name, korean=org.korean)
    return specs + [
        s for s in org_staff_specs(MALL.key, MALL.name, korean=True) if "owner" in s.email
    ]


@dataclass
class Catalogue:
    orgs: dict[str, Organisation]  # by OrgSpec.key
    brands: dict[str, Brand]  # by OrgSpec.key
    products: dict[str, Product]  # by SKU


def _ensure_org(spec: OrgSpec, cast: Cast, roles: tuple[str, ...]) -> Organisation:
    owner = cast.member(staff_email(Role.OWNER, spec.key))
    org = Organisation.objects.filter(slug=spec.slug).first()
    if org is None:
        org = org_create(
            actor=owner,
            kind=spec.kind,
            name=spec.name,
            slug=spec.slug,
            description=spec.description,
        )
    held = set(Membership.objects.filter(org=org).values_list("user_id", "role"))
    for role in roles:
        user = cast.member(staff_email(role, spec.key))
        if (user.pk, role) not in held:
            membership_add(actor=owner, org=org, user=user, role=role)
    return org


def ensure_catalogue(cast: Cast) -> Catalogue:
    catalogue = Catalogue(orgs={}, brands={}, products={})
    for spec in BRANDS:
        org = _ensure_org(spec, cast, STAFF_ROLES)
        catalogue.orgs[spec.key] = org
        brand = brand_get_or_create(name=spec.name, slug=spec.slug, org=org)
        catalogue.brands[spec.key] = brand
        existing = {p.sku: p for p in Product.objects.filter(brand=brand)}
        for number, product in enumerate(spec.products):
            if product.key not in existing:
                existing[product.key] = product_create(
                    brand=brand,
                    category=Category.objects.get(pk=product.category_id),
                    name=product.name,
                    description=product.description,
                    sku=product.key,
                    gtin=gtin13("880", 10_000 * (BRANDS.index(spec) + 1) + number),
                )
        catalogue.products.update(existing)
    catalogue.orgs[MALL.key] = _ensure_org(MALL, cast, (Role.OWNER,))
    return catalogue


def ensure_products(brand: Brand, specs: list[ProductSpec]) -> dict[str, Product]:
    """Products made from a data set (the clothing items), created once, by SKU."""
    existing = {
        p.sku: p for p in Product.objects.filter(brand=brand, sku__in=[s.key for s in specs])
    }
    categories = Category.objects.in_bulk({s.category_id for s in specs})
    for spec in specs:
        if spec.key not in existing:
            existing[spec.key] = product_create(
                brand=brand,
                category=categories[spec.category_id],
                name=spec.name,
                description=spec.description,
                sku=spec.key,
            )
    return existing
