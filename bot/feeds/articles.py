"""Articles fetched for readers who ask for them: through the feeds' own Fetcher, cached by URL.

    ArticleDesk(fetcher, store, clock).article(url) -> Article   (FetchError when none)

The fetcher is the feeds' (bot/feeds/fetch.py): its size cap, timeouts and address checks hold
for every page, redirects included. Only links of our own feed items reach here (the callers ask
by a source's number, never by a URL someone wrote). A cached article younger than `fresh` is
served as it is; an older one is asked for again with its validators (a 304 makes it fresh
again), and kept when the site fails: a stale article read behind a block beats none.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import timedelta

from bot.core.article import Article
from bot.core.errors import FetchError
from bot.core.models import FeedState, FetchResult
from bot.feeds.extract import extract_article
from bot.ports import ArticleStorage, Clock, Fetcher

__all__ = ["FRESH", "ArticleDesk"]

log = logging.getLogger(__name__)

FRESH = timedelta(hours=6)  # news pages get corrected the first hours; then they settle


class ArticleDesk:
    def __init__(
        self, fetcher: Fetcher, store: ArticleStorage, clock: Clock, *, fresh: timedelta = FRESH
    ) -> None:
        self._fetcher = fetcher
        self._store = store
        self._clock = clock
        self._fresh = fresh

    async def article(self, url: str) -> Article:
        """The article at `url`: cached, revalidated or fetched. FetchError: none to give."""
        cached = await self._store.cached_article(url)
        now = self._clock()
        if cached is not None and now - cached.fetched_at < self._fresh:
            return cached
        state = (
            FeedState(url, etag=cached.etag, last_modified=cached.last_modified) if cached else None
        )
        try:
            result = await self._fetcher.fetch(url, state)
            article = await self._article_of(url, result, cached)
        except FetchError as exc:
            if cached is None:
                raise
            log.info("article page failed (%s): the cached copy is served", exc.reason)
            return cached
        article = replace(article, fetched_at=now)
        await self._store.save_article(article)
        return article

    async def _article_of(self, url: str, result: FetchResult, cached: Article | None) -> Article:
        if result.status == 304 and cached is not None:
            return replace(
                cached,
                etag=result.etag or cached.etag,
                last_modified=result.last_modified or cached.last_modified,
            )
        html = _decoded(result)
        # lxml's parse takes tens of milliseconds on a big page: off the event loop.
        article = await asyncio.to_thread(extract_article, html, result.final_url, self._clock())
        if article is None:
            raise FetchError(url, "no article text found on the page")
        return replace(article, url=url, etag=result.etag, last_modified=result.last_modified)


def _decoded(result: FetchResult) -> str | bytes:
    """The page as text when its Content-Type names a charset we know; else the bytes, for
    trafilatura to sniff (its <meta charset> and a guess)."""
    content_type = result.headers.get("content-type", "")
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset":
            try:
                return (result.body or b"").decode(value.strip().strip('"'), errors="replace")
            except LookupError:
                break
    return result.body or b""
