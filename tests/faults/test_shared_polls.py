"""Issue 17: a feed is polled once per interval by the instances sharing a PostgreSQL database,
and when the instance that polled it dies, the others poll it again within one interval.

Three instances as `blockwatch run` has them: each its own store on the one database, its own
pipeline and its own feed job (bot/feeds/jobs.py, whose trigger says when it fires next), each
on a clock of its own; they start at different times, as hosts do. Their jobs are fired in
time order by hand, each on its instance's clock, so hours pass in a moment and the times are
exact; the polls are real (the local feed server counts them) and so are the claims.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.models import FeedSpec
from bot.detect import Detector
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.feeds.jobs import JOB_PREFIX, FeedJobs
from bot.pipeline import Pipeline
from storage.postgres import PostgresStorage
from tests.support.feedbuilder import rss
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import NOW, ManualClock
from tests.support.pgcluster import PgCluster

INTERVAL = timedelta(minutes=30)
STARTS = (timedelta(0), timedelta(minutes=7), timedelta(minutes=13))  # hosts start apart


@dataclass
class Instance:
    store: PostgresStorage
    pipeline: Pipeline
    clock: ManualClock
    job: Job
    fires_at: datetime  # the next time its feed job fires


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open(FetchLimits(connect_timeout=2, total_timeout=5), allowed=LOOPBACK) as f:
        yield f


async def instance(
    url: str, feed: FeedSpec, start: datetime, fetcher: Fetcher, detector: Detector
) -> Instance:
    store, clock = await PostgresStorage.open(url), ManualClock(start)
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.start(paused=True)  # computes the jobs' times; fires nothing
    FeedJobs(scheduler, lambda _: _nothing(), store, clock).start([feed], start)
    job = scheduler.get_job(JOB_PREFIX + feed.url)
    scheduler.shutdown(wait=False)
    pipeline = Pipeline(store, fetcher, detector, [], clock)
    return Instance(store, pipeline, clock, job, job.next_run_time)


async def _nothing() -> None:
    return None


async def test_the_feed_of_a_killed_instance_is_polled_again_within_one_interval(
    pg_cluster: PgCluster, feed_server: FeedServer, fetcher: Fetcher
) -> None:
    url = pg_cluster.create_database()
    feed = FeedSpec("Q", feed_server.feed("/q.xml", rss("Q", [])), "en", interval=INTERVAL)
    detector = Detector.load()
    live = [await instance(url, feed, NOW + start, fetcher, detector) for start in STARTS]
    everyone = list(live)
    polls: list[tuple[datetime, int]] = []  # when, and by which instance (for a failure's report)
    killed_at: datetime | None = None
    try:
        while (now := min(i.fires_at for i in live)) < NOW + timedelta(hours=5):
            firing = next(i for i in live if i.fires_at == now)
            firing.clock.now = now
            outcome = await firing.pipeline.poll_feed(feed)
            if outcome.status != "elsewhere":
                polls.append((now, everyone.index(firing)))
                # Once all three run, the one that polled is killed -9 right after its poll.
                if killed_at is None and now >= NOW + timedelta(hours=1):
                    live.remove(firing)
                    killed_at = now
                    continue
            firing.fires_at = firing.job.trigger.get_next_fire_time(now, now)
    finally:
        for each in everyone:
            await each.store.close()

    assert killed_at is not None
    assert feed_server.requests["/q.xml"] == len(polls)  # what "polled" means: a real request
    times = [when for when, _ in polls]
    after_kill = next(when for when in times if when > killed_at)
    assert after_kill - killed_at <= INTERVAL  # polled again within one interval
    # Once per interval throughout: after the first polls of start-up, which the instances'
    # jobs make at once, one poll at each start of the feed's slots, an interval apart.
    steady = [when for when in times if when >= NOW + timedelta(hours=1)]
    assert [later - earlier for earlier, later in pairwise(steady)] == [INTERVAL] * (
        len(steady) - 1
    )
