"""Contributions for logged-in people (session + CSRF), and orders and review invitations
for brands (API key with the orders:write scope)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from cocreate.catalog.models import Category, Product
from cocreate.catalog.selectors import product_find
from cocreate.contributions import selectors, services
from cocreate.contributions.api.schemas import (
    ContributionEditIn,
    ContributionIn,
    ContributionOut,
    ContributionPage,
    InvitationIn,
    InvitationOut,
    OrderIn,
    OrderOut,
    ProductRef,
    VersionOut,
)
from cocreate.contributions.enums import Kind, Source
from cocreate.contributions.models import Contribution, PurchaseOrder
from cocreate.contributions.permissions import contribution_get_for_edit, contribution_get_for_view
from cocreate.core.api import session_auth
from cocreate.core.errors import NotFound, ValidationFailed
from cocreate.orgs.auth import ApiKeyAuth, request_api_key
from cocreate.orgs.enums import Scope

router = Router(tags=["contributions"])
brand_router = Router(tags=["brands"], auth=ApiKeyAuth(Scope.ORDERS_WRITE))


def contribution_out(c: Contribution) -> ContributionOut:
    product = None
    if c.product is not None:
        product = ProductRef(
            id=c.product.pk,
            name=c.product.name,
            brand=c.product.brand.name,
            gtin=c.product.gtin,
            sku=c.product.sku,
        )
    return ContributionOut(
        id=c.pk,
        kind=c.kind,
        status=c.status,
        title=c.title,
        body=c.body,
        rating=c.rating,
        idea_type=c.idea_type,
        language=c.language,
        product=product,
        category_id=c.category_id,
        verified_purchase=c.verified_purchase,
        verification_method=c.verification_method,
        incentivised=c.incentivised,
        declared_relationship=c.declared_relationship,
        b2b_consent=c.b2b_consent,
        version_count=c.version_count,
        created_at=c.created_at,
        edited_at=c.edited_at,
        published_at=c.published_at,
    )


def _product(product_id: int | None) -> Product | None:
    if product_id is None:
        return None
    product = Product.objects.select_related("brand", "category").filter(pk=product_id).first()
    if product is None:
        raise ValidationFailed(
            "invalid_contribution",
            _("Some fields need attention."),
            fields={"product_id": [_("No such product.")]},
        )
    return product


def _category(category_id: int | None) -> Category | None:
    if category_id is None:
        return None
    category = Category.objects.filter(pk=category_id).first()
    if category is None:
        raise ValidationFailed(
            "invalid_contribution",
            _("Some fields need attention."),
            fields={"category_id": [_("No such category.")]},
        )
    return category


class PageParams(Schema):
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=1_000_000)
    kind: Kind | None = None


@router.get(
    "/",
    response=ContributionPage,
    auth=session_auth,
    operation_id="contributions_list_mine",
    summary="My contributions, newest first",
)
def list_mine(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    qs = selectors.contribution_list_for_author(request.user, kind=params.kind)
    items = [contribution_out(c) for c in qs[params.offset : params.offset + params.limit]]
    return {"items": items, "count": qs.count(), "limit": params.limit, "offset": params.offset}


@router.post(
    "/",
    response={201: ContributionOut},
    auth=session_auth,
    operation_id="contributions_create",
    summary="Write a review, complaint or idea",
)
def create(request: HttpRequest, payload: ContributionIn) -> Status[ContributionOut]:
    user = request.user
    common: dict[str, Any] = {
        "actor": user,
        "body": payload.body,
        "title": payload.title,
        "b2b_consent": payload.b2b_consent,
        "declared_relationship": payload.declared_relationship,
        "source": Source.API,
    }
    if payload.kind == "review":
        c = services.review_submit(
            product=_product(payload.product_id),
            rating=payload.rating,
            invitation_token=payload.invitation_token,
            **common,
        )
    elif payload.kind == "complaint":
        c = services.complaint_submit(
            product=_product(payload.product_id), category=_category(payload.category_id), **common
        )
    else:
        c = services.idea_create(
            idea_type=payload.idea_type,
            product=_product(payload.product_id),
            category=_category(payload.category_id),
            **common,
        )
    return Status(201, contribution_out(contribution_get_for_view(user, c.pk)))


@router.get(
    "/{contribution_id}",
    response=ContributionOut,
    operation_id="contributions_get",
    summary="One contribution, as its reader may see it",
)
def get(request: HttpRequest, contribution_id: int) -> ContributionOut:
    return contribution_out(contribution_get_for_view(request.user, contribution_id))


@router.get(
    "/{contribution_id}/versions",
    response=list[VersionOut],
    operation_id="contributions_versions",
    summary="Every version of a contribution, the first included",
)
def versions(request: HttpRequest, contribution_id: int) -> list[Any]:
    c = contribution_get_for_view(request.user, contribution_id)
    return list(selectors.contribution_versions(c))


@router.patch(
    "/{contribution_id}",
    response=ContributionOut,
    auth=session_auth,
    operation_id="contributions_edit",
    summary="Edit: adds a new version",
)
def edit(
    request: HttpRequest, contribution_id: int, payload: ContributionEditIn
) -> ContributionOut:
    c = contribution_get_for_edit(request.user, contribution_id)
    services.contribution_edit(
        actor=request.user,
        contribution=c,
        body=payload.body,
        title=payload.title,
        rating=payload.rating,
    )
    return contribution_out(contribution_get_for_view(request.user, contribution_id))


def _brand_product(request: HttpRequest, gtin: str, sku: str) -> Product:
    org = request_api_key(request).org
    product = product_find(gtin=gtin) if gtin else None
    if product is None and sku:
        product = Product.objects.filter(sku=sku, brand__org=org).select_related("brand").first()
    if product is None:
        raise NotFound("product_not_found", _("No product with this GTIN or SKU."))
    return product


@brand_router.post(
    "/orders",
    response={201: OrderOut},
    operation_id="orders_post",
    summary="Post an order line so its buyer's review is marked verified",
)
def post_order(request: HttpRequest, payload: OrderIn) -> Status[OrderOut]:
    product = _brand_product(request, payload.gtin, payload.sku)
    order = services.order_post(
        org=request_api_key(request).org,
        external_id=payload.order_id,
        email=payload.email,
        product=product,
        purchased_at=payload.purchased_at,
    )
    return Status(
        201,
        OrderOut(
            order_id=order.external_id,
            product_id=order.product_id,
            purchased_at=order.purchased_at,
            cancelled_at=order.cancelled_at,
        ),
    )


@brand_router.post(
    "/orders/{order_id}/cancel",
    response={200: dict[str, int]},
    operation_id="orders_cancel",
    summary="Mark an order cancelled or refunded; its reviews stay as they are",
)
def cancel_order(request: HttpRequest, order_id: str) -> dict[str, int]:
    return {
        "cancelled": services.order_cancel(org=request_api_key(request).org, external_id=order_id)
    }


@brand_router.post(
    "/invitations",
    response={201: InvitationOut},
    operation_id="invitations_create",
    summary="Issue a signed, single-use review invitation",
)
def create_invitation(request: HttpRequest, payload: InvitationIn) -> Status[InvitationOut]:
    org = request_api_key(request).org
    product = _brand_product(request, payload.gtin, payload.sku)
    order = None
    if payload.order_id:
        order = PurchaseOrder.objects.filter(
            org=org, external_id=payload.order_id, product=product
        ).first()
        if order is None:
            raise NotFound("order_not_found", _("No such order for this product."))
    invitation, token = services.invitation_issue(
        org=org, product=product, order=order, days=payload.days
    )
    url = request.build_absolute_uri(reverse("contributions:review-invited", args=[token]))
    return Status(
        201,
        InvitationOut(
            id=str(invitation.id), token=token, url=url, expires_at=invitation.expires_at
        ),
    )
