"""Bounded storage: entries no feed has shown for the retention period are deleted, once a day.

What must never happen is an item pruned while a feed still carries it: the next poll would
find it "new" and, for an undated item (which counts as fresh), alert again. So each entry
keeps the day a feed last showed it (`seen_on`, schema 0008), moved forward by `touch_seen`
when a poll sees it again, by its own feed or by another carrying the same link. An entry is
pruned only when that day is older than the retention period AND older than the day its feed
last brought a new entry: then a later body of its feed came without it. A feed that stops
changing (304s) or answering keeps its last body's entries, since they are what it would show.

Left open: a story stored by feed A that feed B also carries, B's body unchanged (304) for the
whole retention period after A dropped it, then B changing with the story still in: B's copy
is new to us then. Feeds that stand still for half a year and come back are rare.

Entries that report an open event (joinable: last seen within the event window), an event
held for review, or an event with messages still to send stay: alerts are rendered from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta

from storage.base import StoreBase
from storage.codec import to_iso

PRUNE_TASK = "prune-entries"
# SQLite's default limit on ? in one statement is 32,766; stay well below it.
_IDS_PER_STATEMENT = 500

# One statement: the day each feed last brought something new (a walk of the index on
# (feed_url, fetched_at)), then each feed's entries seen before min(that day, the cutoff), by
# a range of the index on (feed_url, seen_on), less the entries events keep.
_PRUNE = """
DELETE FROM entries WHERE id IN (
    SELECT e.id
    FROM (SELECT feed_url, substr(max(fetched_at), 1, 10) AS newest
          FROM entries GROUP BY feed_url) AS f
    JOIN entries AS e ON e.feed_url = f.feed_url AND e.seen_on < min(f.newest, :cutoff)
) AND id NOT IN (
    SELECT es.entry_id FROM event_sources AS es JOIN events AS ev ON ev.id = es.event_id
    WHERE ev.last_seen >= :open_since OR ev.review = 'pending'
       OR ev.id IN (SELECT event_id FROM outbox WHERE status = 'pending')
)
"""
# Claims the day's run: 1 row changed for the first caller of the day, 0 for any other.
_CLAIM = """
INSERT INTO housekeeping (task, done_on) VALUES (:task, :today)
ON CONFLICT (task) DO UPDATE SET done_on = excluded.done_on
WHERE housekeeping.done_on < excluded.done_on
"""


def utc_day(moment: datetime) -> str:
    """The UTC day of an aware time, as seen_on and done_on store it (YYYY-MM-DD)."""
    return (to_iso(moment) or "")[:10]


class RetentionTables(StoreBase):
    async def touch_seen(self, entry_ids: Iterable[int], now: datetime) -> None:
        """Entries a poll saw again today (their rows were last seen on an earlier day)."""
        ids = sorted(set(entry_ids))
        if not ids:
            return
        today = utc_day(now)
        for chunk in _chunks(ids, _IDS_PER_STATEMENT):  # each chunk atomic; repeating is harmless
            await self._write(
                f"UPDATE entries SET seen_on = ? WHERE id IN ({', '.join('?' * len(chunk))})",
                (today, *chunk),
            )

    async def prune_entries(
        self, now: datetime, *, retention: timedelta, open_since: datetime
    ) -> int | None:
        """Delete the entries due (module docstring); how many, or None when today's prune
        already ran (in this process or another)."""
        async with self._transaction() as conn:
            claimed = await conn.execute(_CLAIM, {"task": PRUNE_TASK, "today": utc_day(now)})
            if claimed.rowcount != 1:
                return None
            cursor = await conn.execute(
                _PRUNE,
                {
                    "cutoff": utc_day(now - retention),
                    "open_since": to_iso(open_since),
                },
            )
            return max(cursor.rowcount, 0)


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
