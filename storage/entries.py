"""Entries and their events on SQLite: what is new, and storing it with its events.

A feed's new entries are stored in one transaction (`record_entries`). Most carry no alert and
go in with one statement; the others open or extend events and queue their alerts
(storage/outbox.py). Round trips to aiosqlite's thread, not SQLite, are the cost here
(bench/poll.py), hence one query to learn what is new and one transaction to store it, and
reads with `execute_fetchall` (one round trip; a cursor's execute, fetch and close are three).

Titles and summaries are capped as they are stored (TITLE_CAP, SUMMARY_CAP); what a poll sees
again is marked seen, and what no feed shows any more is pruned (storage/retention.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from bot.core.errors import StorageError
from bot.core.models import Entry, Event, EventKey
from bot.core.records import NewEntry, Stored
from bot.core.textcut import shorten
from storage.codec import event_from_row, evidence_json, to_iso
from storage.dbapi import Connection
from storage.held_events import held, release_if_confirmed
from storage.outbox import queue_alerts
from storage.retention import RetentionTables, utc_day

T = TypeVar("T")

# Stored text is capped; the detector has read all of it by then (bot/pipeline.py). A news
# headline is under 200 characters; 500 keeps the longest real ones whole (titles that repeat
# the lead paragraph included) while a feed's megabyte "title" stays a line. A summary is what
# alerts quote a sentence or two of (bot/core/textcut.excerpt, at most a few hundred characters)
# and what moderators read when reviewing: 5,000 characters is some 800 words, the whole of a
# typical RSS description, where full-text feeds send entire articles (tens of KB each, every
# item, kept for months).
TITLE_CAP = 500
SUMMARY_CAP = 5_000


class EntryTables(RetentionTables):
    async def unseen_entries(
        self, entries: Sequence[Entry], *, now: datetime | None = None
    ) -> list[Entry]:
        """Those not stored yet; with `now`, the stored ones are marked seen today as well
        (at most one write a day for a feed whose body keeps them: storage/retention.py)."""
        stored_keys, seen_ids = await self._stored_keys(entries, now)
        stored_urls = await self._stored_url_keys(
            {e.url_key for e in entries if e.url_key}, now, seen_ids
        )
        if now is not None:
            await self.touch_seen(seen_ids, now)
        unseen = []
        for entry in entries:  # the batch's own repeats count as stored once the first is in
            if (entry.feed_url, entry.key) in stored_keys or entry.url_key in stored_urls:
                continue
            unseen.append(entry)
            stored_keys.add((entry.feed_url, entry.key))
            if entry.url_key:
                stored_urls.add(entry.url_key)
        return unseen

    async def _stored_keys(
        self, entries: Sequence[Entry], now: datetime | None
    ) -> tuple[set[tuple[str, str]], list[int]]:
        """(feed, key) of those entries already stored, and the ids of those last seen before
        `now`'s day."""
        keys_by_feed: dict[str, list[str]] = {}
        for entry in entries:
            keys_by_feed.setdefault(entry.feed_url, []).append(entry.key)
        stored = set[tuple[str, str]]()
        stale: list[int] = []
        today = utc_day(now) if now is not None else ""
        for feed_url, keys in keys_by_feed.items():  # one feed per batch, in practice
            for chunk in _chunks(keys, _VARIABLES_PER_QUERY):
                rows = await self._conn.execute_fetchall(
                    "SELECT entry_key, id, seen_on FROM entries WHERE feed_url = ?"
                    f" AND entry_key IN ({', '.join('?' * len(chunk))})",
                    (feed_url, *chunk),
                )
                for key, row_id, seen_on in rows:
                    stored.add((feed_url, key))
                    if (seen_on or "") < today:
                        stale.append(row_id)
        return stored, stale

    async def _stored_url_keys(
        self, url_keys: set[str], now: datetime | None, stale: list[int]
    ) -> set[str]:
        """Those story URLs already stored, by any feed; ids last seen before `now`'s day are
        added to `stale` (a story another feed still carries is not gone)."""
        stored = set[str]()
        today = utc_day(now) if now is not None else ""
        for chunk in _chunks(sorted(url_keys), _VARIABLES_PER_QUERY):
            rows = await self._conn.execute_fetchall(
                "SELECT url_key, id, seen_on FROM entries"
                f" WHERE url_key IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for url_key, row_id, seen_on in rows:
                stored.add(url_key)
                if (seen_on or "") < today:
                    stale.append(row_id)
        return stored

    async def open_events(self, keys: Iterable[EventKey], since: datetime) -> Sequence[Event]:
        # One query for all keys: SQLite answers an OR of indexed terms with one index search
        # per term (MULTI-INDEX OR), and one round trip beats one per key.
        term = (
            "(e.country = ? AND e.service = ? AND e.action = ? AND e.scope = ?"
            " AND e.last_seen >= ?)"
        )
        events: list[Event] = []
        for chunk in _chunks(sorted(set(keys)), _VARIABLES_PER_QUERY // 5):
            rows = await self._conn.execute_fetchall(
                f"{EVENT_SELECT} WHERE ({' OR '.join([term] * len(chunk))})"
                " AND coalesce(e.review, '') != 'rejected' GROUP BY e.id",
                [value for key in chunk for value in (*key, to_iso(since))],
            )
            events.extend(event_from_row(row) for row in rows)
        return events

    async def record_entries(self, batch: Sequence[NewEntry], *, now: datetime) -> Stored:
        # A round trip to aiosqlite's thread costs more than the statement (bench/poll.py):
        # the entries go in with one statement, and what placing their alerts adds to events
        # is written with one statement per kind at the end; only a new event costs its own.
        placed = _Placed()
        provisional: dict[int, int] = {}
        async with self._transaction() as conn:
            await conn.executemany(_INSERT_ENTRY, [_entry_values(i.entry, now) for i in batch])
            alerting = [item for item in batch if item.placements]
            ids = await _entry_ids(conn, [item.entry for item in alerting])
            for item in alerting:
                entry_id = ids[item.entry.feed_url, item.entry.key]
                await self._place(conn, item, entry_id, provisional, now, placed)
            await self._finish(conn, placed, now)
            new_events = [await self._event(conn, i) for i in placed.new_ids]
        merged = tuple(i for i in placed.merged_ids if i not in placed.new_ids)
        return Stored(len(batch), tuple(new_events), merged, placed.queued)

    async def _place(
        self,
        conn: Connection,
        item: NewEntry,
        entry_id: int,
        provisional: dict[int, int],
        now: datetime,
        placed: _Placed,
    ) -> None:
        """Open the new events of one stored entry at once (their ids are needed); note what
        it adds to existing ones in `placed`. `provisional` maps -k to real ids."""
        when = to_iso(item.entry.published or now)
        for placement in item.placements:
            alert = placement.alert
            if placement.event_id is None:
                # Held for review (bot/core/review.py): queued below all the same, sent once
                # approved.
                review, reasons = held(placement) if item.notify else (None, None)
                rows = await conn.execute_fetchall(
                    "INSERT INTO events (country, service, action, scope, first_seen,"
                    " last_seen, review, review_reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " RETURNING id",
                    (
                        alert.country,
                        alert.service,
                        alert.action,
                        alert.scope,
                        when,
                        when,
                        review,
                        reasons,
                    ),
                )
                event_id = _returned_id(rows)
                provisional[-len(provisional) - 1] = event_id
                placed.new_ids.append(event_id)
                if item.notify:
                    placed.queued += await queue_alerts(conn, event_id, alert, now)
            else:
                event_id = provisional.get(placement.event_id, placement.event_id)
                if event_id < 0:
                    raise StorageError(f"provisional event {event_id} was not opened earlier")
                if event_id not in placed.merged_ids:
                    placed.merged_ids.append(event_id)
                placed.spans.append((when, when, event_id))
            placed.sources.append((event_id, entry_id, evidence_json(alert.evidence)))

    async def _finish(self, conn: Connection, placed: _Placed, now: datetime) -> None:
        """Write what `_place` noted: events' new spans, the sources; then a held event that
        other sites now confirm goes out (storage/held_events.py)."""
        await conn.executemany(
            "UPDATE events SET first_seen = min(first_seen, ?), last_seen = max(last_seen, ?)"
            " WHERE id = ?",
            placed.spans,
        )
        await conn.executemany(
            "INSERT OR IGNORE INTO event_sources (event_id, entry_id, evidence) VALUES (?, ?, ?)",
            placed.sources,
        )
        for event_id in await _held(conn, placed.merged_ids):
            await release_if_confirmed(conn, event_id, now)

    async def _event(self, conn: Connection, event_id: int) -> Event:
        query = f"{EVENT_SELECT} WHERE e.id = ? GROUP BY e.id"
        rows = list(await conn.execute_fetchall(query, (event_id,)))
        if not rows:
            raise StorageError(f"event {event_id} does not exist")
        return event_from_row(rows[0])


_INSERT_ENTRY = (
    "INSERT INTO entries (feed_url, entry_key, url_key, source, title, summary, link,"
    " language, published, fetched_at, seen_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# SQLite's default limit on ? in one statement is 32,766; stay well below it.
_VARIABLES_PER_QUERY = 500


@dataclass(slots=True)
class _Placed:
    """What placing alerts did and still has to write (accumulated in the transaction)."""

    new_ids: list[int] = field(default_factory=list)
    merged_ids: list[int] = field(default_factory=list)  # existing events, each once
    queued: int = 0
    spans: list[tuple[str | None, str | None, int]] = field(default_factory=list)  # when, id
    sources: list[tuple[int, int, str | None]] = field(default_factory=list)  # event, entry, …


async def _entry_ids(conn: Connection, entries: Sequence[Entry]) -> dict[tuple[str, str], int]:
    """The row ids of entries just inserted, by (feed, key)."""
    keys_by_feed: dict[str, list[str]] = {}
    for entry in entries:
        keys_by_feed.setdefault(entry.feed_url, []).append(entry.key)
    ids: dict[tuple[str, str], int] = {}
    for feed_url, keys in keys_by_feed.items():
        for chunk in _chunks(keys, _VARIABLES_PER_QUERY):
            rows = await conn.execute_fetchall(
                "SELECT entry_key, id FROM entries WHERE feed_url = ?"
                f" AND entry_key IN ({', '.join('?' * len(chunk))})",
                (feed_url, *chunk),
            )
            ids.update(((feed_url, key), row_id) for key, row_id in rows)
    return ids


async def _held(conn: Connection, event_ids: Sequence[int]) -> list[int]:
    """Those of these events held for review: the few worth a look at their sources."""
    held_ids: list[int] = []
    for chunk in _chunks(event_ids, _VARIABLES_PER_QUERY):
        rows = await conn.execute_fetchall(
            f"SELECT id FROM events WHERE id IN ({', '.join('?' * len(chunk))})"
            " AND review = 'pending'",
            chunk,
        )
        held_ids += [row_id for (row_id,) in rows]
    return held_ids


def _entry_values(entry: Entry, now: datetime) -> tuple[object, ...]:
    return (
        entry.feed_url,
        entry.key,
        entry.url_key,
        entry.source,
        shorten(entry.title, TITLE_CAP),
        shorten(entry.summary, SUMMARY_CAP),
        entry.link,
        entry.language,
        to_iso(entry.published),
        to_iso(now),
        utc_day(now),
    )


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


EVENT_SELECT = (
    "SELECT e.id, e.country, e.service, e.action, e.first_seen, e.last_seen,"
    " count(es.entry_id), e.scope FROM events e LEFT JOIN event_sources es ON es.event_id = e.id"
)


def _returned_id(rows: Iterable[Any]) -> int:
    """The id an INSERT ... RETURNING id gave (RETURNING, not lastrowid: both stores have it)."""
    for (row_id,) in rows:
        return int(row_id)
    raise StorageError("insert returned no row id")  # pragma: no cover - RETURNING always does
