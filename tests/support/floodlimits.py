"""Telegram's flood limits for the Bot API stand-in (tests/support/botapi.py:
`api.enforce_limits()`)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field


@dataclass
class FloodLimits:
    """Telegram's flood control as the Bot API FAQ states it: about 30 messages a second
    overall, one a second per chat, 20 a minute per group (negative ids, @channels).

    Sliding windows over the times of accepted sends; a send that would exceed one is refused
    with 429 and the whole seconds to wait. `scale` shortens every period so tests run fast;
    `slack` forgives arrivals slightly early (HTTP timing jitters between the client's clock
    and ours), while sending with no pacing at all is still caught at once.
    """

    scale: float = 1.0
    slack: float = 0.8
    rejected: list[int | str] = field(default_factory=list)  # chat of each 429 we answered
    _overall: list[float] = field(default_factory=list)
    _chats: dict[int | str, list[float]] = field(default_factory=dict)

    def check(self, chat_id: int | str) -> int:
        """0 and the send counted, or the seconds to wait (at least 1, as Telegram says)."""
        now = time.monotonic()
        chat = self._chats.setdefault(chat_id, [])
        group = isinstance(chat_id, str) or chat_id < 0
        waits = [self._wait(self._overall, 30, 1.0, now), self._wait(chat, 1, 1.0, now)]
        if group:
            waits.append(self._wait(chat, 20, 60.0, now))
        wait = max(waits)
        if wait > 0:
            self.rejected.append(chat_id)
            return max(1, math.ceil(wait))
        self._overall.append(now)
        chat.append(now)
        return 0

    def _wait(self, times: list[float], count: int, period: float, now: float) -> float:
        window = period * self.scale * self.slack
        recent = [t for t in times if t > now - window]
        return 0.0 if len(recent) < count else recent[-count] + window - now
