"""`blockwatch run` as a real long-running process: it polls on schedule, sends the alert,
answers a subscriber's command through the Bot API, and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from botapi import BotAPI, make_test_update
from feedbuilder import Item, feeds_toml, rss
from feedserver import FeedServer

from storage.sqlite import SQLiteStorage

pytestmark = pytest.mark.slow

NEWS = Item("tm-imo", "Turkmenistan blocks IMO messenger",
            "Authorities in Turkmenistan have blocked the IMO messenger.",
            datetime.now(UTC) - timedelta(hours=1))


async def wait_until(condition: Callable[[], object], seconds: float = 30) -> None:
    async with asyncio.timeout(seconds):
        # Another process causes it: there is no in-process event to wait on.
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.1)


async def test_service_polls_sends_answers_and_stops_on_sigterm(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(feeds_toml([("News", feed_server.feed("/n.xml", rss("N", [NEWS])),
                                       "en")]))
    db = tmp_path / "blockwatch.db"
    store = await SQLiteStorage.open(db)
    await store.subscribe("telegram", "3001", ["TM"])
    await store.close()
    env = {
        **os.environ, "BLOCKWATCH_DB": str(db), "BLOCKWATCH_FEEDS": str(feeds_file),
        "TELEGRAM_BOT_TOKEN": bot_api.token, "TELEGRAM_API_URL": bot_api.base_url,
        "PYTHONPATH": str(Path(__file__).parents[1]),
    }
    service = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        await wait_until(lambda: bot_api.messages_to(3001))
        assert "IMO" in bot_api.messages_to(3001)[0].text

        bot_api.push_update(make_test_update("/subscribe RU", chat_id=3002, update_id=1))
        await wait_until(lambda: bot_api.messages_to(3002))
    finally:
        service.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(service.communicate(), timeout=30)
    assert service.returncode == 0, stderr.decode()
    assert len(bot_api.messages_to(3001)) == 1
    store = await SQLiteStorage.open(db)
    subscriber = await store.subscriber("telegram", "3002")
    await store.close()
    assert subscriber is not None and subscriber.countries == {"RU"}
