"""The connections of one delivery run: up to `Sender.connections` batches sending at once.

Each lane is one `sender.batch()` (one SMTP connection), opened when the run first needs it and
kept until the run ends, so a run of many outbox batches pays each TLS handshake and AUTH once.
Lanes take subscribers' queues from one shared line:

    one lane    subscribers take turns, one message each per round (Telegram's per-chat pace)
    several     a lane keeps a subscriber until all its messages went, in order, over that one
                connection: a digest's parts are never spread over connections, and no two
                lanes ever send to the same subscriber at once

A lane whose connection the server refused for load (ConnectionLimitError: SMTP 421 "too many
connections") is closed for the rest of the run and the others carry its subscribers; only when
no lane is left is the channel down. Any other channel-down error stops every lane after the
send it is in (nothing is cancelled mid-send: a message the server accepted is always marked),
and every queue not finished is back in the line for the caller to defer.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from types import TracebackType

from bot.core.errors import ConnectionLimitError, TemporaryDeliveryError
from bot.delivery.plan import Queue
from bot.delivery.stats import DeliveryStats
from bot.ports import BatchSender, Sender

__all__ = ["Lanes", "SendNext"]

log = logging.getLogger(__name__)

# Sends a queue's next step over a batch and records its outcome (outbox.py's _Run._send_next);
# raises TemporaryDeliveryError only when the channel is down, with the step back in the queue.
SendNext = Callable[[BatchSender, Queue], Awaitable[DeliveryStats]]


@dataclass(slots=True)
class _Line:
    pending: deque[Queue]
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
        self, pending: deque[Queue], send_next: SendNext
    ) -> tuple[DeliveryStats, TemporaryDeliveryError | None]:
        """Send every queue in `pending` over the lanes: what was sent, and the channel-down
        error that stopped them, if one did (then each queue with steps left is in `pending`)."""
        line = _Line(pending, send_next)
        stats = DeliveryStats()
        # A lane refused mid-run puts its subscriber back; the lanes left take it up again.
        while line.pending and line.trouble is None:
            async with asyncio.TaskGroup() as lanes:
                # No more lanes than subscribers: a connection with nothing to carry costs a
                # handshake (the ones opened stay open for the run's next batches).
                wanted = self._live[: len(line.pending)]
                tasks = [lanes.create_task(self._lane(lane, line)) for lane in wanted]
            for task in tasks:
                stats += task.result()
        return stats, line.trouble

    async def _lane(self, lane: int, line: _Line) -> DeliveryStats:
        stats = DeliveryStats()
        try:
            batch = await self._batch(lane)
        except ConnectionLimitError as exc:
            self._retire(lane, exc, line)
            return stats
        except TemporaryDeliveryError as exc:
            line.trouble = line.trouble or exc
            return stats
        while line.pending and line.trouble is None:
            queue = line.pending.popleft()
            try:
                while queue.steps and line.trouble is None:
                    stats += await line.send_next(batch, queue)
                    if self._turns:
                        break
            except ConnectionLimitError as exc:  # the connection dropped; reopening was refused
                line.pending.appendleft(queue)
                self._retire(lane, exc, line)
                return stats
            except TemporaryDeliveryError as exc:
                line.pending.appendleft(queue)
                line.trouble = line.trouble or exc
                return stats
            if queue.steps:
                line.pending.append(queue)
        return stats

    async def _batch(self, lane: int) -> BatchSender:
        if lane not in self._open:
            self._open[lane] = await self._stack.enter_async_context(self._sender.batch())
        return self._open[lane]

    def _retire(self, lane: int, exc: ConnectionLimitError, line: _Line) -> None:
        """This lane is done for the run; the channel is down if it was the last."""
        self._live.remove(lane)
        self._open.pop(lane, None)  # its batch still closes with the run (the exit stack)
        if not self._live:
            line.trouble = line.trouble or exc
            return
        log.info(
            "%s: the server refused another connection (%s); %d for the rest of this run",
            self._sender.channel,
            exc.reason,
            len(self._live),
        )
