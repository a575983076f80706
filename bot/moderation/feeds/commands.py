"""Moderators' feed commands over Telegram: /feeds, /addfeed and the per-feed buttons.

    /feeds            every feed with its health, in pages; per feed: pause or resume, remove,
                      interval, default country
    /addfeed URL ...  find the feed behind URL, fetch it once, show what it would alert on;
                      Save registers it (bot/moderation/feeds/args.py for the settings)

Every command and button passes IsModerator first; anyone else's press on these buttons is
answered with a refusal and changes nothing. Changes go through the feed desk (workflow
data `feed_desk`, bot/feeds/desk.py), which stores and audits them and tells the running
service. /addfeed previews wait as drafts in the database, so Save works after a restart.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.core.errors import ConfigError, FeedError
from bot.core.registry import FeedDraft, RegisteredFeed
from bot.feeds.desk import FeedDesk
from bot.feeds.view import feed_pages, preview_message
from bot.moderation.auth import IsModerator
from bot.moderation.common import edit_in_place, reply
from bot.moderation.feeds import buttons as kb
from bot.moderation.feeds.args import USAGE, parse_addfeed

log = logging.getLogger(__name__)

OUT_OF_DATE = "This button is out of date."
REFUSED = "Only moderators can do this."


def build_router() -> Router:
    """A fresh router with the feed commands and buttons (a router joins one dispatcher)."""
    router = Router(name="moderation-feeds")
    router.message.register(on_feeds, Command("feeds"), IsModerator())
    router.message.register(on_addfeed, Command("addfeed"), IsModerator())
    router.callback_query.register(on_feed_press, kb.FeedPress.filter(), IsModerator())
    router.callback_query.register(on_draft_press, kb.DraftPress.filter(), IsModerator())
    # Last: anyone else's press on these buttons (in a moderators' group, or forged).
    router.callback_query.register(
        on_refused,
        F.data.startswith((f"{kb.FeedPress.__prefix__}:", f"{kb.DraftPress.__prefix__}:")),
    )
    return router


async def on_feeds(message: Message, feed_desk: FeedDesk) -> None:
    """Every feed with its health, a page at a time, each feed with its row of buttons."""
    for page in feed_pages(await feed_desk.views(), feed_desk.now(), feed_desk.next_run):
        await reply(message, page.text, kb.page_keyboard(page.views))


async def on_addfeed(message: Message, command: CommandObject, feed_desk: FeedDesk) -> None:
    """Find and try the feed; the moderator sees the result and decides with the buttons."""
    try:
        request = parse_addfeed(command.args)
    except ConfigError as exc:
        await reply(message, f"{escape(exc.reason)}\n\n{USAGE}")
        return
    try:
        preview = await feed_desk.preview(
            request.url,
            language=request.language,
            country=request.country,
            interval=request.interval,
        )
    except FeedError as exc:
        await reply(message, f"No feed added: {escape(exc.reason)}")
        return
    known = await feed_desk.store.feed_by_url(preview.spec.url)
    if known is not None and known.status != "removed":  # a removed one is revived by Save
        await reply(message, _already(known))
        return
    actor = message.from_user.id if message.from_user else 0
    draft = await feed_desk.store.save_feed_draft(
        FeedDraft(0, actor, preview.spec, feed_desk.now())
    )
    await reply(
        message, preview_message(preview) + "\n\nSave it?", kb.draft_keyboard(draft.id, draft.spec)
    )


# --- a registered feed's buttons --------------------------------------------------------------


async def on_feed_press(
    query: CallbackQuery, callback_data: kb.FeedPress, feed_desk: FeedDesk
) -> None:
    message, op, value = query.message, callback_data.op, callback_data.value
    if not isinstance(message, Message) or not kb.valid(op, value, kb.FEED_OPS):
        await query.answer(OUT_OF_DATE)
        return
    feed = await feed_desk.store.registered_feed(callback_data.feed)
    if feed is None or feed.status == "removed":
        await query.answer("That feed was removed.")
        return
    if op in ("pause", "resume"):
        await feed_desk.set_status(
            feed.id, "paused" if op == "pause" else "active", actor_id=query.from_user.id
        )
        await _redraw_page(message, feed_desk, feed.id)
        await query.answer(f"{'Paused' if op == 'pause' else 'Resumed'} {_name(feed)}")
        return
    if op == "fulltext":  # a moderator vouches for the outlet's terms, or takes it back
        whole = not feed.spec.full_text
        await feed_desk.set_full_text(feed.id, whole, actor_id=query.from_user.id)
        await _redraw_page(message, feed_desk, feed.id)
        what = "whole articles" if whole else "opening sentences only"
        await query.answer(f"{_name(feed)}: {what} by mail")
        return
    await query.answer()
    if op in ("remove", "interval", "country"):
        await reply(message, *_question(op, feed))
    else:
        await edit_in_place(message, await _apply(feed_desk, feed, op, value, query.from_user.id))


def _question(op: str, feed: RegisteredFeed) -> tuple[str, InlineKeyboardMarkup]:
    """What a button asks before it changes anything, with the choices."""
    name, pack = escape(_name(feed)), kb.feed_pack(feed.id)
    if op == "remove":
        return (
            f"Remove <b>{name}</b>? It is no longer polled; its items and events stay.",
            kb.remove_keyboard(feed),
        )
    if op == "interval":
        return (f"How often should <b>{name}</b> be polled?", kb.interval_keyboard(feed.spec, pack))
    return (
        f"Default country of <b>{name}</b>, for items that name none?",
        kb.country_keyboard(feed.spec, pack),
    )


async def _apply(feed_desk: FeedDesk, feed: RegisteredFeed, op: str, value: str, actor: int) -> str:
    """The answer chosen: stored, audited, scheduled; the text the question becomes."""
    name = escape(_name(feed))
    if op == "removeyes":
        await feed_desk.set_status(feed.id, "removed", actor_id=actor)
        return f"Removed <b>{name}</b>. /addfeed with its address brings it back."
    if op == "every":
        await feed_desk.set_interval(feed.id, int(value), actor_id=actor)
        return f"<b>{name}</b> is polled every {kb.every(int(value))}."
    if op == "cc":
        country = None if value == kb.NO_COUNTRY else value
        await feed_desk.set_country(feed.id, country, actor_id=actor)
        return f"Default country of <b>{name}</b>: {country or 'none'}."
    return f"Kept <b>{name}</b>."  # "keep"


def _name(feed: RegisteredFeed) -> str:
    return f"#{feed.id} {feed.spec.name}"


async def _redraw_page(message: Message, feed_desk: FeedDesk, feed_id: int) -> None:
    """The /feeds page that shows this feed, as it is now."""
    pages = feed_pages(await feed_desk.views(), feed_desk.now(), feed_desk.next_run)
    for page in pages:
        if any(view.feed.id == feed_id for view in page.views):
            await edit_in_place(message, page.text, kb.page_keyboard(page.views))
            return


# --- an /addfeed preview's buttons --------------------------------------------------------------


async def on_draft_press(
    query: CallbackQuery, callback_data: kb.DraftPress, feed_desk: FeedDesk
) -> None:
    message, op, value = query.message, callback_data.op, callback_data.value
    if not isinstance(message, Message) or not kb.valid(op, value, kb.DRAFT_OPS):
        await query.answer(OUT_OF_DATE)
        return
    draft = await feed_desk.store.feed_draft(callback_data.draft)
    if draft is None or draft.actor_id != query.from_user.id:  # each decides on their own
        await query.answer(
            "No preview of yours is waiting here: send /addfeed again.", show_alert=True
        )
        return
    await query.answer()
    pack = kb.draft_pack(draft.id)
    if op == "save":
        feed, added = await feed_desk.add(draft.spec, actor_id=query.from_user.id)
        await feed_desk.store.drop_feed_draft(draft.id)
        await edit_in_place(message, _saved(feed) if added else _already(feed))
    elif op == "cancel":
        await feed_desk.store.drop_feed_draft(draft.id)
        await edit_in_place(message, "Not added.")
    elif op == "interval":
        await _edit_markup(message, kb.interval_keyboard(draft.spec, pack))
    elif op == "country":
        await _edit_markup(message, kb.country_keyboard(draft.spec, pack))
    else:  # "every" or "cc": a new setting, and what the feed would alert on with it
        spec = (
            replace(draft.spec, interval=timedelta(minutes=int(value)))
            if op == "every"
            else replace(draft.spec, country=None if value == kb.NO_COUNTRY else value)
        )
        draft = await feed_desk.store.save_feed_draft(replace(draft, spec=spec))
        await edit_in_place(
            message, await _draft_text(feed_desk, draft), kb.draft_keyboard(draft.id, draft.spec)
        )


async def on_refused(query: CallbackQuery) -> None:
    """Anyone else's press (in a moderators' group, or forged) is answered, never acted on."""
    await query.answer(REFUSED, show_alert=True)


async def _draft_text(feed_desk: FeedDesk, draft: FeedDraft) -> str:
    """The preview again with the draft's settings: the country changes what is found."""
    spec = draft.spec
    try:
        preview = await feed_desk.preview(
            spec.url, language=spec.language, country=spec.country, interval=spec.interval
        )
    except FeedError as exc:
        return (
            f"<b>{escape(spec.name)}</b>: could not fetch it again ({escape(exc.reason)})."
            "\n\nSave it anyway?"
        )
    return preview_message(replace(preview, spec=spec)) + "\n\nSave it?"


def _saved(feed: RegisteredFeed) -> str:
    minutes = int(feed.spec.interval.total_seconds() // 60)
    return (
        f"Saved as <b>#{feed.id} {escape(feed.spec.name)}</b>: polled every "
        f"{kb.every(minutes)}, the first time within a minute."
    )


def _already(feed: RegisteredFeed) -> str:
    return (
        f"Already watched as <b>#{feed.id} {escape(feed.spec.name)}</b> ({feed.status}). "
        "/feeds to change it."
    )


async def _edit_markup(message: Message, markup: InlineKeyboardMarkup) -> None:
    await message.edit_reply_markup(reply_markup=markup)
