"""Demo data: the enrichment of the demo contributions (masking, classifiers, search terms), so
that search works from the start. Their vectors (similar ideas, duplicate pairs) are left to the
task worker, which `make run` starts next: the encoder takes a few dozen texts a second."""

import sys
from typing import TextIO

from tqdm import tqdm

from cocreate.contributions.models import Contribution
from cocreate.textintel import local, services
from cocreate.textintel.models import Enrichment

BATCH = 64


def seed(out: TextIO) -> None:
    missing = list(
        Contribution.objects.exclude(pk__in=Enrichment.objects.values("pk"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not missing:
        return
    local.host_models()
    with tqdm(total=len(missing), unit="contribution", desc="enrichment", file=sys.stderr) as bar:
        for start in range(0, len(missing), BATCH):
            chunk = missing[start : start + BATCH]
            services.enrichment_run(chunk)  # vectors: queued for the worker
            bar.update(len(chunk))
    out.write(f"{len(missing)} contributions enriched; the worker embeds them next\n")
