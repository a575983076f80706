"""Subscribers and the outbox: the SQLite half of Storage that holds personal data.

Addresses (chat ids, email addresses) live in exactly one column, `subscribers.address`;
forgetting a subscriber deletes the row and, by cascade, its subscriptions and outbox rows.
An email address is one mailbox however its case is written (bot/core/addresses.py, schema 0009).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from bot.core.addresses import canonical_address
from bot.core.models import Channel, Delivery, Preferences, Subscriber
from storage.base import StoreBase
from storage.codec import (
    PREFERENCE_ASSIGNMENTS,
    SUBSCRIBER_COLUMNS,
    preference_values,
    subscriber_from_row,
    to_iso,
)
from storage.dbapi import Connection

log = logging.getLogger(__name__)

_SUBSCRIBER_SELECT = f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers"
# A list of ids as one parameter (a JSON array): one statement, however many ids.
_JSON_IDS = "(SELECT value FROM json_each(?))"
# Held for review (storage/held_events.py): its rows wait, and must not hold up anyone else's.
_NOT_HELD = "coalesce(e.review, '') NOT IN ('pending', 'rejected')"
# Due rows of the channel's active subscribers, oldest first, through the index of pending rows
# in id order (schema 0006), so LIMIT stops the walk. INDEXED BY and CROSS JOIN pin that plan:
# left alone, the planner reads every due row by time and sorts them all to take a batch.
_WAITING = (
    "SELECT o.id, o.subscriber_id FROM outbox o INDEXED BY outbox_waiting"
    " CROSS JOIN events e ON e.id = o.event_id CROSS JOIN subscribers s ON s.id = o.subscriber_id"
    f" WHERE o.status = 'pending' AND o.id > ? AND o.next_attempt_at <= ? AND {_NOT_HELD}"
    " AND s.channel = ? AND s.active = 1 AND s.paused = 0 AND s.confirmed = 1"
    " ORDER BY o.id LIMIT ?"
)
# One subscriber per chat, and per mailbox: stored with its domain folded (bot/core/addresses.py),
# an email address is compared without regard to case, as the unique index of schema 0009 does.
_SAME_ADDRESS: dict[Channel, str] = {
    "telegram": "channel = 'telegram' AND address = ?",
    "email": "channel = 'email' AND address = ? COLLATE NOCASE",
}
# On a database several instances share, a batch of due rows is claimed for this long, and its
# holder renews the claim while it sends (storage/shared.py, bot/delivery/claims.py): a killed
# instance's rows are sent by another this long after it last renewed them.
CLAIM_LEASE = timedelta(minutes=10)
_MAX_CHUNK = 10_000  # at most this many rows of that walk read at once
# Every due row of the subscribers taken, through their pending rows only (not their history).
_DUE_ROWS_OF = (
    "SELECT o.id, o.subscriber_id, o.event_id, o.attempts FROM outbox o"
    " INDEXED BY outbox_waiting_by_subscriber CROSS JOIN events e ON e.id = o.event_id"
    f" WHERE o.subscriber_id IN {_JSON_IDS} AND o.status = 'pending' AND o.next_attempt_at <= ?"
    f" AND {_NOT_HELD} ORDER BY o.id"
)


class SubscriberTables(StoreBase):
    claim_lease = CLAIM_LEASE  # BLOCKWATCH_CLAIM_LEASE (storage/open.py)

    async def subscribe(
        self,
        channel: Channel,
        address: str,
        countries: Iterable[str],
        *,
        language: str = "en",
        confirmed: bool = True,
    ) -> Subscriber:
        async with self._transaction() as conn:
            # No conflict target: the same chat, or the same mailbox in any case (the unique
            # index of schema 0009), is one subscriber, stored as first written.
            async with conn.execute(
                "INSERT INTO subscribers (channel, address, language, created_at, confirmed)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET active = 1,"
                " confirmed = max(subscribers.confirmed, excluded.confirmed) RETURNING id",
                (
                    channel,
                    canonical_address(channel, address),
                    language,
                    to_iso(datetime.now(UTC)),
                    int(confirmed),
                ),
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
                " (SELECT 1 FROM subscriptions WHERE subscriber_id = ?)",
                (found.id, found.id),
            )
        return await self.subscriber(channel, address)

    async def subscriber(self, channel: Channel, address: str) -> Subscriber | None:
        async with self._conn.execute(
            f"{_SUBSCRIBER_SELECT} WHERE {_SAME_ADDRESS[channel]}",
            (canonical_address(channel, address),),
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
        """Delete the subscriber and, by cascade, its countries and everything queued for it.

        An id merged into another by schema 0009 (one mailbox written two ways) still names
        that mailbox: a one-click link in mail sent before the merge must go on working."""
        await self._write(
            "DELETE FROM subscribers WHERE id = coalesce((SELECT id FROM subscribers WHERE id = ?),"
            " (SELECT subscriber_id FROM subscriber_aliases WHERE old_id = ?))",
            (subscriber_id, subscriber_id),
        )

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
        found = await self._subscribers_by_id([subscriber_id])
        assert subscriber_id in found, f"subscriber {subscriber_id} vanished"
        return found[subscriber_id]

    async def _subscribers_by_id(self, ids: Sequence[int]) -> dict[int, Subscriber]:
        """Any number of subscribers in two queries: a batch is read at once, not one by one."""
        async with self._conn.execute(
            f"{_SUBSCRIBER_SELECT} WHERE id IN {_JSON_IDS}", (json.dumps(ids),)
        ) as cursor:
            rows = list(await cursor.fetchall())
        countries = await self._countries(ids)
        return {row[0]: subscriber_from_row(row, countries.get(row[0], [])) for row in rows}

    async def _countries(self, ids: Sequence[int] | None = None) -> dict[int, list[str]]:
        """Countries by subscriber: of those `ids`, or of everyone."""
        query = "SELECT subscriber_id, country FROM subscriptions"
        params: tuple[str, ...] = ()
        if ids is not None:
            query, params = f"{query} WHERE subscriber_id IN {_JSON_IDS}", (json.dumps(ids),)
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
        batch boundary would arrive as two digests. A batch costs what it holds, however long
        the backlog behind it (schema 0006, bench/deliver_email.py).
        """
        if limit < 1:
            return []
        waiting = await longest_waiting(self._conn, channel, now, limit)
        if not waiting:
            return []
        async with self._conn.execute(_DUE_ROWS_OF, (json.dumps(waiting), to_iso(now))) as cursor:
            rows = list(await cursor.fetchall())
        subscribers = await self._subscribers_by_id(waiting)
        return [
            Delivery(row_id, subscribers[subscriber_id], event_id, attempts)
            for row_id, subscriber_id, event_id, attempts in rows
            if subscriber_id in subscribers
        ]  # else forgotten meanwhile, rows and all

    async def mark_delivered(
        self,
        subscriber_id: int,
        delivery_ids: Sequence[int],
        now: datetime,
        message_event: int | None = None,
        *,
        claim: str | None = None,
    ) -> None:
        # One statement: one round trip to aiosqlite's thread per message, which costs more
        # than SQLite's work (bench/deliver_email.py). The trigger outbox_sent_resets_refusals
        # (schema 0006) resets the refusal count within it.
        ours, held = _held_by(claim)
        marked = await self._write(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
            " last_error = NULL, message_event = ?, claim_token = NULL"
            f" WHERE id IN {_JSON_IDS} AND subscriber_id = ?{ours}",
            (to_iso(now), message_event, json.dumps(list(delivery_ids)), subscriber_id, *held),
        )
        _taken_meanwhile(claim, len(delivery_ids), marked)

    async def message_events(self, subscriber_id: int, event_ids: Iterable[int]) -> dict[int, int]:
        """Of these events, those a message told the subscriber, each with the event that
        message's Message-ID named (schema 0010; a row sent before it: its own event)."""
        async with self._conn.execute(
            "SELECT event_id, coalesce(message_event, event_id) FROM outbox"
            f" WHERE subscriber_id = ? AND status = 'sent' AND event_id IN {_JSON_IDS}",
            (subscriber_id, json.dumps(sorted(set(event_ids)))),
        ) as cursor:
            return {int(event): int(message) for event, message in await cursor.fetchall()}

    async def mark_retry(
        self, delivery_id: int, reason: str, retry_at: datetime, *, claim: str | None = None
    ) -> None:
        ours, held = _held_by(claim)
        marked = await self._write(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
            f" claim_token = NULL WHERE id = ?{ours}",
            (reason, to_iso(retry_at), delivery_id, *held),
        )
        _taken_meanwhile(claim, 1, marked)

    async def mark_failed(self, delivery_id: int, reason: str, *, claim: str | None = None) -> None:
        ours, held = _held_by(claim)
        marked = await self._write(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?,"
            f" claim_token = NULL WHERE id = ?{ours}",
            (reason, delivery_id, *held),
        )
        _taken_meanwhile(claim, 1, marked)

    async def renew_claim(self, claim: str, now: datetime) -> frozenset[int]:
        """The rows still held under `claim` (pending, and no other instance claimed them
        since), each now held until `now` + claim_lease. On SQLite nothing is claimed."""
        async with self._transaction() as conn:
            rows = await conn.execute_fetchall(
                "UPDATE outbox SET next_attempt_at = ?"
                " WHERE claim_token = ? AND status = 'pending' RETURNING id",
                (to_iso(now + self.claim_lease), claim),
            )
        return frozenset(row[0] for row in rows)


def _held_by(claim: str | None) -> tuple[str, tuple[str, ...]]:
    """The condition a mark adds when its rows were claimed: they are still under that claim
    (not taken by another instance after the lease ran out), and its parameters."""
    return ("", ()) if claim is None else (" AND claim_token = ?", (claim,))


def _taken_meanwhile(claim: str | None, asked: int, marked: int) -> None:
    if claim is not None and marked < asked:
        log.warning(
            "%d outbox rows were taken by another instance before they were marked here"
            " (this one held them past their lease): left to it",
            asked - marked,
        )


async def longest_waiting(
    conn: Connection, channel: Channel, now: datetime, limit: int
) -> list[int]:
    """The `limit` subscribers whose oldest due row is oldest, in that order.

    The first distinct subscribers met walking the due rows in id order. The walk reads a
    chunk at a time, larger each time: a chunk can hold many rows of one subscriber (a weekly
    digest's), so it goes on until it has `limit` subscribers or reaches the end.
    """
    found: dict[int, None] = {}  # an ordered set
    after, chunk = 0, limit
    while True:
        params = (after, to_iso(now), channel, chunk)
        async with conn.execute(_WAITING, params) as cursor:
            rows = list(await cursor.fetchall())
        for _, subscriber_id in rows:
            found[subscriber_id] = None
            if len(found) == limit:
                return list(found)
        if len(rows) < chunk:
            return list(found)
        after, chunk = rows[-1][0], min(chunk * 2, _MAX_CHUNK)
