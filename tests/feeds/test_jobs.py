"""The running service follows the registry: moderators' changes add, drop and reschedule feed
jobs in a real APScheduler at once, changes from the command line on the next sync; and the
daily report of feeds in trouble reaches the moderators through the Bot API stand-in."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import App, open_app
from bot.config import Settings
from bot.core.models import FeedSpec, FeedState
from bot.feeds.jobs import JOB_PREFIX
from bot.feeds.watch import watch_feeds
from bot.moderation.feeds.alarm import moderator_notifier
from bot.service.run import schedule
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import Item, feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import ManualClock

MOD, OTHER_MOD = 900, 901
NEWS = Item("1", "Cotton harvest begins", "The harvest started.", datetime.now(UTC))


async def wait_until(condition: Callable[[], object], seconds: float = 10) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - the scheduler polls in the background
            await asyncio.sleep(0.05)


@pytest.fixture
async def running(
    tmp_path: Path, feed_server: FeedServer
) -> AsyncIterator[tuple[App, AsyncIOScheduler]]:
    """The service's parts as `blockwatch run` wires them, its scheduler running."""
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(feeds_toml([("A", feed_server.feed("/a.xml", rss("A", [NEWS])), "en")]))
    settings = Settings(
        db_path=tmp_path / "blockwatch.db",
        feeds_path=feeds_file,
        allow_hosts=LOOPBACK,
        ooni_api_url="",
    )
    async with open_app(settings, out=io.StringIO()) as app:
        scheduler = AsyncIOScheduler(timezone=UTC)
        schedule(scheduler, app, datetime.now(UTC))
        scheduler.start()
        try:
            yield app, scheduler
        finally:
            scheduler.shutdown(wait=False)


def feed_jobs(scheduler: AsyncIOScheduler) -> dict[str, FeedSpec]:
    return {
        job.id.removeprefix(JOB_PREFIX): job.args[0]
        for job in scheduler.get_jobs()
        if job.id.startswith(JOB_PREFIX)
    }


async def test_moderators_changes_reach_the_running_scheduler_at_once(
    running: tuple[App, AsyncIOScheduler], feed_server: FeedServer
) -> None:
    app, scheduler = running
    desk = app.feed_desk
    assert desk is not None
    assert {job.id for job in scheduler.get_jobs()} >= {"feed-sync", "feed-watch", "deliver"}
    a_url = feed_server.url("/a.xml")
    assert list(feed_jobs(scheduler)) == [a_url]

    b_url = feed_server.feed("/b.xml", rss("B", [NEWS]))
    b, added = await desk.add(FeedSpec("B", b_url, "en"), actor_id=MOD)
    assert added and b_url in feed_jobs(scheduler)
    await wait_until(lambda: feed_server.requests["/b.xml"] >= 1)  # polled at once
    assert desk.next_run(b_url) is not None

    [a] = [feed for feed in await app.store.registered_feeds() if feed.spec.url == a_url]
    await desk.set_status(a.id, "paused", actor_id=MOD)
    assert list(feed_jobs(scheduler)) == [b_url] and desk.next_run(a_url) is None

    await desk.set_interval(b.id, 240, actor_id=MOD)
    job = scheduler.get_job(JOB_PREFIX + b_url)
    assert job.trigger.interval == timedelta(hours=4)
    assert job.args[0].interval == timedelta(hours=4)
    await desk.set_country(b.id, "TM", actor_id=MOD)
    assert scheduler.get_job(JOB_PREFIX + b_url).args[0].country == "TM"

    await desk.set_status(b.id, "removed", actor_id=MOD)
    assert feed_jobs(scheduler) == {}


async def test_changes_from_the_command_line_arrive_with_the_next_sync(
    running: tuple[App, AsyncIOScheduler], feed_server: FeedServer
) -> None:
    app, scheduler = running
    [a] = await app.store.registered_feeds()
    await app.store.set_feed_status(a.id, "paused", datetime.now(UTC), actor_id=0)
    assert a.spec.url in feed_jobs(scheduler)  # nobody told the scheduler yet
    [job] = [job for job in scheduler.get_jobs() if job.id == "feed-sync"]
    await job.func()  # what the timer runs every minute
    assert feed_jobs(scheduler) == {}


# --- the daily report ---------------------------------------------------------------------------


@pytest.fixture
async def watched(tmp_path: Path, store: SQLiteStorage) -> tuple[SQLiteStorage, ManualClock]:
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    feed, _ = await store.register_feed(
        FeedSpec("Broken <b>", "https://x.example/rss", "en"),
        "seed",
        clock.now - timedelta(days=3),
        actor_id=0,
    )
    await store.save_feed_state(
        FeedState(
            feed.spec.url,
            failures=9,
            last_error="HTTP 410 Gone",
            last_success=clock.now - timedelta(days=2),
        )
    )
    return store, clock


async def test_a_failing_feed_is_reported_once_a_day_until_it_recovers(
    watched: tuple[SQLiteStorage, ManualClock],
    bot: Bot,
    bot_api: BotAPI,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store, clock = watched
    await store.add_moderator(OTHER_MOD, MOD, clock.now)
    bot_api.block(OTHER_MOD)  # never started a chat with the bot
    notify = moderator_notifier(bot, store, frozenset({MOD}))
    with caplog.at_level(logging.WARNING):
        assert len(await watch_feeds(store, clock, notify)) == 1
    [text] = bot_api.texts_to(MOD)
    assert "#1 Broken &lt;b&gt; has failed for 2 d: HTTP 410 Gone" in text
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("#1 Broken <b> has failed for 2 d" in w for w in warnings)
    assert any("could not be told" in w for w in warnings)
    assert all(str(OTHER_MOD) not in w and str(MOD) not in w for w in warnings)

    clock.now += timedelta(hours=23)
    assert await watch_feeds(store, clock, notify) == []
    clock.now += timedelta(hours=1)
    assert len(await watch_feeds(store, clock, notify)) == 1
    assert len(bot_api.texts_to(MOD)) == 2

    await store.save_feed_state(FeedState("https://x.example/rss", last_success=clock.now))
    clock.now += timedelta(days=1)
    assert await watch_feeds(store, clock, notify) == []
    assert len(bot_api.texts_to(MOD)) == 2


async def test_without_a_bot_the_report_is_the_log(
    watched: tuple[SQLiteStorage, ManualClock], caplog: pytest.LogCaptureFixture
) -> None:
    store, clock = watched
    with caplog.at_level(logging.WARNING, logger="bot.feeds.watch"):
        [problem] = await watch_feeds(store, clock)
    assert problem.kind == "failing"
    assert "needs a look: #1 Broken <b> has failed" in caplog.text
    assert (await store.registered_feed(1)).reported_at == clock.now  # type: ignore[union-attr]


async def test_a_change_is_kept_when_the_scheduler_fails(
    running: tuple[App, AsyncIOScheduler], caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        async def feeds_changed(self) -> None:
            raise RuntimeError("scheduler gone")

        def next_run(self, url: str) -> datetime | None:
            return None

    app, _ = running
    assert app.feed_desk is not None
    app.feed_desk.attach(Broken())
    _, added = await app.feed_desk.add(FeedSpec("C", "https://c.example/rss", "en"), actor_id=MOD)
    assert added and "could not reschedule" in caplog.text
    assert len(await app.store.registered_feeds()) == 2
