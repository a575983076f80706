"""Channels managed from the administrator's private chat: /channel @name or a forwarded post,
then the settings conversation on the channel's subscription. Real Dispatcher, real SQLite, the
Bot API stand-in answering getChat and getChatMember."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiogram import Dispatcher
from aiogram.types import Chat, MessageOriginChannel

from bot.telegram.chat.handlers import build_router
from bot.telegram.sender import make_bot
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.chatter import MEMBER, USER, Chatter, answers
from tests.support.tgjson import BOT_ID

CHANNEL = -1001234567890


@pytest.fixture
async def chat(bot_api: BotAPI, store: SQLiteStorage) -> AsyncIterator[Chatter]:
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router())
    bot = make_bot(bot_api.token, bot_api.base_url)
    bot_api.add_chat(CHANNEL, "channel", "Turkmen News <live>", username="tmnews")
    bot_api.set_admins(CHANNEL, USER, BOT_ID)
    yield Chatter(dispatcher, bot, bot_api, store)
    await bot.session.close()


async def channel_countries(store: SQLiteStorage) -> set[str] | None:
    found = await store.subscriber("telegram", str(CHANNEL))
    return set(found.countries) if found else None


async def test_an_admin_subscribes_a_channel_from_the_private_chat(
    chat: Chatter, store: SQLiteStorage
) -> None:
    reply = await chat.say("/channel @tmnews")
    assert reply.startswith("📢 <b>Turkmen News &lt;live&gt;</b>\nWhich countries?")
    assert chat.button("TM") == f"bc:{CHANNEL}:country:TM"  # the channel's, not this chat's
    redrawn = await chat.press_text("TM")
    assert redrawn.startswith("📢 Turkmen News &lt;live&gt;\nWhich countries?")  # still its page
    assert chat.button("✅ 🇹🇲 TM").startswith(f"bc:{CHANNEL}:")
    await chat.press("Next")
    await chat.press("VPN")
    found = await store.subscriber("telegram", str(CHANNEL))
    assert (
        found is not None
        and found.countries == {"TM"}
        and found.prefs.services == frozenset({"vpn"})
    )
    assert await store.subscriber("telegram", str(USER)) is None  # the admin's chat: untouched


async def test_a_forwarded_post_opens_the_channels_settings_and_revives_them(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    subscriber = await store.subscribe("telegram", str(CHANNEL), ["UZ"])
    await store.set_active(subscriber.id, False)  # the bot had been removed: 403 on a send
    update = make_test_update("news of the day", chat_id=USER)
    assert update.message is not None
    origin = MessageOriginChannel(
        date=datetime.now(UTC),
        message_id=9,
        chat=Chat(id=CHANNEL, type="channel", title="Turkmen News"),
    )
    forwarded = update.message.model_copy(update={"forward_origin": origin})
    await chat.dp.feed_update(
        chat.bot, update.model_copy(update={"message": forwarded}), store=store
    )
    [reply] = bot_api.texts_to(USER)
    assert "This channel gets:" in reply and "Uzbekistan (UZ)" in reply
    assert chat.button("Delete this subscription") == f"bc:{CHANNEL}:page:forget"
    found = await store.subscriber("telegram", str(CHANNEL))
    assert found is not None and found.active  # the bot may post there again: alerts resume


async def test_the_channels_settings_reach_every_step_and_delete(
    chat: Chatter, store: SQLiteStorage
) -> None:
    await store.subscribe("telegram", str(CHANNEL), ["TM"])
    await chat.say(f"/channel {CHANNEL}")
    await chat.press("🌐")
    await chat.press("Русский")
    found = await store.subscriber("telegram", str(CHANNEL))
    assert found is not None and found.language == "ru"  # the channel's alerts: Russian
    await chat.press("Quiet hours")
    await chat.press("23:00")
    assert "Quiet hours:</b> 23:00–06:00" in await chat.press_text("06:00")
    found = await store.subscriber("telegram", str(CHANNEL))
    assert found is not None and found.prefs.quiet_hours == (23, 6)
    await chat.press("Countries")
    await chat.press("Type a code")
    assert "Armenia (AM)" in await chat.say("AM")  # typed for the channel, not this chat
    assert await channel_countries(store) == {"TM", "AM"}
    assert await store.subscriber("telegram", str(USER)) is None
    await chat.press("Delete this subscription")
    assert "deleted" in await chat.press_text("Yes")
    assert await channel_countries(store) is None


async def test_someone_who_does_not_administer_the_channel_is_refused(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    reply = await chat.say("/channel @tmnews", chat_id=MEMBER)
    assert "Only the channel's administrators" in reply
    assert not any(m == "sendMessage" and "reply_markup" in p for m, p in bot_api.calls)
    # Nor can a forged or forwarded button do what the command could not.
    forged = await chat.press("", chat_id=MEMBER, data=f"bc:{CHANNEL}:country:RU")
    assert "Only the channel's administrators" in answers(forged)[0]
    assert [m for m, _ in forged if m.startswith("edit")] == []
    assert await channel_countries(store) is None
    assert ("getChatMember", {"chat_id": str(CHANNEL), "user_id": str(MEMBER)}) in bot_api.calls


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("bot not admin", "Make me an administrator of the channel"),
        ("bot may not post", "Make me an administrator of the channel"),
        ("unknown channel", "I cannot see that channel"),
        ("a group, not a channel", "I cannot see that channel"),
    ],
)
async def test_the_bot_must_see_the_channel_and_may_post_there(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI, setup: str, expected: str
) -> None:
    name = "@tmnews"
    if setup == "bot not admin":
        bot_api.set_admins(CHANNEL, USER)
    elif setup == "bot may not post":
        bot_api.set_admins(CHANNEL, USER, BOT_ID, can_post=False)
    elif setup == "unknown channel":
        name = "@nosuchchannel"
    else:
        bot_api.add_chat(-100999, "supergroup", "A group", username="agroup")
        name = "@agroup"
    assert expected in await chat.say(f"/channel {name}")
    assert await channel_countries(store) is None


@pytest.mark.parametrize(
    ("text", "chat_type", "expected"),
    [
        ("/channel", "private", "Which channel?"),
        ("/channel @tmnews", "supergroup", "in a private chat"),
    ],
)
async def test_channel_command_explains_itself(
    chat: Chatter, text: str, chat_type: str, expected: str
) -> None:
    chat_id = USER if chat_type == "private" else -100777
    assert expected in await chat.say(text, chat_id=chat_id, user_id=USER, chat_type=chat_type)
