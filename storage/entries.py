"""Entries and their events on SQLite: what is new, and storing it with its events.

A feed's new entries are stored in one transaction (`record_entries`). Most carry no alert and
go in with one statement; the others open or extend events and queue their alerts
(storage/outbox.py). Round trips to aiosqlite's thread, not SQLite, are the cost here
(bench/poll.py), hence one query to learn what is new and one transaction to store it, and
reads with `execute_fetchall` (one round trip; a cursor's execute, fetch and close are three).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

import aiosqlite

from bot.errors import StorageError
from bot.models import Entry, Event, EventKey
from storage.base import SQLiteBase
from storage.codec import event_from_row, evidence_json, to_iso
from storage.outbox import queue_alerts
from storage.protocol import NewEntry, Placement, Recorded, Stored
from storage.review import held, release_if_confirmed

T = TypeVar("T")


class EntryTables(SQLiteBase):
    async def entry_seen(self, entry: Entry) -> bool:
        return not await self.unseen_entries([entry])

    async def unseen_entries(self, entries: Sequence[Entry]) -> list[Entry]:
        stored_keys = await self._stored_keys(entries)
        stored_urls = await self._stored_url_keys({e.url_key for e in entries if e.url_key})
        unseen = []
        for entry in entries:  # the batch's own repeats count as stored once the first is in
            if (entry.feed_url, entry.key) in stored_keys or entry.url_key in stored_urls:
                continue
            unseen.append(entry)
            stored_keys.add((entry.feed_url, entry.key))
            if entry.url_key:
                stored_urls.add(entry.url_key)
        return unseen

    async def _stored_keys(self, entries: Sequence[Entry]) -> set[tuple[str, str]]:
        """(feed, key) of those entries already stored."""
        keys_by_feed: dict[str, list[str]] = {}
        for entry in entries:
            keys_by_feed.setdefault(entry.feed_url, []).append(entry.key)
        stored = set[tuple[str, str]]()
        for feed_url, keys in keys_by_feed.items():  # one feed per batch, in practice
            for chunk in _chunks(keys, _VARIABLES_PER_QUERY):
                rows = await self._conn.execute_fetchall(
                    "SELECT entry_key FROM entries WHERE feed_url = ?"
                    f" AND entry_key IN ({', '.join('?' * len(chunk))})", (feed_url, *chunk),
                )
                stored.update((feed_url, row[0]) for row in rows)
        return stored

    async def _stored_url_keys(self, url_keys: set[str]) -> set[str]:
        """Those story URLs already stored, by any feed."""
        stored = set[str]()
        for chunk in _chunks(sorted(url_keys), _VARIABLES_PER_QUERY):
            rows = await self._conn.execute_fetchall(
                f"SELECT url_key FROM entries WHERE url_key IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            stored.update(row[0] for row in rows)
        return stored

    async def open_events(
        self, keys: Iterable[EventKey], since: datetime
    ) -> Sequence[Event]:
        events: list[Event] = []
        for country, service, action, scope in set(keys):
            rows = await self._conn.execute_fetchall(
                f"{EVENT_SELECT} WHERE e.country = ? AND e.service = ? AND e.action = ?"
                " AND e.scope = ? AND e.last_seen >= ? AND coalesce(e.review, '') != 'rejected'"
                " GROUP BY e.id",
                (country, service, action, scope, to_iso(since)),
            )
            events.extend(event_from_row(row) for row in rows)
        return events

    async def record_entry(
        self, entry: Entry, placements: Sequence[Placement], *, now: datetime, notify: bool
    ) -> Recorded:
        async with self._transaction() as conn:
            entry_id = await self._insert_entry(conn, entry, now)
            placed = await self._place(conn, entry, entry_id, placements, {}, now, notify)
            new_events = [await self._event(conn, i) for i in placed.new_ids]
            merged_events = [await self._event(conn, i) for i in placed.merged_ids]
        return Recorded(entry_id, tuple(new_events), tuple(merged_events), placed.queued)

    async def record_entries(self, batch: Sequence[NewEntry], *, now: datetime) -> Stored:
        # Entries without alerts, most of any feed, go in one statement: a round trip to
        # aiosqlite's thread costs more than the insert itself (bench/poll.py).
        plain = [item.entry for item in batch if not item.placements]
        provisional: dict[int, int] = {}
        new_ids, merged_ids, queued = list[int](), list[int](), 0
        async with self._transaction() as conn:
            await conn.executemany(_INSERT_ENTRY, [_entry_values(e, now) for e in plain])
            for item in batch:
                if not item.placements:
                    continue
                entry_id = await self._insert_entry(conn, item.entry, now)
                placed = await self._place(conn, item.entry, entry_id, item.placements,
                                           provisional, now, item.notify)
                new_ids += placed.new_ids
                merged_ids += [i for i in placed.merged_ids if i not in merged_ids]
                queued += placed.queued
            new_events = [await self._event(conn, i) for i in new_ids]
        merged = tuple(i for i in merged_ids if i not in new_ids)
        return Stored(len(batch), tuple(new_events), merged, queued)

    async def _insert_entry(self, conn: aiosqlite.Connection, entry: Entry, now: datetime) -> int:
        return _rowid(await conn.execute(_INSERT_ENTRY, _entry_values(entry, now)))

    async def _place(
        self, conn: aiosqlite.Connection, entry: Entry, entry_id: int,
        placements: Sequence[Placement], provisional: dict[int, int], now: datetime,
        notify: bool,
    ) -> _Placed:
        """Open or extend the events of one stored entry; `provisional` maps -k to real ids."""
        when = to_iso(entry.published or now)
        placed = _Placed()
        for placement in placements:
            alert = placement.alert
            if placement.event_id is None:
                # Held for review (bot/review.py): queued below all the same, sent once approved.
                review, reasons = held(placement) if notify else (None, None)
                cursor = await conn.execute(
                    "INSERT INTO events (country, service, action, scope, first_seen,"
                    " last_seen, review, review_reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (alert.country, alert.service, alert.action, alert.scope, when, when,
                     review, reasons),
                )
                event_id = _rowid(cursor)
                provisional[-len(provisional) - 1] = event_id
                placed.new_ids.append(event_id)
                if notify:
                    placed.queued += await queue_alerts(conn, event_id, alert, now)
            else:
                event_id = provisional.get(placement.event_id, placement.event_id)
                if event_id < 0:
                    raise StorageError(f"provisional event {event_id} was not opened earlier")
                placed.merged_ids.append(event_id)
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
            if placement.event_id is not None:  # a held event another site confirms goes out
                await release_if_confirmed(conn, event_id, now)
        return placed

    async def _event(self, conn: aiosqlite.Connection, event_id: int) -> Event:
        query = f"{EVENT_SELECT} WHERE e.id = ? GROUP BY e.id"
        rows = list(await conn.execute_fetchall(query, (event_id,)))
        if not rows:
            raise StorageError(f"event {event_id} does not exist")
        return event_from_row(rows[0])


_INSERT_ENTRY = (
    "INSERT INTO entries (feed_url, entry_key, url_key, source, title, summary, link,"
    " language, published, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# SQLite's default limit on ? in one statement is 32,766; stay well below it.
_VARIABLES_PER_QUERY = 500


@dataclass(slots=True)
class _Placed:
    """What placing one entry's alerts did (accumulated while the transaction is open)."""

    new_ids: list[int] = field(default_factory=list)
    merged_ids: list[int] = field(default_factory=list)
    queued: int = 0


def _entry_values(entry: Entry, now: datetime) -> tuple[object, ...]:
    return (entry.feed_url, entry.key, entry.url_key, entry.source, entry.title, entry.summary,
            entry.link, entry.language, to_iso(entry.published), to_iso(now))


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


EVENT_SELECT = (
    "SELECT e.id, e.country, e.service, e.action, e.first_seen, e.last_seen,"
    " count(es.entry_id), e.scope FROM events e LEFT JOIN event_sources es ON es.event_id = e.id"
)


def _rowid(cursor: aiosqlite.Cursor) -> int:
    if cursor.lastrowid is None:  # pragma: no cover - sqlite always sets it after INSERT
        raise StorageError("insert returned no row id")
    return cursor.lastrowid
