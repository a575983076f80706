"""The bot's commands through a real Dispatcher, the real SQLite store and the Bot API stand-in."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from aiogram import Bot, Dispatcher
from aiogram.types import Chat

from bot.telegram.chat.handlers import build_router, publish_commands
from bot.telegram.pack import MAX_ENTITIES, TELEGRAM_LIMIT, entities, telegram_length
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, make_test_update
from tests.support.chatter import ADMIN, GROUP, MEMBER, OWNER, USER, Chatter, report


@pytest.fixture
def dp() -> Dispatcher:
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router())
    return dispatcher


@pytest.fixture
def chat(dp: Dispatcher, bot: Bot, bot_api: BotAPI, store: SQLiteStorage) -> Chatter:
    return Chatter(dp, bot, bot_api, store)


async def countries(store: SQLiteStorage, chat_id: int) -> set[str] | None:
    found = await store.subscriber("telegram", str(chat_id))
    return set(found.countries) if found else None


async def test_help_explains_the_commands(chat: Chatter, bot_api: BotAPI) -> None:
    reply = await chat.say("/help")
    for command in (
        "/start",
        "/settings",
        "/status TM",
        "/latest",
        "/stop",
        "/forget",
        "/subscribe TM RU",
        "/unsubscribe",
        "/here",
        "/channel @name",
    ):
        assert command in reply
    assert bot_api.messages_to(USER)[0].parse_mode == "HTML"


async def test_subscribe_stores_the_countries_and_the_language(
    chat: Chatter, store: SQLiteStorage
) -> None:
    reply = await chat.say("/subscribe tm, RU TM", language_code="ru")
    assert "Туркменистан (TM)" in reply and "Россия (RU)" in reply  # in the sender's language
    found = await store.subscriber("telegram", str(USER))
    assert found is not None
    assert (found.countries, found.language) == (frozenset({"TM", "RU"}), "ru")


async def test_unsupported_language_falls_back_to_english(
    chat: Chatter, store: SQLiteStorage
) -> None:
    await chat.say("/subscribe TM", language_code="pt-br")
    found = await store.subscriber("telegram", str(USER))
    assert found is not None and found.language == "en"


@pytest.mark.parametrize("args", ["TM XX", "TM <b>1</b>", "TKM", ""])
async def test_bad_or_missing_codes_subscribe_nothing(
    chat: Chatter, store: SQLiteStorage, args: str
) -> None:
    reply = await chat.say(f"/subscribe {args}")
    assert "<b>1" not in reply  # user text is escaped, never markup
    assert ("Unknown country code" in reply) == bool(args)
    assert await countries(store, USER) is None


async def test_unsubscribe_one_then_all(chat: Chatter, store: SQLiteStorage) -> None:
    await chat.say("/subscribe TM RU")
    reply = await chat.say("/unsubscribe TM")
    assert "Russia" in reply and "Turkmenistan" not in reply
    assert await countries(store, USER) == {"RU"}
    reply = await chat.say("/unsubscribe")
    assert "forgotten" in reply
    assert await countries(store, USER) is None


async def test_status_of_a_country_shows_its_board(chat: Chatter, store: SQLiteStorage) -> None:
    await report(store, 1, "TM", "imo", day=20)
    await report(store, 2, "TM", "whatsapp", "throttle", day=21)
    await report(store, 3, "TM", "whatsapp", "block", day=22)  # the newest decides
    await report(store, 4, "DE", "telegram")
    reply = await chat.say("/status tm")
    assert reply.startswith("🇹🇲 <b>Turkmenistan (TM)</b>")
    assert "• IMO: <b>blocked</b> (since Nov 20, 2026; sources: 1)" in reply
    assert "• WhatsApp: <b>blocked</b> (since Nov 22, 2026; sources: 1)" in reply
    assert "throttled" not in reply and "Germany" not in reply


async def test_bare_status_shows_the_chats_boards_and_settings(
    chat: Chatter, store: SQLiteStorage
) -> None:
    assert "no subscriptions" in await chat.say("/status")
    await report(store, 1, "TM", "imo")
    await chat.say("/subscribe TM RU")
    reply = await chat.say("/status")
    assert "IMO: <b>blocked</b>" in reply and "Russia (RU)</b>\nNothing blocked" in reply
    assert "<b>How often:</b> instantly" in reply


async def test_latest_lists_events_with_their_sources(chat: Chatter, store: SQLiteStorage) -> None:
    assert "No events" in await chat.say("/latest")
    await report(store, 1, "TM", "imo", day=20, link="https://a.example/1?a=1&b=2")
    await report(store, 2, "TM", "vpn", day=22)
    reply = await chat.say("/latest TM")
    assert reply.index("VPN services blocked</b> — Nov 22, 2026") < reply.index("IMO blocked")
    assert '<a href="https://a.example/1?a=1&amp;b=2">Feed A: title 1</a>' in reply


async def test_start_resumes_alerts_paused_by_a_blocked_bot(
    chat: Chatter, store: SQLiteStorage
) -> None:
    subscriber = await store.subscribe("telegram", str(USER), ["TM"])
    await store.set_active(subscriber.id, False)
    assert "paused because the bot could not reach" in await chat.say("/status")
    await chat.say("/start")
    found = await store.subscriber("telegram", str(USER))
    assert found is not None and found.active


@pytest.mark.parametrize("user", [ADMIN, OWNER])
async def test_group_administrators_may_subscribe(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI, user: int
) -> None:
    bot_api.set_admins(GROUP, ADMIN, creator=OWNER)
    await chat.say(
        "/subscribe@blockwatch_test_bot TM", chat_id=GROUP, user_id=user, chat_type="supergroup"
    )
    assert await countries(store, GROUP) == {"TM"}
    assert ("getChatMember", {"chat_id": str(GROUP), "user_id": str(user)}) in bot_api.calls


async def test_group_members_are_refused_politely(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    bot_api.set_admins(GROUP, ADMIN)
    await store.subscribe("telegram", str(GROUP), ["TM"])
    for command in ("/subscribe RU", "/unsubscribe"):
        reply = await chat.say(command, chat_id=GROUP, user_id=MEMBER, chat_type="group")
        assert "only this group's administrators" in reply
    assert await countries(store, GROUP) == {"TM"}
    assert "Turkmenistan" in await chat.say(
        "/status", chat_id=GROUP, user_id=MEMBER, chat_type="group"
    )


async def test_anonymous_group_admin_posting_as_the_group_may_subscribe(
    dp: Dispatcher, bot: Bot, bot_api: BotAPI, store: SQLiteStorage
) -> None:
    update = make_test_update(
        "/subscribe TM", chat_id=GROUP, user_id=1087968824, chat_type="supergroup"
    )
    assert update.message is not None
    message = update.message.model_copy(
        update={"sender_chat": Chat(id=GROUP, type="supergroup", title="Test group")}
    )
    await dp.feed_update(bot, update.model_copy(update={"message": message}), store=store)
    assert await countries(store, GROUP) == {"TM"}
    assert "getChatMember" not in bot_api.methods()


async def test_commands_for_another_bot_are_ignored(
    dp: Dispatcher, bot: Bot, bot_api: BotAPI, store: SQLiteStorage
) -> None:
    update = make_test_update(
        "/subscribe@other_bot TM", chat_id=GROUP, user_id=ADMIN, chat_type="group"
    )
    await dp.feed_update(bot, update, store=store)
    assert bot_api.sent == [] and await countries(store, GROUP) is None


async def test_polling_answers_updates_from_get_updates(
    dp: Dispatcher, bot: Bot, bot_api: BotAPI, store: SQLiteStorage
) -> None:
    bot_api.push_update(make_test_update("/subscribe TM", chat_id=USER))
    polling = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, close_bot_session=False, store=store)
    )
    for _ in range(100):
        if bot_api.texts_to(USER):
            break
        await asyncio.sleep(0.05)
    await dp.stop_polling()
    await asyncio.wait_for(polling, 5)
    assert "Subscribed" in bot_api.texts_to(USER)[0]
    assert await countries(store, USER) == {"TM"}


async def test_unsubscribing_an_unknown_chat_says_so(chat: Chatter) -> None:
    assert "no subscriptions" in await chat.say("/unsubscribe TM")


async def test_an_upgraded_group_keeps_its_subscription(
    dp: Dispatcher, bot: Bot, bot_api: BotAPI, store: SQLiteStorage
) -> None:
    await store.subscribe("telegram", str(GROUP), ["TM"])
    update = make_test_update("-", chat_id=GROUP, user_id=ADMIN, chat_type="group")
    assert update.message is not None
    service = update.message.model_copy(
        update={"text": None, "entities": None, "migrate_to_chat_id": -100888}
    )
    await dp.feed_update(bot, update.model_copy(update={"message": service}), store=store)
    assert await countries(store, GROUP) is None
    assert await countries(store, -100888) == {"TM"}
    assert bot_api.sent == []


async def test_command_menus_per_language_and_kind_of_chat(bot: Bot, bot_api: BotAPI) -> None:
    await publish_commands(bot)
    menus = {
        (json.loads(str(params["scope"]))["type"], params.get("language_code")): {
            c["command"]: c["description"] for c in json.loads(str(params["commands"]))
        }
        for method, params in bot_api.calls
        if method == "setMyCommands"
    }
    assert len(menus) == 4 * 5  # default, private, groups, group admins: English + 4 languages
    private = menus[("all_private_chats", None)]
    assert private["status"] == "What is blocked now: /status TM" and "channel" in private
    assert "here" not in private  # topics exist in groups only
    assert menus[("all_private_chats", "ru")]["status"] == "Что заблокировано сейчас: /status TM"
    assert menus[("all_private_chats", "kk")]["stop"] == "Хабарландыруларды тоқтата тұру"
    assert list(menus[("all_group_chats", "tk")]) == ["status", "latest", "help"]
    admins = menus[("all_chat_administrators", "uz")]
    assert "here" in admins and "channel" not in admins
    assert admins["forget"] == "Bu chat haqidagi hamma narsani oʻchirish"
    for commands in menus.values():  # what Telegram accepts
        assert all(1 <= len(text) <= 256 for text in commands.values())


async def test_a_board_too_long_for_one_message_splits_between_services(
    chat: Chatter, store: SQLiteStorage, bot_api: BotAPI
) -> None:
    services = [f"service-with-a-rather-long-name-{n:03d}" for n in range(150)]
    for n, service in enumerate(services):
        await report(store, n, "TM", service, day=1 + n % 28)
    await chat.dp.feed_update(chat.bot, make_test_update("/status TM", chat_id=USER), store=store)
    parts = bot_api.texts_to(USER)
    assert len(parts) >= 2
    seen = []
    for part in parts:
        assert telegram_length(part) <= TELEGRAM_LIMIT and entities(part) <= MAX_ENTITIES
        assert part.startswith("🇹🇲 <b>Turkmenistan (TM)</b>\n")  # each part says whose board
        seen += re.findall(r"• (service-with-a-rather-long-name-\d+): <b>blocked</b>", part)
    assert sorted(seen) == services  # every service once, none cut in two


async def test_replies_follow_the_senders_language(chat: Chatter) -> None:
    assert "сообщает, когда страна блокирует" in await chat.say("/help", language_code="ru")
    assert "Blockwatchʼga xush kelibsiz" in await chat.say("/start", language_code="uz")
    assert "tells you when" in await chat.say("/help", language_code="pt-br")


async def test_the_stored_language_wins_over_the_clients(
    chat: Chatter, store: SQLiteStorage
) -> None:
    await chat.say("/subscribe TM", language_code="kk")
    await report(store, 1, "TM", "imo", "throttle")
    reply = await chat.say("/status TM", language_code="en")  # the same chat, another phone
    assert "Түрікменстан (TM)" in reply and "IMO: <b>баяулатылған</b>" in reply


async def test_uzbek_readers_get_the_alphabet_they_write(
    chat: Chatter, store: SQLiteStorage
) -> None:
    """Telegram says "uz" for both alphabets: the words of the message decide, until the chat
    chooses its language in /settings, which then wins whatever is typed (issue 19)."""
    assert "Blockwatch</b> biror davlat" in await chat.say("/help", language_code="uz")
    cyrillic = await chat.say("/help ёрдам керак", chat_id=USER + 1, language_code="uz")
    assert "Blockwatch</b> бирор давлат мессенжерлар" in cyrillic

    await chat.say("/subscribe TM", language_code="uz")  # Latin words: stored as Latin Uzbek
    found = await store.subscriber("telegram", str(USER))
    assert found is not None and found.language == "uz"
    await chat.press("🌐 Oʻzbekcha")
    assert "Туркманистон (TM)" in await chat.press_text("Ўзбекча")
    found = await store.subscriber("telegram", str(USER))
    assert found is not None and found.language == "uz_Cyrl"
    await report(store, 1, "TM", "imo")
    assert "IMO: <b>блокланган</b>" in await chat.say("/status", language_code="uz")
