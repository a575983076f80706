"""The connections of one delivery run: up to `Sender.connections` batches sending at once.

Each lane is one `sender.batch()` (one SMTP connection), opened when the run first needs it and
kept until the run ends, so a run of many outbox batches pays each TLS handshake and AUTH once.
Lanes take subscribers' queues from one shared line (bot/delivery/line.py), planned as taken:

    one lane    subscribers take turns, one message each per round (Telegram's per-chat pace)
    several     a lane keeps a subscriber until all its messages went, in order, over that one
                connection: a digest's parts are never spread over connections, and no two
                lanes ever send to the same subscriber at once

A lane whose connection the server refused for load (ConnectionLimitError: SMTP 421 "too many
connections") is closed for the rest of the run and the others carry its subscribers; only when
no lane is left is the channel down. Any other channel-down error stops every lane after the
send it is in (nothing is cancelled mid-send: a message the server accepted is always marked),
and every row not sent is left in the line (`Line.unsent`) for the caller to defer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from types import TracebackType

from bot.core.errors import ConnectionLimitError, TemporaryDeliveryError
from bot.delivery.line import Line
from bot.delivery.plan import Queue
from bot.delivery.stats import DeliveryStats
from bot.ports import BatchSender, Sender

__all__ = ["Lanes", "SendNext"]

log = logging.getLogger(__name__)

# Sends a queue's next step over a batch and records its outcome (outbox.py's _Run._send_next);
# raises TemporaryDeliveryError only when the channel is down, with the step back in the queue.
SendNext = Callable[[BatchSender, Queue], Awaitable[DeliveryStats]]


@dataclass(slots=True)
class _Drain:
    line: Line
    send_next: SendNext
    trouble: TemporaryDeliveryError | None = None


class Lanes:
    """Up to `sender.connections` open batches for one run; an async context manager."""

    def __init__(self, sender: Sender) -> None:
        self._sender = sender
        self._stack = AsyncExitStack()
        self._open: dict[int, BatchSender] = {}
        self._live = list(range(max(1, sender.connections)))  # lanes not refused for load
        self._turns = len(self._live) == 1  # one lane: subscribers take turns

    @property
    def count(self) -> int:
        """Lanes still in use this run."""
        return len(self._live)

    async def __aenter__(self) -> Lanes:
        await self._stack.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._stack.__aexit__(exc_type, exc, tb)

    async def drain(
        self, line: Line, send_next: SendNext
    ) -> tuple[DeliveryStats, TemporaryDeliveryError | None]:
        """Send everything in `line` over the lanes: what was sent, and the channel-down error
        that stopped them, if one did (then what was not sent is still in `line`)."""
        drain = _Drain(line, send_next)
        stats = DeliveryStats()
        # Again while a lane refused mid-run left a subscriber back in line and others are left.
        while drain.trouble is None and (line.groups or line.back):
            try:
                async with asyncio.TaskGroup() as lanes:
                    # No more lanes than subscribers: a connection with nothing to carry costs
                    # a handshake (the ones opened stay open for the run's next batches).
                    wanted = self._live[: len(line.groups) + len(line.back)]
                    tasks = [lanes.create_task(self._lane(lane, drain)) for lane in wanted]
            except BaseExceptionGroup as failed:  # a storage error or a bug, the others stopped:
                raise failed.exceptions[0] from None  # the caller sees it as one lane would
            for task in tasks:
                stats += task.result()
        return stats, drain.trouble

    async def _lane(self, lane: int, drain: _Drain) -> DeliveryStats:
        stats = DeliveryStats()
        try:
            batch = await self._batch(lane)
        except ConnectionLimitError as exc:
            self._retire(lane, exc, drain)
            return stats
        except TemporaryDeliveryError as exc:
            drain.trouble = drain.trouble or exc
            return stats
        line = drain.line
        while drain.trouble is None and (queue := await line.next(turns=self._turns)):
            try:
                while queue.steps and drain.trouble is None:
                    stats += await drain.send_next(batch, queue)
                    if self._turns:
                        break
            except ConnectionLimitError as exc:  # the connection dropped; reopening was refused
                line.back.appendleft(queue)
                self._retire(lane, exc, drain)
                return stats
            except TemporaryDeliveryError as exc:
                line.back.appendleft(queue)
                drain.trouble = drain.trouble or exc
                return stats
            if queue.steps:
                line.back.append(queue)
        return stats

    async def _batch(self, lane: int) -> BatchSender:
        if lane not in self._open:
            self._open[lane] = await self._stack.enter_async_context(self._sender.batch())
        return self._open[lane]

    def _retire(self, lane: int, exc: ConnectionLimitError, drain: _Drain) -> None:
        """This lane is done for the run; the channel is down if it was the last."""
        self._live.remove(lane)
        self._open.pop(lane, None)  # its batch still closes with the run (the exit stack)
        if not self._live:
            drain.trouble = drain.trouble or exc
            return
        log.info(
            "%s: the server refused another connection (%s); %d for the rest of this run",
            self._sender.channel,
            exc.reason,
            len(self._live),
        )
