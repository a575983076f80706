"""Pacing: keep Telegram sends under the Bot API's flood limits instead of collecting 429s.

Telegram answers 429 "retry after N" to a bot that sends more than about 30 messages a second
overall, more than one a second to one chat, or more than 20 a minute to one group. We stay a
little under that (25/s overall) and wait for our turn before each send. Every limit is a
sliding window over the times of the sends it allowed.

A wait longer than `max_wait` is not slept: `acquire` returns it instead, and the caller gives
that message back to the outbox, so one busy group never holds up every other chat. The clock
and the sleep are parameters, so tests run on a fake clock in no time.

The limits are per bot: several instances on one PostgreSQL database share the overall one
(storage/shared.py). With `shared`, a pacer takes its overall turns from that one budget, a few
at a time (SHARED_BLOCK): each block is a stretch of the bot's schedule no other instance gets.
A chat's own limits need no sharing: an instance that sends to a chat has that chat's
deliveries to itself (the outbox claims whole subscribers).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

ChatId = int | str
MonotonicClock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
# (sends, per second) -> seconds from now until the first of those sends may go, the rest
# following at that rate: turns of a budget shared with other instances.
Reserve = Callable[[int, float], Awaitable[float]]
SHARED_BLOCK = 5  # turns taken at once: a fifth of a second at 25/s, one round trip each


@dataclass(frozen=True, slots=True)
class Limit:
    """At most `count` sends in any `period` seconds."""

    count: int
    period: float


@dataclass(frozen=True, slots=True)
class Limits:
    overall: Limit = Limit(25, 1.0)  # Telegram allows ~30/s: a margin for clock jitter
    per_chat: Limit = Limit(1, 1.0)
    per_group: Limit = Limit(20, 60.0)
    # Never two sends closer than Telegram's own rate allows (1/30 s): without it the 25 of
    # a second leave in one burst of ~0.1 s, and whether Telegram counts over windows shorter
    # than a second is not documented. Shorter than 1/25 s, so a late wake-up costs nothing.
    spacing: Limit = Limit(1, 1 / 30)

    def scaled(self, factor: float) -> Limits:
        """The same counts over periods `factor` times as long (tests: factor < 1 is faster)."""
        return Limits(
            *(
                Limit(limit.count, limit.period * factor)
                for limit in (self.overall, self.per_chat, self.per_group, self.spacing)
            )
        )


def is_group(chat: ChatId) -> bool:
    """Groups, supergroups and channels have negative ids; @names are public channels."""
    return isinstance(chat, str) or chat < 0


@dataclass(slots=True)
class Window:
    """The send times one limit still remembers (the last `period` seconds of them)."""

    limit: Limit
    times: deque[float] = field(default_factory=deque)

    def wait(self, now: float) -> float:
        """Seconds until one more send fits; 0 when it fits now."""
        while self.times and self.times[0] <= now - self.limit.period:
            self.times.popleft()
        if len(self.times) < self.limit.count:
            return 0.0
        return self.times[-self.limit.count] + self.limit.period - now

    def record(self, now: float) -> None:
        self.times.append(now)

    def idle(self, now: float) -> bool:
        return not self.times or self.times[-1] <= now - self.limit.period


class Pacer:
    """Waits for each chat's turn under `limits`; shared by every send of one bot."""

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        clock: MonotonicClock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        max_wait: float = 5.0,
        shared: Reserve | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self._shared = shared
        self._turns: deque[float] = deque()  # the shared budget's turns we hold (clock times)
        self.max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._overall = Window(self.limits.overall)
        self._spacing = Window(self.limits.spacing)
        self._chats: dict[ChatId, list[Window]] = {}

    async def acquire(self, chat: ChatId, *, max_wait: float | None = None) -> float:
        """Wait for `chat`'s turn and claim it: 0.0. A longer wait than `max_wait` (the
        pacer's own by default) is not slept nor claimed: it is returned, for the caller to
        try again that much later. Command replies pass math.inf: nobody would send them later.
        """
        patience = self.max_wait if max_wait is None else max_wait
        while True:
            wait = self.wait(chat)
            if wait <= 0:
                wait = await self._shared_turn()
            if wait <= 0:
                if self._turns:
                    self._turns.popleft()
                self._claim(chat)
                return 0.0
            if wait > patience:
                return wait
            # Other chats may claim slots meanwhile (asyncio only switches at an await), so
            # the windows are checked again after the sleep rather than trusted.
            await self._sleep(wait)

    def wait(self, chat: ChatId) -> float:
        """Seconds until `chat` may be sent to under every limit."""
        now = self._clock()
        windows = [self._overall, self._spacing, *self._chats.get(chat, [])]
        return max(window.wait(now) for window in windows)

    async def _shared_turn(self) -> float:
        """Seconds until our next turn of the shared budget (0: now); none shared: 0."""
        if self._shared is None:
            return 0.0
        now = self._clock()
        while self._turns and self._turns[0] < now - self.limits.spacing.period:
            self._turns.popleft()  # missed: sent late, it would crowd another instance's turn
        if not self._turns:
            rate = self.limits.overall.count / self.limits.overall.period
            first = await self._shared(SHARED_BLOCK, rate)
            now = self._clock()
            self._turns.extend(now + first + n / rate for n in range(SHARED_BLOCK))
        return max(0.0, self._turns[0] - now)

    def _claim(self, chat: ChatId) -> None:
        now = self._clock()
        windows = self._chats.get(chat)
        if windows is None:
            self._forget_idle(now)
            windows = [Window(self.limits.per_chat)]
            if is_group(chat):
                windows.append(Window(self.limits.per_group))
            self._chats[chat] = windows
        for window in (self._overall, self._spacing, *windows):
            window.record(now)

    def _forget_idle(self, now: float) -> None:
        # Chats come and go; a window past its period knows nothing, so memory stays bounded
        # by the chats of the last minute. Amortised: only when a new chat appears.
        if len(self._chats) < 1024:
            return
        for chat in [c for c, ws in self._chats.items() if all(w.idle(now) for w in ws)]:
            del self._chats[chat]
