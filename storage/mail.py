"""Email's SQLite half: which mails were answered, tokens, and which story an event continues.

Mixed into SQLiteStorage. Message-IDs say nothing about who wrote; they are kept so a mail
fetched again (a crash before the IMAP keyword was stored) is never answered twice. The reply
limits' counts (schema 0007) are kept per keyed hash of an address, for a day at most.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import cast

from bot.core.models import Event
from bot.core.records import Correspondence, ReplyKind
from storage.base import StoreBase
from storage.codec import from_iso, to_iso

# How far back an event looks for the start of its story. An unblock weeks after the block
# threads under it; a block a year later is news of its own. An event itself follows the
# previous one within the window, so a long back-and-forth still forms one connected thread.
STORY_WINDOW = timedelta(days=90)


class MailTables(StoreBase):
    async def mail_handled(self, message_id: str) -> bool:
        """Whether the mail with this Message-ID was answered already."""
        async with self._conn.execute(
            "SELECT 1 FROM mail_handled WHERE message_id = ?", (message_id,)
        ) as cursor:
            return await cursor.fetchone() is not None

    async def record_mail_handled(self, message_id: str, now: datetime) -> None:
        """Remember the mail as answered (a second call changes nothing)."""
        await self._write(
            "INSERT OR IGNORE INTO mail_handled (message_id, handled_at) VALUES (?, ?)",
            (message_id, to_iso(now)),
        )

    # --- reply limits (bot/mail/inbox/limits.py) ------------------------------------------------

    async def mail_correspondence(self, correspondent: str, since: datetime) -> Correspondence:
        async with self._conn.execute(
            "SELECT kind, sent_at FROM mail_replies WHERE correspondent = ? AND sent_at >= ?"
            " ORDER BY sent_at, id",
            (correspondent, to_iso(since)),
        ) as cursor:
            replies = tuple(
                (cast(ReplyKind, kind), datetime.fromisoformat(sent_at))
                for kind, sent_at in await cursor.fetchall()
            )
        async with self._conn.execute(
            "SELECT quick_mails, muted_until FROM mail_correspondents WHERE correspondent = ?",
            (correspondent,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return Correspondence(replies)
        return Correspondence(replies, int(row[0]), from_iso(row[1]))

    async def mail_replies_since(self, since: datetime) -> int:
        async with self._conn.execute(
            "SELECT count(*) FROM mail_replies WHERE sent_at >= ?", (to_iso(since),)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def record_mail_reply(self, correspondent: str, kind: ReplyKind, now: datetime) -> None:
        async with self._transaction() as conn:
            await conn.execute(
                "INSERT INTO mail_replies (correspondent, kind, sent_at) VALUES (?, ?, ?)",
                (correspondent, kind, to_iso(now)),
            )
            await conn.execute(
                "UPDATE mail_correspondents SET deferred = 0"
                " WHERE correspondent = ? AND deferred > 0",
                (correspondent,),
            )

    async def note_mail_deferral(self, correspondent: str, now: datetime) -> int:
        async with (
            self._transaction() as conn,
            conn.execute(
                "INSERT INTO mail_correspondents (correspondent, quick_mails, deferred, seen_at)"
                " VALUES (?, 0, 1, ?) ON CONFLICT (correspondent) DO UPDATE SET"
                " deferred = mail_correspondents.deferred + 1, seen_at = excluded.seen_at"
                " RETURNING deferred",
                (correspondent, to_iso(now)),
            ) as cursor,
        ):
            row = await cursor.fetchone()
        return int(row[0]) if row else 1

    async def save_mail_correspondent(
        self, correspondent: str, quick_mails: int, muted_until: datetime | None, now: datetime
    ) -> None:
        await self._write(
            "INSERT INTO mail_correspondents (correspondent, quick_mails, muted_until, seen_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (correspondent) DO UPDATE SET"
            " quick_mails = excluded.quick_mails, muted_until = excluded.muted_until,"
            " seen_at = excluded.seen_at",
            (correspondent, quick_mails, to_iso(muted_until), to_iso(now)),
        )

    async def prune_mail_limits(self, before: datetime) -> None:
        async with self._transaction() as conn:
            await conn.execute("DELETE FROM mail_replies WHERE sent_at < ?", (to_iso(before),))
            await conn.execute(
                "DELETE FROM mail_correspondents WHERE seen_at < ?"
                " AND (muted_until IS NULL OR muted_until < ?)",
                (to_iso(before), to_iso(before)),
            )

    async def _story_start(self, event: Event) -> int | None:
        """The earliest event of the same country and service in the STORY_WINDOW before this
        one (None when it is this event): the story's first alert is the thread's root."""
        start = to_iso(event.first_seen - STORY_WINDOW)
        seen = to_iso(event.first_seen)
        async with self._conn.execute(
            "SELECT id FROM events WHERE country = ? AND service = ? AND first_seen >= ?"
            " AND (first_seen < ? OR (first_seen = ? AND id < ?))"
            " ORDER BY first_seen, id LIMIT 1",
            (event.country, event.service, start, seen, seen, event.id),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def token_of(self, subscriber_id: int) -> str | None:
        """The subscriber's confirmation and one-click unsubscribe token, if one was set."""
        async with self._conn.execute(
            "SELECT token FROM subscribers WHERE id = ?", (subscriber_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row and row[0] is not None else None

    async def mail_secret(self) -> bytes:
        """The key for one-click unsubscribe links: made once, then always the same."""
        async with self._transaction() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO mail_secret (id, value) VALUES (1, ?)",
                (secrets.token_bytes(32),),
            )
            async with conn.execute("SELECT value FROM mail_secret WHERE id = 1") as cursor:
                row = await cursor.fetchone()
        assert row is not None  # inserted above
        return bytes(row[0])

    # --- bounces: for bot/delivery/outbox.py, which decides when a refusal counts ----------------
    # (a message marked delivered resets the count: trigger outbox_sent_resets_refusals)

    async def note_refusal(self, subscriber_id: int, limit: int) -> bool:
        """Count a permanent refusal (SMTP 5xx); the `limit`-th in a row stops all mail to the
        address (active = 0, as for a blocked bot). True when the address is now bouncing."""
        async with (
            self._transaction() as conn,
            conn.execute(
                "UPDATE subscribers SET refusals = refusals + 1,"
                " active = CASE WHEN refusals + 1 >= ? THEN 0 ELSE active END"
                " WHERE id = ? RETURNING active",
                (limit, subscriber_id),
            ) as cursor,
        ):
            row = await cursor.fetchone()
        return row is not None and not row[0]
