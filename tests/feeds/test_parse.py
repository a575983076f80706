"""parse_entries: feed bytes + headers to plain-text Entries, and ParseError for non-feeds."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.errors import ParseError
from bot.core.models import FeedSpec, FetchResult
from bot.feeds.fetch import Fetcher
from bot.feeds.parse import parse_entries, parse_feed
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK

SPEC = FeedSpec(
    name="Turkmen.news",
    url="https://turkmen.news/feed/",
    language="ru",
    country="TM",
    interval=timedelta(minutes=20),
)
FINAL = "https://turkmen.news/feed/"


def result(
    body: bytes | str, headers: dict[str, str] | None = None, final_url: str = FINAL
) -> FetchResult:
    data = body.encode() if isinstance(body, str) else body
    return FetchResult(
        url=SPEC.url,
        final_url=final_url,
        status=200,
        body=data,
        headers={"content-type": "application/rss+xml; charset=utf-8"}
        if headers is None
        else headers,
    )


def rss(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>'
        + "".join(f"<item>{item}</item>" for item in items)
        + "</channel></rss>"
    )


ITEM = """<guid isPermaLink="false">tm-2024-0042</guid>
<title>Власти &lt;b&gt;заблокировали&lt;/b&gt; IMO</title>
<link>https://turkmen.news/news/imo-blocked/?utm_source=rss</link>
<description><![CDATA[<p>Мессенджер   IMO <script>alert(1)</script>недоступен&nbsp;в
Ашхабаде.</p><p>Вторая&amp;часть</p>]]></description>
<pubDate>Tue, 10 Jun 2024 04:00:00 +0300</pubDate>"""


def test_rss_item_becomes_entry() -> None:
    [entry] = parse_entries(result(rss(ITEM)), SPEC)
    assert entry.key == "tm-2024-0042"
    assert entry.title == "Власти заблокировали IMO"
    assert entry.summary == "Мессенджер IMO недоступен в Ашхабаде. Вторая&часть"
    assert entry.link == "https://turkmen.news/news/imo-blocked/?utm_source=rss"
    assert entry.url_key == "https://turkmen.news/news/imo-blocked"
    assert entry.published == datetime(2024, 6, 10, 1, 0, tzinfo=UTC)
    assert (entry.feed_url, entry.source, entry.language, entry.country_hint) == (
        SPEC.url,
        "Turkmen.news",
        "ru",
        "TM",
    )


async def test_parse_feed_runs_the_same_parse_in_a_thread() -> None:
    assert await parse_feed(result(rss(ITEM)), SPEC) == parse_entries(result(rss(ITEM)), SPEC)


def test_key_falls_back_to_link_then_content_hash() -> None:
    by_link = "<title>A</title><link>https://www.turkmen.news/a/?utm_medium=x</link>"
    by_text = "<title>A</title><description>text</description>"
    other_text = "<title>A</title><description>other text</description>"
    entries = parse_entries(result(rss(by_link, by_text, other_text)), SPEC)
    assert entries[0].key == "https://turkmen.news/a"
    assert entries[1].key.startswith("sha256:")
    assert entries[1].key != entries[2].key
    again = parse_entries(result(rss(by_link, by_text, other_text)), SPEC)
    assert [e.key for e in again] == [e.key for e in entries]


def test_relative_links_resolve_against_the_final_url() -> None:
    body = rss("<title>A</title><link>/news/1</link>")
    [entry] = parse_entries(result(body, final_url="https://new.turkmen.news/rss"), SPEC)
    assert entry.link == "https://new.turkmen.news/news/1"


def test_relative_content_location_resolves_against_the_final_url() -> None:
    headers = {"content-type": "application/atom+xml", "content-location": "/en/"}
    body = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>x</id>'
        '<title>A</title><link href="story"/></entry></feed>'
    )
    [entry] = parse_entries(result(body, headers), SPEC)
    assert entry.link == "https://turkmen.news/en/story"


@pytest.mark.parametrize(
    ("item", "key"),
    [
        # A permalink guid and an Atom-style id are URLs relative to the document, as feedparser
        # resolves them when told the document's URL (keys stored before must stay the same).
        ("<guid>1042</guid><title>A</title>", "https://turkmen.news/feed/1042"),
        ('<guid isPermaLink="true">/news/7</guid><title>A</title>', "https://turkmen.news/news/7"),
        ("<guid>https://other.example/p/1</guid><title>A</title>", "https://other.example/p/1"),
        # A guid that is no permalink is an opaque string.
        ('<guid isPermaLink="false">1042</guid><title>A</title>', "1042"),
    ],
)
def test_ids_are_keyed_as_feedparser_resolves_them(item: str, key: str) -> None:
    [lean] = parse_entries(result(rss(item)), SPEC)
    [thorough] = parse_entries(result(rss(item)), SPEC, thorough=True)
    assert lean.key == thorough.key == key


def test_without_headers_ids_stay_as_written() -> None:
    [entry] = parse_entries(result(rss("<guid>1042</guid><title>A</title>"), headers={}), SPEC)
    assert entry.key == "1042"
    assert entry.link == "https://turkmen.news/feed/1042"  # a link is always made absolute


def test_unsafe_links_are_dropped() -> None:
    [entry] = parse_entries(result(rss("<title>A</title><link>javascript:alert(1)</link>")), SPEC)
    assert entry.link is None
    assert entry.url_key is None


def test_content_is_used_when_there_is_no_summary() -> None:
    body = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>x</id>'
        '<title type="html">&lt;i&gt;A&lt;/i&gt;</title>'
        '<content type="html">&lt;p&gt;Full &amp;amp; text&lt;/p&gt;</content></entry></feed>'
    )
    [entry] = parse_entries(result(body, {"content-type": "application/atom+xml"}), SPEC)
    assert (entry.title, entry.summary) == ("A", "Full & text")


def test_missing_text_is_empty_string() -> None:
    [entry] = parse_entries(result(rss('<guid isPermaLink="false">only-an-id</guid>')), SPEC)
    assert (entry.title, entry.summary, entry.link, entry.published) == ("", "", None, None)


@pytest.mark.parametrize(
    ("dates", "published"),
    [
        ("<pubDate>Mon, 01 Jan 2024 12:00:00 GMT</pubDate>", datetime(2024, 1, 1, 12, tzinfo=UTC)),
        ("<pubDate>2024-01-01T12:00:00+05:00</pubDate>", datetime(2024, 1, 1, 7, tzinfo=UTC)),
        (
            "<atom:updated xmlns:atom='http://www.w3.org/2005/Atom'>2024-01-01T12:00:00Z"
            "</atom:updated>",
            datetime(2024, 1, 1, 12, tzinfo=UTC),
        ),
        ("<pubDate>not a date</pubDate>", None),
        ("<pubDate>Mon, 01 Jan 99999 12:00:00 GMT</pubDate>", None),
        ("", None),
    ],
)
def test_published_is_aware_utc_or_none(dates: str, published: datetime | None) -> None:
    [entry] = parse_entries(result(rss(f"<guid>g</guid>{dates}")), SPEC)
    assert entry.published == published
    assert entry.published is None or entry.published.utcoffset() == timedelta(0)


def test_charset_comes_from_the_content_type_header() -> None:
    body = (
        '<rss version="2.0"><channel><item><guid>g</guid><title>Блокировка Telegram</title>'
        "</item></channel></rss>"
    ).encode("windows-1251")
    headers = {"content-type": "text/xml; charset=windows-1251"}
    [entry] = parse_entries(result(body, headers), SPEC)
    assert entry.title == "Блокировка Telegram"


def test_bozo_feed_with_entries_is_kept(caplog: pytest.LogCaptureFixture) -> None:
    broken = rss("<guid>g</guid><title>Unclosed &nbsp; entity and <b>tag</title>")
    with caplog.at_level(logging.DEBUG, logger="bot.feeds.parse"):
        [entry] = parse_entries(result(broken), SPEC)
    assert entry.title.startswith("Unclosed")
    assert "ill-formed" in caplog.text


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"\x00\x01\x02 garbage \xff\xfe", "application/rss+xml", "not well-formed"),
        (
            b"<html><body><p>Cloudflare says hi</p></body></html>",
            "text/html",
            "not a feed: text/html is not an XML media type",
        ),
        (
            b"<!doctype html><html><body><p>Cloudflare says hi</p></body></html>",
            "text/xml",
            "not a feed",
        ),
        (
            b"<?xml version='1.0'?><Error><Code>AccessDenied</Code></Error>",
            "application/xml",
            "not a feed: no RSS, Atom or RDF",
        ),
        (b"", "application/rss+xml", "empty body"),
        (b"   \n", "application/rss+xml", "empty body"),
    ],
)
def test_non_feeds_raise_parse_error(body: bytes, content_type: str, reason: str) -> None:
    with pytest.raises(ParseError, match=re.escape(reason)) as caught:
        parse_entries(result(body, {"content-type": content_type}), SPEC)
    assert caught.value.url == SPEC.url


def test_a_body_that_names_a_file_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "local.xml"
    secret.write_text(rss("<guid>from-disk</guid><title>local file</title>"))
    with pytest.raises(ParseError):
        parse_entries(result(str(secret).encode()), SPEC)


@pytest.mark.parametrize(
    "headers",
    [
        {"content-type": "application/rss+xml"},
        {"content-type": "text/xml; charset=us-ascii"},  # wrong charset: bozo, but still a feed
    ],
)
def test_an_empty_feed_is_no_error(headers: dict[str, str]) -> None:
    body = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Пусто'
    body += "</title></channel></rss>"
    assert parse_entries(result(body, headers), SPEC) == []


def test_not_modified_has_no_entries() -> None:
    unchanged = FetchResult(url=SPEC.url, final_url=SPEC.url, status=304)
    assert parse_entries(unchanged, SPEC) == []


# --- fetch and parse together, over a real local HTTP server ---------------------------------


async def test_fetched_feed_resolves_links_against_the_final_url(feed_server: FeedServer) -> None:
    body = rss(
        '<guid isPermaLink="false">g1</guid><title>Telegram blocked</title><link>/news/1</link>'
    )
    feed_server.feed("/new/rss", body, gzip=True)
    start = feed_server.redirect("/rss", "/new/rss", 301)
    async with Fetcher.open(allowed=LOOPBACK) as fetcher:
        fetched = await fetcher.fetch(start)
    [entry] = await parse_feed(fetched, SPEC)
    assert entry.link == feed_server.url("/news/1")
    assert entry.title == "Telegram blocked"


async def test_fetched_garbage_is_a_parse_error(feed_server: FeedServer) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00 not a feed"
    url = feed_server.feed("/rss", png, content_type="image/png")
    async with Fetcher.open(allowed=LOOPBACK) as fetcher:
        fetched = await fetcher.fetch(url)
    with pytest.raises(ParseError, match="not a feed"):
        await parse_feed(fetched, SPEC)
