"""Issue 12, items 1, 4 and 9 (exit codes), with real `blockwatch` processes.

1. Two `run --once` at once on one database sent everything twice (600 Telegram sends for 300
   owed) and the loser put a healthy feed into backoff: now one holds the database's instance
   lock (storage/instance.py) and the other exits 75 with one line, having done nothing.
4. The command bot died for good when Telegram was unreachable at start: now polling is
   supervised (bot/service/supervise.py) and /health says it is down until it is back.
9. `run --once` exited 0 when every feed failed: now 3, and 4 for a channel down throughout.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from bot.service.cycle import EXIT_BUSY, EXIT_CHANNEL_DOWN, EXIT_FEEDS_FAILED
from storage.instance import lock_path
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.command import environment, finished, start, wait_until
from tests.support.feedbuilder import feeds_toml, rss
from tests.support.feedserver import FeedServer
from tests.support.imapserver import free_port
from tests.support.owed import owe_two_events as owe
from tests.support.smtpserver import SmtpServer

pytestmark = pytest.mark.slow

CHATS = [5001 + n for n in range(150)]  # x 2 events: 300 Telegram messages owed
ADDRESSES = [f"reader{n}@example.org" for n in range(50)]  # x 2 events: 100 mails owed


def feeds_environment(
    tmp_path: Path, feeds: list[tuple[str, str, str]], **settings: str
) -> dict[str, str]:
    """The child's environment (tests/support/command.py) with `feeds` in its feeds.toml."""
    (tmp_path / "feeds.toml").write_text(feeds_toml(feeds))
    return environment(tmp_path, **settings)


async def owe_two_events(db: Path, chats: list[int], addresses: list[str]) -> None:
    store = await SQLiteStorage.open(db)
    try:
        await owe(store, chats, addresses)
    finally:
        await store.close()


async def test_two_cycles_at_once_send_each_message_once(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI, smtp_server: SmtpServer
) -> None:
    quiet = feed_server.feed("/quiet.xml", rss("Quiet", []))
    env = feeds_environment(
        tmp_path,
        [("Quiet", quiet, "en")],
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_URL=bot_api.base_url,
        SMTP_URL=smtp_server.url,
    )
    db = Path(env["BLOCKWATCH_DB"])
    await owe_two_events(db, CHATS, ADDRESSES)

    # A slow cron run and the next one: started at the same moment.
    first, second = await asyncio.gather(*(start(env, "run", "--once") for _ in range(2)))
    errors = dict(
        zip((first, second), await asyncio.gather(finished(first), finished(second)), strict=True)
    )

    telegram = Counter((m.chat_id, m.text) for m in bot_api.sent)
    assert len(bot_api.sent) == 300 and set(telegram.values()) == {1}  # nothing twice
    assert sorted(Counter(chat for chat, _ in telegram).items()) == [(c, 2) for c in CHATS]
    mails = Counter((to, m.message["Subject"]) for m in smtp_server.received for to in m.rcpt_tos)
    assert len(smtp_server.received) == 100 and set(mails.values()) == {1}
    assert sorted(Counter(to for to, _ in mails).items()) == sorted((a, 2) for a in ADDRESSES)
    [winner] = [p for p in (first, second) if p.returncode == 0]
    [loser] = [p for p in (first, second) if p.returncode == EXIT_BUSY]
    assert errors[loser].strip() == (
        f"blockwatch: another blockwatch is running on {db} (pid {winner.pid}); nothing done"
    )
    store = await SQLiteStorage.open(db)
    state = await store.feed_state(quiet)
    await store.close()
    assert state is not None and state.failures == 0 and state.retry_at is None  # not blamed


async def test_a_killed_instance_leaves_no_lock_behind(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """`run --once` beside a running service is refused; once the service is killed (-9: no
    cleanup at all) the next cron run goes ahead: no stale lock."""
    env = feeds_environment(tmp_path, [("Quiet", feed_server.feed("/q.xml", rss("Q", [])), "en")])
    lock = lock_path(Path(env["BLOCKWATCH_DB"]))
    service = await start(env, "run")
    try:
        await wait_until(lambda: lock.exists() and lock.read_text().strip() == str(service.pid))
        refused = await start(env, "run", "--once")
        assert f"(pid {service.pid}); nothing done" in await finished(refused)
        assert refused.returncode == EXIT_BUSY
        waited = await start(env, "run", "--once", "--wait", "0.5")
        await finished(waited)
        assert waited.returncode == EXIT_BUSY
    finally:
        service.send_signal(signal.SIGKILL)
        await finished(service)
    cron = await start(env, "run", "--once")
    stderr = await finished(cron)
    assert cron.returncode == 0, stderr


async def health(port: int) -> tuple[int, str]:
    """/health's status and text; (0, "") while nothing listens."""
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session,
            session.get(f"http://127.0.0.1:{port}/health") as response,
        ):
            return response.status, await response.text()
    except aiohttp.ClientConnectionError:
        return 0, ""


async def health_shows(port: int, status: int, text: str) -> str:
    """Ask /health until it answers `status` with `text` in it (60 s at most); its text."""
    async with asyncio.timeout(60):
        while True:
            answer = await health(port)
            if answer[0] == status and text in answer[1]:
                return answer[1]
            await asyncio.sleep(0.2)


async def test_bot_unreachable_at_start_answers_once_telegram_is_back(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    api_port, web_port = free_port(), free_port()  # nothing listens on api_port yet
    api = BotAPI()
    env = feeds_environment(
        tmp_path,
        [("Quiet", feed_server.feed("/q.xml", rss("Q", [])), "en")],
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=f"http://127.0.0.1:{api_port}",
        BLOCKWATCH_HTTP_PORT=str(web_port),
    )
    service = await start(env, "run")
    try:
        # getMe failed at least once: the part waits to restart, and /health says so.
        down = await health_shows(web_port, 503, "telegram polling: restarting")
        assert down.startswith("down: telegram polling\n")
        await api.start(port=api_port)
        up = await health_shows(web_port, 200, "telegram polling: running")
        assert up.startswith("ok\n") and "scheduler: running" in up
        api.push_update(make_test_update("/start", chat_id=4001))
        await wait_until(lambda: api.messages_to(4001))
    finally:
        service.send_signal(signal.SIGTERM)
        stderr = await finished(service, 30)
        await api.stop()
    assert service.returncode == 0, stderr
    assert "Traceback" not in stderr


async def test_ctrl_c_while_polling_waits_to_restart_exits_0(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    web_port = free_port()
    env = feeds_environment(
        tmp_path,
        [("Quiet", feed_server.feed("/q.xml", rss("Q", [])), "en")],
        TELEGRAM_BOT_TOKEN=BotAPI().token,
        TELEGRAM_API_URL=f"http://127.0.0.1:{free_port()}",  # never listens
        BLOCKWATCH_HTTP_PORT=str(web_port),
    )
    service = await start(env, "run")
    try:
        await health_shows(web_port, 503, "telegram polling: restarting")
    finally:
        service.send_signal(signal.SIGINT)
        stderr = await finished(service, 30)
    assert service.returncode == 0, stderr
    assert "Traceback" not in stderr


async def test_run_once_with_every_feed_failing_exits_3(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    env = feeds_environment(
        tmp_path,
        [
            ("Gone", feed_server.url("/gone.xml"), "en"),  # 404
            ("Also gone", feed_server.url("/also-gone.xml"), "en"),
        ],
    )
    cron = await start(env, "run", "--once")
    stderr = await finished(cron)
    assert cron.returncode == EXIT_FEEDS_FAILED, stderr
    assert "blockwatch: every feed failed (2)" in stderr
    again = await start(env, "run", "--once")  # both still backing off: no better
    await finished(again)
    assert again.returncode == EXIT_FEEDS_FAILED


async def test_run_once_with_the_mail_server_down_throughout_exits_4(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    env = feeds_environment(
        tmp_path,
        [("Quiet", feed_server.feed("/q.xml", rss("Q", [])), "en")],
        SMTP_URL=f"smtp://127.0.0.1:{free_port()}",
    )  # nothing listens there
    await owe_two_events(Path(env["BLOCKWATCH_DB"]), [], ADDRESSES[:3])
    cron = await start(env, "run", "--once")
    stderr = await finished(cron)
    assert cron.returncode == EXIT_CHANNEL_DOWN, stderr
    assert "blockwatch: email was down throughout: 6 deliveries wait for a retry" in stderr
