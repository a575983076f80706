"""Builds small RSS documents for tests of the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    summary: str
    published: datetime
    link: str = ""


def imo_blocked(published: datetime, guid: str = "tm-imo") -> Item:
    """The report most tests poll for: IMO blocked in Turkmenistan, one alert (TM, imo, block)."""
    return Item(
        guid,
        "Turkmenistan blocks IMO messenger",
        "Authorities in Turkmenistan have blocked the IMO messenger.",
        published,
    )


def rss(title: str, items: list[Item], *, language: str = "en") -> str:
    entries = "".join(
        f'<item><guid isPermaLink="false">{escape(item.guid)}</guid>'
        f"<title>{escape(item.title)}</title>"
        f"<link>{escape(item.link or 'https://news.example/' + item.guid)}</link>"
        f"<description>{escape(item.summary)}</description>"
        f"<pubDate>{format_datetime(item.published)}</pubDate></item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link>"
        f"<description>{escape(title)}</description><language>{language}</language>"
        f"{entries}</channel></rss>"
    )


def feeds_toml(feeds: list[tuple[str, str, str]]) -> str:
    """A feeds.toml for (name, url, language) triples."""
    return "\n".join(
        f'[[feed]]\nname = "{name}"\nurl = "{url}"\nlanguage = "{language}"\n'
        for name, url, language in feeds
    )
