"""`serve` (bot/service/run.py), the long-running service, in the test's own process and loop:
every part runs against the real local servers (feeds, Bot API stand-in, aiosmtpd, dovecot)
and /health says so; it runs on the app's clock; and it stops cleanly, by its stop event or
by SIGTERM and SIGINT: the jobs running end first, no task of ours is left running, nothing
is logged at WARNING, and the signals are handed back.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import signal
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import App, open_app
from bot.config import Settings
from bot.service.parts import run_scheduler
from bot.service.run import schedule, serve
from tests.support.botapi import BotAPI, make_test_update
from tests.support.feedbuilder import Item, feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.imapserver import ImapServer, free_port
from tests.support.loopback import LOOPBACK
from tests.support.mailchat import PERSON, SERVICE, mail
from tests.support.manualclock import ManualClock
from tests.support.smtpserver import SmtpServer

NEWS = Item(
    "tm-imo",
    "Turkmenistan blocks IMO messenger",
    "Authorities in Turkmenistan have blocked the IMO messenger.",
    datetime.now(UTC) - timedelta(hours=1),
)
SUBSCRIBER, NEWCOMER = 3001, 3002  # Telegram chats
READER = "reader@example.org"
# Where the service's own code runs, and the libraries it drives: a task still in one of these
# after a stop is a part, a job or a poll left behind.
OURS = ("/bot/", "/apscheduler/", "/aiogram/", "/aioimaplib/", "/aiosmtplib/")


async def wait_until(condition: Callable[[], object], seconds: float = 20) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - the service works in the background
            await asyncio.sleep(0.05)


def tasks_of_ours() -> list[asyncio.Task[object]]:
    this = asyncio.current_task()
    return [
        task
        for task in asyncio.all_tasks()
        if task is not this
        and any(any(p in frame.f_code.co_filename for p in OURS) for frame in task.get_stack())
    ]


def complaints(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]


async def health(port: int) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}/health") as response,
    ):
        return response.status, await response.text()


@contextlib.asynccontextmanager
async def serving(app: App) -> AsyncIterator[asyncio.Event]:
    """`serve(app)` in a task; set the event to stop it. The service must end by then."""
    stop = asyncio.Event()
    service = asyncio.create_task(serve(app, stop=stop))
    try:
        yield stop
    finally:
        stop.set()
        await asyncio.wait_for(service, 20)


def settings_for(tmp_path: Path, feed_server: FeedServer, **more: object) -> Settings:
    feeds_file = tmp_path / "feeds.toml"
    if not feeds_file.exists():
        feeds_file.write_text(
            feeds_toml([("News", feed_server.feed("/news.xml", rss("N", [NEWS])), "en")])
        )
    return Settings(
        db_path=tmp_path / "blockwatch.db",
        feeds_path=feeds_file,
        allow_hosts=LOOPBACK,
        ooni_api_url="",
        **more,  # type: ignore[arg-type]
    )


async def test_every_part_serves_until_the_stop_which_leaves_nothing_running(
    tmp_path: Path,
    feed_server: FeedServer,
    bot_api: BotAPI,
    smtp_server: SmtpServer,
    imap_server: ImapServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = free_port()
    settings = settings_for(
        tmp_path,
        feed_server,
        telegram_token=bot_api.token,
        telegram_api_url=bot_api.base_url,
        smtp_url=smtp_server.url,
        imap_url=f"{imap_server.url}?timeout=5",
        mail_from=f"Blockwatch <{SERVICE}>",
        http_port=port,
    )
    signals_before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    async with open_app(settings, out=io.StringIO()) as app:
        await app.store.subscribe("telegram", str(SUBSCRIBER), ["TM"])
        await app.store.subscribe("email", READER, ["TM"])
        imap_server.deliver(mail("SUBSCRIBE RU"))
        async with serving(app):
            # The scheduler: the feed's job polls it, and the alert goes out on both channels.
            await wait_until(lambda: bot_api.texts_to(SUBSCRIBER))
            await wait_until(lambda: any(READER in m.rcpt_tos for m in smtp_server.received))
            # The mailbox loop: a command by mail is answered.
            await wait_until(lambda: any(PERSON in m.rcpt_tos for m in smtp_server.received))
            # Telegram polling: the command menu is published, a command is answered.
            bot_api.push_update(make_test_update("/subscribe RU", chat_id=NEWCOMER, update_id=1))
            await wait_until(lambda: bot_api.texts_to(NEWCOMER))
            assert "setMyCommands" in bot_api.methods()
            status, text = await health(port)
            assert status == 200 and text.startswith("ok\n"), text
            for part in ("scheduler", "mailbox", "telegram polling"):
                assert f"{part}: running since" in text
        newcomer = await app.store.subscriber("telegram", str(NEWCOMER))
        assert newcomer is not None and newcomer.countries == {"RU"}
        assert tasks_of_ours() == []
        with pytest.raises(aiohttp.ClientConnectionError):
            await health(port)  # the web endpoint is closed
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == signals_before
    assert complaints(caplog) == []
    assert [m.rcpt_tos for m in smtp_server.received].count([READER]) == 1
    assert len(bot_api.texts_to(SUBSCRIBER)) == 1


async def test_a_command_menu_telegram_refuses_stops_nothing(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    bot_api.refuse("setMyCommands", 400, "Bad Request: BOT_COMMANDS_TOO_MUCH")
    settings = settings_for(
        tmp_path, feed_server, telegram_token=bot_api.token, telegram_api_url=bot_api.base_url
    )
    async with open_app(settings, out=io.StringIO()) as app, serving(app):
        bot_api.push_update(make_test_update("/subscribe RU", chat_id=NEWCOMER, update_id=1))
        await wait_until(lambda: bot_api.texts_to(NEWCOMER))  # the commands work all the same
    assert complaints(caplog) == [
        "bot.service.run: could not publish the bot's command menu: "
        "Telegram server says - Bad Request: BOT_COMMANDS_TOO_MUCH"
    ]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_stops_the_service(
    tmp_path: Path,
    feed_server: FeedServer,
    signum: signal.Signals,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with open_app(settings_for(tmp_path, feed_server), out=io.StringIO()) as app:
        service = asyncio.create_task(serve(app))
        # Its first poll: the service is up, its signal handlers set before any part started.
        await wait_until(lambda: feed_server.requests["/news.xml"])
        signal.raise_signal(signum)
        await asyncio.wait_for(service, 20)
        assert tasks_of_ours() == []
    assert complaints(caplog) == []


async def test_a_stop_lets_the_poll_under_way_finish(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    slow = feed_server.feed("/slow.xml", rss("S", [NEWS]), delay=1.0)
    (tmp_path / "feeds.toml").write_text(feeds_toml([("Slow", slow, "en")]))
    printed = io.StringIO()
    async with open_app(settings_for(tmp_path, feed_server), out=printed) as app:
        async with serving(app):
            await wait_until(lambda: feed_server.requests["/slow.xml"])  # the poll is under way
        state = await app.store.feed_state(slow)
        assert state is not None and state.last_success is not None  # it finished
        assert "IMO" in printed.getvalue()  # without channels, new events are printed
        assert tasks_of_ours() == []
    assert complaints(caplog) == []


async def test_a_job_still_running_after_the_grace_is_cut_short_with_one_warning(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    hanging = feed_server.feed("/hang.xml", rss("H", [NEWS]), delay=60.0)
    (tmp_path / "feeds.toml").write_text(feeds_toml([("Hanging", hanging, "en")]))
    async with open_app(settings_for(tmp_path, feed_server), out=io.StringIO()) as app:

        def jobs(scheduler: AsyncIOScheduler) -> None:
            schedule(scheduler, app, app.clock())

        part = asyncio.create_task(
            run_scheduler(jobs, lambda: None, stop_grace=timedelta(seconds=0.3))
        )
        await wait_until(lambda: feed_server.requests["/hang.xml"])
        part.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(part, 5)
        assert tasks_of_ours() == []
        assert await app.store.feed_state(hanging) is None  # the poll never finished
    assert complaints(caplog) == [
        "bot.service.parts: stopping: 1 jobs still running after 0.3 s are cut short"
    ]


async def test_the_service_runs_on_the_apps_clock(tmp_path: Path, feed_server: FeedServer) -> None:
    tomorrow = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    port = free_port()
    settings = settings_for(tmp_path, feed_server, http_port=port)
    async with open_app(settings, clock=ManualClock(tomorrow), out=io.StringIO()) as app:
        desk, url = app.feed_desk, feed_server.url("/news.xml")
        assert desk is not None
        async with serving(app):
            await wait_until(lambda: desk.next_run(url))  # the scheduler has its jobs
            # The first feed's first poll is due at once: by the app's clock, a day ahead.
            assert desk.next_run(url) == tomorrow
            status, text = await health(port)
            assert status == 200
            assert f"scheduler: running since {tomorrow.isoformat()}" in text
        assert feed_server.requests["/news.xml"] == 0
