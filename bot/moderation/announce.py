"""/announce TM text: a moderator's own alert to a country's subscribers, on every channel.

The command shows the text as subscribers will read it and how many it reaches; nothing is
sent until its author presses Send. The draft waits in the author's FSM context (this chat,
this user), so no other moderator can send it, and a restart only drops an unsent draft. Sent,
it is queued in the outbox like any alert (storage: `announce`) and goes out with the next
delivery run, marked as an announcement.
"""

from __future__ import annotations

import html
import logging

from aiogram import F, Router
from aiogram.enums import ParseMode
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.core.countries import is_country
from bot.core.display import country_name, flag
from bot.moderation.announcement import MAX_TEXT
from bot.moderation.auth import IsModerator
from bot.moderation.common import reply
from bot.ports import Clock, ModerationStorage, utc_now

log = logging.getLogger(__name__)

USAGE = (
    "Write /announce, a country code and the text, e.g.\n"
    "/announce TM The bot's address is changing tomorrow; follow @new_bot."
)
_DRAFT = "announcement"  # the key of the draft in the author's FSM data


class AnnouncePress(CallbackData, prefix="ma"):
    op: str  # send | cancel


def build_router() -> Router:
    router = Router(name="moderation-announce")
    router.message.register(on_announce, Command("announce"), IsModerator())
    router.callback_query.register(on_press, AnnouncePress.filter(), IsModerator())
    router.callback_query.register(on_refused, F.data.startswith(f"{AnnouncePress.__prefix__}:"))
    return router


async def on_announce(
    message: Message, command: CommandObject, store: ModerationStorage, state: FSMContext
) -> None:
    code, _, text = (command.args or "").strip().partition(" ")
    text = text.strip()
    if not (len(code) == 2 and is_country(code)) or not text:
        await reply(message, html.escape(USAGE))
        return
    if len(text) > MAX_TEXT:
        await reply(message, f"Too long: {len(text)} characters; at most {MAX_TEXT}.")
        return
    country = code.upper()
    audience = await store.audience(country)
    total = sum(audience.values())
    await state.update_data({_DRAFT: {"country": country, "text": text}})
    where = f"{flag(country)} {html.escape(country_name(country))} ({country})"
    counts = ", ".join(f"{n} by {channel}" for channel, n in sorted(audience.items())) or "none"
    preview = (
        f"<b>Announcement for {where}</b>: {total} subscribers ({counts}).\n"
        f"They will read:\n\n{html.escape(text)}\n\nSend it?"
    )
    await reply(
        message,
        preview,
        InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=f"📢 Send to {total}", callback_data=AnnouncePress(op="send").pack()
                    ),
                    InlineKeyboardButton(
                        text="Cancel", callback_data=AnnouncePress(op="cancel").pack()
                    ),
                ]
            ]
        ),
    )


async def on_press(
    query: CallbackQuery,
    callback_data: AnnouncePress,
    store: ModerationStorage,
    state: FSMContext,
    clock: Clock = utc_now,
) -> None:
    draft = (await state.get_data()).get(_DRAFT)
    message = query.message
    if not isinstance(message, Message) or not isinstance(draft, dict):
        await query.answer(
            "No draft of yours is waiting here: send /announce again.", show_alert=True
        )
        return
    await state.update_data({_DRAFT: None})
    if callback_data.op != "send":
        await _show(message, "Cancelled: nothing was sent.")
        await query.answer()
        return
    country, text = str(draft["country"]), str(draft["text"])
    queued = await store.announce(country, text, query.from_user.id, clock())
    log.info("announcement for %s queued: %d deliveries", country, queued)
    await _show(
        message,
        f"Queued for {queued} subscribers of {html.escape(country_name(country))}"
        ": it goes out with the next delivery run.",
    )
    await query.answer("Queued.")


async def on_refused(query: CallbackQuery) -> None:
    await query.answer("Only moderators can do this.", show_alert=True)


async def _show(message: Message, text: str) -> None:
    await message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=None)
