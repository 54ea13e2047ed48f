from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field


class ContributionIn(Schema):
    kind: Literal["review", "complaint", "idea"]
    body: str = Field(min_length=1, max_length=5000)
    title: str = Field(default="", max_length=200)
    product_id: int | None = Field(default=None, ge=1)
    category_id: int | None = Field(default=None, ge=1)
    rating: int | None = Field(default=None, ge=1, le=5)
    idea_type: Literal["", "upgrade", "new"] = ""
    b2b_consent: bool | None = None
    declared_relationship: Literal["", "employee", "family", "partner"] = ""
    invitation_token: str | None = Field(default=None, max_length=200)


class ContributionEditIn(Schema):
    body: str = Field(min_length=1, max_length=5000)
    title: str | None = Field(default=None, max_length=200)
    rating: int | None = Field(default=None, ge=1, le=5)


class ProductRef(Schema):
    id: int
    name: str
    brand: str
    gtin: str
    sku: str


class ContributionOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    body: str
    rating: int | None
    idea_type: str
    language: str
    product: ProductRef | None
    category_id: int | None
    verified_purchase: bool
    verification_method: str
    incentivised: bool
    declared_relationship: str
    b2b_consent: bool
    version_count: int
    created_at: datetime
    edited_at: datetime | None
    published_at: datetime | None


class VersionOut(Schema):
    number: int
    title: str
    body: str
    rating: int | None
    body_sha256: str
    created_at: datetime


class ContributionPage(Schema):
    items: list[ContributionOut]
    count: int
    limit: int
    offset: int


class OrderIn(Schema):
    order_id: str = Field(min_length=1, max_length=64)
    email: str = Field(min_length=3, max_length=254)
    gtin: str = Field(default="", max_length=14)
    sku: str = Field(default="", max_length=64)
    purchased_at: datetime


class OrderOut(Schema):
    order_id: str
    product_id: int
    purchased_at: datetime
    cancelled_at: datetime | None


class InvitationIn(Schema):
    gtin: str = Field(default="", max_length=14)
    sku: str = Field(default="", max_length=64)
    order_id: str = Field(default="", max_length=64)
    days: int = Field(default=30, ge=1, le=180)


class InvitationOut(Schema):
    id: str
    token: str
    url: str
    expires_at: datetime
