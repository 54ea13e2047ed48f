"""Demo data: the taxonomy, brands, products, people, reviews, complaints and ideas."""

from typing import TextIO

from cocreate.catalog.models import Category
from cocreate.catalog.services import taxonomy_load


def seed(out: TextIO) -> None:
    if not Category.objects.exists():
        out.write(f"{taxonomy_load()} categories loaded\n")
