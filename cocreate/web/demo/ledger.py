"""Demo data: ledger. Settles the idea rewards that the demo ideas earned (milestones,
consolation rewards, credits for linked complaints and reviews) and reports three months of
sales for each launched demo idea, so that royalties show on statements. Data revenue shares
come from the feeds demo paying its invoices. Idempotent: every booking has its key."""

from datetime import date
from typing import TextIO

from django.apps import apps
from django.utils import timezone

from cocreate.core.errors import DomainError
from cocreate.ledger.services import idea_rewards_settle_all, sales_report_submit
from cocreate.orgs.enums import Role
from cocreate.orgs.models import Membership


def _last_months(n: int) -> list[str]:
    first = timezone.localdate().replace(day=1)
    months = []
    for _ in range(n):
        first = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
        months.append(first.strftime("%Y-%m"))
    return list(reversed(months))


def seed(out: TextIO) -> None:
    settled = idea_rewards_settle_all()
    reports = 0
    try:
        launch_model = apps.get_model("ideas", "Launch")
    except LookupError:
        launch_model = None
    launches = launch_model.objects.select_related("product__brand") if launch_model else []
    for launch in launches:
        org_id = launch.product.brand.org_id
        owner = (
            Membership.objects.filter(org_id=org_id, role=Role.OWNER).select_related("user").first()
        )
        if owner is None:
            continue
        for n, period in enumerate(_last_months(3)):
            net_sales = 18_000_000 + 4_500_000 * n + (launch.pk % 7) * 250_000
            try:
                sales_report_submit(
                    actor=owner.user,
                    org=owner.org,
                    idea_id=launch.pk,
                    period=period,
                    net_sales_krw=net_sales,
                    units=net_sales // 45_000,
                    channel="web",
                )
            except DomainError as exc:
                out.write(f"sales report for idea {launch.pk} {period} skipped: {exc.code}\n")
                continue
            reports += 1
    out.write(f"ledger: {settled} idea events settled, {reports} sales reports\n")
