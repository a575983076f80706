"""Killing `blockwatch run --once` in the middle of a delivery batch loses and repeats nothing.

The real command runs as a subprocess against a local feed server and the Bot API stand-in.
The stand-in kills the process (SIGKILL: no cleanup at all) while it waits for the answer to
one sendMessage; that message was never accepted. A second run must then deliver exactly the
alerts the first one did not, so that every subscriber ends with exactly one.
"""

from __future__ import annotations

import asyncio
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, SentMessage
from tests.support.command import environment, finished, start, telegram
from tests.support.feedbuilder import Item, feeds_toml, imo_blocked, rss
from tests.support.feedserver import FeedServer

pytestmark = pytest.mark.slow

CHATS = [2001 + n for n in range(8)]
KILL_AT = 4  # the fourth sendMessage never gets its answer
NEWS = [
    imo_blocked(datetime.now(UTC) - timedelta(hours=1)),
    Item(
        "ru-yt",
        "Russia throttles YouTube",
        "Roskomnadzor has slowed down YouTube in Russia, users report.",
        datetime.now(UTC) - timedelta(hours=1),
    ),
]


async def test_kill_mid_batch_then_restart_delivers_each_alert_once(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(
        feeds_toml([("News", feed_server.feed("/news.xml", rss("N", NEWS)), "en")])
    )
    db = tmp_path / "blockwatch.db"
    store = await SQLiteStorage.open(db)
    for chat in CHATS:
        await store.subscribe("telegram", str(chat), ["TM", "RU"])
    await store.close()
    env = environment(tmp_path, **telegram(bot_api))

    first = await start(env, "run", "--once")

    async def kill_mid_batch(message: SentMessage) -> None:
        if message.seq == KILL_AT:
            first.send_signal(signal.SIGKILL)
            await first.wait()

    bot_api.before_send = kill_mid_batch
    await asyncio.wait_for(first.communicate(), timeout=60)
    assert first.returncode == -signal.SIGKILL
    assert len(bot_api.sent) == KILL_AT - 1  # accepted before the kill

    bot_api.before_send = None
    second = await start(env, "run", "--once")
    stderr = await finished(second, 60)
    assert second.returncode == 0, stderr

    expected = sorted((chat, event) for chat in CHATS for event in ("IMO", "YouTube"))
    delivered = sorted(
        (int(m.chat_id), "IMO" if "IMO" in m.text else "YouTube") for m in bot_api.sent
    )
    assert delivered == expected  # every alert, each exactly once
