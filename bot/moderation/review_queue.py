"""The review queue over Telegram: /review lists held events; their cards' buttons approve,
correct or reject them (bot/moderation/cards.py draws them; storage/held_events.py decides).

A card may be pressed long after it was sent, by any of the moderators who got a copy: each
press reads the event as it stands, so a second moderator's press on a decided event only
redraws the card with what became of it.
"""

from __future__ import annotations

import logging
from typing import Literal

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.core.moderation import ReviewCase
from bot.moderation.auth import IsModerator
from bot.moderation.cards import (
    ReviewPress,
    case_keyboard,
    fields_keyboard,
    is_valid,
    render_case,
    values_keyboard,
)
from bot.moderation.common import edit_in_place, reply
from bot.ports import Clock, FigureLookup, ModerationStorage, utc_now

log = logging.getLogger(__name__)

LISTED = 10  # cards /review sends at once; the rest follow as these are decided
REFUSED = "Only moderators can do this."


def build_router() -> Router:
    router = Router(name="moderation-review")
    router.message.register(on_review, Command("review"), IsModerator())
    router.callback_query.register(on_press, ReviewPress.filter(), IsModerator())
    # Anyone else's press on a card (in a moderators' group) is answered, never acted on.
    router.callback_query.register(on_refused, F.data.startswith(f"{ReviewPress.__prefix__}:"))
    return router


async def on_review(
    message: Message, store: ModerationStorage, figures: FigureLookup | None = None
) -> None:
    """Every held event's card, oldest first, with OONI's figure when there is one."""
    held = await store.pending_reviews(LISTED + 1)
    if not held:
        await reply(message, "Nothing is waiting for review.")
        return
    for event_id in held[:LISTED]:
        case = await store.review_case(event_id)
        if case is not None:
            figure = figures(case.event.country, case.event.service) if figures else None
            await reply(message, render_case(case, figure), case_keyboard(case))
    if len(held) > LISTED:
        await reply(
            message, f"More are waiting: send /review again once these {LISTED} are decided."
        )


async def on_press(
    query: CallbackQuery,
    callback_data: ReviewPress,
    store: ModerationStorage,
    clock: Clock = utc_now,
) -> None:
    message = query.message
    if not isinstance(message, Message) or not is_valid(callback_data):
        await query.answer("This button is out of date.")
        return
    press, moderator = callback_data, query.from_user.id
    case = await store.review_case(press.event)
    if case is None:
        await query.answer("This event no longer exists.")
        await edit_in_place(message, "This event no longer exists.", None)
        return
    if case.review != "pending":
        await query.answer("Already decided.")
        await edit_in_place(message, render_case(case), None)
        return
    if press.op in ("approve", "reject"):
        case = await _decide(
            store, case, "approved" if press.op == "approve" else "rejected", moderator, clock
        )
        await edit_in_place(message, render_case(case), case_keyboard(case))
        await query.answer(
            "Approved: it goes out now."
            if case.review == "approved"
            else "Rejected: nobody is told."
        )
    elif press.op == "fix":
        markup = (
            values_keyboard(case, press.field) if press.field else fields_keyboard(case.event.id)
        )
        await edit_in_place(message, render_case(case), markup)
        await query.answer()
    elif press.op == "set":
        await _correct(query, message, store, case, press, clock)
    else:  # "card": back to the card's own buttons
        await edit_in_place(message, render_case(case), case_keyboard(case))
        await query.answer()


async def on_refused(query: CallbackQuery) -> None:
    log.debug("user %s pressed a review button without being a moderator", query.from_user.id)
    await query.answer(REFUSED, show_alert=True)


async def _decide(
    store: ModerationStorage,
    case: ReviewCase,
    decision: Literal["approved", "rejected"],
    moderator: int,
    clock: Clock,
) -> ReviewCase:
    event_id = case.event.id
    await store.decide_review(event_id, decision, moderator, clock())
    log.debug("moderator %s: event %d %s", moderator, event_id, decision)
    return await store.review_case(event_id) or case


async def _correct(
    query: CallbackQuery,
    message: Message,
    store: ModerationStorage,
    case: ReviewCase,
    press: ReviewPress,
    clock: Clock,
) -> None:
    field: Literal["country", "service", "action"] = (
        "country"
        if press.field == "country"
        else "service"
        if press.field == "service"
        else "action"
    )  # is_valid checked the field
    now_id = await store.correct_event(
        case.event.id, field, press.value, query.from_user.id, clock()
    )
    fresh = await store.review_case(now_id) if now_id is not None else None
    if fresh is None:
        await query.answer("This event changed meanwhile.")
        return
    log.debug("moderator %s corrected event %d", query.from_user.id, case.event.id)
    note = (
        ""
        if now_id == case.event.id
        else f"Merged into event {now_id}, which already reports this.\n\n"
    )
    await edit_in_place(message, note + render_case(fresh), case_keyboard(fresh))
    await query.answer("Corrected.")
