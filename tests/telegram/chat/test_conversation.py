"""Subscribing with buttons: every step through the real Dispatcher, SQLite and the stand-in."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram import Dispatcher

from bot.core.models import Preferences
from bot.delivery.outbox import deliver_due
from bot.telegram.chat.handlers import build_router
from bot.telegram.pacing import Limits, Pacer
from bot.telegram.render import render_telegram
from bot.telegram.sender import TelegramSender, make_bot
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.chatter import ADMIN, GROUP, MEMBER, USER, Chatter, answers, report
from tests.support.manualclock import ManualClock


@pytest.fixture
async def chat(bot_api: BotAPI, store: SQLiteStorage) -> AsyncIterator[Chatter]:
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router())
    bot = make_bot(bot_api.token, bot_api.base_url)
    yield Chatter(dispatcher, bot, bot_api, store)
    await bot.session.close()


async def prefs(store: SQLiteStorage, chat_id: int = USER) -> Preferences:
    found = await store.subscriber("telegram", str(chat_id))
    assert found is not None
    return found.prefs


async def test_start_walks_through_every_step(chat: Chatter, store: SQLiteStorage) -> None:
    assert "Which countries?" in await chat.say("/start")
    await chat.press("TM")
    assert chat.button("✅ 🇹🇲 TM") == "bw:country:TM"  # ticked, and still a toggle
    await chat.press("UZ")
    assert "Which services?" in await chat.press_text("Next")
    await chat.press("WhatsApp")
    await chat.press("IMO")
    assert "Which news" in await chat.press_text("Next")
    await chat.press("Unblocks")
    assert "How often?" in await chat.press_text("Next")
    assert "time zone" in await chat.press_text("Daily digest")
    assert "hour (Asia/Ashgabat)" in await chat.press_text("Ashgabat")
    done = await chat.press_text("09:00")
    assert "Saved" in done and "daily at 09:00 Asia/Ashgabat" in done and "IMO, WhatsApp" in done
    found = await store.subscriber("telegram", str(USER))
    assert found is not None and found.countries == {"TM", "UZ"}
    assert found.prefs.services == frozenset({"whatsapp", "imo"})
    assert found.prefs.actions == {"block", "throttle"}
    assert (found.prefs.frequency, found.prefs.digest_hour) == ("daily", 9)
    assert found.prefs.timezone == "Asia/Ashgabat"


async def test_weekly_asks_the_day_then_the_hour(chat: Chatter, store: SQLiteStorage) -> None:
    await chat.say("/subscribe TM")
    await chat.say("/settings")
    await chat.press("How often")
    assert "day" in await chat.press_text("Weekly digest")
    await chat.press("Fri")
    await chat.press("✅ UTC")  # the current zone is ticked
    assert "weekly, Friday at 20:00 UTC" in await chat.press_text("20:00")
    found = await prefs(store)
    assert (found.frequency, found.digest_weekday, found.digest_hour) == ("weekly", 4, 20)


async def test_all_services_and_the_last_choices_stay_sane(
    chat: Chatter, store: SQLiteStorage
) -> None:
    await chat.say("/subscribe TM")
    await chat.press("Services")
    await chat.press("VPN")
    assert (await prefs(store)).services == frozenset({"vpn"})
    await chat.press("VPN")  # un-ticking the last one means every service, not none
    assert (await prefs(store)).services is None
    await chat.press("Next")
    for label in ("Blocks", "Throttling", "Unblocks"):
        await chat.press(label)
    assert (await prefs(store)).actions == {"unblock"}  # the last kind of news stays
    await chat.say("/settings")
    await chat.press("Countries")
    # The last country stays (/forget is the way out), so the page is unchanged, which
    # Telegram refuses to redraw: the press must still be answered.
    chat.api.fail(USER, 400, "Bad Request: message is not modified")
    calls = await chat.press("TM")
    assert answers(calls) == [""]
    assert (await store.subscriber("telegram", str(USER))) is not None


async def test_a_typed_code_adds_a_country(chat: Chatter, store: SQLiteStorage) -> None:
    await chat.say("/start")
    await chat.press("Type a code")
    assert "Unknown country code" in await chat.say("armenia")
    assert "Armenia (AM)" in await chat.say("am")
    found = await store.subscriber("telegram", str(USER))
    assert found is not None and found.countries == {"AM"}
    assert "Subscribed" in await chat.say("/subscribe TM")  # the typing step is over


@pytest.mark.parametrize(
    "data",
    [
        "bw:country:XX",
        "bw:hour:24",
        "bw:evil:1",
        "bw:page:../x",
        "bw:service:" + "a" * 40,
        "bw:forget:maybe",
        "v1:TM",
    ],
)
async def test_forged_callback_data_changes_nothing(
    chat: Chatter, store: SQLiteStorage, data: str
) -> None:
    await chat.say("/subscribe TM")
    calls = await chat.press("", data=data)
    assert answers(calls) == ["This button is out of date."]
    assert [m for m, _ in calls if m.startswith("edit")] == []
    assert (await store.subscriber("telegram", str(USER))) is not None


async def test_group_buttons_are_for_administrators_only(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    bot_api.set_admins(GROUP, ADMIN)
    await chat.say("/subscribe TM", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")
    await chat.press("Countries", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")
    refused = await chat.press("RU", chat_id=GROUP, user_id=MEMBER, chat_type="supergroup")
    assert "administrators" in answers(refused)[0]
    assert [m for m, _ in refused if m.startswith("edit")] == []
    found = await store.subscriber("telegram", str(GROUP))
    assert found is not None and found.countries == {"TM"}
    await chat.press("RU", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")
    found = await store.subscriber("telegram", str(GROUP))
    assert found is not None and found.countries == {"TM", "RU"}


async def test_forget_asks_then_leaves_nothing(
    chat: Chatter, store: SQLiteStorage, tmp_path: Path
) -> None:
    await chat.say("/subscribe TM RU")
    await report(store, 1, "TM", "imo")  # queues an alert for the chat: forget must drop it
    with sqlite3.connect(tmp_path / "blockwatch.db") as db:
        assert db.execute("SELECT count(*) FROM outbox").fetchone() == (1,)
    await chat.say("/forget")
    assert "Nothing was deleted" in await chat.press_text("Cancel")
    assert await store.subscriber("telegram", str(USER)) is not None
    await chat.say("/forget")
    assert "deleted" in await chat.press_text("Yes")
    with sqlite3.connect(tmp_path / "blockwatch.db") as db:
        for table in ("subscribers", "subscriptions", "outbox"):
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        assert db.execute(
            "SELECT count(*) FROM subscribers WHERE address = ?", (str(USER),)
        ).fetchone() == (0,)


async def test_stop_pauses_and_start_resumes(chat: Chatter, store: SQLiteStorage) -> None:
    assert "no subscriptions" in await chat.say("/stop")
    await chat.say("/subscribe TM")
    assert "Paused" in await chat.say("/stop")
    assert (await prefs(store)).paused
    assert "Paused" in await chat.say("/status")
    assert "Welcome back" in await chat.say("/start")
    assert not (await prefs(store)).paused


async def test_here_sends_alerts_to_a_forum_topic(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    bot_api.set_admins(GROUP, ADMIN)
    await chat.say("/subscribe TM", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")
    update = make_test_update("/here", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup")
    assert update.message is not None
    in_topic = update.message.model_copy(update={"message_thread_id": 55, "is_topic_message": True})
    await chat.dp.feed_update(
        chat.bot, update.model_copy(update={"message": in_topic}), store=store
    )
    assert (await prefs(store, GROUP)).topic_id == 55
    [(_, params)] = [c for c in bot_api.calls[-1:] if c[0] == "sendMessage"]
    assert params["message_thread_id"] == "55"  # the answer lands in the topic too
    assert "main chat" in await chat.say(
        "/here", chat_id=GROUP, user_id=ADMIN, chat_type="supergroup"
    )
    assert (await prefs(store, GROUP)).topic_id is None


async def test_the_language_button_switches_every_later_answer(
    chat: Chatter, store: SQLiteStorage
) -> None:
    await chat.say("/subscribe TM")
    await chat.press("🌐 English")
    assert chat.button("✅ English") == "bw:lang:en"
    done = await chat.press_text("Türkmençe")
    assert "Ýatda saklandy" in done and "Türkmenistan (TM)" in done  # redrawn in Turkmen at once
    found = await store.subscriber("telegram", str(USER))
    assert found is not None and found.language == "tk"
    assert "Petiklemeler" in await chat.say("/status", language_code="ru")


async def test_quiet_hours_are_two_presses_and_one_to_turn_them_off(
    chat: Chatter, store: SQLiteStorage
) -> None:
    await chat.say("/subscribe TM")
    await chat.press("Quiet hours")
    assert chat.button("✅ No quiet hours") == "bw:qfrom:off"
    assert "until what hour" in await chat.press_text("22:00")
    done = await chat.press_text("07:00")
    assert "<b>Quiet hours:</b> 22:00–07:00 UTC" in done
    assert (await prefs(store)).quiet_hours == (22, 7)
    await chat.press("Quiet hours")
    assert chat.button("✅ 22:00") == "bw:qfrom:22"  # the current start, ticked
    assert "Quiet hours" not in await chat.press_text("No quiet hours")
    assert (await prefs(store)).quiet_hours is None


async def test_quiet_hours_make_alerts_silent_at_night_in_the_chats_zone(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    """The choice made with buttons reaches the send: disable_notification at 23:00 local."""
    await chat.say("/subscribe TM")
    await chat.press("Time zone")
    await chat.press("Tashkent")  # UTC+5
    await chat.press("Quiet hours")
    await chat.press("22:00")
    await chat.press("07:00")
    await report(store, 1, "TM", "imo")  # queued for the chat
    sender = TelegramSender(chat.bot, Pacer(Limits().scaled(0.05)))
    at_night = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)  # 23:30 in Tashkent
    await deliver_due(store, sender, render_telegram, ManualClock(at_night))
    [sent] = [
        params
        for method, params in bot_api.calls
        if method == "sendMessage" and "IMO" in str(params["text"])
    ]
    assert str(sent["disable_notification"]).lower() == "true"


async def test_time_zone_from_the_region_list_or_any_region_page(
    chat: Chatter, store: SQLiteStorage
) -> None:
    await chat.say("/subscribe TM")
    assert "Now: UTC" in await chat.press_text("Time zone")
    assert "Saved" in await chat.press_text("Almaty")  # instant alerts: no hour to ask
    assert (await prefs(store)).timezone == "Asia/Almaty"
    await chat.press("Time zone")
    assert "region" in await chat.press_text("Other regions")
    await chat.press("America")
    for _ in range(8):  # page on until New York shows
        if any("New York" in b["text"] for row in chat.keyboard() for b in row):
            break
        await chat.press("›")
    await chat.press("New York")
    assert (await prefs(store)).timezone == "America/New_York"
    await chat.press("Time zone")
    assert chat.button("✅ New York") == "bw:zone:America/New_York"  # a far zone stays shown


async def test_a_daily_digests_zone_then_asks_the_hour_there(
    chat: Chatter, store: SQLiteStorage
) -> None:
    await chat.say("/subscribe TM")
    await chat.press("How often")
    await chat.press("Daily digest")
    assert "At what hour (Europe/Moscow)?" in await chat.press_text("Moscow")
    assert chat.button("✅ 08:00") == "bw:hour:8"  # the hour kept so far
    assert "daily at 06:00 Europe/Moscow" in await chat.press_text("06:00")


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Asia/Tashkent", "Asia/Tashkent"),
        ("europe/berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("Bishkek", "Asia/Bishkek"),
    ],
)
async def test_a_typed_time_zone_is_checked_against_the_tz_database(
    chat: Chatter, store: SQLiteStorage, typed: str, zone: str
) -> None:
    await chat.say("/subscribe TM")
    await chat.press("Time zone")
    assert "time zone name" in await chat.press_text("Type a zone")
    assert "Unknown time zone: Mars/&lt;b&gt;" in await chat.say("Mars/<b>")
    assert (await prefs(store)).timezone == "UTC"
    assert "Saved" in await chat.say(typed)
    assert (await prefs(store)).timezone == zone
    assert "Subscribed" in await chat.say("/subscribe RU")  # the typing step is over
