"""/addfeed's look before saving: find the feed behind a URL, fetch it once, and show what the
detector would have found in it, through the same fetcher, parser and detector as a real poll.

The URL may be the feed itself or a page of the site: then the feeds the page announces are
tried, then the usual paths (bot/feeds/discover.py), and the first that parses as a feed wins.
Nothing is stored: the moderator decides after seeing the result.

Every fetch goes through the fetcher's address guard (bot/feeds/guard.py), candidates found on
the page included: a refused address yields its refusal reason, never what it would answer.
A failure's reason names the kind of failure, never what the server sent; a body that is
neither feed nor page is "neither a feed nor a web page", whatever it holds.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal
from urllib.parse import urlsplit

from bot.core.errors import FeedError, FetchError, ParseError
from bot.core.languages import is_language
from bot.core.models import Alert, FeedSpec, FetchResult, ItemText
from bot.core.textcut import clip
from bot.detect import Detector
from bot.feeds.discover import candidates, feed_links, looks_like_html, page_language
from bot.feeds.file import DEFAULT_INTERVAL
from bot.feeds.parse import parse_document, parse_entries
from bot.feeds.plaintext import plain_text
from bot.ports import Fetcher

# Candidates fetched at most when looking for a page's feed: announced ones come first.
MAX_CANDIDATES = 8
FoundVia = Literal["given", "announced", "guessed"]


@dataclass(frozen=True, slots=True)
class Match:
    """One alert the detector found in one item of the feed."""

    title: str
    link: str | None
    alert: Alert


@dataclass(frozen=True, slots=True)
class FeedPreview:
    spec: FeedSpec  # the feed found, named and with the language it would be read in
    found_via: FoundVia  # the URL itself, a link the page announces, or a usual path
    items: int  # items in the feed now
    matches: tuple[Match, ...]  # what polling it would have alerted on


@dataclass(frozen=True, slots=True)
class _Found:
    result: FetchResult
    doc: Any  # feedparser's result
    via: FoundVia
    page_language: str | None = None


async def preview_feed(
    fetcher: Fetcher,
    detector: Detector,
    url: str,
    *,
    language: str | None = None,
    country: str | None = None,
    interval: timedelta = timedelta(minutes=DEFAULT_INTERVAL),
) -> FeedPreview:
    """Find, fetch, parse and match the feed behind `url`. Raises FeedError with the reason."""
    found = await _find(fetcher, url)
    feed_url = found.result.url
    spec = FeedSpec(
        name=_title(found.doc) or urlsplit(feed_url).hostname or feed_url,
        url=feed_url,
        language=language or _language(found, detector),
        country=country,
        interval=interval,
    )
    entries = await asyncio.to_thread(parse_entries, found.result, spec)
    matches = [
        Match(entry.title, entry.link, alert)
        for entry in entries
        for alert in detector.detect(
            ItemText(
                id=entry.key,
                title=entry.title,
                summary=entry.summary,
                language=entry.language,
                published=entry.published,
                country_hint=entry.country_hint,
            )
        )
    ]
    return FeedPreview(spec, found.via, len(entries), tuple(matches))


async def _find(fetcher: Fetcher, url: str) -> _Found:
    first = await fetcher.fetch(url)
    doc = await _feed_document(first)
    if doc is not None:
        return _Found(first, doc, "given")
    if not looks_like_html(first.body, first.headers.get("content-type", "")):
        raise FeedError(url, "neither a feed nor a web page")
    html = _decode(first)
    base = first.final_url or url
    announced = set(feed_links(html, base))
    for candidate in candidates(html, base)[:MAX_CANDIDATES]:
        try:
            result = await fetcher.fetch(candidate)
        except FetchError:
            continue
        doc = await _feed_document(result)
        if doc is not None:
            via: FoundVia = "announced" if candidate in announced else "guessed"
            return _Found(result, doc, via, page_language(html))
    raise FeedError(
        url,
        "no feed found: the page announces none, and /feed, /rss and the "
        "other usual addresses are not feeds",
    )


async def _feed_document(result: FetchResult) -> Any | None:
    """feedparser's reading of the body when it is a feed (as parse_entries decides), else None."""
    if not result.body.strip():
        return None
    try:
        doc = await asyncio.to_thread(parse_document, result)
    except ParseError:
        return None
    return doc if doc.get("version") or doc.get("entries") else None


def _decode(result: FetchResult) -> str:
    content_type = result.headers.get("content-type", "")
    charset = content_type.partition("charset=")[2].split(";")[0].strip(" \"'") or "utf-8"
    try:
        return result.body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return result.body.decode("utf-8", errors="replace")


def _title(doc: Any) -> str:
    """The feed's own title, as the name it would be saved under: one clean line (no ESC, BEL
    or bidi override reaches a log or a terminal), at most 100 characters."""
    feed = doc.get("feed") or {}
    title = feed.get("title")
    return clip(plain_text(title if isinstance(title, str) else ""), 100)


def _language(found: _Found, detector: Detector) -> str:
    """The feed's own <language>, else the page's, else a guess from its titles."""
    feed = found.doc.get("feed") or {}
    for declared in (feed.get("language"), found.page_language):
        code = str(declared or "").split("-")[0].split("_")[0].lower()
        if is_language(code):
            return code
    titles = " ".join(str(entry.get("title") or "") for entry in found.doc.get("entries") or [])
    guessed = detector.language(ItemText(id="", title=plain_text(titles[:5000]), summary=""))
    return guessed.code if guessed is not None else "en"
