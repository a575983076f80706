"""Events: merging reports of the same happening. Pure: data in, decisions out.

An event is one country taking one action on one service, in full or in part (calls only, one
region). A report whose alert has the same (country, service, action, scope) as an event last
seen within EVENT_WINDOW of the report joins that event; anything else opens a new one. So a
second source, in any language, adds to the event and does not alert again, while the unblock
after a block, or the full block after calls were restricted, is an event of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.core.models import Alert, Event, EventKey
from bot.core.records import Placement

# "Within days": long enough for slow outlets and translations, short enough that a block
# lifted and imposed again next month is told as news again.
EVENT_WINDOW = timedelta(days=7)


def place_alerts(
    alerts: Sequence[Alert],
    when: datetime | None,
    open_events: Sequence[Event],
    window: timedelta = EVENT_WINDOW,
) -> list[Placement]:
    """Decide, for each distinct alert, which open event it joins (or None for a new one).

    `when` is the report's time; None (no usable date) merges with any event of the same key.
    Among several candidates the one seen most recently wins, so a long-running story keeps
    gathering sources in its newest event.
    """
    placements: list[Placement] = []
    seen: set[EventKey] = set()
    for alert in alerts:
        if alert.key in seen:
            continue
        seen.add(alert.key)
        match = _closest_event(alert, when, open_events, window)
        placements.append(Placement(alert, match.id if match else None))
    return placements


def place_batch(
    reports: Sequence[tuple[datetime, Sequence[Alert]]],
    open_events: Sequence[Event],
    window: timedelta = EVENT_WINDOW,
) -> list[list[Placement]]:
    """Place the alerts of several reports (one feed's new entries, oldest first) at once.

    Each report is (its time, its alerts). A report may join an event that an earlier report
    of the same batch opens: such an event has no id yet, so it is named by a provisional id,
    -k for the k-th new event of the batch (see `Placement`). Spans grow as reports join, so a
    later report is matched against the events as they will be once the batch is stored.
    """
    known = list(open_events)
    opened = 0
    batch: list[list[Placement]] = []
    for when, alerts in reports:
        placements = []
        for placement in place_alerts(alerts, when, known, window):
            if placement.event_id is None:
                opened += 1
                known.append(_provisional(-opened, placement.alert, when))
            else:
                known = [
                    _widened(event, when) if event.id == placement.event_id else event
                    for event in known
                ]
            placements.append(placement)
        batch.append(placements)
    return batch


def _provisional(event_id: int, alert: Alert, when: datetime) -> Event:
    return Event(
        event_id, alert.country, alert.service, alert.action, when, when, scope=alert.scope
    )


def _widened(event: Event, when: datetime) -> Event:
    return replace(
        event,
        first_seen=min(event.first_seen, when),
        last_seen=max(event.last_seen, when),
        source_count=event.source_count + 1,
    )


def _closest_event(
    alert: Alert, when: datetime | None, events: Sequence[Event], window: timedelta
) -> Event | None:
    candidates = [
        event
        for event in events
        if event.key == alert.key and (when is None or _within(event, when, window))
    ]
    return max(candidates, key=lambda event: event.last_seen, default=None)


def _within(event: Event, when: datetime, window: timedelta) -> bool:
    """A report belongs to an event when it falls in the event's span widened by the window."""
    return event.first_seen - window <= when <= event.last_seen + window


def is_fresh(published: datetime | None, now: datetime, max_age: timedelta) -> bool:
    """Whether a report is recent enough to wake subscribers for.

    A feed polled for the first time carries weeks of old items: they are stored and merged
    into events, but only news gets pushed. Undated items count as fresh (we just saw them).
    """
    return published is None or now - published <= max_age
