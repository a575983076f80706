"""bot.core.events: which event each report's alerts join, alone and as a feed's batch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.events import EVENT_WINDOW, place_alerts, place_batch
from bot.core.models import Alert, Event

DAY = timedelta(days=1)
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
IMO_BLOCK = Alert("TM", "imo", "block")
IMO_UNBLOCK = Alert("TM", "imo", "unblock")
IMO_CALLS = Alert("TM", "imo", "block", scope="partial")
OPEN_BLOCK = Event(7, "TM", "imo", "block", T0, T0 + DAY)


@pytest.mark.parametrize(
    ("alert", "when", "joins"),
    [
        (IMO_BLOCK, T0 + 2 * DAY, 7),  # a second source days later
        (IMO_BLOCK, T0 - 3 * DAY, 7),  # an earlier report, within the window
        (IMO_BLOCK, T0 + DAY + EVENT_WINDOW, 7),  # the window's last moment
        (IMO_BLOCK, T0 + DAY + EVENT_WINDOW + DAY, None),  # a month later: told again
        (IMO_UNBLOCK, T0 + 2 * DAY, None),  # the reverse action is news
        (IMO_CALLS, T0 + 2 * DAY, None),  # another phase is news
        (Alert("RU", "imo", "block"), T0, None),  # another country
        (IMO_BLOCK, None, 7),  # undated: same key joins
    ],
)
def test_one_report_joins_or_opens(alert: Alert, when: datetime | None, joins: int | None) -> None:
    [placement] = place_alerts([alert], when, [OPEN_BLOCK])
    assert placement.event_id == joins


def test_the_most_recent_of_two_candidates_wins() -> None:
    older = Event(3, "TM", "imo", "block", T0 - 5 * DAY, T0 - 4 * DAY)
    [placement] = place_alerts([IMO_BLOCK], T0, [older, OPEN_BLOCK])
    assert placement.event_id == 7


def test_repeated_alerts_of_one_report_are_placed_once() -> None:
    assert len(place_alerts([IMO_BLOCK, IMO_BLOCK, IMO_UNBLOCK], T0, [])) == 2


def test_a_batch_joins_the_events_it_opens_itself() -> None:
    """Two items of one feed telling the same block: one new event, the second joins it."""
    batch = place_batch(
        [
            (T0, [IMO_BLOCK]),
            (T0 + DAY, []),
            (T0 + DAY, [IMO_BLOCK, IMO_UNBLOCK]),
            (T0 + 2 * DAY, [IMO_UNBLOCK]),
        ],
        open_events=[],
    )
    assert [[p.event_id for p in placements] for placements in batch] == [
        [None],
        [],
        [-1, None],
        [-2],
    ]


def test_a_batch_mixes_stored_and_provisional_events() -> None:
    batch = place_batch(
        [(T0 + DAY, [IMO_BLOCK, IMO_CALLS]), (T0 + DAY, [IMO_CALLS])], open_events=[OPEN_BLOCK]
    )
    assert [[p.event_id for p in placements] for placements in batch] == [[7, None], [-1]]


def test_a_batch_widens_spans_as_reports_join() -> None:
    """The second report reaches the third only through the span it added."""
    step = EVENT_WINDOW - timedelta(hours=1)
    batch = place_batch(
        [(T0, [IMO_BLOCK]), (T0 + step, [IMO_BLOCK]), (T0 + 2 * step, [IMO_BLOCK])],
        open_events=[],
    )
    assert [[p.event_id for p in placements] for placements in batch] == [[None], [-1], [-1]]
