"""The queries both stores share: every table mixin, and the reads that span several.

SQLiteStorage (sqlite.py) and PostgresStorage (postgres.py) are this class on their own base:
the SQL is written once, in the dialect both accept (upserts with ON CONFLICT, RETURNING id),
and the PostgreSQL connection turns what remains SQLite's own spelling into PostgreSQL's
(storage/pg_sql.py).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime

from bot.core.models import Channel, Event, EventReport, EventSource, FeedState
from storage.articles import ArticleTables
from storage.codec import event_from_row, from_iso, source_from_row, to_iso
from storage.entries import EVENT_SELECT, EntryTables
from storage.feeds import FeedTables
from storage.held_events import ON_BOARDS
from storage.mail import MailTables
from storage.moderation import ModerationTables
from storage.ooni_answers import OoniAnswerTables
from storage.ooni_drafts import DraftTables
from storage.ops import OpsTables
from storage.subscribers import SubscriberTables


class Store(
    ArticleTables,
    EntryTables,
    FeedTables,
    MailTables,
    ModerationTables,
    OpsTables,
    SubscriberTables,
    DraftTables,
    OoniAnswerTables,
):
    """Everything but opening and closing, which each store does its own way."""

    async def close(self) -> None:
        raise NotImplementedError

    # Whether this instance does a piece of work: each store answers (storage/shared.py).

    async def claim(self, task: str, now: datetime, until: datetime) -> bool:
        raise NotImplementedError

    def leader(self, role: str, *, wait: bool = True) -> AbstractAsyncContextManager[bool]:
        raise NotImplementedError

    def exclusive(self, name: str) -> AbstractAsyncContextManager[None]:
        raise NotImplementedError

    def send_budget(self, channel: Channel) -> Callable[[int, float], Awaitable[float]] | None:
        """The channel's send budget shared with other instances (storage/shared.py), or None
        where there are none."""
        return None

    # --- feeds -----------------------------------------------------------------------------

    async def feed_state(self, url: str) -> FeedState | None:
        rows = list(
            await self._conn.execute_fetchall(
                "SELECT url, etag, last_modified, redirect_url, failures, retry_at, last_success,"
                " last_error FROM feed_state WHERE url = ?",
                (url,),
            )
        )
        if not rows:
            return None
        row = rows[0]
        return FeedState(
            url=row[0],
            etag=row[1],
            last_modified=row[2],
            redirect_url=row[3],
            failures=row[4],
            retry_at=from_iso(row[5]),
            last_success=from_iso(row[6]),
            last_error=row[7],
        )

    async def save_feed_state(self, state: FeedState) -> None:
        await self._write(
            "INSERT INTO feed_state (url, etag, last_modified, redirect_url, failures,"
            " retry_at, last_success, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
            " last_modified = excluded.last_modified, redirect_url = excluded.redirect_url,"
            " failures = excluded.failures, retry_at = excluded.retry_at,"
            " last_success = excluded.last_success, last_error = excluded.last_error",
            (
                state.url,
                state.etag,
                state.last_modified,
                state.redirect_url,
                state.failures,
                to_iso(state.retry_at),
                to_iso(state.last_success),
                state.last_error,
            ),
        )

    # --- events ------------------------------------------------------------------------------

    async def event_report(self, event_id: int) -> EventReport:
        event = await self._event(self._conn, event_id)
        async with self._conn.execute(
            "SELECT en.source, en.title, en.link, en.summary, en.published, en.language, en.id"
            " FROM event_sources es JOIN entries en ON en.id = es.entry_id"
            " WHERE es.event_id = ? ORDER BY coalesce(en.published, en.fetched_at), en.id",
            (event_id,),
        ) as cursor:
            sources: list[EventSource] = [source_from_row(row) for row in await cursor.fetchall()]
        return EventReport(event, tuple(sources), await self._story_start(event))

    async def recent_events(self, country: str | None, limit: int) -> Sequence[Event]:
        where, params = (
            (f"WHERE {ON_BOARDS} AND e.country = ?", [country])
            if country
            else (f"WHERE {ON_BOARDS}", [])
        )
        async with self._conn.execute(
            f"{EVENT_SELECT} {where} GROUP BY e.id ORDER BY e.last_seen DESC, e.id DESC LIMIT ?",
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
            f"{EVENT_SELECT} WHERE e.country = ? AND e.last_seen >= ? AND {ON_BOARDS}"
            " GROUP BY e.id"
            " ORDER BY e.last_seen DESC, e.id DESC",
            (country.upper(), to_iso(since)),
        ) as cursor:
            return [event_from_row(row) for row in await cursor.fetchall()]
