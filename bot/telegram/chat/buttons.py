"""The subscription conversation's buttons: who may press them, and the page redrawn after.

A press is checked twice before it changes anything: its data must be something our keyboards
send (`callbacks.is_valid`), and the presser must have the right to change that subscription:
in groups an administrator, exactly as for typed commands (a button is just another way to
type); for a channel managed from a private chat, an administrator of the channel, asked of
Telegram at every press, since callback data can be forged. What each press does is
bot/telegram/chat/steps.py's; the pages are bot/telegram/chat/pages.py's.
"""

from __future__ import annotations

import html
import logging

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType, ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Chat, Message

from bot.ports import Storage
from bot.telegram import keyboards as kb
from bot.telegram.chat.pages import Page, page
from bot.telegram.chat.steps import STEPS, Flow, Where
from bot.telegram.i18n import _

__all__ = ["CHANNEL_MARK", "Flow", "Page", "may_change", "may_manage", "page", "register"]

log = logging.getLogger(__name__)
CHANNEL_MARK = "📢"  # first line of a page that edits a channel: kept on every redraw


async def may_change(bot: Bot, chat: Chat, user_id: int | None, sender_chat: Chat | None) -> bool:
    """Private chats: anyone. Groups: the creator, administrators, or the group posting itself."""
    if chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return True
    if sender_chat is not None and sender_chat.id == chat.id:
        return True  # an anonymous administrator, posting as the group itself
    if user_id is None:
        return False
    return await may_manage(bot, chat.id, user_id)


async def may_manage(bot: Bot, chat_id: int, user_id: int) -> bool:
    """Whether Telegram says this user is the chat's creator or one of its administrators."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except TelegramAPIError as exc:
        log.warning("could not check a member's rights: %s", exc.message)
        return False
    return member.status in (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)


async def on_pick(
    query: CallbackQuery, callback_data: kb.Pick, bot: Bot, store: Storage, state: FSMContext
) -> None:
    """A button of this chat's conversation."""
    message = query.message
    if not isinstance(message, Message) or not kb.is_valid(callback_data):
        await query.answer(_("This button is out of date."))
        return
    if not await may_change(bot, message.chat, query.from_user.id, None):
        await query.answer(
            _("Only this group's administrators can change its settings."), show_alert=True
        )
        return
    await _apply(query, Where(message, str(message.chat.id)), callback_data, store, state)


async def on_chat_pick(
    query: CallbackQuery, callback_data: kb.ChatPick, bot: Bot, store: Storage, state: FSMContext
) -> None:
    """A button that edits a channel's subscription from its administrator's private chat."""
    message = query.message
    pick = callback_data.pick()
    if not isinstance(message, Message) or not kb.is_valid(pick):
        await query.answer(_("This button is out of date."))
        return
    if not await may_manage(bot, callback_data.chat, query.from_user.id):
        await query.answer(
            _("Only the channel's administrators can change its settings."), show_alert=True
        )
        return
    where = Where(message, str(callback_data.chat), managed=callback_data.chat)
    await _apply(query, where, pick, store, state)


async def on_stale(query: CallbackQuery) -> None:
    """Buttons of an older version of the bot, or forged: answered, so no client spins."""
    await query.answer(_("This button is out of date."))


async def _apply(
    query: CallbackQuery, where: Where, pick: kb.Pick, store: Storage, state: FSMContext
) -> None:
    shown = await STEPS[pick.step](where, pick.value, store, state)
    if shown is not None:
        await _redraw(where, shown)
    await query.answer()


async def _redraw(where: Where, shown: Page) -> None:
    text, markup = shown
    if where.managed is not None:  # still the channel's page: its name on top, its buttons
        first_line = (where.message.text or "").split("\n", 1)[0]
        if first_line.startswith(CHANNEL_MARK):
            text = html.escape(first_line) + "\n" + text
        markup = kb.retarget(markup, where.managed)
    try:
        await where.message.edit_text(text, reply_markup=markup, parse_mode=ParseMode.HTML)
    except TelegramBadRequest as exc:
        # A press that changed nothing (the last country kept) redraws the same page, which
        # Telegram refuses; the settings are saved either way.
        if "message is not modified" not in exc.message:
            raise


def register(router: Router) -> None:
    """Attach the button handlers (typed codes and zones are handled in
    bot/telegram/chat/handlers.py)."""
    router.callback_query.register(on_pick, kb.Pick.filter())
    router.callback_query.register(on_chat_pick, kb.ChatPick.filter())
    router.callback_query.register(on_stale)
