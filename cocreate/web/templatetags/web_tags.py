"""Template helpers shared by the pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def url_if_exists(name: str, *args: Any) -> str:
    """The URL named `name`, or "" when no installed app provides it (yet): pages link to
    other apps' pages only when those exist."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""


@register.filter
def percent_of(value: float, total: float) -> float:
    """`value` as a share of `total`, 0..100, rounded to one decimal."""
    return round(100 * value / total, 1) if total else 0.0


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.filter
def rounded(value: float | None) -> int:
    """A rating average rounded half up to whole stars (2.5 -> 3), for a product's stars."""
    return int(value + 0.5) if value else 0


@register.filter
def safe_link(url: str) -> str:
    """`url` if it is a link within the site or to an http(s) address, else "" (no
    javascript: or data: links, whatever was stored)."""
    url = (url or "").strip()
    if (url.startswith("/") and not url.startswith("//")) or url.startswith(
        ("https://", "http://")
    ):
        return url
    return ""
