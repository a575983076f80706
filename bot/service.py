"""The long-running service: APScheduler polls each feed on its own interval, a delivery job
drains the outbox, and aiogram answers subscribers' commands, until SIGTERM or Ctrl-C.
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
from bot.models import FeedSpec
from bot.web import start_web

log = logging.getLogger(__name__)

# Retries and alerts found by a poll go out within this long.
DELIVERY_EVERY = timedelta(seconds=15)
# Commands by mail are answered within this long.
INBOX_EVERY = timedelta(seconds=60)
# Spread the first polls over this window so a restart does not hit every site at once.
STARTUP_SPREAD = timedelta(seconds=60)


def schedule(scheduler: AsyncIOScheduler, app: App, now: datetime) -> None:
    """One job per feed, on its interval with jitter, and one delivery job."""
    for index, feed in enumerate(app.feeds):
        first_run = now + STARTUP_SPREAD * (index / max(len(app.feeds), 1))
        scheduler.add_job(
            app.pipeline.poll_and_deliver, IntervalTrigger(
                seconds=feed.interval.total_seconds(), jitter=_jitter(feed), timezone=UTC,
            ),
            args=[feed], id=f"feed:{feed.url}", name=feed.name, next_run_time=first_run,
            max_instances=1, coalesce=True, misfire_grace_time=int(feed.interval.total_seconds()),
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


def _jitter(feed: FeedSpec) -> int:
    # A tenth of the interval, at most two minutes: enough that feeds sharing an interval
    # drift apart, little enough that a 15-minute feed stays a 15-minute feed.
    return int(min(feed.interval.total_seconds() / 10, 120))


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
