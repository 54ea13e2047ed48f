"""Demo data: insights. Complaints to 소담웨어 about four recurring problems (late delivery,
sizes running small, pilling, poor packaging) from different contributors over the last two
months, so that its complaint themes have people enough behind them; then the dashboard
counts, complaint themes and rising ideas of every demo brand (themes need the complaints'
sentence vectors, which are made here for the brands' complaints that have none yet)."""

from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.catalog.models import Product
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.services import complaint_submit
from cocreate.insights.fill import fill
from cocreate.textintel import local
from cocreate.textintel import services as textintel_services
from cocreate.textintel.models import ContributionVector

BATCH = 64
BRAND_SLUG = "sodam-wear"
KEY = "demo-insights:complaint:{}"
COMPLAINTS = (
    "주문하고 일주일이 지나서야 받았어요. 배송이 너무 늦어요",
    "배송 예정일보다 닷새나 늦게 도착했습니다",
    "배송 조회가 며칠째 그대로라 답답했어요",
    "배송이 늦어서 약속 날에 입지 못했어요",
    "빠른 배송이라더니 열흘 걸렸습니다",
    "택배가 너무 늦게 와서 실망했어요",
    "평소 사이즈로 샀는데 한 치수 작게 나왔어요",
    "사이즈표보다 어깨가 좁아서 입기 불편해요",
    "정사이즈보다 작아요. 한 치수 크게 사세요",
    "허리가 너무 작아서 교환 신청했어요",
    "소매 길이가 표기된 사이즈보다 짧아요",
    "사이즈가 작게 나와서 결국 반품했어요",
    "두 번 빨았는데 보풀이 잔뜩 생겼어요",
    "한 번 세탁했더니 보풀이 일어났어요",
    "몇 번 입지도 않았는데 보풀이 심해요",
    "니트에 보풀이 너무 빨리 생겨요",
    "보풀 때문에 새 옷 같지가 않아요",
    "세탁 후 보풀이 많이 올라와요",
    "포장 비닐이 찢어져서 옷에 먼지가 묻어 왔어요",
    "상자가 찌그러지고 포장이 뜯긴 채로 왔어요",
    "포장이 허술해서 옷이 다 구겨져 왔어요",
    "포장지가 뜯겨 있어서 새 제품인지 의심됐어요",
    "비닐 한 장에 포장되어 와서 비에 젖었어요",
    "포장이 엉망이라 선물하지 못했어요",
)


def _complaint_vectors(out: TextIO) -> None:
    missing = list(
        Contribution.objects.filter(
            kind=Kind.COMPLAINT, status=Status.PUBLISHED, brand__isnull=False
        )
        .exclude(pk__in=ContributionVector.objects.values("pk"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not missing:
        return
    local.host_models()
    for start in range(0, len(missing), BATCH):
        textintel_services.vectors_update(missing[start : start + BATCH])
    out.write(f"insights: {len(missing)} complaints embedded for the complaint themes\n")


def _complaints(out: TextIO) -> None:
    """Idempotent: each complaint has an import key and is made once."""
    products = list(Product.objects.filter(brand__slug=BRAND_SLUG).order_by("pk")[:6])
    authors = list(
        User.objects.filter(email__startswith="member", is_active=True).order_by("pk")[:60]
    )
    if not products or len(authors) < len(COMPLAINTS):
        return
    now = timezone.now()
    made = []
    for n, body in enumerate(COMPLAINTS):
        key = KEY.format(n)
        if Contribution.objects.filter(import_key=key).exists():
            continue
        made.append(
            complaint_submit(
                actor=authors[(n * 7) % len(authors)],
                body=body,
                product=products[n % len(products)],
                created_at=now - timedelta(days=2 + (n * 11) % 55, hours=n),
                import_key=key,
            ).pk
        )
    if made:
        local.host_models()
        textintel_services.enrichment_run(made, vectors=False)
        out.write(f"insights: {len(made)} complaints to 소담웨어 for its complaint themes\n")


def seed(out: TextIO) -> None:
    _complaints(out)
    _complaint_vectors(out)
    written = fill()
    out.write(f"insights: dashboard counts filled ({written} daily rows)\n")
