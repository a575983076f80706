"""The pipeline over real HTTP (tests/support/feedserver.py) and real SQLite: broken feeds, backoff,
deduplication across feeds, and stale items that are stored but wake nobody."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.core.models import FeedSpec
from bot.detect import Detector
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.pipeline import Pipeline
from storage.sqlite import SQLiteStorage
from tests.support.feedbuilder import Item, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock

TM_BLOCK = Item(
    "tm-1",
    "Turkmenistan blocks IMO messenger",
    "Authorities in Turkmenistan have blocked the IMO messenger, users say.",
    NOW - timedelta(hours=1),
)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


@pytest.fixture(autouse=True)
async def one_chat(store: SQLiteStorage) -> None:
    """Chat 1001 follows Turkmenistan: what the pipeline finds has someone to wake."""
    await store.subscribe("telegram", "1001", ["TM"])


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    limits = FetchLimits(connect_timeout=1, total_timeout=1)
    async with Fetcher.open(limits, allowed=LOOPBACK) as opened:
        yield opened


def pipeline(
    store: SQLiteStorage, fetcher: Fetcher, detector: Detector, clock: ManualClock
) -> Pipeline:
    return Pipeline(store, fetcher, detector, [], clock)


async def test_broken_feeds_are_logged_and_the_rest_go_on(
    feed_server: FeedServer,
    store: SQLiteStorage,
    fetcher: Fetcher,
    detector: Detector,
    caplog: pytest.LogCaptureFixture,
) -> None:
    feeds = [
        FeedSpec("garbage", feed_server.feed("/garbage", b"\x00\x01 not a feed \xff"), "en"),
        FeedSpec("error", feed_server.feed("/error", "oops", status=500), "en"),
        FeedSpec("hang", feed_server.feed("/hang", rss("x", []), delay=5), "en"),
        FeedSpec("good", feed_server.feed("/good", rss("Good", [TM_BLOCK])), "en"),
    ]
    clock = ManualClock(NOW)
    with caplog.at_level(logging.WARNING, logger="bot.pipeline"):
        outcomes = await pipeline(store, fetcher, detector, clock).poll_all(feeds)

    by_name = {outcome.feed.name: outcome for outcome in outcomes}
    assert [by_name[name].status for name in ("garbage", "error", "hang", "good")] == [
        "failed",
        "failed",
        "failed",
        "new",
    ]
    assert "500" in str(by_name["error"].error)
    assert "timed out" in str(by_name["hang"].error)
    assert by_name["garbage"].error
    for name in ("garbage", "error", "hang"):
        assert any(
            by_name[name].feed.url in r.message and "failed" in r.message for r in caplog.records
        ), name
    (event,) = by_name["good"].new_events
    assert (event.country, event.service, event.action) == ("TM", "imo", "block")
    assert len(await store.due_deliveries("telegram", clock.now, 10)) == 1


async def test_failing_feed_backs_off_and_recovers(
    feed_server: FeedServer, store: SQLiteStorage, fetcher: Fetcher, detector: Detector
) -> None:
    feed = FeedSpec(
        "flaky",
        feed_server.feed("/flaky", "down", status=503),
        "en",
        interval=timedelta(minutes=10),
    )
    clock = ManualClock(NOW)
    run = pipeline(store, fetcher, detector, clock)
    assert (await run.poll_feed(feed)).status == "failed"
    assert (await run.poll_feed(feed)).status == "waiting"  # not yet: backing off
    assert feed_server.requests["/flaky"] == 1

    clock.now += timedelta(minutes=10)
    assert (await run.poll_feed(feed)).status == "failed"
    state = await store.feed_state(feed.url)
    assert state is not None and state.failures == 2
    assert state.retry_at == clock.now + timedelta(minutes=20)  # doubled

    feed_server.feed("/flaky", rss("Flaky", [TM_BLOCK]))
    clock.now += timedelta(minutes=20)
    assert (await run.poll_feed(feed)).status == "new"
    state = await store.feed_state(feed.url)
    assert state is not None
    assert (state.failures, state.retry_at, state.last_error) == (0, None, None)


async def test_same_story_through_two_feeds_is_stored_once(
    feed_server: FeedServer, store: SQLiteStorage, fetcher: Fetcher, detector: Detector
) -> None:
    shared = Item(
        "x",
        TM_BLOCK.title,
        TM_BLOCK.summary,
        TM_BLOCK.published,
        link="https://news.example/tm-imo?utm_source=rss",
    )
    copy = Item(
        "y",
        TM_BLOCK.title,
        TM_BLOCK.summary,
        TM_BLOCK.published,
        link="http://www.news.example/tm-imo",
    )
    feeds = [
        FeedSpec("a", feed_server.feed("/a", rss("A", [shared])), "en"),
        FeedSpec("b", feed_server.feed("/b", rss("B", [copy])), "en"),
    ]
    outcomes = await pipeline(store, fetcher, detector, ManualClock(NOW)).poll_all(feeds)
    assert sum(outcome.new_entries for outcome in outcomes) == 1
    assert sum(len(outcome.new_events) for outcome in outcomes) == 1


async def test_old_items_make_events_but_wake_nobody(
    feed_server: FeedServer, store: SQLiteStorage, fetcher: Fetcher, detector: Detector
) -> None:
    old = Item("old", TM_BLOCK.title, TM_BLOCK.summary, NOW - timedelta(days=30))
    feed = FeedSpec("archive", feed_server.feed("/archive", rss("Archive", [old])), "en")
    clock = ManualClock(NOW)
    outcome = await pipeline(store, fetcher, detector, clock).poll_feed(feed)
    assert len(outcome.new_events) == 1
    assert await store.due_deliveries("telegram", clock.now, 10) == []


async def test_permanent_redirect_is_remembered(
    feed_server: FeedServer, store: SQLiteStorage, fetcher: Fetcher, detector: Detector
) -> None:
    feed_server.feed("/new-home", rss("Moved", [TM_BLOCK]))
    feed = FeedSpec("moved", feed_server.redirect("/old-home", "/new-home", status=301), "en")
    run = pipeline(store, fetcher, detector, ManualClock(NOW))
    await run.poll_feed(feed)
    await run.poll_feed(feed)
    assert feed_server.requests["/old-home"] == 1
    assert feed_server.requests["/new-home"] == 2
    assert feed_server.not_modified["/new-home"] == 1


async def test_one_feed_telling_a_story_twice_makes_one_event(
    feed_server: FeedServer, store: SQLiteStorage, fetcher: Fetcher, detector: Detector
) -> None:
    """A feed's entries are stored as one batch: the later item joins the event the earlier
    one opens, the unblock after it is an event of its own, and each wakes the chat once."""
    follow_up = Item(
        "tm-2",
        "IMO messenger blocked in Turkmenistan",
        "Users in Turkmenistan say the authorities blocked the IMO messenger.",
        NOW - timedelta(minutes=30),
    )
    unblock = Item(
        "tm-3",
        "Turkmenistan unblocks IMO",
        "Authorities in Turkmenistan have unblocked the IMO messenger.",
        NOW - timedelta(minutes=10),
    )
    feed = FeedSpec(
        "news",
        feed_server.feed("/news", rss("News", [unblock, follow_up, TM_BLOCK, follow_up])),
        "en",
    )
    clock = ManualClock(NOW)
    outcome = await pipeline(store, fetcher, detector, clock).poll_feed(feed)
    assert (outcome.entries, outcome.new_entries) == (4, 3)
    assert [(e.action, e.source_count) for e in outcome.new_events] == [
        ("block", 2),
        ("unblock", 1),
    ]
    due = await store.due_deliveries("telegram", clock.now, 10)
    assert sorted(d.event_id for d in due) == sorted(e.id for e in outcome.new_events)
