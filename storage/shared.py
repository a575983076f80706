"""Several instances on one PostgreSQL database: each piece of work done by one of them.

SQLite has one instance per database (the flock of storage/instance.py), and these methods are
trivially true there (storage/sqlite.py). On PostgreSQL any number of `blockwatch run` (and
cron's `run --once`) share the database, and split the work through it, with nothing of ours
to run beside them:

* Outbox rows are claimed: `due_deliveries` takes its rows with FOR UPDATE SKIP LOCKED and
  moves their next_attempt_at to the end of a lease (CLAIM_LEASE) in the same transaction, so
  no other instance finds them due, and writes the claim's own token into claim_token (schema
  0013). The holder renews the lease while it sends (`renew_claim`, bot/delivery/claims.py),
  so a batch longer than the lease stays its own; marking a row sent, retried or failed ends
  the claim. Renewing and marking ask for the token: an instance that stalled past its lease
  finds the rows another instance took meanwhile gone from its claim, and neither renews, marks
  nor (the delivery checks before each send) sends them. A killed instance's rows come due
  again when the lease it last renewed ends, and another instance sends them.
  Claims of one channel are made one at a time (a transaction-level advisory lock), so a
  subscriber's rows are never split between two instances (a digest stays one digest).
* Timed work is leased: `claim(task, now, until)` takes a row of the housekeeping table whose
  lease has ended, moving it to `until`, in one statement: a feed's poll ("poll <url>"), the
  feed watch, the moderators' review cards. Whoever comes first does it; a killed holder's
  lease simply ends.
* Placing new reports into events reads the open events, then writes: `exclusive("ingest")`
  makes one instance at a time do it, as a lock in the process does within one (else two
  instances polling two feeds with the same news would each open the event, and alert twice).
  Seeding the feed registry from feeds.toml at start-up likewise.
* Telegram's limits are per bot, so the instances pace their sends from one budget:
  `reserve_sends` hands out stretches of one schedule at the channel's rate (GCRA: the row
  "budget <channel>" of the housekeeping table holds the time its schedule is booked up to,
  in the database's clock, so the hosts' clocks need not agree).
* The mailbox and Telegram's getUpdates have one reader at a time: `leader(role)` waits for a
  session-level advisory lock, held on a connection of its own for as long as the reader runs.
  When its process dies the connection closes and the lock passes to a waiting instance.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import socket
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import datetime
from functools import partial

import psycopg

from bot.core.errors import StorageError
from bot.core.models import Channel, Delivery
from storage.codec import to_iso
from storage.pg_connection import PgConn, PostgresBase
from storage.subscribers import (
    _JSON_IDS,
    _NOT_HELD,
    CLAIM_LEASE,
    SubscriberTables,
    longest_waiting,
)

__all__ = ["CLAIM_LEASE", "LEADER_RETRY", "Reserve", "SharedWork", "claim_token"]

log = logging.getLogger(__name__)

# (sends, per second) -> seconds until the first may go (bot/telegram/pacing.py's Reserve).
Reserve = Callable[[int, float], Awaitable[float]]

# Advisory lock keys (two int4: ours, then which): "bw" and a number per use.
_CLAIMS, _LEADERS, _EXCLUSIVE = 0x6277_0001, 0x6277_0002, 0x6277_0003
_CHANNEL_KEYS: dict[Channel, int] = {"telegram": 1, "email": 2}
# A follower asks for the lock this often; the leader checks its connection as often.
LEADER_RETRY = 5.0

_CLAIM_ROWS = (
    "UPDATE outbox SET next_attempt_at = ?, claim_token = ? WHERE id IN (SELECT o.id FROM outbox o"
    " JOIN events e ON e.id = o.event_id"
    f" WHERE o.subscriber_id IN {_JSON_IDS} AND o.status = 'pending' AND o.next_attempt_at <= ?"
    f" AND {_NOT_HELD} FOR UPDATE OF o SKIP LOCKED)"
    " RETURNING id, subscriber_id, event_id, attempts"
)
# The schedule is booked up to `done_on` (seconds since the epoch, the database's clock):
# `count` more sends at `rate` take the next `count / rate` seconds of it, from now at the
# earliest; the answer is how long until the first of them.
_NOW = "extract(epoch FROM clock_timestamp())"
_RESERVE = (
    f"INSERT INTO housekeeping (task, done_on) VALUES (%(task)s, ({_NOW} + %(span)s)::text)"
    " ON CONFLICT (task) DO UPDATE"
    f" SET done_on = (GREATEST(housekeeping.done_on::float8, {_NOW}) + %(span)s)::text"
    f" RETURNING done_on::float8 - %(span)s - {_NOW}"
)
_CLAIM_TASK = (
    "INSERT INTO housekeeping (task, done_on) VALUES (?, ?) ON CONFLICT (task)"
    " DO UPDATE SET done_on = excluded.done_on WHERE housekeeping.done_on <= ?"
)


class SharedWork(PostgresBase, SubscriberTables):
    claim_lease = CLAIM_LEASE

    async def due_deliveries(
        self, channel: Channel, now: datetime, limit: int
    ) -> Sequence[Delivery]:
        """As SubscriberTables.due_deliveries, the rows claimed for CLAIM_LEASE under a token
        of their own (each Delivery's `claim`)."""
        if limit < 1:
            return []
        async with self._transaction() as conn:
            await conn.execute(
                "SELECT pg_advisory_xact_lock(?, ?)", (_CLAIMS, _CHANNEL_KEYS[channel])
            )
            waiting = await longest_waiting(conn, channel, now, limit)
            if not waiting:
                return []
            lease, token = to_iso(now + self.claim_lease), claim_token()
            rows = sorted(
                await conn.execute_fetchall(
                    _CLAIM_ROWS, (lease, token, json.dumps(waiting), to_iso(now))
                )
            )
        subscribers = await self._subscribers_by_id(waiting)
        return [
            Delivery(row_id, subscribers[subscriber_id], event_id, attempts, token)
            for row_id, subscriber_id, event_id, attempts in rows
            if subscriber_id in subscribers
        ]

    async def claim(self, task: str, now: datetime, until: datetime) -> bool:
        """True when this instance has `task` until `until` (nobody held it at `now`)."""
        async with self._transaction() as conn:
            cursor = await conn.execute(_CLAIM_TASK, (f"lease {task}", to_iso(until), to_iso(now)))
            return cursor.rowcount == 1

    async def reserve_sends(self, channel: Channel, count: int, rate: float) -> float:
        """Seconds until the first of `count` sends may go on `channel`, the others following
        at `rate` a second: this instance's stretch of the one schedule all instances share."""
        params = {"task": f"budget {channel}", "span": count / rate}
        try:
            async with self._pool.connection() as conn:
                cursor = await conn.execute(_RESERVE, params)
                row = await cursor.fetchone()
        except psycopg.OperationalError as exc:
            raise StorageError(f"PostgreSQL: {exc}", fault="unreachable") from exc
        return max(0.0, float(row[0])) if row else 0.0

    @contextlib.asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        """One instance at a time: a session-level advisory lock on a pooled connection."""
        key = zlib.crc32(name.encode()) & 0x7FFF_FFFF
        async with self._pool.connection() as conn:
            try:
                await conn.execute("SELECT pg_advisory_lock(%s, %s)", (_EXCLUSIVE, key))
            except psycopg.OperationalError as exc:
                raise StorageError(f"PostgreSQL: {exc}", fault="unreachable") from exc
            try:
                yield
            finally:
                try:
                    await conn.execute("SELECT pg_advisory_unlock(%s, %s)", (_EXCLUSIVE, key))
                except psycopg.Error:
                    await conn.close()  # never back to the pool while it may hold the lock

    def send_budget(self, channel: Channel) -> Reserve | None:
        return partial(self.reserve_sends, channel)

    @contextlib.asynccontextmanager
    async def leader(self, role: str, *, wait: bool = True) -> AsyncIterator[bool]:
        """Lead `role` for the length of the block: True once this instance leads it; with
        `wait=False`, False at once when another does. A leader whose connection is lost
        (the database restarted) is cancelled with StorageError: it leads no more."""
        key = zlib.crc32(role.encode()) & 0x7FFF_FFFF
        try:
            conn = await psycopg.AsyncConnection.connect(self._dsn, autocommit=True)
        except psycopg.Error as exc:
            raise StorageError(f"PostgreSQL: {exc}", fault="unreachable") from exc
        try:
            while not await _try_lock(conn, key):
                if not wait:
                    yield False
                    return
                await asyncio.sleep(LEADER_RETRY)
            log.info("this instance leads %s", role)
            async with _watched(conn, asyncio.current_task()):
                yield True
        finally:
            await conn.close()  # and with it the lock


def claim_token() -> str:
    """A claim's own token: who holds it ("host/pid/"), for an operator reading the outbox,
    and a random part, so that no two claims, not even one instance's, share it."""
    return f"{socket.gethostname()[:64]}/{os.getpid()}/{secrets.token_hex(6)}"


async def _try_lock(conn: PgConn, key: int) -> bool:
    cursor = await conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (_LEADERS, key))
    row = await cursor.fetchone()
    return bool(row and row[0])


@contextlib.asynccontextmanager
async def _watched(conn: PgConn, leader: asyncio.Task[object] | None) -> AsyncIterator[None]:
    """Cancel `leader` if the connection holding its lock breaks."""
    lost = False

    async def watch() -> None:
        nonlocal lost
        while True:
            await asyncio.sleep(LEADER_RETRY)
            try:
                await conn.execute("SELECT 1")
            except psycopg.Error:
                lost = True
                if leader is not None:
                    leader.cancel()
                return

    watcher = asyncio.create_task(watch())
    try:
        yield
    except asyncio.CancelledError:
        if lost:
            raise StorageError("lost the database connection that held the lead") from None
        raise
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
