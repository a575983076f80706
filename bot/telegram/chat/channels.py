"""Channels, managed from their administrator's private chat with the bot.

Nobody can press a button or type a command in a channel, so its administrator sends the bot
`/channel @name` (or the channel's numeric id), or forwards it one of the channel's posts. The
bot asks Telegram (getChatMember) whether the sender administers the channel and whether the bot
itself is an administrator that may post there; then the same settings conversation edits the
channel's subscription from the private chat, its buttons carrying the channel's id
(bot/telegram/callbacks.py's ChatPick) and every press checked again (bot/telegram/chat/buttons.py).
"""

from __future__ import annotations

import html
import logging

from aiogram import Bot
from aiogram.enums import ChatType, ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import CommandObject
from aiogram.types import (
    ChatFullInfo,
    ChatMemberAdministrator,
    InlineKeyboardMarkup,
    Message,
    MessageOriginChannel,
)

from bot.ports import Storage
from bot.telegram import keyboards as kb
from bot.telegram.chat.buttons import CHANNEL_MARK, may_manage
from bot.telegram.chat.pages import page
from bot.telegram.chat.views import describe
from bot.telegram.i18n import _, current_language

log = logging.getLogger(__name__)
_NAME_CHARS = 64


async def on_channel(message: Message, command: CommandObject, bot: Bot, store: Storage) -> None:
    """/channel @name: manage that channel's alerts here."""
    if message.chat.type != ChatType.PRIVATE:
        await _reply(message, _("Send /channel @name to me in a private chat."))
        return
    ref = (command.args or "").split(maxsplit=1)[0] if command.args else ""
    if not ref:
        await _reply(
            message, _("Which channel? Send /channel @name, or forward me a post from the channel.")
        )
        return
    await manage(message, bot, store, int(ref) if ref.lstrip("-").isdigit() else ref)


async def on_forwarded_post(message: Message, bot: Bot, store: Storage) -> None:
    """A post forwarded from a channel, in a private chat: manage that channel."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginChannel):
        await manage(message, bot, store, origin.chat.id)


async def manage(message: Message, bot: Bot, store: Storage, ref: int | str) -> None:
    """Check that the bot may post there and the sender administers it, then show the
    channel's settings (or its first step)."""
    user = message.from_user
    channel = await _channel(bot, ref)
    if channel is None:
        await _reply(
            message,
            _("I cannot see that channel. Add me to it as an administrator, then try again."),
        )
    # The bot first: Telegram shows a channel's members only to its administrators.
    elif not await _bot_may_post(bot, channel.id):
        await _reply(
            message,
            _("Make me an administrator of the channel who may post messages, then try again."),
        )
    elif user is None or not await may_manage(bot, channel.id, user.id):
        await _reply(message, _("Only the channel's administrators can manage its alerts."))
    else:
        log.debug("user %s manages channel %s", user.id, channel.id)
        await _show(message, store, channel)


async def _channel(bot: Bot, ref: int | str) -> ChatFullInfo | None:
    try:
        chat = await bot.get_chat(ref)
    except TelegramAPIError as exc:  # unknown name, or a channel the bot is not in
        log.debug("channel %s not visible: %s", ref, exc.message)
        return None
    return chat if chat.type == ChatType.CHANNEL else None


async def _bot_may_post(bot: Bot, channel_id: int) -> bool:
    try:
        member = await bot.get_chat_member(channel_id, bot.id)
    except TelegramAPIError as exc:
        log.warning("could not check the bot's rights in a channel: %s", exc.message)
        return False
    return isinstance(member, ChatMemberAdministrator) and bool(member.can_post_messages)


async def _show(message: Message, store: Storage, channel: ChatFullInfo) -> None:
    name = channel.title or (f"@{channel.username}" if channel.username else str(channel.id))
    header = f"{CHANNEL_MARK} <b>{html.escape(name[:_NAME_CHARS])}</b>"
    found = await store.subscriber("telegram", str(channel.id))
    if found is not None and not found.active:
        # Alerts stopped when the bot lost the channel (403); it may post there again now.
        await store.set_active(found.id, True)
    if found is None:
        text, markup = page("countries", None)
    else:
        text = _("This channel gets:") + "\n" + describe(found)
        markup = kb.settings_keyboard(current_language())
    await _reply(message, header + "\n" + text, kb.retarget(markup, channel.id))


async def _reply(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    await message.answer(text, parse_mode=ParseMode.HTML, reply_markup=markup)
