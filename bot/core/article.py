"""A news article as the reader gets it by mail or in a chat: what extraction keeps of a page.

`Article` is the boundary between the fetcher (bot/feeds/articles.py, which extracts and caches
it) and the renderers (bot/mail/article.py, bot/telegram/article.py). `AskedSource` is one
numbered source of a mail we sent: what an `ARTICLE 2` may ask for, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Article", "AskedSource"]


@dataclass(frozen=True, slots=True)
class Article:
    """The main text of one page, plain: no navigation, ads, comments, scripts or images."""

    url: str  # the page asked for (the feed item's link), the cache key
    title: str
    author: str | None
    published: str | None  # as the page gives it, YYYY-MM-DD when known
    # The body, one paragraph (or heading, or list item) each; a link inside one is marked
    # "[n]", n its 1-based place in `links`
    paragraphs: tuple[str, ...]
    links: tuple[str, ...]  # absolute http(s) URLs, each once
    fetched_at: datetime
    etag: str | None = None  # the page's validators, sent back when the cached copy is stale
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class AskedSource:
    """One numbered source of a mail we sent to one subscriber (storage: mail_sources)."""

    number: int
    entry_id: int
    source: str  # the feed's display name
    title: str
    link: str | None
    summary: str  # the feed item's text: its opening sentences when the full text is not ours
    language: str
    full_text: bool  # the feed is marked full_text = true: its articles may be sent whole
