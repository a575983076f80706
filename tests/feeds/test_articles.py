"""Articles fetched for ARTICLE: through the feeds' guarded Fetcher, from a real HTTP server on
loopback, cached in real SQLite and asked again only when stale."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.core.errors import AddressRefusedError, FetchError
from bot.feeds.articles import FRESH, ArticleDesk
from bot.feeds.fetch import Fetcher, FetchLimits
from storage.sqlite import SQLiteStorage
from tests.support.articlepages import LEFT_OUT, news_page
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock

HTML = "text/html; charset=utf-8"
LIMITS = FetchLimits(connect_timeout=2, total_timeout=2, max_body_bytes=200_000)


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open(LIMITS, allowed=LOOPBACK) as opened:
        yield opened


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def desk(fetcher: Fetcher, store: SQLiteStorage, clock: ManualClock) -> ArticleDesk:
    return ArticleDesk(fetcher, store, clock)


async def test_an_article_is_fetched_once_then_served_from_the_cache(
    feed_server: FeedServer, desk: ArticleDesk, store: SQLiteStorage, clock: ManualClock
) -> None:
    url = feed_server.feed("/a/1.html", news_page(), content_type=HTML)
    article = await desk.article(url)
    text = " ".join(article.paragraphs)
    assert article.title == "Turkmenistan blocks IMO messenger"
    assert "readers in Ashgabat" in text and not [w for w in LEFT_OUT if w in text]
    assert article.links[1] == feed_server.url("/a/2.html")  # relative made absolute
    clock.now += FRESH - timedelta(minutes=1)
    assert await desk.article(url) == article
    assert feed_server.requests["/a/1.html"] == 1
    assert await store.cached_article(url) == article  # it survives a restart


async def test_a_stale_article_is_asked_again_with_its_validators(
    feed_server: FeedServer, desk: ArticleDesk, clock: ManualClock
) -> None:
    url = feed_server.feed("/a/1.html", news_page(), content_type=HTML)
    first = await desk.article(url)
    clock.now += FRESH + timedelta(minutes=1)
    again = await desk.article(url)
    assert feed_server.not_modified["/a/1.html"] == 1  # a 304: nothing sent twice
    assert again.paragraphs == first.paragraphs and again.fetched_at == clock.now
    clock.now += FRESH + timedelta(minutes=1)
    feed_server.feed("/a/1.html", news_page(title="Corrected: IMO blocked"), content_type=HTML)
    assert (await desk.article(url)).title == "Corrected: IMO blocked"


async def test_a_failing_site_keeps_the_stale_copy_and_without_one_says_why(
    feed_server: FeedServer, desk: ArticleDesk, clock: ManualClock
) -> None:
    url = feed_server.feed("/a/1.html", news_page(), content_type=HTML)
    first = await desk.article(url)
    clock.now += FRESH * 3
    feed_server.feed("/a/1.html", "gone", status=503)
    assert (await desk.article(url)).paragraphs == first.paragraphs
    with pytest.raises(FetchError, match="503"):
        await desk.article(feed_server.feed("/a/3.html", "gone", status=503))


async def test_a_page_without_an_article_or_too_big_is_refused(
    feed_server: FeedServer, desk: ArticleDesk
) -> None:
    empty = feed_server.feed("/menu.html", "<html><body><nav>Home</nav></body></html>")
    with pytest.raises(FetchError, match="no article text"):
        await desk.article(empty)
    huge = feed_server.feed("/huge.html", news_page() + "<!-- -->" * 40_000, content_type=HTML)
    with pytest.raises(FetchError, match="exceeds"):
        await desk.article(huge)


async def test_the_address_rule_holds_for_articles_too(
    feed_server: FeedServer, store: SQLiteStorage, clock: ManualClock
) -> None:
    """Without BLOCKWATCH_ALLOW_HOSTS, a page on a private address is never fetched."""
    url = feed_server.feed("/a/1.html", news_page(), content_type=HTML)
    async with Fetcher.open(LIMITS) as public_only:
        with pytest.raises(AddressRefusedError):
            await ArticleDesk(public_only, store, clock).article(url)
    assert feed_server.requests["/a/1.html"] == 0
