"""Feed bytes to `Entry` objects: feedparser does the parsing, we reduce each item to plain text.

feedparser only ever sees bytes wrapped in a stream plus the response headers. It is never given
a URL, and never bare `bytes` either: `feedparser.parse(b"/etc/passwd")` opens that *file*, so a
hostile feed whose body is a path would make us read our own disk.
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import html
import io
import logging
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from bot.errors import ParseError
from bot.models import Entry, FeedSpec, FetchResult
from bot.urls import normalise_url, redact_url

log = logging.getLogger(__name__)

# Elements whose content is code or styling, never prose.
_SKIPPED_ELEMENTS = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
# Elements that separate words: "<p>a</p><p>b</p>" is "a b", not "ab".
_BREAKING_ELEMENTS = frozenset({
    "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "hr", "img", "figure", "figcaption", "section", "article", "dd",
    "dt",
})
_TAG_LIKE = re.compile(r"<[A-Za-z!/?]")
_WHITESPACE = re.compile(r"\s+")


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
    `thorough=False` skips feedparser's HTML sanitiser and its rewriting of relative URIs
    inside HTML, a third of its time (bench/poll.py): work thrown away when the HTML is then
    reduced to plain text, as `parse_entries` does.
    """
    lean = {} if thorough else {"sanitize_html": False, "resolve_relative_uris": False}
    try:
        return feedparser.parse(
            io.BytesIO(result.body), response_headers=parser_headers(result), **lean
        )
    # feedparser runs on untrusted input; whatever breaks inside it is this feed's problem.
    except Exception as exc:
        reason = f"feedparser failed: {type(exc).__name__}: {exc}"
        raise ParseError(feed_url or result.url, reason) from exc


def parse_entries(result: FetchResult, spec: FeedSpec, *, thorough: bool = False) -> list[Entry]:
    """The entries of a fetched feed; [] when not modified. Raises ParseError for non-feeds.

    Every text is reduced to plain text here (`plain_text`), so feedparser's own sanitising is
    skipped unless `thorough`; tests/test_feedparser_corpus.py checks that both give the same
    entries on feedparser's own test feeds.
    """
    if result.not_modified:
        return []
    if not result.body.strip():
        raise ParseError(spec.url, "empty body")
    doc = parse_document(result, spec.url, thorough=thorough)
    entries = doc.get("entries") or []
    # No entries and no recognised format: an HTML page, garbage, or some other XML (an S3 or
    # proxy error document). An empty but real feed still has a version ("rss20", "atom10").
    if not entries and not doc.get("version"):
        reason = doc.get("bozo_exception") or "no RSS, Atom or RDF feed in the body"
        raise ParseError(spec.url, f"not a feed: {reason}")
    if doc.get("bozo"):
        log.debug("ill-formed feed %s: %s", redact_url(spec.url), doc.get("bozo_exception"))
    base = result.final_url or result.url
    return [_entry(raw, spec, base) for raw in entries]


async def parse_feed(result: FetchResult, spec: FeedSpec) -> list[Entry]:
    """`parse_entries` in a worker thread: parsing a large feed must not stall the event loop."""
    return await asyncio.to_thread(parse_entries, result, spec)


class _TextExtractor(HTMLParser):
    """Collects character data (entities already unescaped), dropping tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_ELEMENTS:
            self._skipping += 1
        elif tag in _BREAKING_ELEMENTS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_ELEMENTS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BREAKING_ELEMENTS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(markup: str) -> str:
    """Markup reduced to one line of plain text: no tags, entities decoded, whitespace collapsed.

    Feeds that escape their HTML twice leave tags in the text after one pass (`&amp;lt;b&amp;gt;`),
    so passes repeat while something tag-like is left, a few times at most. Fields feedparser
    calls text/plain are stripped too: a literal `<word>` in such a title is lost (rare in news),
    and in exchange no markup ever reaches a renderer from here.
    """
    if "<" not in markup and "&" not in markup:  # most titles: nothing to parse or decode
        return _WHITESPACE.sub(" ", markup).strip()
    text = markup
    for _ in range(3):
        extractor = _TextExtractor()
        extractor.feed(text)
        extractor.close()
        # The parser decoded one level of entities; a second level is the double escaping above.
        stripped = html.unescape("".join(extractor.parts))
        text = _WHITESPACE.sub(" ", stripped).strip()
        if not _TAG_LIKE.search(text):
            break
    return text


def _entry(raw: Mapping[str, Any], spec: FeedSpec, base: str) -> Entry:
    title = plain_text(_text(raw.get("title")))
    summary = plain_text(_summary_html(raw))
    link = _absolute_link(raw.get("link"), base)
    url_key = normalise_url(link) if link else None
    return Entry(
        feed_url=spec.url,
        key=_key(raw, url_key, title, summary),
        title=title,
        summary=summary,
        link=link,
        url_key=url_key,
        published=_published(raw),
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
    absolute = urljoin(base, link)
    return absolute if urlsplit(absolute).scheme.lower() in ("http", "https") else None


def _key(raw: Mapping[str, Any], url_key: str | None, title: str, summary: str) -> str:
    """Stable across polls: the feed's own id, else the link, else a hash of the text."""
    entry_id = _text(raw.get("id")).strip()
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
