"""Events OONI's measurements open or let out, with no moderator (bot/service/ooni_job.py).

A draft is a held event with no report yet: OONI sees a service failing where subscribers
look, and nobody has written about it. Its alerts are queued and held like any held event's
(storage/held_events.py); a moderator approves it, or the first report joining it lets it out
(`release_if_confirmed`, OONI_JUMP). A held event OONI's figures support is let out as one a
second site reports is: reviewed_by stays empty.
"""

from __future__ import annotations

from datetime import datetime

from bot.core.events import EVENT_WINDOW
from bot.core.models import Alert
from storage.base import SQLiteBase
from storage.codec import to_iso
from storage.outbox import queue_alerts


class DraftTables(SQLiteBase):
    async def open_draft(
        self, alert: Alert, since: datetime, now: datetime, reasons: tuple[str, ...]
    ) -> int | None:
        """A held event with no report yet (OONI sees the service failing: bot/service/
        ooni_job.py), its alerts queued and held like any held event's; None when an event of
        the same key is open already (seen within EVENT_WINDOW, not rejected)."""
        async with self._transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT id FROM events WHERE country = ? AND service = ? AND action = ?"
                " AND scope = ? AND coalesce(review, '') != 'rejected' AND last_seen >= ?",
                (
                    alert.country,
                    alert.service,
                    alert.action,
                    alert.scope,
                    to_iso(now - EVENT_WINDOW),
                ),
            )
            if list(rows):
                return None
            cursor = await conn.execute(
                "INSERT INTO events (country, service, action, scope, first_seen, last_seen,"
                " review, review_reasons) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
                (
                    alert.country,
                    alert.service,
                    alert.action,
                    alert.scope,
                    to_iso(since),
                    to_iso(now),
                    ",".join(reasons),
                ),
            )
            event_id = cursor.lastrowid
            assert event_id is not None  # sqlite sets it after an INSERT
            await queue_alerts(conn, event_id, alert, now)
        return event_id
