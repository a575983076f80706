"""`blockwatch run` as a real long-running process: it polls on schedule, sends the alert,
answers a subscriber's command through the Bot API, and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.models import FeedSpec, FeedState
from bot.service.cycle import EXIT_FEEDS_FAILED
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.chatter import callback_update
from tests.support.command import environment, finished, start, telegram, wait_until
from tests.support.feedbuilder import feeds_toml, imo_blocked, rss
from tests.support.feedserver import FeedServer

pytestmark = pytest.mark.slow

NEWS = imo_blocked(datetime.now(UTC) - timedelta(hours=1))


async def test_service_polls_sends_answers_and_stops_on_sigterm(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(
        feeds_toml([("News", feed_server.feed("/n.xml", rss("N", [NEWS])), "en")])
    )
    db = tmp_path / "blockwatch.db"
    store = await SQLiteStorage.open(db)
    await store.subscribe("telegram", "3001", ["TM"])
    await store.close()
    service = await start(environment(tmp_path, **telegram(bot_api)), "run")
    try:
        await wait_until(lambda: bot_api.messages_to(3001))
        assert "IMO" in bot_api.messages_to(3001)[0].text

        bot_api.push_update(make_test_update("/subscribe RU", chat_id=3002, update_id=1))
        await wait_until(lambda: bot_api.messages_to(3002))
    finally:
        service.send_signal(signal.SIGTERM)
        stderr = await finished(service, 30)
    assert service.returncode == 0, stderr
    assert len(bot_api.messages_to(3001)) == 1
    store = await SQLiteStorage.open(db)
    subscriber = await store.subscriber("telegram", "3002")
    await store.close()
    assert subscriber is not None and subscriber.countries == {"RU"}


async def test_a_feed_a_moderator_adds_is_polled_without_a_restart(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(feeds_toml([("Old", feed_server.feed("/old.xml", rss("O", [])), "en")]))
    new_url = feed_server.feed("/new.xml", rss("New", [NEWS]))
    db = tmp_path / "blockwatch.db"
    env = environment(tmp_path, **telegram(bot_api), BLOCKWATCH_MODERATORS="900")
    service = await start(env, "run")
    try:
        await wait_until(lambda: feed_server.requests["/old.xml"])
        bot_api.push_update(make_test_update(f"/addfeed {new_url}", chat_id=900))
        await wait_until(
            lambda: any(
                "Save" in str(params.get("reply_markup", "")) for method, params in bot_api.calls
            )
        )
        [markup] = [
            str(p["reply_markup"])
            for m, p in bot_api.calls
            if "Save" in str(p.get("reply_markup", ""))
        ]
        save = next(
            key["callback_data"]
            for row in json.loads(markup)["inline_keyboard"]
            for key in row
            if "Save" in key["text"]
        )
        assert feed_server.requests["/new.xml"] == 1  # the preview's one fetch
        bot_api.push_update(callback_update(save, chat_id=900, user_id=900, chat_type="private"))
        await wait_until(lambda: feed_server.requests["/new.xml"] >= 2)  # the first poll
    finally:
        service.send_signal(signal.SIGTERM)
        stderr = await finished(service, 30)
    assert service.returncode == 0, stderr
    store = await SQLiteStorage.open(db)
    feeds = {feed.spec.url: feed.status for feed in await store.registered_feeds()}
    await store.close()
    assert feeds == {feed_server.url("/old.xml"): "active", new_url: "active"}


async def test_run_once_reports_a_feed_failing_for_days_to_the_moderators_once(
    tmp_path: Path, feed_server: FeedServer, bot_api: BotAPI
) -> None:
    """Cron users get the service's daily look at feed health too (bot.service.run.run_cycle)."""
    gone = feed_server.url("/gone.xml")  # answers 404
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(feeds_toml([("Gone", gone, "en")]))
    db = tmp_path / "blockwatch.db"
    store = await SQLiteStorage.open(db)
    now = datetime.now(UTC)
    await store.register_feed(
        FeedSpec("Gone", gone, "en"), "seed", now - timedelta(days=5), actor_id=0
    )
    await store.save_feed_state(
        FeedState(gone, failures=30, last_error="HTTP 404", last_success=now - timedelta(days=3))
    )
    await store.close()
    env = environment(tmp_path, **telegram(bot_api), BLOCKWATCH_MODERATORS="900")
    for _ in range(2):  # cron, twice in a row: the second run reports nothing new
        cycle = await start(env, "run", "--once")
        stderr = await finished(cycle, 60)
        # Its one feed failing, the run tells cron so (bot/service/cycle.py), and still reports it.
        assert cycle.returncode == EXIT_FEEDS_FAILED, stderr
    assert feed_server.requests["/gone.xml"] == 1  # the second run waits out the back-off
    [report] = bot_api.texts_to(900)
    assert "Gone has failed for 3 d" in report
