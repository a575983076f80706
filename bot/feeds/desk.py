"""The moderators' feed desk: every change to the feed registry goes through here, from
Telegram (bot/moderation/feeds/commands.py) and the command line alike.

Each change is written and audited by storage in one transaction, then the running service is
told (`FeedListener`, bot/feeds/jobs.py) so that it adds, drops or reschedules the feed's job at
once, without a restart. Without a service (the command line) nobody listens: the service
picks the change up on its next registry sync.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from bot.core.health import FeedView
from bot.core.models import FeedSpec
from bot.core.registry import FeedOrigin, FeedStatus, RegisteredFeed, active_specs
from bot.detect import Detector
from bot.feeds.file import DEFAULT_INTERVAL, load_feeds
from bot.feeds.opml import from_opml
from bot.feeds.preview import FeedPreview, preview_feed
from bot.ports import Clock, FeedRegistryStorage, Fetcher

log = logging.getLogger(__name__)


class FeedListener(Protocol):
    """The running service's side: it schedules the active feeds."""

    async def feeds_changed(self) -> None: ...

    def next_run(self, url: str) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: tuple[RegisteredFeed, ...]
    known: tuple[RegisteredFeed, ...]  # registered already: left as they were
    skipped: tuple[tuple[str, str], ...]  # (outline, why)


async def seed_registry(
    store: FeedRegistryStorage, feeds_path: Path, now: datetime
) -> list[FeedSpec]:
    """Bring feeds.toml into the registry and return the feeds to poll.

    The file is optional once the registry holds feeds: the database is the list, the file
    only seeds it. An invalid file is still an error (ConfigError), never silently skipped.
    """
    seed = await asyncio.to_thread(_read_seed, feeds_path)
    if seed is None and not await store.registered_feeds():
        seed = load_feeds(feeds_path)  # raises: no file and no feeds is a mistake
    if seed is not None:
        plan = await store.seed_feeds(seed, now)
        if plan.add or plan.update:
            log.info(
                "feeds file %s: %d new feeds registered, %d updated",
                feeds_path,
                len(plan.add),
                len(plan.update),
            )
    return active_specs(await store.registered_feeds())


def _read_seed(feeds_path: Path) -> list[FeedSpec] | None:
    return load_feeds(feeds_path) if feeds_path.exists() else None


async def import_opml(
    store: FeedRegistryStorage,
    data: bytes,
    now: datetime,
    *,
    actor_id: int,
    default_language: str | None = None,
) -> ImportReport:
    """Register every feed of an OPML file, paused ones paused; those known are left alone."""
    found = from_opml(data, default_language)
    added: list[RegisteredFeed] = []
    known: list[RegisteredFeed] = []
    for item in found.feeds:
        feed, new = await store.register_feed(item.spec, "opml", now, actor_id=actor_id)
        if new and item.paused:
            feed = await store.set_feed_status(feed.id, "paused", now, actor_id=actor_id) or feed
        (added if new else known).append(feed)
    return ImportReport(tuple(added), tuple(known), found.skipped)


class FeedDesk:
    def __init__(
        self, store: FeedRegistryStorage, fetcher: Fetcher, detector: Detector, clock: Clock
    ) -> None:
        self.store = store
        self._fetcher = fetcher
        self._detector = detector
        self._clock = clock
        self._listener: FeedListener | None = None

    def attach(self, listener: FeedListener) -> None:
        """The running service wants to hear of every change (one listener: the scheduler)."""
        self._listener = listener

    def now(self) -> datetime:
        return self._clock()

    def next_run(self, url: str) -> datetime | None:
        """The scheduler's next run of the feed's job, when a service is running."""
        return self._listener.next_run(url) if self._listener is not None else None

    async def views(self) -> list[FeedView]:
        return await self.store.feed_views()

    async def preview(
        self,
        url: str,
        *,
        language: str | None = None,
        country: str | None = None,
        interval: timedelta | None = None,
    ) -> FeedPreview:
        """What the feed behind `url` holds and would alert on (raises FeedError)."""
        return await preview_feed(
            self._fetcher,
            self._detector,
            url,
            language=language,
            country=country,
            interval=interval or timedelta(minutes=DEFAULT_INTERVAL),
        )

    async def add(
        self, spec: FeedSpec, *, actor_id: int, origin: FeedOrigin = "moderator"
    ) -> tuple[RegisteredFeed, bool]:
        """Register (or revive) a feed; False: it was registered already and is left alone."""
        feed, added = await self.store.register_feed(spec, origin, self._clock(), actor_id=actor_id)
        if added:
            log.info("feed #%d %s added (%s)", feed.id, feed.spec.name, origin)
            await self._changed()
        return feed, added

    async def set_status(
        self, feed_id: int, status: FeedStatus, *, actor_id: int
    ) -> RegisteredFeed | None:
        """Pause, resume or remove; None: no such feed (or removed already)."""
        feed = await self.store.set_feed_status(feed_id, status, self._clock(), actor_id=actor_id)
        if feed is not None:
            log.info("feed #%d %s is now %s", feed.id, feed.spec.name, status)
            await self._changed()
        return feed

    async def set_interval(
        self, feed_id: int, minutes: int, *, actor_id: int
    ) -> RegisteredFeed | None:
        feed = await self.store.set_feed_interval(
            feed_id, minutes, self._clock(), actor_id=actor_id
        )
        if feed is not None:
            await self._changed()
        return feed

    async def set_country(
        self, feed_id: int, country: str | None, *, actor_id: int
    ) -> RegisteredFeed | None:
        feed = await self.store.set_feed_country(feed_id, country, self._clock(), actor_id=actor_id)
        if feed is not None:
            await self._changed()
        return feed

    async def set_full_text(
        self, feed_id: int, full_text: bool, *, actor_id: int
    ) -> RegisteredFeed | None:
        """Whether ARTICLE by mail sends this feed's articles whole (the outlet's terms)."""
        return await self.store.set_feed_full_text(
            feed_id, full_text, self._clock(), actor_id=actor_id
        )

    async def import_opml(
        self, data: bytes, *, actor_id: int, default_language: str | None = None
    ) -> ImportReport:
        """Register every feed of an OPML file (raises ConfigError for an unreadable file)."""
        report = await import_opml(
            self.store, data, self._clock(), actor_id=actor_id, default_language=default_language
        )
        if report.added:
            await self._changed()
        return report

    async def _changed(self) -> None:
        if self._listener is None:
            return
        try:
            await self._listener.feeds_changed()
        except Exception:  # the change is stored; the periodic sync will apply it
            log.exception("could not reschedule the feeds after a change")
