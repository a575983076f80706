"""The line of one outbox batch's subscribers waiting for a lane (bot/delivery/lanes.py).

A subscriber's messages are planned and rendered when a lane asks for them, not all before the
first send: the others' connections keep sending while one renders, and nothing waits for the
whole batch to render. A queue a lane gives back (its turn is over, or the lane stopped) waits
in `back`. After a channel-down stop, `unsent()` is every row that did not go: in `back`, and in
the subscribers never planned.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.core.errors import MessageRefusedError
from bot.core.models import Delivery, EventReport
from bot.delivery.outcomes import Outcomes
from bot.delivery.plan import Queue, Renderers, plan
from bot.delivery.stats import DeliveryStats

__all__ = ["Line", "ToldIn"]

log = logging.getLogger(__name__)

# For a subscriber's rows: which earlier message each continued story was told in (Story.told_in).
ToldIn = Callable[[Sequence[Delivery], Mapping[int, EventReport]], Awaitable[dict[int, int]]]


@dataclass(slots=True)
class Line:
    groups: deque[list[Delivery]]  # each subscriber's due rows, not planned yet
    reports: Mapping[int, EventReport]
    renderers: Renderers
    outcomes: Outcomes
    told_in: ToldIn
    back: deque[Queue] = field(default_factory=deque)
    stats: DeliveryStats = field(default_factory=DeliveryStats)  # the unrenderable messages
    _planning: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def next(self, *, turns: bool) -> Queue | None:
        """The next queue with steps: the given-back ones first, unless subscribers take turns
        (then everyone's first message goes before anyone's second); None when none is left."""
        if self.back and not turns:
            return self.back.popleft()
        async with self._planning:  # one at a time: subscribers keep their order
            queue = await self._plan_next()
        if queue is None and self.back:
            return self.back.popleft()
        return queue

    def unsent(self) -> list[Delivery]:
        return [row for queue in self.back for row in queue.rows()] + [
            row for rows in self.groups for row in rows
        ]

    async def _plan_next(self) -> Queue | None:
        while self.groups:
            rows = self.groups.popleft()
            told_in = await self.told_in(rows, self.reports)
            queue, unrenderable = plan(rows, self.reports, self.renderers, told_in)
            for failed, exc in unrenderable:  # a rendering bug: that message fails, not the channel
                log.debug("rendering events %s failed", [r.event_id for r in failed], exc_info=exc)
                refused = MessageRefusedError(
                    self.renderers.channel, f"could not be rendered ({type(exc).__name__})"
                )
                self.stats += await self.outcomes.message_refused(queue.subscriber, failed, refused)
            if queue.steps:
                return queue
        return None
