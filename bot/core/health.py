"""Feed health: how a feed is doing, when it is polled next, and which feeds the moderators must
hear about today. Pure: the clock is a parameter.

A feed is *failing* when it has not been polled successfully for a day (and failed at least
twice in a row, so one failure right after a long stop of the service does not count); it is
*quiet* when it brought no new item for a week. Both are judged from the time the feed was
added or last resumed, never from before. The moderators hear of each problem feed once a day
until it recovers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.core.models import FeedState
from bot.core.registry import RegisteredFeed

FAILING_AFTER = timedelta(days=1)
QUIET_AFTER = timedelta(days=7)
REPORT_EVERY = timedelta(days=1)
MIN_FAILURES = 2


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """What the database knows about one feed's polls and what they brought."""

    state: FeedState  # the poller's memory: last success, last error, failures, backoff
    items_seen: int = 0  # items stored from this feed
    events_found: int = 0  # events its items reported (opened or joined)
    newest_item_at: datetime | None = None  # when the newest of those items was stored


@dataclass(frozen=True, slots=True)
class FeedView:
    """A registered feed with its health: one line of /feeds and `blockwatch feeds`."""

    feed: RegisteredFeed
    health: FeedHealth


ProblemKind = Literal["failing", "quiet"]


@dataclass(frozen=True, slots=True)
class FeedProblem:
    feed: RegisteredFeed
    kind: ProblemKind
    since: datetime  # last success, last new item, or when it was added or resumed
    reason: str | None = None  # the latest error, for a failing feed


def problem_of(view: FeedView, now: datetime) -> FeedProblem | None:
    """Whether an active feed is failing (first) or quiet, and since when."""
    feed, health = view.feed, view.health
    if not feed.polled:
        return None
    state = health.state
    failing_since = max(state.last_success or feed.active_since, feed.active_since)
    if state.failures >= MIN_FAILURES and now - failing_since >= FAILING_AFTER:
        return FeedProblem(feed, "failing", failing_since, state.last_error)
    quiet_since = max(health.newest_item_at or feed.active_since, feed.active_since)
    if now - quiet_since >= QUIET_AFTER:
        return FeedProblem(feed, "quiet", quiet_since)
    return None


def due_reports(views: Iterable[FeedView], now: datetime) -> list[FeedProblem]:
    """The problems to report now: each problem feed at most once per REPORT_EVERY.

    A recovered feed needs no reset: a new problem takes a day or a week to qualify, and by
    then the previous report is older than REPORT_EVERY anyway.
    """
    due = []
    for view in views:
        problem = problem_of(view, now)
        reported = view.feed.reported_at
        if problem is not None and (reported is None or now - reported >= REPORT_EVERY):
            due.append(problem)
    return due


def next_poll(view: FeedView, scheduled: datetime | None) -> datetime | None:
    """When the feed is polled next: the scheduler's next run, or an estimate without one.

    A feed backing off after failures skips the runs before its retry time. None: not polled
    (paused or removed), or not polled yet and no scheduler to ask (then it is "soon").
    """
    if not view.feed.polled:
        return None
    state = view.health.state
    estimate = scheduled
    if estimate is None and state.last_success is not None:
        estimate = state.last_success + view.feed.spec.interval
    if state.retry_at is not None and (estimate is None or state.retry_at > estimate):
        return state.retry_at
    return estimate
