"""The bot's commands in private chats and groups; the buttons live in bot/telegram/chat/buttons.py.

The store arrives through the dispatcher's workflow data under the name `store` (aiogram keeps
`storage` for its FSM): `Dispatcher(store=store)` or `dp.feed_update(bot, update, store=store)`.
A chat's subscriber address is str(chat.id). In groups only the creator and administrators may
change what the group receives; anyone may read /status and /latest. Replies are HTML in the
chat's language (bot/telegram/i18n.py), with every piece of user text or stored data escaped. Chat
ids
are logged at debug level only: our subscribers may be at risk.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import replace

from aiogram import Bot, F, Router
from aiogram.enums import ChatType, MessageOriginType, ParseMode
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message

from bot.core.models import Subscriber
from bot.ports import Storage
from bot.telegram import keyboards as kb
from bot.telegram.chat import buttons as talk
from bot.telegram.chat import channels, steps, views
from bot.telegram.chat.read import ReadPress, on_read
from bot.telegram.chat.steps import Flow
from bot.telegram.i18n import (
    N_,
    StoredLanguageMiddleware,
    _,
    catalogue_of,
    current_language,
    get_i18n,
    language_for,
)
from bot.telegram.menu import publish_commands
from bot.telegram.zones import find_zone

__all__ = ["HELP", "SUPPORTED_LANGUAGES", "build_router", "chat_language", "publish_commands"]

log = logging.getLogger(__name__)

# Languages alerts can be written in (primary subtags); anyone else gets English for now.
SUPPORTED_LANGUAGES = frozenset({"en", "ru", "uk", "kk", "tk", "uz", "ky", "tg", "be", "az"})

HELP = N_(  # a gettext message id: translations key on this exact English text
    "<b>Blockwatch</b> tells you when a country blocks, slows down or unblocks messengers and "
    "sites, as soon as news feeds report it.\n\n"
    "/start — choose countries, services and how often, with buttons\n"
    "/settings — change any of that\n"
    "/status TM — what is blocked in a country now; /status alone: this chat's countries\n"
    "/latest — the latest events with their sources\n"
    "/stop — pause alerts (/start resumes them)\n"
    "/forget — delete everything we keep about this chat\n"
    "/subscribe TM RU, /unsubscribe TM — the same with country codes (ISO 3166-1)\n"
    "/here — in a forum group: send alerts to this topic\n"
    "/channel @name — manage a channel's alerts from this chat\n\n"
    "In groups only administrators can change settings. We keep this chat's id, its choices "
    "and its language, nothing else."
)


def build_router() -> Router:
    """A fresh router with every command and button (a router joins one dispatcher only)."""
    router = Router(name="blockwatch")
    StoredLanguageMiddleware(get_i18n()).setup(router)
    router.message.register(on_start, CommandStart())
    router.message.register(on_help, Command("help"))
    router.message.register(on_subscribe, Command("subscribe"))
    router.message.register(on_unsubscribe, Command("unsubscribe"))
    router.message.register(views.on_status, Command("status"))
    router.message.register(views.on_latest, Command("latest"))
    router.message.register(on_settings, Command("settings"))
    router.message.register(on_stop, Command("stop"))
    router.message.register(on_forget, Command("forget"))
    router.message.register(on_here, Command("here"))
    router.message.register(channels.on_channel, Command("channel"))
    router.message.register(
        channels.on_forwarded_post,
        F.chat.type == ChatType.PRIVATE,
        F.forward_origin.type == MessageOriginType.CHANNEL,
    )
    router.message.register(on_migrate, F.migrate_to_chat_id)
    router.message.register(on_typed_codes, Flow.typing_code, F.text)
    router.message.register(on_typed_zone, Flow.typing_zone, F.text)
    router.callback_query.register(on_read, ReadPress.filter())
    talk.register(router)
    return router


async def on_start(message: Message, bot: Bot, store: Storage) -> None:
    """Greet and offer the countries; a paused or unreachable chat gets its alerts back."""
    found = await _subscriber(message, store)
    if found is None:
        text, markup = talk.page("countries", None)
        await _reply(message, _("Welcome to Blockwatch.") + "\n" + text, markup)
        return
    if (not found.active or found.prefs.paused) and await _may_change(message, bot):
        await store.set_active(found.id, True)
        found = await store.set_preferences(found.id, replace(found.prefs, paused=False))
        log.debug("chat %s resumed its alerts", message.chat.id)
    await _reply(
        message,
        _("Welcome back.") + "\n" + views.describe(found),
        kb.settings_keyboard(current_language()),
    )


async def on_help(message: Message) -> None:
    """The commands, with examples."""
    await _reply(message, _(HELP))


async def on_settings(message: Message, bot: Bot, store: Storage) -> None:
    """The chat's settings, with a button to reopen each step."""
    found = await _subscriber(message, store)
    if found is None:
        text, markup = talk.page("countries", None)
        await _reply(message, text, markup)
    elif await _may_change(message, bot):
        await _reply(message, views.describe(found), kb.settings_keyboard(current_language()))


async def on_subscribe(message: Message, command: CommandObject, bot: Bot, store: Storage) -> None:
    """/subscribe TM RU: add countries (all must be valid, so a typo changes nothing)."""
    codes, unknown = views.parse_codes(command.args)
    if unknown:
        await _reply(message, views.unknown_codes(unknown))
    elif not codes:
        await _reply(message, _("Which countries? For example: /subscribe TM RU"))
    elif await _may_change(message, bot):
        await _add_countries(message, store, codes)


async def on_typed_codes(message: Message, bot: Bot, store: Storage, state: FSMContext) -> None:
    """The codes someone typed after pressing "type a code"."""
    codes, unknown = views.parse_codes(message.text)
    if unknown or not codes:
        await _reply(message, views.unknown_codes(unknown or ["?"]))
        return
    where = await _typed_for(message, bot, state)
    if where is not None:
        await state.clear()
        await _add_countries(message, store, codes, where)


async def on_typed_zone(message: Message, bot: Bot, store: Storage, state: FSMContext) -> None:
    """The time zone someone typed after pressing "type a zone": an IANA name or a city."""
    zone = find_zone(message.text or "")
    if zone is None:
        typed = html.escape((message.text or "")[:40])
        await _reply(
            message,
            _(
                "Unknown time zone: {typed}. Send a name such as Asia/Tashkent "
                "or a city such as Tashkent."
            ).format(typed=typed),
        )
        return
    where = await _typed_for(message, bot, state)
    if where is None:
        return
    await state.clear()
    found = await store.subscriber("telegram", where.address)
    if found is None:
        await _reply(message, _("This chat has no subscriptions. Try /start"))
        return
    found = await store.set_preferences(found.id, replace(found.prefs, timezone=zone))
    text, markup = steps.after_zone(found)
    await _reply(message, text, kb.retarget(markup, where.managed) if where.managed else markup)


async def on_unsubscribe(
    message: Message, command: CommandObject, bot: Bot, store: Storage
) -> None:
    """/unsubscribe TM drops one country; bare /unsubscribe forgets the chat altogether."""
    codes, unknown = views.parse_codes(command.args)
    if unknown:
        await _reply(message, views.unknown_codes(unknown))
        return
    if not await _may_change(message, bot):
        return
    if await _subscriber(message, store) is None:
        await _reply(message, _("This chat has no subscriptions."))
        return
    left = await store.unsubscribe("telegram", str(message.chat.id), codes or None)
    log.debug("chat %s unsubscribed from %s", message.chat.id, codes or "everything")
    if left is None:
        await _reply(message, _("Unsubscribed. This chat gets no alerts and we have forgotten it."))
    else:
        still = _("Unsubscribed. This chat still gets:")
        await _reply(message, still + "\n" + views.describe(left))


async def on_stop(message: Message, bot: Bot, store: Storage) -> None:
    """Pause alerts, keeping every setting: /start resumes them."""
    found = await _subscriber(message, store)
    if found is None:
        await _reply(message, _("This chat has no subscriptions."))
    elif await _may_change(message, bot):
        await store.set_preferences(found.id, replace(found.prefs, paused=True))
        await _reply(message, _("Paused. Send /start to get alerts again; /forget deletes all."))


async def on_forget(message: Message, bot: Bot, store: Storage) -> None:
    """Ask before deleting: the button does it (bot/telegram/chat/buttons.py)."""
    if await _may_change(message, bot):
        await _reply(
            message,
            _("Delete everything we keep about this chat?"),
            kb.forget_keyboard(current_language()),
        )


async def on_here(message: Message, bot: Bot, store: Storage) -> None:
    """In a forum topic: alerts go to this topic; in General (no topic): back to the chat."""
    found = await _subscriber(message, store)
    if found is None:
        await _reply(message, _("This chat has no subscriptions. Try /start"))
    elif await _may_change(message, bot):
        topic = message.message_thread_id if message.is_topic_message else None
        await store.set_preferences(found.id, replace(found.prefs, topic_id=topic))
        await _reply(
            message,
            _("Alerts will come to this topic.")
            if topic
            else _("Alerts will come to the main chat."),
        )


async def on_migrate(message: Message, store: Storage) -> None:
    """A group became a supergroup: its subscription follows it to the new chat id."""
    new_address = str(message.migrate_to_chat_id)
    found = await _subscriber(message, store)
    # Someone may have subscribed the supergroup already; then delivery sorts the old one out.
    if found is not None and await store.subscriber("telegram", new_address) is None:
        await store.change_address(found.id, new_address)
        log.debug("chat %s moved to %s", message.chat.id, message.migrate_to_chat_id)


def chat_language(message: Message) -> str:
    """The language a new subscription is stored with: the sender's Telegram language, with
    the alphabet of their message for Uzbek ("/subscribe Туркманистон": uz_Cyrl), when we have a
    catalogue or can write alerts in it ("pt-br" counts as "pt"), else English."""
    tag = message.from_user.language_code if message.from_user else None
    chosen = language_for(tag, message.text or message.caption)
    if chosen != "en":
        return chosen
    code = catalogue_of(tag)
    return code if code in SUPPORTED_LANGUAGES else "en"


async def _add_countries(
    message: Message, store: Storage, codes: Sequence[str], where: steps.Where | None = None
) -> None:
    address = where.address if where else str(message.chat.id)
    subscriber = await store.subscribe("telegram", address, codes, language=chat_language(message))
    log.debug("chat %s subscribed to %s", address, codes)
    markup = kb.settings_keyboard(current_language())
    await _reply(
        message,
        _("Subscribed. This chat gets:") + "\n" + views.describe(subscriber),
        kb.retarget(markup, where.managed) if where and where.managed else markup,
    )


async def _typed_for(message: Message, bot: Bot, state: FSMContext) -> steps.Where | None:
    """Whose subscription a typed answer is for (this chat's, or the channel a button was
    pressed for), once the sender's right to change it is checked again."""
    data = await state.get_data()
    managed = data.get("managed")
    if not isinstance(managed, int):
        return (
            steps.Where(message, str(message.chat.id)) if await _may_change(message, bot) else None
        )
    user = message.from_user
    if user is None or not await talk.may_manage(bot, managed, user.id):
        await _reply(message, _("Only the channel's administrators can manage its alerts."))
        return None
    return steps.Where(message, str(managed), managed=managed)


async def _subscriber(message: Message, store: Storage) -> Subscriber | None:
    return await store.subscriber("telegram", str(message.chat.id))


async def _may_change(message: Message, bot: Bot) -> bool:
    """talk.may_change for a typed command; the refused are told why."""
    user = message.from_user.id if message.from_user else None
    if await talk.may_change(bot, message.chat, user, message.sender_chat):
        return True
    await _reply(message, _("Sorry, only this group's administrators can change its settings."))
    return False


async def _reply(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    await message.answer(text, parse_mode=ParseMode.HTML, reply_markup=markup)
