"""The bot's commands in private chats and groups: /start, /help, /subscribe, /unsubscribe, /status.

The store arrives through the dispatcher's workflow data under the name `store` (aiogram keeps
`storage` for its FSM): `Dispatcher(store=store)` or `dp.feed_update(bot, update, store=store)`.
A chat's subscriber address is str(chat.id). In groups only the creator and administrators may
change what the group receives; anyone may read /status. Replies are English HTML, with every
piece of user text or stored data escaped. Chat ids are logged at debug level only: our
subscribers may be at risk.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence

from aiogram import Bot, F, Router
from aiogram.enums import ChatMemberStatus, ChatType, ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import BotCommand, Message

from bot.countries import is_country
from bot.display import country_name, flag, headline
from bot.models import Event, Subscriber
from storage.protocol import Storage

log = logging.getLogger(__name__)

# Languages alerts can be written in (primary subtags); anyone else gets English for now.
SUPPORTED_LANGUAGES = frozenset({"en", "ru", "uk", "kk", "tk", "uz", "ky", "tg", "be", "az"})
STATUS_EVENTS = 5  # latest events /status shows, across the chat's countries
_MAX_CODES = 30  # a /subscribe line longer than this is a paste accident, not a request

HELP = (
    "<b>Blockwatch</b> tells you when a country blocks, slows down or unblocks messengers and "
    "sites, as soon as news feeds report it.\n\n"
    "Use two-letter country codes (ISO 3166-1), e.g. TM for Turkmenistan, RU for Russia:\n"
    "/subscribe TM RU — alerts for these countries\n"
    "/unsubscribe TM — stop alerts for one country\n"
    "/unsubscribe — stop everything and forget this chat\n"
    "/status — this chat's countries and the latest events\n\n"
    "In groups only administrators can change subscriptions. We keep this chat's id, its "
    "countries and its language, nothing else; /unsubscribe deletes them."
)


COMMANDS = (
    BotCommand(command="subscribe", description="Alerts for countries: /subscribe TM RU"),
    BotCommand(command="unsubscribe", description="Stop one country, or everything"),
    BotCommand(command="status", description="This chat's countries and latest events"),
    BotCommand(command="help", description="How Blockwatch works"),
)


async def publish_commands(bot: Bot) -> None:
    """Show the commands in Telegram's menu (call once at start-up)."""
    await bot.set_my_commands(list(COMMANDS))


def build_router() -> Router:
    """A fresh router with every command (a router can be attached to one dispatcher only)."""
    router = Router(name="blockwatch")
    router.message.register(on_start, CommandStart())
    router.message.register(on_help, Command("help"))
    router.message.register(on_subscribe, Command("subscribe"))
    router.message.register(on_unsubscribe, Command("unsubscribe"))
    router.message.register(on_status, Command("status"))
    router.message.register(on_migrate, F.migrate_to_chat_id)
    return router


async def on_start(message: Message, store: Storage) -> None:
    """Greet; a subscriber whose alerts stopped (bot was blocked) gets them again."""
    found = await store.subscriber("telegram", str(message.chat.id))
    if found is not None and not found.active:
        await store.set_active(found.id, True)
        log.debug("chat %s is back: alerts resumed", message.chat.id)
    await _reply(message, HELP)


async def on_help(message: Message) -> None:
    """The commands, with examples."""
    await _reply(message, HELP)


async def on_subscribe(message: Message, command: CommandObject, bot: Bot, store: Storage) -> None:
    """/subscribe TM RU: add countries (all must be valid, so a typo changes nothing)."""
    codes, unknown = parse_codes(command.args)
    if unknown:
        await _reply(message, _unknown_codes(unknown))
        return
    if not codes:
        await _reply(message, "Which countries? For example: /subscribe TM RU")
        return
    if not await _may_change(message, bot):
        return
    subscriber = await store.subscribe(
        "telegram", str(message.chat.id), codes, language=chat_language(message)
    )
    log.debug("chat %s subscribed to %s", message.chat.id, codes)
    await _reply(message, "Subscribed. This chat now gets alerts for:\n" + _countries(subscriber))


async def on_unsubscribe(
    message: Message, command: CommandObject, bot: Bot, store: Storage
) -> None:
    """/unsubscribe TM drops one country; bare /unsubscribe forgets the chat altogether."""
    codes, unknown = parse_codes(command.args)
    if unknown:
        await _reply(message, _unknown_codes(unknown))
        return
    if not await _may_change(message, bot):
        return
    if await store.subscriber("telegram", str(message.chat.id)) is None:
        await _reply(message, "This chat has no subscriptions.")
        return
    left = await store.unsubscribe("telegram", str(message.chat.id), codes or None)
    log.debug("chat %s unsubscribed from %s", message.chat.id, codes or "everything")
    if left is None:
        await _reply(message, "Unsubscribed. This chat gets no alerts and we have forgotten it.")
    else:
        await _reply(message, "Unsubscribed. This chat still gets alerts for:\n" + _countries(left))


async def on_status(message: Message, store: Storage) -> None:
    """The chat's countries and the latest events for them; anyone in a group may ask."""
    subscriber = await store.subscriber("telegram", str(message.chat.id))
    if subscriber is None or not subscriber.countries:
        await _reply(message, "This chat has no subscriptions. Try /subscribe TM")
        return
    lines = ["This chat gets alerts for:", _countries(subscriber)]
    if not subscriber.active:
        lines.append("<i>Alerts are paused because the bot could not reach this chat; "
                     "send /start to resume them.</i>")
    events = await latest_events(store, sorted(subscriber.countries), STATUS_EVENTS)
    lines.append("\n<b>Latest events</b>" if events else "\nNo events for these countries yet.")
    lines.extend(_event_line(event) for event in events)
    await _reply(message, "\n".join(lines))


async def on_migrate(message: Message, store: Storage) -> None:
    """A group became a supergroup: its subscription follows it to the new chat id.

    Without this the first alert after the upgrade would fail and be re-addressed by delivery.
    """
    new_address = str(message.migrate_to_chat_id)
    found = await store.subscriber("telegram", str(message.chat.id))
    # Someone may have subscribed the supergroup already; then delivery sorts the old one out.
    if found is not None and await store.subscriber("telegram", new_address) is None:
        await store.change_address(found.id, new_address)
        log.debug("chat %s moved to %s", message.chat.id, message.migrate_to_chat_id)


def parse_codes(args: str | None) -> tuple[list[str], list[str]]:
    """Split "tm, RU" into known codes (upper case, no repeats) and the unknown words as typed."""
    words = (args or "").replace(",", " ").split()[:_MAX_CODES]
    known = [word.upper() for word in words if len(word) == 2 and is_country(word)]
    unknown = [word for word in words if not (len(word) == 2 and is_country(word))]
    return list(dict.fromkeys(known)), unknown


def chat_language(message: Message) -> str:
    """The sender's language when we support it ("pt-br" counts as "pt"), else English."""
    code = message.from_user.language_code if message.from_user else None
    primary = (code or "").split("-")[0].lower()
    return primary if primary in SUPPORTED_LANGUAGES else "en"


async def latest_events(store: Storage, countries: Sequence[str], limit: int) -> list[Event]:
    """The newest `limit` events across these countries, newest first."""
    events = [event for code in countries for event in await store.recent_events(code, limit)]
    return sorted(events, key=lambda event: (event.last_seen, event.id), reverse=True)[:limit]


async def _may_change(message: Message, bot: Bot) -> bool:
    """Private chats: always. Groups: the creator and administrators only; others are told so."""
    if message.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return True
    if message.sender_chat is not None and message.sender_chat.id == message.chat.id:
        return True  # an anonymous administrator, posting as the group itself
    if message.from_user is not None:
        try:
            member = await bot.get_chat_member(message.chat.id, message.from_user.id)
        except TelegramAPIError as exc:
            log.warning("could not check a group member's rights: %s", exc.message)
        else:
            if member.status in (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR):
                return True
    await _reply(message, "Sorry, only this group's administrators can change its subscriptions.")
    return False


def _countries(subscriber: Subscriber) -> str:
    return "\n".join(
        f"{flag(code)} {html.escape(country_name(code))} ({code})".strip()
        for code in sorted(subscriber.countries)
    )


def _event_line(event: Event) -> str:
    sources = "1 source" if event.source_count == 1 else f"{event.source_count} sources"
    text = headline(event.country, event.service, event.action)
    return f"• {html.escape(text)} — {event.last_seen:%Y-%m-%d} ({sources})"


def _unknown_codes(unknown: Sequence[str]) -> str:
    shown = ", ".join(html.escape(word[:12]) for word in unknown[:5])
    return (f"Unknown country code: {shown}. Use two-letter ISO codes, e.g. TM for "
            "Turkmenistan, RU for Russia, IR for Iran.")


async def _reply(message: Message, text: str) -> None:
    await message.answer(text, parse_mode=ParseMode.HTML)
