"""Two of the service's long-running parts, each run and restarted by bot/service/supervise.py: the
mailbox loop and the scheduler. (Telegram polling, the third, is in bot/service/polling.py: it needs
aiogram, which is imported only with a bot token.) Each is a coroutine function of `ready`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
    JobSubmissionEvent,
)
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
# A stopping scheduler lets the jobs running finish for this long (a poll of a slow feed, a
# batch of alerts), then cancels them: well inside the 10 s a container runtime gives a
# stopping process before SIGKILL.
STOP_GRACE = timedelta(seconds=5)

log = logging.getLogger(__name__)


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
    stop_grace: timedelta = STOP_GRACE,
    clock: Clock = utc_now,
) -> None:
    """A scheduler with `build`'s jobs and a heartbeat; PartStalledError once the heartbeat has
    been silent for `stalled_after`. A restart builds a new scheduler (and its jobs). Cancelled
    (or stalled), it stops: no job starts, those running get `stop_grace` to end, and the part
    returns once no job of its runs any more."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    running = JobsRunning(scheduler)
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
        await running.stop(stop_grace)


class JobsRunning:
    """The job runs a scheduler has started and not seen end, counted from its own events, so
    that a stop can wait for them: AsyncIOScheduler's shutdown cannot ("There is no way to
    honor wait=True", apscheduler/executors/asyncio.py); it cancels them and returns."""

    def __init__(self, scheduler: AsyncIOScheduler) -> None:
        self._scheduler = scheduler
        self._count = 0
        self._none = asyncio.Event()
        self._none.set()
        scheduler.add_listener(self._started, EVENT_JOB_SUBMITTED)
        scheduler.add_listener(self._ended, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)

    def _started(self, event: JobSubmissionEvent) -> None:
        self._count += len(event.scheduled_run_times)  # each run time ends with an event
        self._none.clear()

    def _ended(self, _event: object) -> None:
        self._count -= 1
        if self._count <= 0:
            self._none.set()

    async def stop(self, grace: timedelta) -> None:
        """Start no more jobs, give those running `grace`, cancel the rest, shut down."""
        self._scheduler.pause()
        if not await self._all_ended(grace.total_seconds()):
            log.warning(
                "stopping: %d jobs still running after %g s are cut short",
                self._count,
                grace.total_seconds(),
            )
        self._scheduler.shutdown(wait=False)  # on the loop's next turn: it cancels the rest
        await self._all_ended(1.0)  # and they unwind

    async def _all_ended(self, seconds: float) -> bool:
        try:
            await asyncio.wait_for(self._none.wait(), seconds)
        except TimeoutError:
            return False
        return True


class _CutShort(logging.Filter):
    """A job cancelled by a stop is logged by APScheduler as the job's failure, at ERROR with a
    traceback (apscheduler/executors/base.py, run_coroutine_job): our own doing, which
    JobsRunning.stop has said once at WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, asyncio.CancelledError)


# The executor AsyncIOScheduler makes ("default") logs to this logger.
logging.getLogger("apscheduler.executors.default").addFilter(_CutShort())
