"""A channel in trouble is left alone for a while, longer each time it is found down.

bot/delivery/outbox.py defers every row due on a channel it finds down (a timeout, a network error,
a
5xx, an unreadable reply, SMTP unreachable), and each row backs off on its own. But news keeps
coming: without a pause on the channel itself, every new alert would probe the dead server
again, a timeout each time. The service keeps one ChannelPause per channel (bot/pipeline.py);
`run --once` starts afresh, and there the rows' own backoff spaces the probes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.schedule import delivery_retry_at


@dataclass(slots=True)
class ChannelPause:
    """How long to leave a channel alone: 30 s after it is first found down, then 1 min,
    2 min... up to an hour (the rows' own backoff, bot/core/schedule.py), until a run gets
    through."""

    downs: int = 0  # runs in a row that found the channel down
    until: datetime | None = None

    def resting(self, now: datetime) -> bool:
        return self.until is not None and now < self.until

    def found_down(self, now: datetime) -> None:
        self.downs += 1
        self.until = delivery_retry_at(self.downs, now)

    def found_up(self) -> None:
        self.downs, self.until = 0, None
