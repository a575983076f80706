"""Schedule maths, pure: when to poll a failing feed again, when to retry a message.

The clock is always a parameter; nothing here sleeps or reads the time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.models import Preferences

# A failing feed is tried again after interval x 2^(failures-1), but never less often than
# every six hours: we never give up on a feed, because sites blocked today come back.
MAX_FEED_BACKOFF = timedelta(hours=6)

# A message the server refused for now (SMTP 4xx, Telegram network trouble) waits 30 s, 1 min,
# 2 min... up to an hour between tries; the outbox keeps it until it goes through.
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY = timedelta(hours=1)


def feed_retry_at(failures: int, interval: timedelta, now: datetime) -> datetime:
    """The earliest next poll after `failures` consecutive failures (failures >= 1)."""
    backoff: timedelta = min(interval * 2 ** _exponent(failures), MAX_FEED_BACKOFF)
    return now + backoff


def delivery_retry_at(attempts: int, now: datetime, retry_after: float | None = None) -> datetime:
    """When to try a message again after its `attempts`-th failed try (attempts >= 1).

    A server's own `retry_after` (Telegram 429) is obeyed as given: waiting less gets us
    throttled harder, waiting more only delays the alert.
    """
    if retry_after is not None:
        return now + timedelta(seconds=retry_after)
    backoff: timedelta = min(FIRST_RETRY * 2 ** _exponent(attempts), MAX_RETRY)
    return now + backoff


def next_digest_at(prefs: Preferences, now: datetime) -> datetime:
    """The first digest time strictly after `now`, in UTC, for a daily or weekly subscriber.

    Digest hours are the subscriber's local hours: "08:00 in Ashgabat" stays 08:00 there across
    daylight-saving changes, which is why this goes through the time zone, not a fixed offset.
    """
    zone = _zone(prefs.timezone)
    local = now.astimezone(zone)
    candidate = local.replace(hour=prefs.digest_hour, minute=0, second=0, microsecond=0)
    if prefs.frequency == "weekly":
        candidate += timedelta(days=(prefs.digest_weekday - candidate.weekday()) % 7)
    step = timedelta(days=7 if prefs.frequency == "weekly" else 1)
    while candidate <= local:
        candidate += step
    # Re-attach the zone after date arithmetic so the UTC offset of that day is the right one.
    return candidate.replace(tzinfo=None).replace(tzinfo=zone).astimezone(UTC)


def send_at(prefs: Preferences, now: datetime) -> datetime:
    """When an alert queued now should go out: at once, or with the next digest."""
    return now if prefs.frequency == "instant" else next_digest_at(prefs, now)


def is_quiet(prefs: Preferences, now: datetime) -> bool:
    """Whether `now` falls in the subscriber's quiet hours (alerts then arrive silently)."""
    if prefs.quiet_hours is None:
        return False
    start, end = prefs.quiet_hours
    hour = now.astimezone(_zone(prefs.timezone)).hour
    return start <= hour < end if start <= end else hour >= start or hour < end


def _exponent(tries: int) -> int:
    # Doubling past 2^20 outgrows every cap above, and a timedelta overflows near 2^40.
    return min(max(tries - 1, 0), 20)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")  # a stored name this system does not know: fall back, don't crash
