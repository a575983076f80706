"""The counts /metrics reads (bot/service/metrics.py), in three read-only queries."""

from __future__ import annotations

from bot.core.models import Channel
from bot.core.ops import AlertState, ServiceTally
from storage.base import StoreBase
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


class OpsTables(StoreBase):
    async def service_tally(self) -> ServiceTally:
        counts = []
        for table in ("entries", "events"):
            rows = list(await self._conn.execute_fetchall(f"SELECT COUNT(*) FROM {table}"))
            counts.append(int(rows[0][0]) if rows else 0)
        alerts: dict[tuple[Channel, AlertState], int] = {}
        oldest: list[str] = []
        for channel, state, count, first in await self._conn.execute_fetchall(_ALERTS):
            alerts[(channel, state)] = int(count)
            if first is not None:
                oldest.append(first)
        return ServiceTally(counts[0], counts[1], alerts, from_iso(min(oldest)) if oldest else None)
