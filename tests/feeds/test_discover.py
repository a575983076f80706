"""Feed discovery: the page's announced feeds and the usual paths (pure), then /addfeed's preview
through the real fetcher, parser and detector against the feed server on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.core.errors import FeedError, FetchError
from bot.detect import Detector
from bot.feeds.discover import (
    candidates,
    common_feed_urls,
    feed_links,
    looks_like_html,
    page_language,
)
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.feeds.preview import preview_feed
from tests.support.feedbuilder import Item, imo_blocked, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW

PAGE = "https://news.example/section/tm/index.html"


@pytest.mark.parametrize(
    ("html", "found"),
    [
        (
            '<link rel="alternate" type="application/rss+xml" href="/rss.xml">',
            ["https://news.example/rss.xml"],
        ),
        (
            '<LINK REL="Alternate" TYPE="application/atom+xml; charset=utf-8" HREF="atom">',
            ["https://news.example/section/tm/atom"],
        ),
        (
            '<base href="https://cdn.example/x/"><link rel="alternate" type="application/rss+xml" '
            'href="feed.xml">',
            ["https://cdn.example/x/feed.xml"],
        ),
        (
            '<link rel="alternate stylesheet" type="application/rss+xml" href="/a">'
            '<link rel="alternate" type="application/rss+xml" href="/a">'
            '<link rel="alternate" type="application/rss+xml" href="/b">',
            ["https://news.example/a", "https://news.example/b"],
        ),  # in order, once each
        (
            '<link rel="alternate" type="text/html" href="/ru/">'
            '<link rel="stylesheet" type="application/rss+xml" href="/c">'
            '<link rel="alternate" type="application/feed+json" href="/feed.json">'
            '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
            '<link rel="alternate" type="application/rss+xml">',
            [],
        ),
        (
            '<a rel="alternate" type="application/rss+xml" href="/from-body">RSS</a>',
            ["https://news.example/from-body"],
        ),
        ("<html><head><title>No feeds</title></head><body><p>x</p></body></html>", []),
        (
            "<link rel=alternate type=application/rss+xml href=/unquoted>",
            ["https://news.example/unquoted"],
        ),
        (
            '<base href="http://[::1/"><link rel="alternate" type="application/rss+xml" href="/x">'
            '<link rel="alternate" type="application/rss+xml" href="http://[bad/y">',
            ["https://news.example/x"],
        ),  # a broken base or href is ignored, not an error
    ],
)
def test_feed_links(html: str, found: list[str]) -> None:
    assert feed_links(html, PAGE) == found


def test_candidates_try_the_announced_feed_first_then_the_usual_paths() -> None:
    html = '<link rel="alternate" type="application/rss+xml" href="/feed">'
    urls = candidates(html, PAGE)
    assert urls[0] == "https://news.example/feed"
    assert urls[1:] == [u for u in common_feed_urls(PAGE) if u != "https://news.example/feed"]
    assert common_feed_urls("http://a.example:8080/x/y?z=1")[:2] == [
        "http://a.example:8080/feed",
        "http://a.example:8080/rss",
    ]


@pytest.mark.parametrize(
    ("html", "language"),
    [
        ('<html lang="ru-RU">', "ru"),
        ("<html LANG='tk'>", "tk"),
        ("<html lang=uz_Latn>", "uz"),
        ("<html>", None),
        ('<html lang="x-klingon">', None),
        ('<html lang="">', None),
    ],
)
def test_page_language(html: str, language: str | None) -> None:
    assert page_language(html) == language


@pytest.mark.parametrize(
    ("body", "content_type", "html"),
    [
        (b"<rss/>", "text/html; charset=utf-8", True),
        (b"  <!DOCTYPE html><html>", "application/octet-stream", True),
        (b"<?xml version='1.0'?><rss version='2.0'/>", "application/rss+xml", False),
        (b"garbage", "", False),
    ],
)
def test_looks_like_html(body: bytes, content_type: str, html: bool) -> None:
    assert looks_like_html(body, content_type) is html


# --- the preview, over HTTP -------------------------------------------------------------------

NEWS = [
    imo_blocked(NOW - timedelta(hours=2), "1"),
    Item(
        "2",
        "WhatsApp is blocked, users say",
        "Users report that WhatsApp was blocked across the country on Monday.",
        NOW - timedelta(hours=3),
    ),
    Item(
        "3",
        "Cotton harvest begins",
        "The harvest started early this year.",
        NOW - timedelta(hours=4),
    ),
]


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open(FetchLimits(total_timeout=5), allowed=LOOPBACK) as client:
        yield client


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


def site_page(feed_href: str | None, lang: str = "en") -> str:
    link = (
        f'<link rel="alternate" type="application/rss+xml" href="{feed_href}">' if feed_href else ""
    )
    return f'<!doctype html><html lang="{lang}"><head>{link}</head><body>News</body></html>'


async def test_preview_finds_the_feed_a_page_announces(
    feed_server: FeedServer, fetcher: Fetcher, detector: Detector
) -> None:
    feed_url = feed_server.feed("/feeds/main.xml", rss("Asia News", NEWS))
    page = feed_server.feed("/tm/", site_page("/feeds/main.xml"), content_type="text/html")
    preview = await preview_feed(fetcher, detector, page, country="TM")
    assert (preview.spec.url, preview.spec.name, preview.spec.language) == (
        feed_url,
        "Asia News",
        "en",
    )
    assert (preview.found_via, preview.items, preview.spec.country) == ("announced", 3, "TM")
    found = {(m.alert.country, m.alert.service, m.alert.action) for m in preview.matches}
    assert found == {("TM", "imo", "block"), ("TM", "whatsapp", "block")}
    assert feed_server.requests["/feed"] == 0  # no guessing once the page said


async def test_the_default_country_changes_what_is_found(
    feed_server: FeedServer, fetcher: Fetcher, detector: Detector
) -> None:
    url = feed_server.feed("/rss.xml", rss("Asia News", NEWS))
    preview = await preview_feed(fetcher, detector, url)
    # Without a default country, the item that names none has no country to alert on.
    assert [(m.alert.country, m.alert.service) for m in preview.matches] == [("TM", "imo")]
    assert (preview.found_via, preview.spec.url) == ("given", url)


async def test_preview_tries_the_usual_paths_when_the_page_announces_nothing(
    feed_server: FeedServer, fetcher: Fetcher, detector: Detector
) -> None:
    feed_server.feed("/rss", rss("Хабар", NEWS[2:], language="ru-RU"))
    page = feed_server.feed("/", site_page(None, lang="tk"), content_type="text/html")
    preview = await preview_feed(fetcher, detector, page)
    assert (preview.spec.url, preview.found_via) == (feed_server.url("/rss"), "guessed")
    assert preview.spec.language == "ru"  # the feed's own <language> beats the page's
    assert feed_server.requests["/feed"] == 1  # tried first, a 404


async def test_preview_reports_a_page_without_a_feed(
    feed_server: FeedServer, fetcher: Fetcher, detector: Detector
) -> None:
    page = feed_server.feed("/plain", site_page("/gone.xml"), content_type="text/html")
    with pytest.raises(FeedError, match="no feed found"):
        await preview_feed(fetcher, detector, page)
    not_html = feed_server.feed("/data", b"\x00\x01binary", content_type="application/pdf")
    with pytest.raises(FeedError, match="neither a feed nor a web page"):
        await preview_feed(fetcher, detector, not_html)
    with pytest.raises(FetchError, match="HTTP 404"):
        await preview_feed(fetcher, detector, feed_server.url("/nothing-here"))


async def test_preview_guesses_the_language_from_the_items(
    feed_server: FeedServer, fetcher: Fetcher, detector: Detector
) -> None:
    body = rss(
        "Новости",
        [
            Item(
                "r",
                "В Туркменистане заблокировали WhatsApp",
                "Власти Туркменистана заблокировали мессенджер WhatsApp.",
                NOW,
            )
        ],
    )
    url = feed_server.feed("/ru.xml", body.replace("<language>en</language>", ""))
    preview = await preview_feed(fetcher, detector, url)
    assert preview.spec.language == "ru"
    assert [(m.alert.country, m.alert.service) for m in preview.matches] == [("TM", "whatsapp")]
