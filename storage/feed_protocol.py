"""The feed registry's storage: feeds kept in the database (storage/feeds.py), seeded by
feeds.toml and edited by moderators (bot/feeds/desk.py, bot/moderation/feeds/commands.py,
`blockwatch
feeds`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from bot.core.health import FeedView
from bot.core.models import FeedSpec
from bot.core.registry import FeedDraft, FeedOrigin, FeedStatus, RegisteredFeed, SeedPlan


class FeedRegistryStorage(Protocol):
    """Feeds kept in the database (storage/feeds.py): feeds.toml seeds them, moderators edit."""

    async def registered_feeds(self, *, include_removed: bool = False) -> list[RegisteredFeed]: ...

    async def registered_feed(self, feed_id: int) -> RegisteredFeed | None: ...

    async def feed_by_url(self, url: str) -> RegisteredFeed | None:
        """The feed with this URL in any spelling (http/https, www., trailing slash)."""
        ...

    async def seed_feeds(self, seed: Sequence[FeedSpec], now: datetime) -> SeedPlan:
        """Add feeds.toml's new URLs; update the seeded feeds nobody edited."""
        ...

    async def register_feed(
        self, spec: FeedSpec, origin: FeedOrigin, now: datetime, *, actor_id: int
    ) -> tuple[RegisteredFeed, bool]:
        """Add a feed or revive a removed one, audited; False: it was registered already."""
        ...

    # The changes below are moderators' actions: each is audited in its own transaction, and
    # returns None when there is no such feed (or it was removed).
    async def set_feed_status(
        self, feed_id: int, status: FeedStatus, now: datetime, *, actor_id: int
    ) -> RegisteredFeed | None: ...

    async def set_feed_interval(
        self, feed_id: int, minutes: int, now: datetime, *, actor_id: int
    ) -> RegisteredFeed | None: ...

    async def set_feed_country(
        self, feed_id: int, country: str | None, now: datetime, *, actor_id: int
    ) -> RegisteredFeed | None: ...

    async def set_feed_full_text(
        self, feed_id: int, full_text: bool, now: datetime, *, actor_id: int
    ) -> RegisteredFeed | None: ...

    async def mark_feeds_reported(self, feed_ids: Iterable[int], now: datetime) -> None: ...

    async def feed_views(self, *, include_removed: bool = False) -> list[FeedView]:
        """Every registered feed with its health, oldest first."""
        ...

    async def save_feed_draft(self, draft: FeedDraft) -> FeedDraft:
        """Store a new /addfeed draft (id assigned), or update a stored one's settings."""
        ...

    async def feed_draft(self, draft_id: int) -> FeedDraft | None: ...

    async def drop_feed_draft(self, draft_id: int) -> None: ...
