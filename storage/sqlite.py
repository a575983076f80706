"""The Storage protocol on SQLite, through aiosqlite.

One connection in autocommit mode; every write runs inside `_transaction` (storage/base.py),
so concurrent feed polls never interleave their writes. WAL
journaling lets readers such as `blockwatch subscribers` look while the service writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

import aiosqlite

from bot.errors import StorageError
from bot.models import Alert, Entry, Event, EventKey, EventReport, EventSource, FeedState
from bot.schedule import send_at
from storage.codec import (
    SUBSCRIBER_COLUMNS,
    event_from_row,
    evidence_json,
    from_iso,
    source_from_row,
    subscriber_from_row,
    to_iso,
)
from storage.mail import MailTables
from storage.migrate import migrate
from storage.protocol import Placement, Recorded
from storage.subscribers import SubscriberTables


class SQLiteStorage(MailTables, SubscriberTables):
    @classmethod
    async def open(cls, path: str | Path) -> SQLiteStorage:
        try:
            conn = await aiosqlite.connect(str(path), isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot open database {path}: {exc}") from exc
        try:
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a killed process; only power loss can lose the
            # last commits, which the outbox then sends again rather than never.
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute("PRAGMA busy_timeout = 5000")
            await migrate(conn)
        except (sqlite3.Error, StorageError) as exc:
            await conn.close()
            if isinstance(exc, StorageError):
                raise
            raise StorageError(f"cannot open database {path}: {exc}") from exc
        return cls(conn)

    async def close(self) -> None:
        await self._conn.close()

    # --- feeds -----------------------------------------------------------------------------

    async def feed_state(self, url: str) -> FeedState | None:
        async with self._conn.execute(
            "SELECT url, etag, last_modified, redirect_url, failures, retry_at, last_success,"
            " last_error FROM feed_state WHERE url = ?", (url,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return FeedState(
            url=row[0], etag=row[1], last_modified=row[2], redirect_url=row[3], failures=row[4],
            retry_at=from_iso(row[5]), last_success=from_iso(row[6]), last_error=row[7],
        )

    async def save_feed_state(self, state: FeedState) -> None:
        async with self._transaction() as conn:
            await conn.execute(
                "INSERT OR REPLACE INTO feed_state (url, etag, last_modified, redirect_url,"
                " failures, retry_at, last_success, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (state.url, state.etag, state.last_modified, state.redirect_url, state.failures,
                 to_iso(state.retry_at), to_iso(state.last_success), state.last_error),
            )

    # --- entries and events -----------------------------------------------------------------

    async def entry_seen(self, entry: Entry) -> bool:
        async with self._conn.execute(
            "SELECT 1 FROM entries WHERE (feed_url = ? AND entry_key = ?)"
            " OR (url_key IS NOT NULL AND url_key = ?) LIMIT 1",
            (entry.feed_url, entry.key, entry.url_key),
        ) as cursor:
            return await cursor.fetchone() is not None

    async def open_events(
        self, keys: Iterable[EventKey], since: datetime
    ) -> Sequence[Event]:
        events: list[Event] = []
        for country, service, action, scope in set(keys):
            async with self._conn.execute(
                f"{_EVENT_SELECT} WHERE e.country = ? AND e.service = ? AND e.action = ?"
                " AND e.scope = ? AND e.last_seen >= ? GROUP BY e.id",
                (country, service, action, scope, to_iso(since)),
            ) as cursor:
                events.extend(event_from_row(row) for row in await cursor.fetchall())
        return events

    async def record_entry(
        self, entry: Entry, placements: Sequence[Placement], *, now: datetime, notify: bool
    ) -> Recorded:
        when = to_iso(entry.published or now)
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO entries (feed_url, entry_key, url_key, source, title, summary, link,"
                " language, published, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.feed_url, entry.key, entry.url_key, entry.source, entry.title,
                 entry.summary, entry.link, entry.language, to_iso(entry.published), to_iso(now)),
            )
            entry_id = _rowid(cursor)
            new_ids, merged_ids, queued = [], [], 0
            for placement in placements:
                alert = placement.alert
                if placement.event_id is None:
                    cursor = await conn.execute(
                        "INSERT INTO events (country, service, action, scope, first_seen,"
                        " last_seen) VALUES (?, ?, ?, ?, ?, ?)",
                        (alert.country, alert.service, alert.action, alert.scope, when, when),
                    )
                    event_id = _rowid(cursor)
                    new_ids.append(event_id)
                    if notify:
                        queued += await self._queue_alerts(conn, event_id, alert, now)
                else:
                    event_id = placement.event_id
                    merged_ids.append(event_id)
                    await conn.execute(
                        "UPDATE events SET first_seen = min(first_seen, ?),"
                        " last_seen = max(last_seen, ?) WHERE id = ?",
                        (when, when, event_id),
                    )
                await conn.execute(
                    "INSERT OR IGNORE INTO event_sources (event_id, entry_id, evidence)"
                    " VALUES (?, ?, ?)",
                    (event_id, entry_id, evidence_json(alert.evidence)),
                )
            new_events = [await self._event(conn, i) for i in new_ids]
            merged_events = [await self._event(conn, i) for i in merged_ids]
        return Recorded(entry_id, tuple(new_events), tuple(merged_events), queued)

    async def _queue_alerts(
        self, conn: aiosqlite.Connection, event_id: int, alert: Alert, now: datetime
    ) -> int:
        """One outbox row per subscriber who wants this alert, due now or at their digest."""
        async with conn.execute(
            f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s JOIN subscriptions sub"
            " ON sub.subscriber_id = s.id WHERE sub.country = ? AND s.active = 1"
            " AND s.paused = 0 AND s.confirmed = 1",
            (alert.country,),
        ) as cursor:
            rows = list(await cursor.fetchall())
        wanting = (subscriber_from_row(row, [alert.country]) for row in rows)
        queued = [
            (subscriber.id, event_id, to_iso(send_at(subscriber.prefs, now)), to_iso(now))
            for subscriber in wanting if subscriber.prefs.wants(alert.service, alert.action)
        ]
        await conn.executemany(
            "INSERT OR IGNORE INTO outbox (subscriber_id, event_id, next_attempt_at, created_at)"
            " VALUES (?, ?, ?, ?)", queued,
        )
        return len(queued)

    async def _event(self, conn: aiosqlite.Connection, event_id: int) -> Event:
        query = f"{_EVENT_SELECT} WHERE e.id = ? GROUP BY e.id"
        async with conn.execute(query, (event_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise StorageError(f"event {event_id} does not exist")
        return event_from_row(row)

    async def event_report(self, event_id: int) -> EventReport:
        event = await self._event(self._conn, event_id)
        async with self._conn.execute(
            "SELECT en.source, en.title, en.link, en.summary, en.published, en.language"
            " FROM event_sources es JOIN entries en ON en.id = es.entry_id"
            " WHERE es.event_id = ? ORDER BY coalesce(en.published, en.fetched_at), en.id",
            (event_id,),
        ) as cursor:
            sources: list[EventSource] = [source_from_row(row) for row in await cursor.fetchall()]
        return EventReport(event, tuple(sources))

    async def recent_events(self, country: str | None, limit: int) -> Sequence[Event]:
        where, params = ("WHERE e.country = ?", [country]) if country else ("", [])
        async with self._conn.execute(
            f"{_EVENT_SELECT} {where} GROUP BY e.id ORDER BY e.last_seen DESC, e.id DESC LIMIT ?",
            (*params, limit),
        ) as cursor:
            return [event_from_row(row) for row in await cursor.fetchall()]

    async def evidence(self, event_id: int) -> list[dict[str, object]]:
        """The detector's evidence for each report of an event (for moderators)."""
        async with self._conn.execute(
            "SELECT evidence FROM event_sources WHERE event_id = ? AND evidence IS NOT NULL",
            (event_id,),
        ) as cursor:
            return [json.loads(row[0]) for row in await cursor.fetchall()]

    # --- board and bot queries (telegram UI) ----------------------------------------------

    async def events_for_country(self, country: str, since: datetime) -> Sequence[Event]:
        """Every event of a country seen since `since`, newest first (for its status board)."""
        async with self._conn.execute(
            f"{_EVENT_SELECT} WHERE e.country = ? AND e.last_seen >= ? GROUP BY e.id"
            " ORDER BY e.last_seen DESC, e.id DESC",
            (country.upper(), to_iso(since)),
        ) as cursor:
            return [event_from_row(row) for row in await cursor.fetchall()]


_EVENT_SELECT = (
    "SELECT e.id, e.country, e.service, e.action, e.first_seen, e.last_seen,"
    " count(es.entry_id), e.scope FROM events e LEFT JOIN event_sources es ON es.event_id = e.id"
)


def _rowid(cursor: aiosqlite.Cursor) -> int:
    if cursor.lastrowid is None:  # pragma: no cover - sqlite always sets it after INSERT
        raise StorageError("insert returned no row id")
    return cursor.lastrowid
