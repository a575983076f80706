"""The service's jobs (bot/service/run.py `schedule`) in the service's own scheduler part
(bot/service/parts.py `run_scheduler`: a real APScheduler) on the test's loop:
one job per active feed, each polling its own feed on the local feed server; a moderator's
change through the feed desk reschedules at once; the delivery job sends a daily digest at
digest time, by Telegram (the Bot API stand-in) and by mail (aiosmtpd); the review job shows
held events to the moderators; the registry sync and the daily feed watch run on their timers.

Jobs are made due with the scheduler's own `modify_job(next_run_time=...)`, never by waiting
out an interval. The app's clock is a ManualClock started at the real time, since APScheduler
fires by the real one: a test moves it to stand where the service would be hours later.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import App, open_app
from bot.config import Settings
from bot.core.models import FeedSpec, FeedState, Preferences
from bot.core.slots import slot_end
from bot.feeds.jobs import JOB_PREFIX, STARTUP_SPREAD
from bot.service.parts import run_scheduler
from bot.service.run import schedule
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.feedbuilder import Item, rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import ManualClock
from tests.support.smtpserver import SmtpServer

NOW = datetime.now(UTC)  # the items' dates; each service's clock starts when it does
MODERATOR = 900
INSTANT, DAILY = 3001, 3002  # Telegram chats
DAILY_MAIL = "daily@example.org"

STRONG = Item(
    "tm-imo",
    "Turkmenistan blocks IMO messenger",
    "Authorities in Turkmenistan have blocked the IMO messenger.",
    NOW - timedelta(hours=1),
)
# Names no country: the feed's default (TM) supplies it, so it waits for a moderator.
VAGUE = Item(
    "vague",
    "WhatsApp blocked",
    "Users said WhatsApp stopped working after it was blocked on Monday.",
    NOW - timedelta(hours=1),
)


async def wait_until(condition: Callable[[], object], seconds: float = 10) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - the scheduler runs the jobs in the background
            await asyncio.sleep(0.02)


@dataclass
class Running:
    """The service's jobs as `blockwatch run` schedules them, in a running scheduler."""

    app: App
    scheduler: AsyncIOScheduler
    clock: ManualClock
    urls: dict[str, str]  # feed name -> URL
    start: datetime  # the clock's time when the jobs were scheduled
    job_failures: list[JobEvent] = field(default_factory=list)

    def run_now(self, job_id: str) -> None:
        """Make a job due now, by the scheduler's own (real) clock: it runs at once."""
        self.scheduler.modify_job(job_id, next_run_time=datetime.now(UTC))

    def feed_jobs(self) -> dict[str, FeedSpec]:
        """The URL and the spec of each feed job."""
        return {
            job.id.removeprefix(JOB_PREFIX): job.args[0]
            for job in self.scheduler.get_jobs()
            if job.id.startswith(JOB_PREFIX)
        }

    async def polled(self, name: str) -> None:
        """Wait until the feed's job has polled it and stored what it found."""
        async with asyncio.timeout(10):
            # The job runs in the background, and says nothing when it is done.
            while (await self.app.store.feed_state(self.urls[name])) is None:  # noqa: ASYNC110
                await asyncio.sleep(0.02)

    async def feed_id(self, name: str) -> int:
        [found] = [f for f in await self.app.store.registered_feeds() if f.spec.name == name]
        return found.id


async def register(db: Path, feed_server: FeedServer) -> dict[str, str]:
    """The registry before the service starts: A (strong news), B (a report that waits for a
    moderator), C (paused), Gone (404, failing for three days)."""
    urls = {
        "A": feed_server.feed("/a.xml", rss("A", [STRONG])),
        "B": feed_server.feed("/b.xml", rss("B", [VAGUE])),
        "C": feed_server.feed("/c.xml", rss("C", [])),
        "Gone": feed_server.url("/gone.xml"),  # no route: 404
    }
    store = await SQLiteStorage.open(db)
    try:
        long_ago = NOW - timedelta(days=5)
        for name, url in urls.items():
            country = "TM" if name == "B" else None
            spec = FeedSpec(name, url, "en", country=country)
            feed, _ = await store.register_feed(spec, "seed", long_ago, actor_id=0)
            if name == "C":
                await store.set_feed_status(feed.id, "paused", long_ago, actor_id=0)
        await store.save_feed_state(
            FeedState(
                urls["Gone"],
                failures=30,
                last_error="HTTP 404",
                last_success=NOW - timedelta(days=3),
            )
        )
        await store.subscribe("telegram", str(INSTANT), ["TM"])
        daily = Preferences(frequency="daily", digest_hour=8)
        for channel, address in (("telegram", str(DAILY)), ("email", DAILY_MAIL)):
            subscriber = await store.subscribe(channel, address, ["TM"])  # type: ignore[arg-type]
            await store.set_preferences(subscriber.id, daily)
    finally:
        await store.close()
    return urls


@pytest.fixture
async def running(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, smtp_server: SmtpServer
) -> AsyncIterator[Running]:
    db = tmp_path / "blockwatch.db"
    urls = await register(db, feed_server)
    settings = Settings(
        db_path=db,
        feeds_path=tmp_path / "feeds.toml",  # absent: the registry is the list
        telegram_token=bot_api.token,
        telegram_api_url=bot_api.base_url,
        smtp_url=smtp_server.url,
        mail_from="Blockwatch <alerts@blockwatch.test>",
        moderators=frozenset({MODERATOR}),
        allow_hosts=LOOPBACK,
        ooni_api_url="",
    )
    # APScheduler fires by the real clock: the app's starts at the real time (a first run
    # scheduled more than a second in the past would be missed).
    clock = ManualClock(datetime.now(UTC))
    async with open_app(settings, clock=clock, out=io.StringIO()) as app:
        found: list[Running] = []

        def build(scheduler: AsyncIOScheduler) -> None:  # what the service's part is given
            clock.now = datetime.now(UTC)
            found.append(Running(app, scheduler, clock, urls, clock.now))
            scheduler.add_listener(found[0].job_failures.append, EVENT_JOB_ERROR | EVENT_JOB_MISSED)
            schedule(scheduler, app, clock())

        started = asyncio.Event()
        # The watchdog reads the clock the tests move by hours: it must not restart anything.
        part = asyncio.create_task(
            run_scheduler(build, started.set, clock=clock, stalled_after=timedelta(days=30))
        )
        await started.wait()
        try:
            yield found[0]
        finally:
            part.cancel()  # the service's stop: the jobs running end first
            with contextlib.suppress(asyncio.CancelledError):
                await part
    assert found[0].job_failures == []  # every job that ran, ran through


async def test_one_job_per_active_feed_each_polling_its_own_feed(
    running: Running, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    urls = running.urls
    jobs = running.feed_jobs()
    assert sorted(jobs) == sorted([urls["A"], urls["B"], urls["Gone"]])  # C is paused
    for url, spec in jobs.items():
        trigger = running.scheduler.get_job(JOB_PREFIX + url).trigger
        assert spec.url == url and trigger.interval == spec.interval
    desk = running.app.feed_desk
    assert desk is not None
    # First polls spread over a minute from the app's clock: a restart does not hit every
    # site at once. The first feed is due at once.
    spread = STARTUP_SPREAD / 3
    assert desk.next_run(urls["B"]) == running.start + spread
    assert desk.next_run(urls["Gone"]) == running.start + 2 * spread

    await wait_until(lambda: feed_server.requests["/a.xml"] == 1)
    await wait_until(lambda: bot_api.texts_to(INSTANT))  # its news, sent by its own job
    assert "IMO" in bot_api.texts_to(INSTANT)[0]
    running.run_now(JOB_PREFIX + urls["B"])
    await wait_until(lambda: feed_server.requests["/b.xml"] == 1)
    running.run_now(JOB_PREFIX + urls["Gone"])
    await wait_until(lambda: feed_server.requests["/gone.xml"] == 1)
    assert feed_server.requests["/a.xml"] == 1 and feed_server.requests["/c.xml"] == 0


async def test_a_moderators_change_reschedules_at_once(
    running: Running, feed_server: FeedServer
) -> None:
    desk, urls = running.app.feed_desk, running.urls
    assert desk is not None
    await wait_until(lambda: feed_server.requests["/a.xml"] == 1)

    await desk.set_status(await running.feed_id("A"), "paused", actor_id=MODERATOR)
    assert urls["A"] not in running.feed_jobs() and desk.next_run(urls["A"]) is None

    await desk.set_status(await running.feed_id("C"), "active", actor_id=MODERATOR)
    await wait_until(lambda: feed_server.requests["/c.xml"] == 1)  # resumed: polled at once

    new_url = feed_server.feed("/new.xml", rss("New", []))
    await desk.add(FeedSpec("New", new_url, "en"), actor_id=MODERATOR)
    await wait_until(lambda: feed_server.requests["/new.xml"] == 1)  # added: polled at once

    b = await running.feed_id("B")
    await desk.set_interval(b, 240, actor_id=MODERATOR)
    job = running.scheduler.get_job(JOB_PREFIX + urls["B"])
    assert job.trigger.interval == timedelta(hours=4) == job.args[0].interval
    # The next poll is at the start of the feed's next 4-hour slot, as on any other instance
    # (bot/core/slots.py): the next of its starts, whenever the change was made.
    now = datetime.now(UTC)
    assert job.next_run_time == slot_end(f"poll {urls['B']}", timedelta(hours=4), now)
    assert timedelta(0) < job.next_run_time - now <= timedelta(hours=4)

    await desk.set_status(b, "removed", actor_id=MODERATOR)
    assert sorted(running.feed_jobs()) == sorted([urls["C"], urls["Gone"], new_url])


async def test_a_change_from_the_command_line_arrives_with_the_sync_job(
    running: Running,
) -> None:
    a = await running.feed_id("A")
    await running.app.store.set_feed_status(
        a, "paused", running.clock(), actor_id=0
    )  # not the desk
    assert running.urls["A"] in running.feed_jobs()  # nobody told the scheduler
    running.run_now("feed-sync")
    await wait_until(lambda: running.urls["A"] not in running.feed_jobs())


async def test_the_delivery_job_sends_the_daily_digest_at_digest_time(
    running: Running, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    # Feed A's job polled and sent at once: to the instant subscriber only.
    await wait_until(lambda: bot_api.texts_to(INSTANT))
    assert bot_api.texts_to(DAILY) == [] and smtp_server.received == []

    start = running.start
    eight = start.replace(hour=8, minute=0, second=0, microsecond=0)
    running.clock.now = eight if eight > start else eight + timedelta(days=1)
    running.run_now("deliver")
    await wait_until(lambda: bot_api.texts_to(DAILY) and smtp_server.received)
    [digest] = bot_api.texts_to(DAILY)
    assert "Daily digest" in digest and "IMO" in digest
    [mail] = smtp_server.received
    assert mail.rcpt_tos == [DAILY_MAIL] and "IMO" in mail.message.get_content()
    assert len(bot_api.texts_to(INSTANT)) == 1  # told once, at once


async def test_the_review_job_shows_held_events_to_the_moderators(
    running: Running, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    running.run_now(JOB_PREFIX + running.urls["B"])
    await running.polled("B")
    running.run_now("review")
    await wait_until(lambda: any("WhatsApp" in text for text in bot_api.texts_to(MODERATOR)))
    await wait_until(lambda: bot_api.texts_to(INSTANT))  # A's news, not held
    assert not any("WhatsApp" in text for text in bot_api.texts_to(INSTANT))


async def test_the_watch_job_tells_the_moderators_of_a_feed_failing_for_days(
    running: Running, bot_api: BotAPI
) -> None:
    running.run_now("feed-watch")
    await wait_until(lambda: bot_api.texts_to(MODERATOR))
    [report] = bot_api.texts_to(MODERATOR)
    assert "Gone has failed for 3 d" in report
