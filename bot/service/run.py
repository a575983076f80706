"""The long-running service: APScheduler polls each feed on its own interval, a delivery job
drains the outbox, the mailbox is read for commands and aiogram answers subscribers' commands,
until SIGTERM or Ctrl-C. Those three parts (the scheduler, the mailbox loop, Telegram polling:
bot/service/parts.py, bot/service/polling.py) each run under a supervisor that restarts them after
any failure and keeps their state for /health (bot/service/supervise.py); a stop lets the jobs
running finish first. Every part reads the app's clock. Or one cycle of the same jobs, for cron
(`run_cycle`).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import App
from bot.core.slots import slot_end
from bot.feeds.jobs import SYNC_EVERY, FeedJobs, Poll
from bot.feeds.retention import PRUNE_EVERY, prune_entries
from bot.feeds.slot_trigger import SlotTrigger
from bot.feeds.watch import WATCH_EVERY, watch_feeds
from bot.ports import Notify
from bot.service.cycle import CycleReport
from bot.service.endpoints import start_endpoints, webhook_part
from bot.service.metrics import Metrics
from bot.service.ooni_job import OONI_EVERY, load_kept, refresh_figures, refresh_in_cycle
from bot.service.parts import read_mailbox, run_scheduler
from bot.service.probes import PollWatch, service_admin
from bot.service.supervise import Part, PartState, PartStates, Ready, supervise
from bot.service.web import Mount

log = logging.getLogger(__name__)

# Retries and alerts found by a poll go out within this long.
DELIVERY_EVERY = timedelta(seconds=15)
# Commands by mail are answered within this long.
INBOX_EVERY = timedelta(seconds=60)
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def schedule(
    scheduler: AsyncIOScheduler, app: App, now: datetime, poll: Poll | None = None
) -> FeedJobs:
    """One job per active feed (kept in step with the registry), delivery, and the rest (not
    the mailbox: a loop of its own, `read_mailbox`). `poll`: the feed jobs' (the pipeline's
    poll_and_deliver, counted for /metrics)."""
    assert app.feed_desk is not None  # open_app always makes one
    desk = app.feed_desk
    jobs = FeedJobs(scheduler, poll or app.pipeline.poll_and_deliver, app.store, desk.now)
    jobs.start(app.feeds, now)
    desk.attach(jobs)  # moderators' changes reschedule at once
    scheduler.add_job(  # and changes made from the command line, within a minute
        jobs.sync,
        IntervalTrigger(seconds=SYNC_EVERY.total_seconds(), timezone=UTC),
        id="feed-sync",
        next_run_time=now + SYNC_EVERY,
        max_instances=1,
        coalesce=True,
    )
    scheduler.add_job(  # claimed work (`_claimed`): at its slots' starts, as on other instances
        _claimed,
        SlotTrigger("feed-watch", WATCH_EVERY),
        args=[app, "feed-watch", WATCH_EVERY, _watch(app)],
        id="feed-watch",
        max_instances=1,
        coalesce=True,
    )
    scheduler.add_job(
        app.pipeline.deliver,
        IntervalTrigger(seconds=DELIVERY_EVERY.total_seconds(), timezone=UTC),
        id="deliver",
        next_run_time=now,
        max_instances=1,
        coalesce=True,
    )
    scheduler.add_job(  # stored entries no feed shows any more: once a day, whoever comes first
        prune_entries,
        IntervalTrigger(seconds=PRUNE_EVERY.total_seconds(), timezone=UTC),
        args=[app.store, desk.now, timedelta(days=app.settings.retention_days)],
        id="prune",
        next_run_time=now + PRUNE_EVERY,
        max_instances=1,
        coalesce=True,
    )
    if app.ooni is not None:  # OONI's figures for what subscribers may be told
        book, reviews = app.ooni, app.store if app.review_desk else None
        scheduler.add_job(
            _ooni_turn,
            SlotTrigger("ooni", OONI_EVERY),
            args=[app, lambda: refresh_figures(book, app.store, desk.now, reviews)],
            id="ooni",
            next_run_time=now,
            max_instances=1,
            coalesce=True,
        )
    if app.review_desk is not None:  # held events' cards to the moderators
        scheduler.add_job(
            _claimed,
            SlotTrigger("review", DELIVERY_EVERY),
            args=[app, "review", DELIVERY_EVERY, app.review_desk.notify],
            id="review",
            next_run_time=now,
            max_instances=1,
            coalesce=True,
        )
    return jobs


async def _publish_commands(app: App) -> None:
    # Only the command menu: the bot works without it, so a failure here must not stop us.
    from aiogram.exceptions import TelegramAPIError  # imported only with a bot: aiogram is heavy

    from bot.telegram.chat.handlers import publish_commands

    assert app.bot is not None
    try:
        await publish_commands(app.bot)
    except TelegramAPIError as exc:
        log.warning("could not publish the bot's command menu: %s", exc)


async def run_cycle(app: App) -> CycleReport:
    """What the service's jobs do, once (`blockwatch run --once`, from cron): commands by mail
    first (a STOP must beat the alert), every feed polled, what is due sent, held events to
    the moderators, and feeds in trouble reported (each at most once a day, as the service
    does: the time of the last report is stored)."""
    assert app.feed_desk is not None  # open_app always makes one
    if app.inbox is not None:  # its trouble is not the feeds': a poll logs it, never raises
        async with app.store.leader("mailbox", wait=False) as leading:
            if leading:  # else another instance on the database reads it
                await app.inbox.poll()
    if app.ooni is not None:  # the figures kept from earlier runs: no request to OONI here
        await load_kept(app.ooni, app.store, app.feed_desk.now)
    outcomes = await app.pipeline.poll_all(app.feeds)
    delivered = await app.pipeline.deliver_each()  # per channel: a channel down fails the run
    if app.ooni is not None:  # after the alerts: OONI delays none of them
        book, reviews = app.ooni, app.store if app.review_desk is not None else None
        clock = app.feed_desk.now
        await _ooni_turn(app, lambda: refresh_in_cycle(book, app.store, clock, reviews))
    if app.review_desk is not None:
        await _claimed(app, "review", DELIVERY_EVERY, app.review_desk.notify)
    await _claimed(app, "feed-watch", WATCH_EVERY, _watch(app))
    await prune_entries(app.store, app.feed_desk.now, timedelta(days=app.settings.retention_days))
    return CycleReport(outcomes, delivered)


async def _claimed(
    app: App, task: str, every: timedelta, work: Callable[[], Awaitable[object]]
) -> None:
    """`work`, unless another instance on the database did it in this slot of `every`
    (bot/core/slots.py, storage/shared.py; one instance alone always does it)."""
    now = app.clock()
    if await app.store.claim(task, now, slot_end(task, every, now)):
        await work()


async def _ooni_turn(app: App, refresh: Callable[[], Awaitable[object]]) -> None:
    """OONI's figures: one instance on the database asks OONI (and opens the drafts a jump
    calls for, once) in each slot of OONI_EVERY; the others read the figures it kept
    (storage/shared.py). When it dies, another asks at the next slot's start."""
    assert app.ooni is not None and app.feed_desk is not None
    now = app.clock()
    if await app.store.claim("ooni", now, slot_end("ooni", OONI_EVERY, now)):
        await refresh()
    else:
        await load_kept(app.ooni, app.store, app.feed_desk.now)


def _watch(app: App) -> Callable[[], Awaitable[object]]:
    assert app.feed_desk is not None  # open_app always makes one
    clock, notify = app.feed_desk.now, _moderator_notifier(app)
    return lambda: watch_feeds(app.store, clock, notify)


def _led(app: App, role: str, part: Part) -> Part:
    """A part one instance on the database runs at a time: the others stand by (healthy: they
    take over when the leader goes) until it is theirs (storage/shared.py)."""

    async def run(ready: Ready) -> object:
        async with app.store.leader(role, wait=False) as leading:
            if leading:
                return await part(ready)
        ready()  # standing by
        async with app.store.leader(role):
            return await part(ready)

    return run


def _moderator_notifier(app: App) -> Notify | None:
    """Feeds in trouble are told to the moderators over Telegram, when there is a bot."""
    if app.bot is None:
        return None
    from bot.moderation.feeds.alarm import moderator_notifier  # aiogram: only with a bot

    return moderator_notifier(app.bot, app.store, app.settings.moderators)


async def serve(app: App, *, stop: asyncio.Event | None = None) -> None:
    """Run until SIGTERM or SIGINT (or `stop` is set): each part supervised, its state on
    /health. On the way out every part is stopped and awaited, and the signals' handlers are
    the ones we found."""
    stop = stop if stop is not None else asyncio.Event()
    loop = asyncio.get_running_loop()
    found = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    try:
        await _serve_until(app, stop)
    finally:
        for sig, handler in found.items():
            loop.remove_signal_handler(sig)  # which leaves Python's default, so:
            if handler is not None:  # None: not set from Python; nothing to give back
                signal.signal(sig, handler)


async def _serve_until(app: App, stop: asyncio.Event) -> None:
    metrics = Metrics()  # a registry of this service's own
    mount: list[Mount] = []
    webhook = await webhook_part(app, mount, lambda: _publish_commands(app))
    polls = PollWatch(app.pipeline.poll_and_deliver, metrics, len(app.feeds))
    states, parts = PartStates(), _parts(app, polls.poll, webhook)
    for name, _ in parts:  # /health names them from its first answer
        states.update(PartState(name, "starting", app.clock()))
    admin = service_admin(app, states, metrics)
    # First: a port in use stops us before anything runs.
    runners = await start_endpoints(app, admin, mount)
    supervisors = [
        asyncio.create_task(supervise(name, part, states, clock=app.clock)) for name, part in parts
    ]
    log.info("watching %d feeds", len(app.feeds))
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        for task in supervisors:  # a part waiting to restart just stops waiting
            task.cancel()
        await asyncio.gather(*supervisors, return_exceptions=True)
        for runner in runners:
            await runner.cleanup()


def _parts(
    app: App, poll: Poll | None = None, webhook: Part | None = None
) -> list[tuple[str, Part]]:
    """The long-running parts, by the name /health gives them; each reads the app's clock.
    `poll`: the feed jobs' (counted); `webhook`: Telegram by webhook instead of polling."""
    clock = app.clock

    def jobs(scheduler: AsyncIOScheduler) -> None:
        schedule(scheduler, app, clock(), poll)

    parts: list[tuple[str, Part]] = [
        ("scheduler", lambda ready: run_scheduler(jobs, ready, clock=clock))
    ]
    if app.inbox is not None:  # commands by mail
        inbox = app.inbox
        mailbox: Part = lambda ready: read_mailbox(inbox, INBOX_EVERY, ready)  # noqa: E731
        parts.append(("mailbox", _led(app, "mailbox", mailbox)))
    # A webhook needs no leader: Telegram posts each update to one address, whichever instance
    # answers there handles it.
    if webhook is not None:
        parts.append(("telegram webhook", webhook))
    elif app.bot is not None and app.dispatcher is not None:
        from bot.service.polling import poll_telegram  # aiogram: only with a bot

        bot, dispatcher = app.bot, app.dispatcher

        def polling(ready: Ready) -> Awaitable[None]:
            return poll_telegram(
                bot, dispatcher, lambda: _publish_commands(app), ready, clock=clock
            )

        parts.append(("telegram polling", _led(app, "telegram updates", polling)))
    return parts
