"""The long-running service: APScheduler polls each feed on its own interval, a delivery job
drains the outbox, and aiogram answers subscribers' commands, until SIGTERM or Ctrl-C. Or one
cycle of the same jobs, for cron (`run_cycle`).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from datetime import UTC, datetime, timedelta

from aiohttp.web import AppRunner
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import App
from bot.config import DEFAULT_HTTP_PORT
from bot.deliver import DeliveryStats
from bot.errors import MailboxError
from bot.feed_jobs import SYNC_EVERY, FeedJobs
from bot.feed_watch import WATCH_EVERY, Notify, watch_feeds
from bot.pipeline import FeedOutcome
from bot.web import start_web

log = logging.getLogger(__name__)

# Retries and alerts found by a poll go out within this long.
DELIVERY_EVERY = timedelta(seconds=15)
# Commands by mail are answered within this long.
INBOX_EVERY = timedelta(seconds=60)


def schedule(scheduler: AsyncIOScheduler, app: App, now: datetime) -> FeedJobs:
    """One job per active feed (kept in step with the registry), delivery, and the rest."""
    assert app.feed_desk is not None  # open_app always makes one
    desk = app.feed_desk
    jobs = FeedJobs(scheduler, app.pipeline.poll_and_deliver, app.store, desk.now)
    jobs.start(app.feeds, now)
    desk.attach(jobs)  # moderators' changes reschedule at once
    scheduler.add_job(  # and changes made from the command line, within a minute
        jobs.sync, IntervalTrigger(seconds=SYNC_EVERY.total_seconds(), timezone=UTC),
        id="feed-sync", next_run_time=now + SYNC_EVERY, max_instances=1, coalesce=True,
    )
    scheduler.add_job(
        watch_feeds, IntervalTrigger(seconds=WATCH_EVERY.total_seconds(), timezone=UTC),
        args=[app.store, desk.now, _moderator_notifier(app)], id="feed-watch",
        next_run_time=now + WATCH_EVERY, max_instances=1, coalesce=True,
    )
    scheduler.add_job(
        app.pipeline.deliver, IntervalTrigger(seconds=DELIVERY_EVERY.total_seconds(), timezone=UTC),
        id="deliver", next_run_time=now, max_instances=1, coalesce=True,
    )
    if app.inbox is not None:  # commands by mail
        scheduler.add_job(
            app.inbox.poll, IntervalTrigger(seconds=INBOX_EVERY.total_seconds(), timezone=UTC),
            id="inbox", next_run_time=now, max_instances=1, coalesce=True,
        )
    if app.review_desk is not None:  # held events' cards to the moderators
        scheduler.add_job(
            app.review_desk.notify,
            IntervalTrigger(seconds=DELIVERY_EVERY.total_seconds(), timezone=UTC),
            id="review", next_run_time=now, max_instances=1, coalesce=True,
        )
    return jobs


async def _publish_commands(app: App) -> None:
    # Only the command menu: the bot works without it, so a failure here must not stop us.
    from aiogram.exceptions import TelegramAPIError  # imported only with a bot: aiogram is heavy

    from bot.handlers import publish_commands

    assert app.bot is not None
    try:
        await publish_commands(app.bot)
    except TelegramAPIError as exc:
        log.warning("could not publish the bot's command menu: %s", exc)


async def _start_web(app: App) -> AppRunner | None:
    """One-click unsubscribe and /health, when PUBLIC_URL or BLOCKWATCH_HTTP_PORT is set."""
    settings = app.settings
    if settings.public_url is None and settings.http_port is None:
        return None
    return await start_web(app.store, settings.http_port or DEFAULT_HTTP_PORT)


async def run_cycle(app: App) -> tuple[list[FeedOutcome], DeliveryStats]:
    """What the service's jobs do, once (`blockwatch run --once`, from cron): commands by mail
    first (a STOP must beat the alert), every feed polled, what is due sent, held events to
    the moderators, and feeds in trouble reported (each at most once a day, as the service
    does: the time of the last report is stored)."""
    assert app.feed_desk is not None  # open_app always makes one
    if app.inbox is not None:
        try:  # the mailbox's trouble is not the feeds': they are polled all the same
            await app.inbox.poll()
        except MailboxError as exc:
            log.warning("mail commands not read: %s", exc.reason)
    outcomes, delivered = await app.pipeline.run_once(app.feeds)
    if app.review_desk is not None:
        await app.review_desk.notify()
    await watch_feeds(app.store, app.feed_desk.now, _moderator_notifier(app))
    return outcomes, delivered


def _moderator_notifier(app: App) -> Notify | None:
    """Feeds in trouble are told to the moderators over Telegram, when there is a bot."""
    if app.bot is None:
        return None
    from bot.moderation.feed_alarm import moderator_notifier  # aiogram: only with a bot

    return moderator_notifier(app.bot, app.store, app.settings.moderators)


async def serve(app: App) -> None:
    """Run until a signal asks us to stop."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    schedule(scheduler, app, datetime.now(UTC))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    web = await _start_web(app)  # first: a port in use stops us before anything runs
    scheduler.start()
    log.info("watching %d feeds", len(app.feeds))
    polling = None
    if app.bot is not None and app.dispatcher is not None:
        await _publish_commands(app)
        polling = asyncio.create_task(app.dispatcher.start_polling(app.bot, handle_signals=False))
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        if polling is not None and app.dispatcher is not None:
            await app.dispatcher.stop_polling()
            await polling
        scheduler.shutdown(wait=False)
        if web is not None:
            await web.cleanup()
