"""Moderators, their audit log, announcements and the numbers /stats shows, in SQLite.

The review queue is storage/held_events.py; this mixin adds the rest of what moderators write and
read. Moderators' user ids are data like any other here; they are logged at DEBUG only.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from bot.core.moderation import Audience, AuditEntry, DeliveryCounts, Moderator, Stats
from bot.core.records import ANNOUNCEMENT
from storage.audit import read_audit, write_audit
from storage.codec import to_iso
from storage.held_events import ReviewTables
from storage.word_changes import VocabTables

# Where an announcement's text is kept: an entry of this pseudo-feed, the event's one source.
ANNOUNCEMENT_FEED = "blockwatch:announcements"  # storage/word_changes.py skips blockwatch:*
ANNOUNCEMENT_SOURCE = "Blockwatch moderators"

# The subscribers of a country who get anything at all: reachable, confirmed, not paused.
_LISTENING = (
    " FROM subscribers s JOIN subscriptions sub ON sub.subscriber_id = s.id"
    " WHERE sub.country = ? AND s.active = 1 AND s.paused = 0 AND s.confirmed = 1"
)


class ModerationTables(ReviewTables, VocabTables):
    # --- moderators -------------------------------------------------------------------------

    async def is_moderator(self, user_id: int) -> bool:
        async with self._conn.execute(
            "SELECT 1 FROM moderators WHERE user_id = ?", (user_id,)
        ) as cursor:
            return await cursor.fetchone() is not None

    async def moderators(self) -> list[Moderator]:
        async with self._conn.execute(
            "SELECT user_id, added_by, added_at FROM moderators ORDER BY added_at, user_id"
        ) as cursor:
            return [
                Moderator(user, by, datetime.fromisoformat(at))
                for user, by, at in await cursor.fetchall()
            ]

    async def add_moderator(self, user_id: int, added_by: int, at: datetime) -> bool:
        """False when they were a moderator already (nothing is written then)."""
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO moderators (user_id, added_by, added_at) VALUES (?, ?, ?)",
                (user_id, added_by, to_iso(at)),
            )
            if cursor.rowcount != 1:
                return False
            await write_audit(conn, added_by, "addmod", f"user {user_id}", at)
        return True

    async def remove_moderator(self, user_id: int, removed_by: int, at: datetime) -> bool:
        """False when they were not a moderator added at runtime."""
        async with self._transaction() as conn:
            cursor = await conn.execute("DELETE FROM moderators WHERE user_id = ?", (user_id,))
            if cursor.rowcount != 1:
                return False
            await write_audit(conn, removed_by, "delmod", f"user {user_id}", at)
        return True

    # --- audit log --------------------------------------------------------------------------

    async def audit_log(self, limit: int) -> list[AuditEntry]:
        return await read_audit(self._conn, limit)

    # --- announcements ----------------------------------------------------------------------

    async def audience(self, country: str) -> dict[str, int]:
        """How many subscribers of a country an announcement would reach, per channel."""
        async with self._conn.execute(
            f"SELECT s.channel, count(*) {_LISTENING} GROUP BY s.channel", (country,)
        ) as cursor:
            # C416: aiosqlite's rows are sqlite3.Row, not tuples: unpacking them is what types it
            return {channel: count for channel, count in await cursor.fetchall()}  # noqa: C416

    async def announce(self, country: str, text: str, author_id: int, at: datetime) -> int:
        """Queue a moderator's announcement for every listening subscriber of the country, on
        every channel, due at once; the number of outbox rows queued.

        It travels as an event (service ANNOUNCEMENT) whose one source holds the text, so the
        outbox, its retries and its guarantees carry it as they carry any alert.
        """
        when = to_iso(at)
        async with self._transaction() as conn:
            rows = await conn.execute_fetchall(
                "INSERT INTO entries (feed_url, entry_key, source, title, summary, language,"
                " published, fetched_at) VALUES (?, ?, ?, 'Announcement', ?, 'en', ?, ?)"
                " RETURNING id",
                (ANNOUNCEMENT_FEED, uuid.uuid4().hex, ANNOUNCEMENT_SOURCE, text, when, when),
            )
            entry_id = next(iter(rows))[0]
            # The action column admits only the three actions; an announcement ignores it.
            rows = await conn.execute_fetchall(
                "INSERT INTO events (country, service, action, first_seen, last_seen)"
                " VALUES (?, ?, 'block', ?, ?) RETURNING id",
                (country, ANNOUNCEMENT, when, when),
            )
            event_id = next(iter(rows))[0]
            await conn.execute(
                "INSERT INTO event_sources (event_id, entry_id) VALUES (?, ?)", (event_id, entry_id)
            )
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO outbox (subscriber_id, event_id, next_attempt_at,"
                f" created_at) SELECT s.id, ?, ?, ? {_LISTENING}",
                (event_id, when, when, country),
            )
            queued = max(cursor.rowcount, 0)
            await write_audit(
                conn,
                author_id,
                "announce",
                f"{country} event {event_id}, {queued} deliveries: {text}",
                at,
            )
        return queued

    # --- numbers ----------------------------------------------------------------------------

    async def stats(self, now: datetime) -> Stats:
        async with self._conn.execute(
            "SELECT sub.country, s.channel,"
            " count(*) FILTER (WHERE s.active = 1 AND s.confirmed = 1 AND s.paused = 0),"
            " count(*) FILTER (WHERE s.active = 1 AND s.confirmed = 1 AND s.paused = 1),"
            " count(*) FILTER (WHERE s.active = 0 OR s.confirmed = 0)"
            " FROM subscriptions sub JOIN subscribers s ON s.id = sub.subscriber_id"
            " GROUP BY sub.country, s.channel ORDER BY sub.country, s.channel"
        ) as cursor:
            audience = tuple(Audience(*row) for row in await cursor.fetchall())
        return Stats(
            audience,
            await self._deliveries(now - timedelta(days=1)),
            await self._deliveries(now - timedelta(days=7)),
        )

    async def _deliveries(self, since: datetime) -> DeliveryCounts:
        """Outbox rows created since then, by status; held ones apart from the rest."""
        async with self._conn.execute(
            "SELECT count(*) FILTER (WHERE o.status = 'sent'),"
            " count(*) FILTER (WHERE o.status = 'failed'),"
            " count(*) FILTER (WHERE o.status = 'pending' AND coalesce(e.review, '') != 'pending'),"
            " count(*) FILTER (WHERE o.status = 'pending' AND e.review = 'pending')"
            " FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.created_at >= ?",
            (to_iso(since),),
        ) as cursor:
            row = await cursor.fetchone()
        return DeliveryCounts(*row) if row else DeliveryCounts()
