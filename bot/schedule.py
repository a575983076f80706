"""Schedule maths, pure: when to poll a failing feed again, when to retry a message.

The clock is always a parameter; nothing here sleeps or reads the time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

# A failing feed is tried again after interval x 2^(failures-1), but never less often than
# every six hours: we never give up on a feed, because sites blocked today come back.
MAX_FEED_BACKOFF = timedelta(hours=6)

# A message the server refused for now (SMTP 4xx, Telegram network trouble) waits 30 s, 1 min,
# 2 min... up to an hour between tries; the outbox keeps it until it goes through.
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY = timedelta(hours=1)


def feed_retry_at(failures: int, interval: timedelta, now: datetime) -> datetime:
    """The earliest next poll after `failures` consecutive failures (failures >= 1)."""
    backoff: timedelta = min(interval * 2 ** max(failures - 1, 0), MAX_FEED_BACKOFF)
    return now + backoff


def delivery_retry_at(attempts: int, now: datetime, retry_after: float | None = None) -> datetime:
    """When to try a message again after its `attempts`-th failed try (attempts >= 1).

    A server's own `retry_after` (Telegram 429) is obeyed as given: waiting less gets us
    throttled harder, waiting more only delays the alert.
    """
    if retry_after is not None:
        return now + timedelta(seconds=retry_after)
    backoff: timedelta = min(FIRST_RETRY * 2 ** max(attempts - 1, 0), MAX_RETRY)
    return now + backoff
