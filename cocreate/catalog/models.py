from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel


class Category(models.Model):
    """A node of the Google Product Taxonomy (2021-09-21). The id is Google's numeric id;
    `path_ids` ("/166/1604/5322/") makes a subtree one indexed prefix query."""

    id = models.PositiveIntegerField(primary_key=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    level = models.PositiveSmallIntegerField()
    name_en = models.CharField(max_length=200)
    name_ko = models.CharField(max_length=200, blank=True)
    path_en = models.CharField(max_length=600)
    path_ids = models.CharField(max_length=120, db_index=True)

    class Meta:
        ordering = ["path_en"]
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=7), name="category_level_range"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language; English where no Korean label exists."""
        if (get_language() or "ko").startswith("ko") and self.name_ko:
            return self.name_ko
        return self.name_en

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path_ids.strip("/").split("/") if p]


class Brand(TimeStampedModel):
    """A brand in the catalogue. `org` is set when the brand runs its community here."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="brands"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(TimeStampedModel):
    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="products")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    gtin = models.CharField("GTIN", max_length=14, blank=True)
    sku = models.CharField("SKU", max_length=64, blank=True)
    mpn = models.CharField("MPN", max_length=64, blank=True)
    # Counters kept by contributions.services in the transaction that changes them.
    review_count = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gtin"], condition=~models.Q(gtin=""), name="product_gtin_unique"
            ),
            models.UniqueConstraint(
                fields=["brand", "sku"],
                condition=~models.Q(sku=""),
                name="product_brand_sku_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(gtin="") | models.Q(gtin__regex=r"^([0-9]{8}|[0-9]{12,14})$"),
                name="product_gtin_digits",
            ),
        ]
        indexes = [models.Index(fields=["category"], name="product_category_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def average_rating(self) -> float | None:
        return round(self.rating_sum / self.review_count, 2) if self.review_count else None
