"""The supervisor (bot/service/supervise.py): its backoff maths, a part restarted after each failure
with the clock and the sleep injected, the states /health answers from; the scheduler's
watchdog (bot/service/parts.py) on a real APScheduler that stops waking up, and Telegram polling's
(bot/service/polling.py) on aiogram's real client when the Bot API stand-in goes away."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from aiogram import Bot, Dispatcher
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger

from bot.core.errors import PartStalledError
from bot.service.parts import run_scheduler
from bot.service.polling import poll_telegram
from bot.service.supervise import Backoff, PartState, PartStates, Ready, health_report, supervise
from bot.service.web import make_app
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.manualclock import ManualClock

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [
        (1, 1.0),
        (2, 2.0),
        (3, 4.0),
        (6, 32.0),
        (7, 60.0),
        (8, 60.0),
        (10_000, 60.0),
    ],
)
def test_backoff_doubles_up_to_its_cap(failures: int, seconds: float) -> None:
    assert Backoff().delay(failures) == seconds


@pytest.mark.parametrize(
    ("before", "ran_for", "after"),
    [
        (0, timedelta(0), 1),
        (3, timedelta(seconds=10), 4),  # failing again soon after a restart: longer waits
        (3, timedelta(minutes=5), 1),  # a run that lasted starts the count over
        (9, timedelta(hours=2), 1),
    ],
)
def test_failures_in_a_row(before: int, ran_for: timedelta, after: int) -> None:
    assert Backoff().failures_after(before, ran_for) == after


async def test_a_failing_part_restarts_with_growing_waits_until_it_runs() -> None:
    clock = ManualClock(T0)
    states = PartStates()
    waits: list[float] = []
    seen: list[PartState] = []
    running = asyncio.Event()

    async def sleep(seconds: float) -> None:
        seen.extend(states.all())
        waits.append(seconds)
        clock.now += timedelta(seconds=seconds)

    async def flaky(ready: Ready) -> None:
        if len(waits) < 3:
            raise ConnectionError("Telegram unreachable")
        ready()
        running.set()
        await asyncio.Event().wait()  # serves until cancelled

    task = asyncio.create_task(
        supervise("telegram polling", flaky, states, clock=clock, sleep=sleep)
    )
    await asyncio.wait_for(running.wait(), 5)
    assert waits == [1.0, 2.0, 4.0]
    assert [(s.status, s.failures, s.last_error) for s in seen] == [
        ("restarting", 1, "ConnectionError"),
        ("restarting", 2, "ConnectionError"),
        ("restarting", 3, "ConnectionError"),
    ]
    assert states.all() == [PartState("telegram polling", "running", T0 + timedelta(seconds=7))]
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_part_that_returns_is_restarted_and_cancel_ends_the_wait() -> None:
    states = PartStates()
    starts = 0

    async def ends(ready: Ready) -> None:
        nonlocal starts
        starts += 1

    task = asyncio.create_task(supervise("mailbox", ends, states, backoff=Backoff(first=0.01)))
    async with asyncio.timeout(5):
        while starts < 3:  # noqa: ASYNC110 - the restarts are what we watch
            await asyncio.sleep(0.01)
    assert states.all()[0].status == "restarting" and states.all()[0].last_error == "ended"
    task.cancel()  # while it waits to restart: SIGTERM must not wait for the backoff
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 1)


@pytest.mark.parametrize(
    ("error", "logged"),
    [
        # Our libraries' and the network's errors say what went wrong and carry no one's data.
        (ConnectionRefusedError(111, "Connection refused"), "ConnectionRefusedError: [Errno 111]"),
        # Any other may quote what it choked on: a mail's header, an address.
        (ValueError("bad header in a mail from aman@example.tm"), "ValueError (details at DEBUG)"),
    ],
)
async def test_the_log_says_why_a_part_failed_unless_the_error_may_hold_personal_data(
    error: Exception, logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    states = PartStates()
    waiting = asyncio.Event()

    async def fails(ready: Ready) -> None:
        raise error

    async def sleep(seconds: float) -> None:
        waiting.set()
        await asyncio.Event().wait()  # the backoff: until cancelled

    task = asyncio.create_task(supervise("mailbox", fails, states, sleep=sleep))
    await asyncio.wait_for(waiting.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    [warning] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning.startswith("mailbox failed (1 in a row), restarting in 1 s: ")
    assert logged in warning and "aman@" not in warning
    assert states.all()[0].last_error == type(error).__name__  # /health: the type only


def test_health_names_the_parts_down() -> None:
    up = PartState("scheduler", "running", T0)
    down = PartState("telegram polling", "restarting", T0, 3, "TelegramNetworkError")
    assert health_report([]) == (True, "ok\n")
    assert health_report([up]) == (True, "ok\nscheduler: running since 2026-03-01T12:00:00+00:00\n")
    healthy, text = health_report([up, down, PartState("mailbox", "starting", T0)])
    assert not healthy
    assert text.splitlines() == [
        "down: telegram polling, mailbox",
        "scheduler: running since 2026-03-01T12:00:00+00:00",
        "telegram polling: restarting since 2026-03-01T12:00:00+00:00 "
        "(3 failures in a row, last: TelegramNetworkError)",
        "mailbox: starting since 2026-03-01T12:00:00+00:00",
    ]


Client = TestClient[web.Request, web.Application]


@pytest.fixture
async def parts_client(store: SQLiteStorage) -> AsyncIterator[tuple[PartStates, Client]]:
    parts = PartStates()
    async with TestClient(TestServer(make_app(store, b"k" * 32, parts))) as client:
        yield parts, client


async def test_health_endpoint_answers_503_while_a_part_is_down(
    parts_client: tuple[PartStates, Client],
) -> None:
    parts, client = parts_client
    parts.update(PartState("scheduler", "running", T0))
    parts.update(PartState("telegram polling", "restarting", T0, 1, "TelegramNetworkError"))
    response = await client.get("/health")
    assert response.status == 503
    assert (await response.text()).startswith("down: telegram polling\n")
    parts.update(PartState("telegram polling", "running", T0))
    response = await client.get("/health")
    assert response.status == 200 and (await response.text()).startswith("ok\nscheduler: ")


class _BreaksAfterFirstRun(BaseTrigger):  # type: ignore[misc]
    """A trigger whose next fire time cannot be computed: APScheduler's pass over its jobs
    raises, and AsyncIOScheduler never wakes up again."""

    def get_next_fire_time(self, previous: datetime | None, now: datetime) -> datetime:
        if previous is not None:
            raise OverflowError("date value out of range")
        return now


async def test_the_scheduler_watchdog_notices_a_scheduler_that_stopped_waking_up() -> None:
    def broken_jobs(scheduler: AsyncIOScheduler) -> None:
        scheduler.add_job(
            asyncio.sleep,
            _BreaksAfterFirstRun(),
            args=[0],
            id="broken",
            next_run_time=datetime.now(UTC) + timedelta(seconds=0.3),
        )

    ready = asyncio.Event()
    with pytest.raises(PartStalledError) as stalled:
        await asyncio.wait_for(
            run_scheduler(
                broken_jobs,
                ready.set,
                heartbeat=timedelta(seconds=0.2),
                stalled_after=timedelta(seconds=1),
            ),
            10,
        )
    assert ready.is_set() and stalled.value.part == "scheduler"


async def test_polling_is_taken_for_down_once_telegram_stops_answering(
    bot_api: BotAPI, bot: Bot
) -> None:
    """aiogram retries getUpdates by itself, for ever and quietly: the part must notice."""
    ready = asyncio.Event()
    menus: list[str] = []

    async def publish_menu() -> None:
        menus.append("published")

    part = asyncio.create_task(
        poll_telegram(
            bot, Dispatcher(), publish_menu, ready.set, stalled_after=timedelta(seconds=1.5)
        )
    )
    await asyncio.wait_for(ready.wait(), 10)
    async with asyncio.timeout(10):
        while "getUpdates" not in bot_api.methods():  # noqa: ASYNC110 - the stand-in's log
            await asyncio.sleep(0.05)
    assert not part.done() and menus == ["published"]
    await bot_api.stop()
    with pytest.raises(PartStalledError) as stalled:
        await asyncio.wait_for(part, 15)
    assert stalled.value.part == "telegram polling"
    assert len(bot.session.middleware) == 0  # the watch leaves with the part


async def test_polling_that_ends_with_an_error_fails_the_part_with_it(bot: Bot) -> None:
    """aiogram's polling ends by itself only on an error (here: a startup hook's); the part
    must raise it, not return, so that the supervisor logs the cause."""
    dispatcher = Dispatcher()

    async def broken_startup() -> None:
        raise LookupError("no such table: moderators")

    dispatcher.startup.register(broken_startup)

    async def publish_menu() -> None:
        pass

    with pytest.raises(LookupError):
        await asyncio.wait_for(poll_telegram(bot, dispatcher, publish_menu, lambda: None), 10)
    assert len(bot.session.middleware) == 0
