"""Feed bytes to `Entry` objects: feedparser does the parsing, we reduce each item to plain text.

feedparser only ever sees bytes wrapped in a stream plus the response headers. It is never given
a URL, and never bare `bytes` either: `feedparser.parse(b"/etc/passwd")` opens that *file*, so a
hostile feed whose body is a path would make us read our own disk.

What comes out is safe to store, log and print: text without markup, control, format or bidi
characters (`plain_text`, then `textcut.clean`), and dates that are aware UTC and never more
than a day ahead of the clock (a year-9999 date would sort first and look like news forever).
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import io
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from bot.core.errors import ParseError
from bot.core.models import Entry, FeedSpec, FetchResult
from bot.core.textcut import clean, clip
from bot.core.urls import normalise_url, redact_url
from bot.feeds.plaintext import plain_text

log = logging.getLogger(__name__)

# A date further ahead than this is wrong (a typo, a bad time zone, year 9999), not early: the
# item gets the time we first saw it. A day covers every time zone and a skewed server clock.
MAX_AHEAD = timedelta(days=1)
_REASON_CHARS = 200  # of feedparser's complaint, in a ParseError reason


def parser_headers(result: FetchResult) -> dict[str, str]:
    """The response headers for feedparser, with an absolute base URL for relative links.

    All headers pass (feedparser reads content-type for the charset and content-language for the
    default language); content-location is resolved, since it may be missing or relative. With
    no content-type at all, feedparser would flag any headers as bozo ("no Content-type
    specified"), so it gets none and reads the body as it would a local file; `_absolute_link`
    still resolves entry links against the final URL.
    """
    headers = {name.lower(): value for name, value in result.headers.items()}
    if "content-type" not in headers:
        return {}
    base = result.final_url or result.url
    location = urljoin(base, headers.get("content-location", "").strip())
    # A javascript: or data: Content-Location must not become the base of every relative link.
    safe = urlsplit(location).scheme.lower() in ("http", "https")
    headers["content-location"] = location if safe else base
    return headers


def parse_document(
    result: FetchResult, feed_url: str | None = None, *, thorough: bool = True
) -> Any:
    """feedparser's result for these bytes and headers (a FeedParserDict); never fetches.

    Errors name `feed_url` (the configured URL) when given, else the URL that was requested.
    `thorough=False` is for `parse_entries`, which reduces all HTML to plain text and resolves
    links itself: feedparser skips its HTML sanitiser and its rewriting of relative URIs inside
    HTML (a third of its time, bench/poll.py), and is not told the document's URL, without
    which it stops joining that URL with every element's xml:base (a sixth of what is left).
    Links and ids then stay as the feed wrote them, relative or not.
    """
    return _feedparser(result, parser_headers(result), feed_url, thorough=thorough)


def _feedparser(
    result: FetchResult, headers: dict[str, str], feed_url: str | None, *, thorough: bool
) -> Any:
    lean = {} if thorough else {"sanitize_html": False, "resolve_relative_uris": False}
    if not thorough:
        headers = {name: value for name, value in headers.items() if name != "content-location"}
    try:
        return feedparser.parse(io.BytesIO(result.body), response_headers=headers, **lean)
    # feedparser runs on untrusted input; whatever breaks inside it is this feed's problem.
    except Exception as exc:
        reason = f"feedparser failed: {type(exc).__name__}: {exc}"
        raise ParseError(feed_url or result.url, reason) from exc


def parse_entries(
    result: FetchResult, spec: FeedSpec, *, thorough: bool = False, now: datetime | None = None
) -> list[Entry]:
    """The entries of a fetched feed; [] when not modified. Raises ParseError for non-feeds.

    Every text is reduced to plain text here (`plain_text`), so feedparser's own sanitising is
    skipped unless `thorough`; tests/feeds/test_feedparser_corpus.py checks that both give the same
    entries on feedparser's own test feeds. `now` is when the entries are first seen (the
    pipeline's clock; the system clock when not given): dates beyond it by more than
    MAX_AHEAD become `now`.
    """
    if result.not_modified:
        return []
    if not result.body.strip():
        raise ParseError(spec.url, "empty body")
    headers = parser_headers(result)
    doc = _feedparser(result, headers, spec.url, thorough=thorough)
    entries = doc.get("entries") or []
    # No entries and no recognised format: an HTML page, garbage, or some other XML (an S3 or
    # proxy error document). An empty but real feed still has a version ("rss20", "atom10").
    if not entries and not doc.get("version"):
        reason = doc.get("bozo_exception") or "no RSS, Atom or RDF feed in the body"
        raise ParseError(spec.url, f"not a feed: {clip(str(reason), _REASON_CHARS)}")
    if doc.get("bozo"):
        log.debug("ill-formed feed %s: %s", redact_url(spec.url), doc.get("bozo_exception"))
    # What feedparser would have resolved relative links and ids against (None: it would have
    # had no headers, so no base); links without one are resolved against the final URL.
    document_url = headers.get("content-location")
    seen = now if now is not None else datetime.now(UTC)
    return [
        _entry(raw, spec, document_url, result.final_url or result.url, seen) for raw in entries
    ]


async def parse_feed(
    result: FetchResult, spec: FeedSpec, now: datetime | None = None
) -> list[Entry]:
    """`parse_entries` in a worker thread: parsing a large feed must not stall the event loop."""
    return await asyncio.to_thread(parse_entries, result, spec, now=now)


def _entry(
    raw: Mapping[str, Any],
    spec: FeedSpec,
    document_url: str | None,
    final_url: str,
    now: datetime,
) -> Entry:
    title = plain_text(_text(raw.get("title")))
    summary = plain_text(_summary_html(raw))
    link = _absolute_link(raw.get("link"), document_url or final_url)
    url_key = normalise_url(link) if link else None
    published = _published(raw)
    return Entry(
        feed_url=spec.url,
        # From the text as it was before `clean`: keys stored earlier must not change.
        key=_key(raw, document_url, url_key, title, summary),
        title=clean(title),
        summary=clean(summary),
        link=link,
        url_key=url_key,
        published=now if published is not None and published - now > MAX_AHEAD else published,
        language=spec.language,
        country_hint=spec.country,
        source=spec.name,
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _summary_html(raw: Mapping[str, Any]) -> str:
    """The summary, else the first content block: both are HTML, unsanitised (see plain_text)."""
    summary = _text(raw.get("summary"))
    if summary.strip():
        return summary
    content = raw.get("content")
    if isinstance(content, list) and content and isinstance(content[0], Mapping):
        return _text(content[0].get("value"))
    return ""


def _absolute_link(value: object, base: str) -> str | None:
    """An absolute http(s) link: anything else (javascript:, mailto:, garbage) is dropped."""
    link = _text(value).strip()
    if not link:
        return None
    absolute = _join(base, link)
    return absolute if urlsplit(absolute).scheme.lower() in ("http", "https") else None


def _join(base: str, reference: str) -> str:
    """`reference` resolved against `base`; "" for what cannot be (feedparser does the same)."""
    try:
        return urljoin(base, reference)
    except ValueError:  # "http://[::1" and other broken IPv6 hosts
        return ""


def _key(
    raw: Mapping[str, Any],
    document_url: str | None,
    url_key: str | None,
    title: str,
    summary: str,
) -> str:
    """Stable across polls: the feed's own id, else the link, else a hash of the text."""
    entry_id = _text(raw.get("id")).strip()
    if entry_id and document_url and raw.get("guidislink"):
        # An id that may be a link (an Atom id, a permalink guid) is relative to the document.
        # Keys were stored resolved when feedparser did this (parse_document); they must not
        # change, or every stored entry with such an id would come back as new.
        entry_id = _join(document_url, entry_id)
    if entry_id:
        return entry_id
    if url_key:
        return url_key
    digest = hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    return f"sha256:{digest}"


def _published(raw: Mapping[str, Any]) -> datetime | None:
    """published, else updated, as aware UTC; feedparser's struct_time is already in UTC."""
    for name in ("published_parsed", "updated_parsed"):
        # `in` first: FeedParserDict.get("updated_parsed") falls back to published, with a warning.
        parsed = raw.get(name) if name in raw else None
        if isinstance(parsed, time.struct_time):
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue  # a year 0 or 99999 date is no date
    return None
