"""Supervised long-running parts: each is restarted after any failure, for the life of the
process, and its state is kept where /health reads it.

    supervise(name, part, states)   runs part(ready) again and again until cancelled

A part is a coroutine function that runs until cancelled and calls `ready()` once it serves
(Telegram polling: getMe answered; the scheduler: started; the mailbox loop: at once). Any
exception, or returning at all, is a failure: the part waits `Backoff.delay(n)` seconds (n
failures in a row: 1, 2, 4, ... at most 60) and starts again. A run that lasted
`Backoff.reset_after` before failing starts the count over. Issue 12 item 4 was a polling task
whose first getMe failed: it ended, nothing restarted it, and the bot stayed deaf for good.

`PartStates` is the one place each part's state lives: starting, running or restarting, since
when, failures in a row and the last error's type. /health answers from it (bot/service/web.py). The
log gets the reason (WARNING); /health shows only the error's type, as the endpoint may be
public and error texts name hosts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.ports import Clock, utc_now

__all__ = ["Backoff", "Part", "PartState", "PartStates", "Ready", "health_report", "supervise"]

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Ready = Callable[[], None]
Part = Callable[[Ready], Awaitable[object]]
Status = Literal["starting", "running", "restarting"]

# Errors of the network libraries and our own carry no personal data (ours by contract: see
# bot/core/errors.py). Any other (a ValueError may quote a mail's header) is logged by its type.
_TELLING_MODULES = ("bot", "aiogram", "aiohttp", "aiosmtplib", "aioimaplib")


@dataclass(frozen=True, slots=True)
class Backoff:
    """Capped exponential backoff between restarts."""

    first: float = 1.0  # seconds before the first restart
    factor: float = 2.0
    cap: float = 60.0  # a part down for hours is retried once a minute
    reset_after: timedelta = timedelta(minutes=5)

    def delay(self, failures: int) -> float:
        """Seconds to wait after `failures` failures in a row (1 or more)."""
        exponent = min(max(failures, 1) - 1, 64)  # days at the cap must not overflow a float
        return float(min(self.cap, self.first * self.factor**exponent))

    def failures_after(self, failures: int, ran_for: timedelta) -> int:
        """Failures in a row once a run that lasted `ran_for` failed, after `failures`."""
        return 1 if ran_for >= self.reset_after else failures + 1


@dataclass(frozen=True, slots=True)
class PartState:
    name: str
    status: Status
    since: datetime
    failures: int = 0  # in a row
    last_error: str | None = None  # the exception's type

    @property
    def up(self) -> bool:
        return self.status == "running"

    def describe(self) -> str:
        line = f"{self.name}: {self.status} since {self.since.isoformat(timespec='seconds')}"
        if self.status == "restarting":
            line += f" ({self.failures} failures in a row, last: {self.last_error})"
        return line


class PartStates:
    """Every supervised part's latest state; written by the supervisors, read by /health."""

    def __init__(self) -> None:
        self._states: dict[str, PartState] = {}

    def update(self, state: PartState) -> None:
        self._states[state.name] = state

    def all(self) -> list[PartState]:
        return list(self._states.values())


def health_report(states: Sequence[PartState]) -> tuple[bool, str]:
    """(all up, the text of /health): "ok" or the parts down, then one line per part."""
    down = [state.name for state in states if not state.up]
    head = f"down: {', '.join(down)}" if down else "ok"
    return not down, "".join(f"{line}\n" for line in [head, *map(PartState.describe, states)])


async def supervise(
    name: str,
    part: Part,
    states: PartStates,
    *,
    backoff: Backoff = Backoff(),
    clock: Clock = utc_now,
    sleep: Sleep = asyncio.sleep,
) -> None:
    """Run `part` for the life of the process; ends only by cancellation."""
    failures = 0
    states.update(PartState(name, "starting", clock()))

    def ready() -> None:
        states.update(PartState(name, "running", clock()))

    while True:
        started = clock()
        try:
            await part(ready)
            error, reason = "ended", "ended by itself"  # a part that returns has stopped working
        except Exception as exc:  # any failure: the part must come back, whatever it was
            error, reason = type(exc).__name__, _reason(exc)
            log.debug("%s failed", name, exc_info=exc)
        failures = backoff.failures_after(failures, clock() - started)
        delay = backoff.delay(failures)
        log.warning(
            "%s failed (%d in a row), restarting in %.0f s: %s", name, failures, delay, reason
        )
        states.update(PartState(name, "restarting", clock(), failures, error))
        await sleep(delay)


def _reason(error: BaseException) -> str:
    name = type(error).__name__
    if type(error).__module__.split(".")[0] in _TELLING_MODULES or isinstance(error, OSError):
        return f"{name}: {error}"
    return f"{name} (details at DEBUG)"
