"""The feeds over HTTP: feedparser reads them, the Atom keeps RFC 4287's rules that readers rely
on (ids, updated, links), the JSON is JSON Feed 1.1, and a client polling them gets 304s."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser
import pytest

from bot.core.records import NewEntry, Placement
from storage.sqlite import SQLiteStorage
from tests.site.conftest import PUBLIC_URL, Client, Seeded, alert, entry
from tests.support.manualclock import NOW

A = "{http://www.w3.org/2005/Atom}"
# JSON Feed 1.1's item fields (https://www.jsonfeed.org/version/1.1/)
JSON_FEED_ITEM = {
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "authors",
    "tags",
    "language",
    "attachments",
}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def check_atom(body: bytes) -> ET.Element:
    """RFC 4287 section 4.1: what a feed and each entry must have, once."""
    feed = ET.fromstring(body)
    assert feed.tag == f"{A}feed"
    for parent in (feed, *feed.findall(f"{A}entry")):
        for name in ("id", "title", "updated"):
            assert len(parent.findall(f"{A}{name}")) == 1, (parent.tag, name)
        assert RFC3339.match(parent.findtext(f"{A}updated") or ""), parent.findtext(f"{A}id")
        published = parent.findtext(f"{A}published")
        assert published is None or RFC3339.match(published)
        ident = parent.findtext(f"{A}id") or ""
        assert urlsplit(ident).scheme == "https" and urlsplit(ident).netloc  # an absolute IRI
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in parent.findall(f"{A}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == len(set(alternates))  # one alternate per type and language
        for link in parent.findall(f"{A}link"):
            assert urlsplit(link.get("href") or "").scheme in {"http", "https"}
    assert feed.findall(f"{A}author")  # entries have none of their own: the feed's counts
    selves = [link for link in feed.findall(f"{A}link") if link.get("rel") == "self"]
    assert len(selves) == 1 and selves[0].get("href") == feed.findtext(f"{A}id")
    ids = [e.findtext(f"{A}id") for e in feed.findall(f"{A}entry")]
    assert len(ids) == len(set(ids))
    return feed


def check_json_feed(data: dict[str, Any]) -> None:
    """JSON Feed 1.1's musts (feedparser 6.0 reads no JSON Feed): version, title, and items
    each with a string id, content, and RFC 3339 dates."""
    assert data["version"] == "https://jsonfeed.org/version/1.1" and data["title"]
    ids = [item["id"] for item in data["items"]]
    assert all(isinstance(i, str) and i for i in ids) and len(ids) == len(set(ids))
    for item in data["items"]:
        assert item.get("content_html") or item.get("content_text")
        assert RFC3339.match(item["date_published"]) and RFC3339.match(item["date_modified"])
        assert all(k in JSON_FEED_ITEM or k.startswith("_") for k in item)  # extensions: "_"


async def test_the_atom_feed_of_all_events(client: Client, seeded: Seeded) -> None:
    response = await client.get("/feeds/events.atom")
    body = await response.read()
    assert response.content_type == "application/atom+xml"
    feed = check_atom(body)
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    titles = [e.title for e in parsed.entries]
    # one entry per public event, newest report first; the held KZ event is not there
    assert titles == [
        "Turkmenistan: IMO blocked",
        "Russia: Telegram unblocked",
        "Turkmenistan: WhatsApp throttled",
    ]
    imo = parsed.entries[0]
    assert imo.id == imo.link == f"{PUBLIC_URL}/events/{seeded.imo}"
    assert imo.updated == "2026-11-21T12:00:00Z" and imo.published == "2026-11-21T09:00:00Z"
    related = [link.href for link in imo.links if link.rel == "related"]
    assert related == [
        "https://www.azathabar.com/a/imo.html",
        "https://www.rferl.org/a/imo/1.html",
        "https://example.org/imo?a=1&b=2",
    ]
    assert "IMO petiklendi" in imo.content[0].value and imo.summary == "blocked; reports: 3"
    assert feed.findtext(f"{A}updated") == "2026-11-21T12:00:00Z"  # its newest entry's


async def test_a_countrys_feeds(client: Client) -> None:
    atom = feedparser.parse(await (await client.get("/feeds/TM.atom")).read())
    assert [e.title for e in atom.entries] == [
        "Turkmenistan: IMO blocked",
        "Turkmenistan: WhatsApp throttled",
    ]
    response = await client.get("/feeds/tm.json")
    assert response.content_type == "application/feed+json"
    body = await response.read()
    data = json.loads(body)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"{PUBLIC_URL}/feeds/TM.json"
    assert [item["_blockwatch"]["service"] for item in data["items"]] == ["imo", "whatsapp"]
    reports = data["items"][0]["_blockwatch"]["reports"]
    assert [r["language"] for r in reports] == ["tk", "ru", "en"]
    check_json_feed(data)
    empty = feedparser.parse(await (await client.get("/feeds/FR.atom")).read())
    assert not empty.bozo and empty.entries == []


async def test_feeds_in_the_readers_language(client: Client) -> None:
    body = await (await client.get("/feeds/TM.atom?lang=ru")).read()
    parsed = feedparser.parse(body)
    assert parsed.entries[0].title == "Туркменистан: IMO — блокировка"
    assert b'xml:lang="ru"' in body


@pytest.mark.parametrize("path", ["/feeds/events.atom", "/feeds/events.json", "/feeds/TM.json"])
async def test_polling_a_feed_that_did_not_change_gets_304(client: Client, path: str) -> None:
    first = await client.get(path)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert modified == "Sat, 21 Nov 2026 12:00:00 GMT"
    by_tag = await client.get(path, headers={"If-None-Match": etag})
    by_date = await client.get(path, headers={"If-Modified-Since": modified})
    assert by_tag.status == by_date.status == 304 and by_tag.headers["ETag"] == etag
    stale = await client.get(
        path, headers={"If-None-Match": '"other"', "If-Modified-Since": modified}
    )
    assert stale.status == 200  # If-None-Match decides when both are sent (RFC 9110)


async def test_an_entry_is_updated_when_a_report_joins(
    client: Client, store: SQLiteStorage, seeded: Seeded
) -> None:
    first = await client.get("/feeds/TM.atom")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    later = NOW - timedelta(hours=1)
    joined = entry("9", "IMO still blocked", "https://late.test/imo", "en", later, "Late")
    await store.record_entries(
        [NewEntry(joined, (Placement(alert("TM", "imo", "block"), seeded.imo),))], now=later
    )
    again = await client.get(
        "/feeds/TM.atom", headers={"If-None-Match": etag, "If-Modified-Since": modified}
    )
    assert again.status == 200
    parsed = feedparser.parse(await again.read())
    imo = parsed.entries[0]
    assert imo.id.endswith(f"/events/{seeded.imo}") and len(parsed.entries) == 2  # no new entry
    assert imo.updated == "2026-11-23T08:00:00Z" and "IMO still blocked" in imo.content[0].value
    assert again.headers["Last-Modified"] == format_datetime(later, usegmt=True)
