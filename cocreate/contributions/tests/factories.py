"""Contributions are made through the services, as the product makes them."""

from typing import Any

from cocreate.contributions import services
from cocreate.contributions.models import Contribution


def make_review(
    *, author: Any, product: Any, rating: int = 4, body: str = "배송이 빨라요", **kw: Any
) -> Contribution:
    return services.review_submit(actor=author, product=product, rating=rating, body=body, **kw)


def make_complaint(
    *, author: Any, product: Any = None, body: str = "포장이 찢어져서 왔어요", **kw: Any
) -> Contribution:
    return services.complaint_submit(actor=author, product=product, body=body, **kw)


def make_idea(
    *,
    author: Any,
    product: Any = None,
    category: Any = None,
    title: str = "손잡이를 접을 수 있게",
    body: str = "보관할 때 공간을 덜 차지하도록 손잡이를 접이식으로 바꿔 주세요.",
    **kw: Any,
) -> Contribution:
    idea_type = "upgrade" if product is not None else "new"
    return services.idea_create(
        actor=author,
        title=title,
        body=body,
        idea_type=idea_type,
        product=product,
        category=category,
        **kw,
    )
