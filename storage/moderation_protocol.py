"""The moderators' storage (storage/moderation.py, storage/held_events.py, storage/audit.py,
storage/word_changes.py), used by bot/moderation/."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol

from bot.core.models import Alert, Entry
from storage.protocol import Storage

if TYPE_CHECKING:
    from bot.core.moderation import AuditEntry, Moderator, ReviewCase, Stats, VocabChange
    from bot.core.review import FeedRecord


class ModerationStorage(Storage, Protocol):
    """Moderators, their audit log, the review queue, announcements and /stats."""

    async def is_moderator(self, user_id: int) -> bool:
        """Added at runtime (BLOCKWATCH_MODERATORS is the dispatcher's, not stored)."""
        ...

    async def moderators(self) -> list[Moderator]: ...

    async def add_moderator(self, user_id: int, added_by: int, at: datetime) -> bool: ...

    async def remove_moderator(self, user_id: int, removed_by: int, at: datetime) -> bool: ...

    async def audit_log(self, limit: int) -> list[AuditEntry]:
        """The newest moderator actions, newest first: who (Telegram user id; 0 the command
        line), what, when. Each action records itself, in its own transaction."""
        ...

    async def feed_record(self, feed_url: str) -> FeedRecord: ...

    async def review_case(self, event_id: int) -> ReviewCase | None: ...

    async def pending_reviews(self, limit: int) -> list[int]: ...

    async def unnotified_reviews(self) -> list[int]: ...

    async def mark_review_notified(self, event_id: int, at: datetime) -> None: ...

    async def decide_review(
        self,
        event_id: int,
        decision: Literal["approved", "rejected"],
        moderator_id: int,
        at: datetime,
    ) -> bool:
        """Release or drop a held event (audited); False when it is not held."""
        ...

    async def open_draft(
        self, alert: Alert, since: datetime, now: datetime, reasons: tuple[str, ...]
    ) -> int | None:
        """A held event with no report yet, its alerts queued and held; None when an event
        of the same key is open already."""
        ...

    async def release_held(self, event_id: int, at: datetime) -> bool:
        """Let a held event out without a moderator (OONI backs it); False if not held."""
        ...

    async def correct_event(
        self,
        event_id: int,
        field: Literal["country", "service", "action"],
        value: str,
        moderator_id: int,
        at: datetime,
    ) -> int | None:
        """Change a held event (audited); the event it is now, or None when it is not held."""
        ...

    async def audience(self, country: str) -> dict[str, int]: ...

    async def announce(self, country: str, text: str, author_id: int, at: datetime) -> int:
        """Queue an announcement for the country's subscribers (audited); rows queued."""
        ...

    async def stats(self, now: datetime) -> Stats: ...

    async def vocab_changes(self) -> list[VocabChange]:
        """Moderators' changes to the detector's action words (bot/moderation/words.py)."""
        ...

    async def set_vocab_change(self, change: VocabChange) -> None: ...

    async def drop_vocab_change(
        self, language: str, name: str, pattern: str, moderator_id: int, at: datetime
    ) -> bool: ...

    async def recent_items(self, since: datetime, limit: int) -> list[Entry]:
        """Stored news items since then, newest first, with their feed's default country."""
        ...
