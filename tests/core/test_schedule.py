"""Schedule maths: feed backoff, message retries, digest times across time zones, quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.models import Preferences
from bot.core.schedule import (
    delivery_retry_at,
    feed_retry_at,
    is_quiet,
    next_digest_at,
    send_at,
)
from tests.support.manualclock import NOW


@pytest.mark.parametrize(
    ("failures", "interval_min", "wait"),
    [
        (1, 30, timedelta(minutes=30)),
        (2, 30, timedelta(minutes=60)),
        (4, 30, timedelta(minutes=240)),
        (9, 30, timedelta(hours=6)),  # capped, never given up
        (50, 60, timedelta(hours=6)),
    ],
)
def test_feed_backoff_doubles_up_to_a_cap(
    failures: int, interval_min: int, wait: timedelta
) -> None:
    assert feed_retry_at(failures, timedelta(minutes=interval_min), NOW) == NOW + wait


@pytest.mark.parametrize(
    ("attempts", "retry_after", "wait"),
    [
        (1, None, timedelta(seconds=30)),
        (3, None, timedelta(minutes=2)),
        (30, None, timedelta(hours=1)),
        (1, 17.0, timedelta(seconds=17)),  # the server's word wins
    ],
)
def test_delivery_retry(attempts: int, retry_after: float | None, wait: timedelta) -> None:
    assert delivery_retry_at(attempts, NOW, retry_after) == NOW + wait


@pytest.mark.parametrize(
    ("prefs", "now", "expected"),
    [
        # NOW is Monday 09:00 UTC. Ashgabat is UTC+5: 14:00 there, so 08:00 tomorrow local is
        # 03:00 UTC.
        (
            Preferences(frequency="daily", digest_hour=8, timezone="Asia/Ashgabat"),
            NOW,
            datetime(2026, 11, 24, 3, 0, tzinfo=UTC),
        ),
        # Later the same day, local time.
        (
            Preferences(frequency="daily", digest_hour=20, timezone="Asia/Ashgabat"),
            NOW,
            datetime(2026, 11, 23, 15, 0, tzinfo=UTC),
        ),
        # Exactly at digest time: the next one, not this one again.
        (
            Preferences(frequency="daily", digest_hour=NOW.hour),
            NOW,
            NOW + timedelta(days=1),
        ),
        # Weekly on Monday 08:00 Berlin (UTC+1 in November): this Monday has passed.
        (
            Preferences(
                frequency="weekly", digest_hour=8, digest_weekday=0, timezone="Europe/Berlin"
            ),
            NOW,
            datetime(2026, 11, 30, 7, 0, tzinfo=UTC),
        ),
        # Weekly on Friday.
        (
            Preferences(frequency="weekly", digest_hour=18, digest_weekday=4),
            NOW,
            datetime(2026, 11, 27, 18, 0, tzinfo=UTC),
        ),
        # Across the spring change in Berlin: 09:00 local is 07:00 UTC after it, not 08:00.
        (
            Preferences(frequency="daily", digest_hour=9, timezone="Europe/Berlin"),
            datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            datetime(2026, 3, 29, 7, 0, tzinfo=UTC),
        ),
        # An unknown zone name falls back to UTC rather than crashing the delivery loop.
        (
            Preferences(frequency="daily", digest_hour=8, timezone="Mars/Olympus"),
            NOW,
            datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
        ),
    ],
)
def test_next_digest_at(prefs: Preferences, now: datetime, expected: datetime) -> None:
    assert next_digest_at(prefs, now) == expected
    assert send_at(prefs, now) == expected


def test_instant_subscribers_are_sent_at_once() -> None:
    assert send_at(Preferences(), NOW) == NOW


@pytest.mark.parametrize(
    ("quiet", "utc_hour", "expected"),
    [
        (None, 3, False),
        ((22, 7), 23, True),  # overnight span, UTC zone
        ((22, 7), 6, True),
        ((22, 7), 7, False),
        ((22, 7), 12, False),
        ((13, 15), 14, True),  # a daytime span
        ((13, 15), 15, False),
    ],
)
def test_quiet_hours(quiet: tuple[int, int] | None, utc_hour: int, expected: bool) -> None:
    assert is_quiet(Preferences(quiet_hours=quiet), NOW.replace(hour=utc_hour)) is expected


def test_quiet_hours_are_local() -> None:
    # 20:00 UTC is 01:00 in Ashgabat: quiet there.
    prefs = Preferences(quiet_hours=(23, 7), timezone="Asia/Ashgabat")
    assert is_quiet(prefs, NOW.replace(hour=20))
    assert not is_quiet(prefs, NOW.replace(hour=10))
