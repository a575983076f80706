"""Time slots for timed work several instances share (issue 17). Pure.

Work done every `every` (a feed's poll, OONI's refresh, the feed watch, the review cards) is
done once per slot: stretches of `every` that follow each other from a phase of the work's own
(its key hashed: feeds sharing an interval are spread over it, and every instance, on any host,
computes the same slots from the same key). Each instance's job for the work fires at the start
of every slot (bot/feeds/slot_trigger.py); whichever comes first claims the slot, until its
end (Storage.claim), and does the work; the others find it claimed.

So the work is done once per slot however many instances run, and never more than one slot
late when the instance that did it dies: whenever in slot k it was done, slot k+1 starts at
most `every` later, and the survivors' jobs fire then. (A lease of a fixed length from the
poll instead let the survivors' own schedules, out of step with the dead one's, add up to
most of another interval.)
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta

from bot.core.models import FeedSpec

__all__ = ["phase", "poll_task", "slot_end", "slot_start"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def phase(key: str, every: timedelta) -> timedelta:
    """Where the work's slots start within `every`: whole seconds, the same for every
    instance (crc32, not Python's hash, which differs from process to process)."""
    seconds = max(int(every.total_seconds()), 1)
    return timedelta(seconds=zlib.crc32(key.encode()) % seconds)


def slot_start(key: str, every: timedelta, now: datetime) -> datetime:
    """The start of the slot `now` falls in (a time exactly at a start begins that slot)."""
    origin = _EPOCH + phase(key, every)
    return origin + every * ((now - origin) // every)


def slot_end(key: str, every: timedelta, now: datetime) -> datetime:
    """The end of the slot `now` falls in: the start of the next one."""
    return slot_start(key, every, now) + every


def poll_task(feed: FeedSpec) -> str:
    """What an instance claims to poll a feed in a slot; its slots' key (bot/pipeline.py)."""
    return f"poll {feed.url}"
