"""The scheduler's feed jobs, kept equal to the registry's active feeds while the service runs.

One APScheduler job per active feed, id "feed:<url>", carrying the FeedSpec it polls. `sync`
reads the registry and applies bot.core.registry.plan_jobs: new feeds are polled at once,
paused and removed ones lose their job, changed ones get their new settings (and trigger,
when the interval changed). The feed desk calls it after each moderator's change; a timer
calls it too, for changes made from the command line while the service runs.

A feed's job fires at the start of each of its slots (bot/core/slots.py), the same moments on
every instance sharing the database, and the first to fire claims the slot (bot/pipeline.py):
a feed is polled once per interval, and when the instance that polled it dies, the others poll
it at the next slot's start, within one interval.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from apscheduler.schedulers.base import BaseScheduler

from bot.core.models import FeedSpec
from bot.core.registry import JobPlan, active_specs, plan_jobs
from bot.core.slots import poll_task
from bot.feeds.slot_trigger import SlotTrigger
from bot.ports import Clock, FeedRegistryStorage

log = logging.getLogger(__name__)

JOB_PREFIX = "feed:"
# Changes made outside the bot (`blockwatch feeds import`) reach the scheduler within this long.
SYNC_EVERY = timedelta(seconds=60)
# Spread the first polls over this window so a restart does not hit every site at once.
STARTUP_SPREAD = timedelta(seconds=60)

Poll = Callable[[FeedSpec], Awaitable[object]]


class FeedJobs:
    def __init__(
        self, scheduler: BaseScheduler, poll: Poll, store: FeedRegistryStorage, clock: Clock
    ) -> None:
        self._scheduler = scheduler
        self._poll = poll
        self._store = store
        self._clock = clock
        self._lock = asyncio.Lock()  # a moderator's change and the timer may sync at once

    def start(self, feeds: Sequence[FeedSpec], now: datetime) -> None:
        """The first jobs, their first polls spread over STARTUP_SPREAD."""
        for index, feed in enumerate(feeds):
            self._add(feed, now + STARTUP_SPREAD * (index / max(len(feeds), 1)))

    async def feeds_changed(self) -> None:
        await self.sync()

    async def sync(self) -> JobPlan:
        """Make the jobs match the registry's active feeds; returns what changed."""
        async with self._lock:
            scheduled = self.scheduled()
            plan = plan_jobs(scheduled, active_specs(await self._store.registered_feeds()))
            now = self._clock()
            for feed in plan.add:
                self._add(feed, now)
            for url in plan.remove:
                self._scheduler.remove_job(JOB_PREFIX + url)
            for feed in plan.change:
                self._change(scheduled[feed.url], feed)
        if plan:
            log.info(
                "feed jobs: %d added, %d removed, %d changed",
                len(plan.add),
                len(plan.remove),
                len(plan.change),
            )
        return plan

    def scheduled(self) -> dict[str, FeedSpec]:
        """URL -> the spec each feed job polls with."""
        return {
            job.args[0].url: job.args[0]
            for job in self._scheduler.get_jobs()
            if job.id.startswith(JOB_PREFIX)
        }

    def next_run(self, url: str) -> datetime | None:
        job = self._scheduler.get_job(JOB_PREFIX + url)
        when: datetime | None = job.next_run_time if job is not None else None
        return when

    def _add(self, feed: FeedSpec, first_run: datetime) -> None:
        seconds = feed.interval.total_seconds()
        self._scheduler.add_job(
            self._poll,
            _trigger(feed),
            args=[feed],
            id=JOB_PREFIX + feed.url,
            name=feed.name,
            next_run_time=first_run,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=int(seconds),
            replace_existing=True,
        )

    def _change(self, old: FeedSpec, new: FeedSpec) -> None:
        job_id = JOB_PREFIX + new.url
        self._scheduler.modify_job(
            job_id, args=[new], name=new.name, misfire_grace_time=int(new.interval.total_seconds())
        )
        if old.interval != new.interval:
            self._scheduler.reschedule_job(job_id, trigger=_trigger(new))


def _trigger(feed: FeedSpec) -> SlotTrigger:
    """At the start of each of the feed's slots, as on every other instance (no jitter: the
    slots' phases, one per feed, spread feeds sharing an interval over it)."""
    return SlotTrigger(poll_task(feed), feed.interval)
