"""The counts /metrics reads (bot/service/metrics.py), in three read-only queries."""

from __future__ import annotations

from bot.core.models import Channel
from bot.core.ops import AlertState, ServiceTally
from storage.base import SQLiteBase
from storage.codec import from_iso

# Per channel and state; a pending row of an event held for review is "held".
_ALERTS = """
    SELECT s.channel,
           CASE WHEN o.status = 'pending' AND e.review = 'pending' THEN 'held' ELSE o.status END,
           COUNT(*),
           MIN(CASE WHEN o.status = 'pending' AND (e.review IS NULL OR e.review <> 'pending')
                    THEN o.created_at END)
    FROM outbox o
    JOIN subscribers s ON s.id = o.subscriber_id
    JOIN events e ON e.id = o.event_id
    GROUP BY 1, 2
"""


class OpsTables(SQLiteBase):
    async def service_tally(self) -> ServiceTally:
        counts = []
        for table in ("entries", "events"):
            async with self._conn.execute(f"SELECT COUNT(*) FROM {table}") as cursor:
                row = await cursor.fetchone()
            counts.append(int(row[0]) if row else 0)
        alerts: dict[tuple[Channel, AlertState], int] = {}
        oldest: list[str] = []
        async with self._conn.execute(_ALERTS) as cursor:
            async for channel, state, count, first in cursor:
                alerts[(channel, state)] = int(count)
                if first is not None:
                    oldest.append(first)
        return ServiceTally(counts[0], counts[1], alerts, from_iso(min(oldest)) if oldest else None)
