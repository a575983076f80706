"""Feed discovery on a site's HTML page: the feeds it announces, then the usual places. Pure.

A page announces its feeds with `<link rel="alternate" type="application/rss+xml" href=...>`
(or atom+xml) in its head; sites that do not often still serve one at /feed or /rss. The
candidates come back in the order worth trying; fetching them is bot/feeds/preview.py's job.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
    }
)
# Tried on the site's root after the announced feeds, in this order: WordPress, then the
# other common engines and hand-made sites.
COMMON_PATHS: tuple[str, ...] = (
    "/feed",
    "/rss",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
    "/feeds/posts/default",
)
# A page is read up to here for its head; a 5 MB page's feed links are in its first lines.
MAX_HTML_CHARS = 512 * 1024
_JSON_FEED = "application/feed+json"  # announced, but feedparser cannot read JSON Feed


class _HeadReader(HTMLParser):
    """Collects <base href>, <html lang> and the <link> elements that announce feeds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.language: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "html" and values.get("lang"):
            self.language = values["lang"]
        elif tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        elif tag in ("link", "a") and _announces_feed(values):
            self.links.append(values["href"])


def _announces_feed(values: dict[str, str]) -> bool:
    rels = values.get("rel", "").lower().split()
    kind = values.get("type", "").lower().split(";")[0].strip()
    return (
        "alternate" in rels
        and kind in FEED_TYPES
        and kind != _JSON_FEED
        and bool(values.get("href"))
    )


def _read(html: str) -> _HeadReader:
    reader = _HeadReader()
    reader.feed(html[:MAX_HTML_CHARS])
    reader.close()
    return reader


def feed_links(html: str, page_url: str) -> list[str]:
    """The http(s) feeds a page announces, absolute, in document order, without repeats."""
    reader = _read(html)
    base = (_join(page_url, reader.base) if reader.base else None) or page_url
    return _unique(_join(base, href) for href in reader.links)


def common_feed_urls(page_url: str) -> list[str]:
    """The usual feed addresses on the page's site."""
    parts = urlsplit(page_url)
    return [urlunsplit((parts.scheme, parts.netloc, path, "", "")) for path in COMMON_PATHS]


def candidates(html: str, page_url: str) -> list[str]:
    """Every URL worth trying for the page's feed: announced ones first, then the usual ones."""
    return _unique([*feed_links(html, page_url), *common_feed_urls(page_url)])


def page_language(html: str) -> str | None:
    """The page's language as an ISO 639-1 code (`<html lang="ru-RU">` is "ru"), if it says."""
    declared = _read(html).language
    code = (declared or "").split("-")[0].split("_")[0].lower()
    return code if len(code) == 2 and code.isalpha() else None


def looks_like_html(body: bytes, content_type: str) -> bool:
    """Whether a response is a web page rather than a feed (or garbage)."""
    if "html" in content_type.lower():
        return True
    start = body[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _join(base: str, href: str) -> str | None:
    """`href` made absolute; None when either is no URL at all (an unbalanced "[" host)."""
    try:
        url = urljoin(base, href)
        return url if urlsplit(url).scheme in ("http", "https") else None
    except ValueError:
        return None


def _unique(urls: Iterable[str | None]) -> list[str]:
    """http(s) URLs only (a javascript: href is no feed), first occurrence kept."""
    seen: dict[str, None] = {}
    for url in urls:
        if url is not None:
            seen.setdefault(url, None)
    return list(seen)
