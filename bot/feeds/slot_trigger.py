"""An APScheduler trigger that fires at the start of each of a piece of work's slots
(bot/core/slots.py), so that every instance on a shared database tries the work at the same
moments, one interval apart, whenever each started.

After a run that was not at a slot's start (the first poll of a feed, spread over a minute
after start-up; a feed just added), the next run is the next slot's start: less than one
interval later, and in step with the other instances from then on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger

from bot.core.slots import slot_end, slot_start

__all__ = ["SlotTrigger"]


class SlotTrigger(BaseTrigger):  # type: ignore[misc]  # APScheduler 3 has no types
    __slots__ = ("interval", "key")

    def __init__(self, key: str, interval: timedelta) -> None:
        self.key = key  # names the work: its slots' phase (bot/core/slots.py)
        self.interval = interval

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        if previous_fire_time is None:
            return slot_end(self.key, self.interval, now)
        return slot_start(self.key, self.interval, previous_fire_time) + self.interval

    def __repr__(self) -> str:
        return f"SlotTrigger({self.key!r}, {self.interval})"
