"""The review queue in SQLite: held events, moderators' decisions, corrections.

An event held for review (`events.review = 'pending'`) has its outbox rows queued as usual, in
the transaction that opened it, and due_deliveries skips them until the event is approved: so
approval needs no second queueing, and a crash can neither lose nor leak a held alert.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from bot.core.events import EVENT_WINDOW
from bot.core.models import Action, Alert, Evidence
from bot.core.moderation import CaseSource, Review, ReviewCase
from bot.core.ooni_trust import OONI_JUMP
from bot.core.records import ANNOUNCEMENT, Placement
from bot.core.review import RELEASE_AT_SOURCES, FeedRecord, independent_sources
from storage.audit import write_audit
from storage.base import StoreBase
from storage.codec import event_from_row, to_iso
from storage.dbapi import Connection
from storage.outbox import queue_alerts

Field = Literal["country", "service", "action"]
FIELDS: tuple[Field, ...] = ("country", "service", "action")
# What boards and /latest show, as a condition on `events e`: not held or rejected events
# (not news, or not yet), nor announcements (told once, not a state of a service).
ON_BOARDS = (
    f"coalesce(e.review, '') NOT IN ('pending', 'rejected') AND e.service != '{ANNOUNCEMENT}'"
)

_EVENT = (
    "SELECT e.id, e.country, e.service, e.action, e.first_seen, e.last_seen,"
    " (SELECT count(*) FROM event_sources es WHERE es.event_id = e.id), e.scope,"
    " e.review, e.review_reasons, e.reviewed_by FROM events e"
)


def held(placement: Placement) -> tuple[str | None, str | None]:
    """The (review, review_reasons) columns of the event a new placement opens."""
    if not placement.review:
        return None, None
    return "pending", ",".join(placement.review)


class ReviewTables(StoreBase):
    async def feed_record(self, feed_url: str) -> FeedRecord:
        """How the reviewed events this feed reported were decided."""
        async with self._conn.execute(
            "SELECT count(*) FILTER (WHERE e.review = 'approved'),"
            " count(*) FILTER (WHERE e.review = 'rejected') FROM events e"
            " WHERE e.review IN ('approved', 'rejected') AND e.id IN"
            " (SELECT es.event_id FROM event_sources es JOIN entries en ON en.id = es.entry_id"
            " WHERE en.feed_url = ?)",
            (feed_url,),
        ) as cursor:
            row = await cursor.fetchone()
        return FeedRecord(*row) if row else FeedRecord()

    async def review_case(self, event_id: int) -> ReviewCase | None:
        async with self._conn.execute(f"{_EVENT} WHERE e.id = ?", (event_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        async with self._conn.execute(
            "SELECT en.source, en.feed_url, en.title, en.link, es.evidence FROM event_sources es"
            " JOIN entries en ON en.id = es.entry_id WHERE es.event_id = ?"
            " ORDER BY coalesce(en.published, en.fetched_at), en.id",
            (event_id,),
        ) as cursor:
            sources = [
                CaseSource(name, url, title, link, _evidence(evidence))
                for name, url, title, link, evidence in await cursor.fetchall()
            ]
        reasons = tuple(row[9].split(",")) if row[9] else ()
        return ReviewCase(
            event_from_row(row), cast(Review | None, row[8]), reasons, tuple(sources), row[10]
        )

    async def pending_reviews(self, limit: int) -> list[int]:
        """Held events, oldest first."""
        return await self._ids(
            "SELECT id FROM events WHERE review = 'pending' ORDER BY id LIMIT ?", (limit,)
        )

    async def unnotified_reviews(self) -> list[int]:
        """Held events whose card no moderator has been sent yet."""
        return await self._ids(
            "SELECT id FROM events WHERE review = 'pending'"
            " AND review_notified_at IS NULL ORDER BY id"
        )

    async def mark_review_notified(self, event_id: int, at: datetime) -> None:
        await self._write(
            "UPDATE events SET review_notified_at = ? WHERE id = ?", (to_iso(at), event_id)
        )

    async def decide_review(
        self,
        event_id: int,
        decision: Literal["approved", "rejected"],
        moderator_id: int,
        at: datetime,
    ) -> bool:
        """Let a held event out, or drop it and what it owes; False if it is not held."""
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "UPDATE events SET review = ?, reviewed_by = ?, reviewed_at = ?"
                " WHERE id = ? AND review = 'pending'",
                (decision, moderator_id, to_iso(at), event_id),
            )
            if cursor.rowcount != 1:
                return False
            if decision == "rejected":
                await conn.execute(
                    "DELETE FROM outbox WHERE event_id = ? AND status = 'pending'", (event_id,)
                )
            verb = "approve" if decision == "approved" else "reject"
            await write_audit(conn, moderator_id, verb, f"event {event_id}", at)
        return True

    async def release_held(self, event_id: int, at: datetime) -> bool:
        """Let a held event out without a moderator: OONI's measurements back it
        (bot/core/ooni_trust.py). As when a second site releases one, reviewed_by stays empty.
        False if it is not held."""
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "UPDATE events SET review = 'approved', reviewed_at = ?"
                " WHERE id = ? AND review = 'pending'",
                (to_iso(at), event_id),
            )
            return cursor.rowcount == 1

    async def correct_event(
        self,
        event_id: int,
        field: Field,
        value: str,
        moderator_id: int,
        at: datetime,
        window: timedelta = EVENT_WINDOW,
    ) -> int | None:
        """Change a held event's country, service or action; the event it is now (another
        open event of the corrected kind absorbs it), or None if it is not held."""
        async with self._transaction() as conn:
            async with conn.execute(
                f"{_EVENT} WHERE e.id = ? AND e.review = 'pending'", (event_id,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            event = event_from_row(row)
            before = getattr(event, field)
            key = {
                "country": event.country,
                "service": event.service,
                "action": event.action,
                field: value,
            }
            target = await _open_event(conn, event_id, key, event.scope, row[4], row[5], window)
            detail = f"event {event_id} {field} {before} -> {value}"
            if target is None:
                await conn.execute(f"UPDATE events SET {field} = ? WHERE id = ?", (value, event_id))
                # The held rows were queued for the old country's (or service's) followers.
                await conn.execute(
                    "DELETE FROM outbox WHERE event_id = ? AND status = 'pending'", (event_id,)
                )
                alert = Alert(
                    key["country"], key["service"], cast(Action, key["action"]), scope=event.scope
                )
                await queue_alerts(conn, event_id, alert, at)
            else:
                await _merge(conn, event_id, target, row[4], row[5])
                await release_if_confirmed(conn, target, at)
                detail += f", merged into event {target}"
            await write_audit(conn, moderator_id, "correct", detail, at)
        return event_id if target is None else target

    async def _ids(self, sql: str, params: tuple[Any, ...] = ()) -> list[int]:
        async with self._conn.execute(sql, params) as cursor:
            return [row[0] for row in await cursor.fetchall()]


async def release_if_confirmed(
    conn: Connection,
    event_id: int,
    at: datetime,
    needed: int = RELEASE_AT_SOURCES,
) -> bool:
    """Inside the transaction that added a source: a held event that independent sites now
    report goes out without waiting for a moderator."""
    # Called for every report joining an event, held or not: one round trip to rule it out.
    rows = list(
        await conn.execute_fetchall(
            "SELECT review, review_reasons FROM events WHERE id = ?", (event_id,)
        )
    )
    if not rows or rows[0][0] != "pending":
        return False
    if OONI_JUMP in (rows[0][1] or "").split(","):
        needed = 1  # a draft OONI opened: the first report joining it is the second voice
    async with conn.execute(
        "SELECT coalesce(en.link, en.feed_url) FROM event_sources es"
        " JOIN entries en ON en.id = es.entry_id WHERE es.event_id = ?",
        (event_id,),
    ) as cursor:
        urls = [url for (url,) in await cursor.fetchall()]
    if independent_sources(urls) < needed:
        return False
    await conn.execute(
        "UPDATE events SET review = 'approved', reviewed_at = ? WHERE id = ?",
        (to_iso(at), event_id),
    )
    return True


async def _open_event(
    conn: Connection,
    event_id: int,
    key: dict[str, str],
    scope: str,
    first_seen: str,
    last_seen: str,
    window: timedelta,
) -> int | None:
    """Another event of this key whose span meets this one's (as bot.core.events merges)."""
    async with conn.execute(
        "SELECT id FROM events WHERE country = ? AND service = ? AND action = ? AND scope = ?"
        " AND id != ? AND coalesce(review, '') != 'rejected' AND first_seen <= ?"
        " AND last_seen >= ? ORDER BY last_seen DESC LIMIT 1",
        (
            key["country"],
            key["service"],
            key["action"],
            scope,
            event_id,
            to_iso(datetime.fromisoformat(last_seen) + window),
            to_iso(datetime.fromisoformat(first_seen) - window),
        ),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else None


async def _merge(
    conn: Connection, event_id: int, target: int, first_seen: str, last_seen: str
) -> None:
    # A report the target has already stays behind, and goes with the event deleted below.
    await conn.execute(
        "UPDATE event_sources SET event_id = ? WHERE event_id = ? AND entry_id NOT IN"
        " (SELECT entry_id FROM event_sources WHERE event_id = ?)",
        (target, event_id, target),
    )
    await conn.execute(
        "UPDATE events SET first_seen = min(first_seen, ?), last_seen = max(last_seen, ?)"
        " WHERE id = ?",
        (first_seen, last_seen, target),
    )
    await conn.execute("DELETE FROM events WHERE id = ?", (event_id,))  # and its held rows


def _evidence(stored: str | None) -> Evidence | None:
    if not stored:
        return None
    data = json.loads(stored)
    return Evidence(
        sentence=data.get("sentence", ""),
        country_words=tuple(data.get("country_words", ())),
        service_words=tuple(data.get("service_words", ())),
        action_words=tuple(data.get("action_words", ())),
        confidence=float(data.get("confidence", 1.0)),
        signals=tuple(data.get("signals", ())),
        words=tuple(data.get("words", ())),
    )
