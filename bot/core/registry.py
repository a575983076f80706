"""The feed registry's data and its pure decisions: what feeds.toml adds or updates, and which
scheduler jobs to add, drop or change. Pure.

Feeds live in the database (storage/feeds.py). feeds.toml only seeds it: a URL the registry has
never seen is added; a seeded feed nobody has edited follows the file's changes; anything a
moderator touched (paused, removed, a new interval or country) stays as the moderator left it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from bot.core.models import FeedSpec
from bot.core.urls import normalise_url

FeedStatus = Literal["active", "paused", "removed"]
FEED_STATUSES: tuple[FeedStatus, ...] = ("active", "paused", "removed")
FeedOrigin = Literal["seed", "moderator", "opml"]  # feeds.toml, /addfeed, an OPML import


@dataclass(frozen=True, slots=True)
class RegisteredFeed:
    """One row of the registry: the feed as polled, and what moderators did with it."""

    id: int  # short and stable: what buttons carry
    spec: FeedSpec
    status: FeedStatus
    origin: FeedOrigin
    edited: bool  # changed at runtime: feeds.toml no longer updates it
    added_at: datetime
    active_since: datetime  # added, revived or last resumed: health is judged from here
    reported_at: datetime | None = None  # moderators last told it is failing or quiet

    @property
    def polled(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True, slots=True)
class FeedDraft:
    """A feed found by /addfeed, waiting for the moderator's Save (id 0 until stored)."""

    id: int
    actor_id: int
    spec: FeedSpec
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SeedPlan:
    """What feeds.toml changes in the registry."""

    add: tuple[FeedSpec, ...] = ()
    update: tuple[tuple[int, FeedSpec], ...] = ()  # (feed id, the file's settings)


@dataclass(frozen=True, slots=True)
class JobPlan:
    """How the scheduler's feed jobs must change to poll exactly the active feeds."""

    add: tuple[FeedSpec, ...] = ()
    remove: tuple[str, ...] = ()  # feed URLs
    change: tuple[FeedSpec, ...] = ()  # same URL, other settings (interval, country, name...)

    def __bool__(self) -> bool:
        return bool(self.add or self.remove or self.change)


def feed_key(url: str) -> str:
    """The identity of a feed URL: http/https, www. and a trailing slash do not make a new feed."""
    return normalise_url(url) or url


def plan_seed(registered: Iterable[RegisteredFeed], seed: Sequence[FeedSpec]) -> SeedPlan:
    """New URLs are added; seeded feeds that nobody edited follow the file; nothing else moves.

    A removed feed stays removed although the file still lists it, and a feed the file no
    longer lists stays registered: the database, not the file, is the list.
    """
    known = {feed_key(feed.spec.url): feed for feed in registered}
    add: list[FeedSpec] = []
    update: list[tuple[int, FeedSpec]] = []
    for spec in seed:
        feed = known.get(feed_key(spec.url))
        if feed is None:
            add.append(spec)
            continue
        follows_file = feed.origin == "seed" and not feed.edited and feed.status != "removed"
        wanted = replace(spec, url=feed.spec.url)  # the stored spelling keys its state
        if follows_file and wanted != feed.spec:
            update.append((feed.id, wanted))
    return SeedPlan(tuple(add), tuple(update))


def plan_jobs(scheduled: Mapping[str, FeedSpec], wanted: Iterable[FeedSpec]) -> JobPlan:
    """The job changes that take the scheduler from `scheduled` (URL -> spec) to `wanted`."""
    target = {spec.url: spec for spec in wanted}
    return JobPlan(
        add=tuple(spec for url, spec in target.items() if url not in scheduled),
        remove=tuple(url for url in scheduled if url not in target),
        change=tuple(
            spec for url, spec in target.items() if url in scheduled and scheduled[url] != spec
        ),
    )


def active_specs(feeds: Iterable[RegisteredFeed]) -> list[FeedSpec]:
    """What the service polls: the active feeds, in registry order."""
    return [feed.spec for feed in feeds if feed.polled]
