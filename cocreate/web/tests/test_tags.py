import pytest

from cocreate.web.templatetags.web_tags import (
    get_item,
    percent_of,
    rounded,
    safe_link,
    url_if_exists,
)


def test_url_if_exists_links_only_to_pages_that_exist():
    assert url_if_exists("web:about") == "/about/"
    assert url_if_exists("catalog:product", 7) == "/c/p/7/"
    assert url_if_exists("no-such:page") == ""


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("/ideas/1/", True),
        ("https://example.com/x", True),
        ("http://example.com/x", True),
        ("//evil.example/", False),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<b>", False),
        ("", False),
    ],
)
def test_safe_link_keeps_site_and_web_links_only(url, kept):
    assert (safe_link(url) != "") is kept


def test_small_filters():
    assert percent_of(1, 3) == 33.3 and percent_of(5, 0) == 0.0
    assert rounded(2.5) == 3 and rounded(2.49) == 2 and rounded(None) == 0
    assert get_item({"a": 1}, "a") == 1 and get_item({}, "b") == ""
