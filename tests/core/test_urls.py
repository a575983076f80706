"""normalise_url: one key per page, table-driven; redact_url keeps secrets out of logs."""

from __future__ import annotations

import pytest

from bot.core.urls import is_tracking_param, normalise_url, redact_url

SAME_PAGE = [
    # (a link as found in a feed, its key)
    ("https://example.com/news/1", "https://example.com/news/1"),
    ("http://example.com/news/1", "https://example.com/news/1"),
    ("HTTPS://EXAMPLE.COM/news/1", "https://example.com/news/1"),
    ("https://www.example.com/news/1", "https://example.com/news/1"),
    ("https://WWW.Example.com./news/1", "https://example.com/news/1"),
    ("https://example.com/news/1/", "https://example.com/news/1"),
    ("https://example.com/", "https://example.com"),
    ("https://example.com", "https://example.com"),
    ("https://example.com/news/1#comments", "https://example.com/news/1"),
    ("http://example.com:80/news/1", "https://example.com/news/1"),
    ("https://example.com:443/news/1", "https://example.com/news/1"),
    ("  https://example.com/news/1\n", "https://example.com/news/1"),
    ("https://user:pw@example.com/news/1", "https://example.com/news/1"),
    ("https://example.com/news/1?utm_source=tg&utm_medium=social", "https://example.com/news/1"),
    ("https://example.com/a?fbclid=x&gclid=y&yclid=z&mc_cid=1&mc_eid=2", "https://example.com/a"),
    ("https://example.com/a?UTM_Campaign=x&id=7", "https://example.com/a?id=7"),
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com/a?a=2&a=1", "https://example.com/a?a=1&a=2"),
    ("https://example.com/a?q=a+b", "https://example.com/a?q=a%20b"),
    ("https://example.com/a?q=a%20b", "https://example.com/a?q=a%20b"),
    ("https://example.com/a?flag", "https://example.com/a?flag="),
    ("https://example.com/%7euser", "https://example.com/~user"),
    ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
    ("https://kun.uz/news/тест", "https://kun.uz/news/%D1%82%D0%B5%D1%81%D1%82"),
    (
        "https://kun.uz/news/%d1%82%d0%b5%d1%81%d1%82",
        "https://kun.uz/news/%D1%82%D0%B5%D1%81%D1%82",
    ),
    ("https://пример.рф/a", "https://xn--e1afmkfd.xn--p1ai/a"),
    ("https://example.com:8080/a", "https://example.com:8080/a"),
    ("http://example.com:443/a", "https://example.com/a"),
]

NOT_HTTP = [
    "javascript:alert(1)",
    "mailto:editor@example.com",
    "ftp://example.com/feed.xml",
    "/relative/path",
    "example.com/no-scheme",
    "",
    "https://",
    "https://example.com:99999/a",
    "http://[::1/a",
]


@pytest.mark.parametrize(("url", "key"), SAME_PAGE)
def test_normalise_url(url: str, key: str) -> None:
    assert normalise_url(url) == key


@pytest.mark.parametrize("url", NOT_HTTP)
def test_non_http_urls_have_no_key(url: str) -> None:
    assert normalise_url(url) is None


def test_key_is_idempotent() -> None:
    for url, key in SAME_PAGE:
        assert normalise_url(key) == key, url


def test_different_pages_keep_different_keys() -> None:
    keys = {
        normalise_url(url)
        for url in (
            "https://example.com/a",
            "https://example.com/a?id=1",
            "https://example.com/a?id=2",
            "https://example.com/b",
            "https://news.example.com/a",
            "https://example.com/a%2Fb",
            "https://example.com/a/b",
        )
    }
    assert len(keys) == 7


@pytest.mark.parametrize(
    ("name", "tracking"),
    [("utm_source", True), ("UTM_TERM", True), ("fbclid", True), ("id", False), ("page", False)],
)
def test_is_tracking_param(name: str, tracking: bool) -> None:
    assert is_tracking_param(name) is tracking


@pytest.mark.parametrize(
    ("url", "logged"),
    [
        ("https://example.com/feed.xml", "https://example.com/feed.xml"),
        ("https://example.com/rss?cat=5", "https://example.com/rss?cat=5"),
        (
            "https://example.com/rss?api_key=s3cret&cat=5",
            "https://example.com/rss?api_key=REDACTED&cat=5",
        ),
        ("https://example.com/rss?token=s3cret", "https://example.com/rss?token=REDACTED"),
        ("https://bob:s3cret@example.com/rss", "https://example.com/rss"),
    ],
)
def test_redact_url(url: str, logged: str) -> None:
    assert redact_url(url) == logged
    assert "s3cret" not in redact_url(url)
