"""Two of the service's long-running parts, each run and restarted by bot/service/supervise.py: the
mailbox loop and the scheduler. (Telegram polling, the third, is in bot/service/polling.py: it needs
aiogram, which is imported only with a bot token.) Each is a coroutine function of `ready`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.errors import PartStalledError
from bot.ports import Clock, utc_now
from bot.service.supervise import Ready

if TYPE_CHECKING:
    from bot.mail.inbox.reader import MailInbox

# The scheduler's heartbeat job runs this often; silent for STALLED_AFTER, the scheduler is
# taken for dead. APScheduler's AsyncIOScheduler re-arms its timer only after a pass over its
# jobs that raised nothing (apscheduler/schedulers/asyncio.py `wakeup`): one exception there and
# no job ever runs again, without a word.
HEARTBEAT_EVERY = timedelta(seconds=15)
STALLED_AFTER = 4 * HEARTBEAT_EVERY


async def read_mailbox(inbox: MailInbox, every: timedelta, ready: Ready) -> None:
    """Commands by mail: the mailbox read every `every`. A poll rides out mailbox and SMTP
    trouble by itself (bot/mail/inbox/reader.py); what escapes it restarts the loop."""
    ready()
    while True:
        await inbox.poll()
        await asyncio.sleep(every.total_seconds())


async def run_scheduler(
    build: Callable[[AsyncIOScheduler], object],
    ready: Ready,
    *,
    heartbeat: timedelta = HEARTBEAT_EVERY,
    stalled_after: timedelta = STALLED_AFTER,
    clock: Clock = utc_now,
) -> None:
    """A scheduler with `build`'s jobs and a heartbeat; PartStalledError once the heartbeat has
    been silent for `stalled_after`. A restart builds a new scheduler (and its jobs)."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    build(scheduler)
    last_beat = clock()

    async def beat() -> None:  # a coroutine: it runs on the loop, as the feed jobs do
        nonlocal last_beat
        last_beat = clock()

    scheduler.add_job(
        beat,
        IntervalTrigger(seconds=heartbeat.total_seconds(), timezone=UTC),
        id="heartbeat",
        next_run_time=last_beat,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )  # a late beat still counts: run it anyway
    scheduler.start()
    ready()
    try:
        while True:
            await asyncio.sleep(heartbeat.total_seconds())
            silent = clock() - last_beat
            if silent > stalled_after:
                raise PartStalledError("scheduler", silent.total_seconds())
    finally:
        scheduler.shutdown(wait=False)
