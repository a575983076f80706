"""Subscribers and the outbox: the SQLite half of Storage that holds personal data.

Addresses (chat ids, email addresses) live in exactly one column, `subscribers.address`;
forgetting a subscriber deletes the row and, by cascade, its subscriptions and outbox rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from bot.models import Channel, Delivery, Preferences, Subscriber
from storage.base import SQLiteBase
from storage.codec import (
    PREFERENCE_ASSIGNMENTS,
    SUBSCRIBER_COLUMNS,
    preference_values,
    subscriber_from_row,
    to_iso,
)

_SUBSCRIBER_SELECT = f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers"


class SubscriberTables(SQLiteBase):

    async def subscribe(
        self, channel: Channel, address: str, countries: Iterable[str], *, language: str = "en",
        confirmed: bool = True,
    ) -> Subscriber:
        async with self._transaction() as conn:
            async with conn.execute(
                "INSERT INTO subscribers (channel, address, language, created_at, confirmed)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, address) DO UPDATE SET active = 1,"
                " confirmed = max(confirmed, excluded.confirmed) RETURNING id",
                (channel, address, language, to_iso(datetime.now(UTC)), int(confirmed)),
            ) as cursor:
                row = await cursor.fetchone()
            assert row is not None  # RETURNING always yields the row
            await conn.executemany(
                "INSERT OR IGNORE INTO subscriptions (subscriber_id, country) VALUES (?, ?)",
                [(row[0], code.upper()) for code in countries],
            )
        return await self._subscriber_by_id(row[0])

    async def unsubscribe(
        self, channel: Channel, address: str, countries: Iterable[str] | None = None
    ) -> Subscriber | None:
        found = await self.subscriber(channel, address)
        if found is None:
            return None
        async with self._transaction() as conn:
            if countries is None:
                await conn.execute("DELETE FROM subscriptions WHERE subscriber_id = ?", (found.id,))
            else:
                await conn.executemany(
                    "DELETE FROM subscriptions WHERE subscriber_id = ? AND country = ?",
                    [(found.id, code.upper()) for code in countries],
                )
            # Nothing left to send them: keep nothing about them either.
            await conn.execute(
                "DELETE FROM subscribers WHERE id = ? AND NOT EXISTS"
                " (SELECT 1 FROM subscriptions WHERE subscriber_id = ?)", (found.id, found.id),
            )
        return await self.subscriber(channel, address)

    async def subscriber(self, channel: Channel, address: str) -> Subscriber | None:
        async with self._conn.execute(
            f"{_SUBSCRIBER_SELECT} WHERE channel = ? AND address = ?", (channel, address)
        ) as cursor:
            row = await cursor.fetchone()
        return await self._subscriber_by_id(row[0]) if row else None

    async def subscribers(self) -> Sequence[Subscriber]:
        async with self._conn.execute(f"{_SUBSCRIBER_SELECT} ORDER BY id") as cursor:
            rows = list(await cursor.fetchall())
        countries = await self._countries()
        return [subscriber_from_row(row, countries.get(row[0], [])) for row in rows]

    async def set_preferences(self, subscriber_id: int, prefs: Preferences) -> Subscriber:
        await self._write(
            f"UPDATE subscribers SET {PREFERENCE_ASSIGNMENTS} WHERE id = ?",
            (*preference_values(prefs), subscriber_id),
        )
        return await self._subscriber_by_id(subscriber_id)

    async def set_language(self, subscriber_id: int, language: str) -> None:
        await self._write(
            "UPDATE subscribers SET language = ? WHERE id = ?", (language, subscriber_id)
        )

    async def forget(self, subscriber_id: int) -> None:
        """Delete the subscriber and, by cascade, its countries and everything queued for it."""
        await self._write("DELETE FROM subscribers WHERE id = ?", (subscriber_id,))

    async def set_token(self, subscriber_id: int, token: str) -> None:
        await self._write("UPDATE subscribers SET token = ? WHERE id = ?", (token, subscriber_id))

    async def subscriber_by_token(self, token: str) -> Subscriber | None:
        async with self._conn.execute(
            "SELECT id FROM subscribers WHERE token = ?", (token,)
        ) as cursor:
            row = await cursor.fetchone()
        return await self._subscriber_by_id(row[0]) if row else None

    async def confirm(self, subscriber_id: int) -> None:
        await self._write("UPDATE subscribers SET confirmed = 1 WHERE id = ?", (subscriber_id,))

    async def set_active(self, subscriber_id: int, active: bool) -> None:
        await self._write(
            "UPDATE subscribers SET active = ? WHERE id = ?", (int(active), subscriber_id)
        )

    async def change_address(self, subscriber_id: int, new_address: str) -> None:
        await self._write(
            "UPDATE subscribers SET address = ? WHERE id = ?", (new_address, subscriber_id)
        )

    async def _subscriber_by_id(self, subscriber_id: int) -> Subscriber:
        async with self._conn.execute(
            f"{_SUBSCRIBER_SELECT} WHERE id = ?", (subscriber_id,)
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None, f"subscriber {subscriber_id} vanished"
        countries = await self._countries(subscriber_id)
        return subscriber_from_row(row, countries.get(subscriber_id, []))

    async def _countries(self, subscriber_id: int | None = None) -> dict[int, list[str]]:
        query = "SELECT subscriber_id, country FROM subscriptions"
        params: tuple[int, ...] = ()
        if subscriber_id is not None:
            query, params = query + " WHERE subscriber_id = ?", (subscriber_id,)
        by_subscriber: dict[int, list[str]] = {}
        async with self._conn.execute(query + " ORDER BY country", params) as cursor:
            for sid, country in await cursor.fetchall():
                by_subscriber.setdefault(sid, []).append(country)
        return by_subscriber

    # --- outbox -----------------------------------------------------------------------------

    async def due_deliveries(
        self, channel: Channel, now: datetime, limit: int
    ) -> Sequence[Delivery]:
        """Due rows of the `limit` subscribers waiting longest, all of each one's rows.

        Whole subscribers, not a number of rows: a digest subscriber's rows cut in two by a
        batch boundary would arrive as two digests.
        """
        async with self._conn.execute(
            "WITH due AS (SELECT o.id, o.subscriber_id, o.event_id, o.attempts FROM outbox o"
            " JOIN subscribers s ON s.id = o.subscriber_id JOIN events e ON e.id = o.event_id"
            " WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND s.channel = ?"
            " AND s.active = 1 AND s.paused = 0 AND s.confirmed = 1"
            " AND coalesce(e.review, '') NOT IN ('pending', 'rejected')),"  # held for review
            " first AS (SELECT subscriber_id, min(id) AS oldest FROM due"
            " GROUP BY subscriber_id ORDER BY oldest LIMIT ?)"
            " SELECT due.id, due.subscriber_id, due.event_id, due.attempts FROM due"
            " JOIN first USING (subscriber_id) ORDER BY due.id",
            (to_iso(now), channel, limit),
        ) as cursor:
            rows = list(await cursor.fetchall())
        subscribers: dict[int, Subscriber] = {}
        deliveries = []
        for delivery_id, subscriber_id, event_id, attempts in rows:
            if subscriber_id not in subscribers:
                subscribers[subscriber_id] = await self._subscriber_by_id(subscriber_id)
            deliveries.append(Delivery(delivery_id, subscribers[subscriber_id], event_id, attempts))
        return deliveries

    async def mark_sent(self, delivery_id: int, now: datetime) -> None:
        await self._write(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
            " last_error = NULL WHERE id = ?",
            (to_iso(now), delivery_id),
        )

    async def mark_delivered(
        self, subscriber_id: int, delivery_ids: Sequence[int], now: datetime
    ) -> None:
        # One transaction per message, not one per row plus one for the refusal count: the
        # round trips to aiosqlite's thread cost more than the SMTP send (bench/deliver_email.py).
        async with self._transaction() as conn:
            await conn.executemany(
                "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " last_error = NULL WHERE id = ?",
                [(to_iso(now), delivery_id) for delivery_id in delivery_ids],
            )
            await conn.execute(
                "UPDATE subscribers SET refusals = 0 WHERE id = ? AND refusals > 0",
                (subscriber_id,),
            )

    async def mark_retry(self, delivery_id: int, reason: str, retry_at: datetime) -> None:
        await self._write(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
            " WHERE id = ?",
            (reason, to_iso(retry_at), delivery_id),
        )

    async def mark_failed(self, delivery_id: int, reason: str) -> None:
        await self._write(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?"
            " WHERE id = ?",
            (reason, delivery_id),
        )
