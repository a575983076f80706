"""Queueing a new event for its subscribers: one outbox row each, due now or at their digest.

A country can have 100,000 subscribers, so the choice of who wants the alert is made in SQL,
not by loading each subscriber: the WHERE clause below is `Preferences.wants` (bot/core/models.py)
over the stored columns (`services` and `actions` are comma-separated lists; a NULL `services`
means every service). tests/storage/test_sqlite.py checks the two agree. Instant subscribers are
queued by one INSERT … SELECT; digest subscribers need their local digest time, which is
computed once per distinct schedule, not once per subscriber.
"""

from __future__ import annotations

from datetime import datetime

from bot.core.models import Alert, Frequency, Preferences
from bot.core.schedule import send_at
from storage.codec import to_iso
from storage.dbapi import Connection

_WANTING = (
    " FROM subscribers s JOIN subscriptions sub ON sub.subscriber_id = s.id"
    " WHERE sub.country = :country AND s.active = 1 AND s.paused = 0 AND s.confirmed = 1"
    " AND (s.services IS NULL OR instr(',' || s.services || ',', ',' || :service || ',') > 0)"
    " AND instr(',' || s.actions || ',', ',' || :action || ',') > 0"
)
_INSERT = "INSERT OR IGNORE INTO outbox (subscriber_id, event_id, next_attempt_at, created_at)"
# Digest subscribers are read this many at a time, so memory stays flat however many there are.
_ROWS_PER_READ = 2000

Schedule = tuple[str, int, int, str]  # frequency, digest hour, digest weekday, time zone


async def queue_alerts(conn: Connection, event_id: int, alert: Alert, now: datetime) -> int:
    """Queue `alert` (event `event_id`) for everyone who wants it; the number of rows queued.

    Runs inside the caller's transaction.
    """
    wanting = {"country": alert.country, "service": alert.service, "action": alert.action}
    cursor = await conn.execute(
        f"{_INSERT} SELECT s.id, :event, :now, :now {_WANTING} AND s.frequency = 'instant'",
        {**wanting, "event": event_id, "now": to_iso(now)},
    )
    queued = max(cursor.rowcount, 0)
    due_by_schedule: dict[Schedule, str | None] = {}
    async with conn.execute(
        "SELECT s.id, s.frequency, s.digest_hour, s.digest_weekday, s.timezone"
        f" {_WANTING} AND s.frequency != 'instant'",
        wanting,
    ) as rows:
        while batch := await rows.fetchmany(_ROWS_PER_READ):
            values = []
            for subscriber_id, *schedule in batch:
                key: Schedule = (schedule[0], schedule[1], schedule[2], schedule[3])
                if key not in due_by_schedule:
                    due_by_schedule[key] = to_iso(_digest_time(key, now))
                values.append((subscriber_id, event_id, due_by_schedule[key], to_iso(now)))
            await conn.executemany(f"{_INSERT} VALUES (?, ?, ?, ?)", values)
            queued += len(values)
    return queued


def _digest_time(schedule: Schedule, now: datetime) -> datetime:
    frequency, hour, weekday, timezone = schedule
    prefs = Preferences(
        frequency=_frequency(frequency), digest_hour=hour, digest_weekday=weekday, timezone=timezone
    )
    return send_at(prefs, now)


def _frequency(value: str) -> Frequency:
    if value == "daily":
        return "daily"
    return "weekly"  # the schema allows only instant, daily, weekly; instant is queued above
