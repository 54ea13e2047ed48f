"""Demo data: the enrichment of the demo contributions (masking, classifiers, search terms)
and their vectors, so that search, similar ideas and duplicate pairs work from the start."""

from typing import TextIO

from cocreate.contributions.models import Contribution
from cocreate.textintel import local, services
from cocreate.textintel.models import ContributionVector, Enrichment

BATCH = 64


def seed(out: TextIO) -> None:
    missing = list(
        Contribution.objects.exclude(pk__in=Enrichment.objects.values("pk"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    unembedded = list(
        Contribution.objects.exclude(pk__in=ContributionVector.objects.values("pk"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not missing and not unembedded:
        return
    local.host_models()
    for start in range(0, len(missing), BATCH):
        services.enrichment_run(missing[start : start + BATCH], vectors=False)
    for start in range(0, len(unembedded), BATCH):
        services.vectors_update(unembedded[start : start + BATCH])
    out.write(f"{len(missing)} contributions enriched, {len(unembedded)} embedded\n")
