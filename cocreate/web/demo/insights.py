"""Demo data: insights. The dashboard counts, complaint themes and rising ideas of the demo
brands, filled once the other demo data is in (themes need the complaints' sentence vectors,
which are made here for the brands' complaints that have none yet)."""

from typing import TextIO

from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.insights.fill import fill
from cocreate.textintel import local
from cocreate.textintel import services as textintel_services
from cocreate.textintel.models import ContributionVector

BATCH = 64


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


def seed(out: TextIO) -> None:
    _complaint_vectors(out)
    written = fill()
    out.write(f"insights: dashboard counts filled ({written} daily rows)\n")
