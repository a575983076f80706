"""The buttons of /feeds and /addfeed, and the callback data they carry. Pure.

    FeedPress  "mf:<op>:<feed id>:<value>"   a registered feed's buttons
    DraftPress "md:<op>:<draft id>:<value>"  an /addfeed preview's buttons

Callback data comes back from clients we do not control: `valid` checks each press against
what these keyboards could have sent before a handler acts on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.countries import is_country
from bot.core.display import flag
from bot.core.health import FeedView
from bot.core.models import FeedSpec
from bot.core.registry import RegisteredFeed
from bot.telegram.keyboards import REGION

INTERVALS: tuple[int, ...] = (10, 15, 20, 30, 60, 120, 360, 1440)  # minutes
NO_COUNTRY = "-"
FEED_OPS = frozenset(
    {
        "pause",
        "resume",
        "remove",
        "removeyes",
        "keep",
        "interval",
        "every",
        "country",
        "cc",
        "fulltext",
    }
)
DRAFT_OPS = frozenset({"save", "cancel", "interval", "every", "country", "cc"})


class FeedPress(CallbackData, prefix="mf"):
    """One press on a registered feed's button."""

    op: str
    feed: int
    value: str = ""


class DraftPress(CallbackData, prefix="md"):
    """One press on an /addfeed preview's button."""

    op: str
    draft: int
    value: str = ""


def valid(op: str, value: str, ops: frozenset[str]) -> bool:
    """Only an op and value that one of these keyboards could have sent."""
    if op not in ops:
        return False
    if op == "every":
        return value.isdigit() and int(value) in INTERVALS
    if op == "cc":
        return value == NO_COUNTRY or (len(value) == 2 and value.isupper() and is_country(value))
    return value == ""


def every(minutes: int) -> str:
    return (
        f"{minutes // 1440} d"
        if minutes >= 1440
        else (f"{minutes // 60} h" if minutes >= 60 else f"{minutes} min")
    )


def page_keyboard(views: Sequence[FeedView]) -> InlineKeyboardMarkup | None:
    """One row per feed on a /feeds page: pause or resume, remove, interval, country, and
    whether its articles go whole by mail."""
    rows = []
    for view in views:
        feed_id = view.feed.id

        def press(op: str, feed_id: int = feed_id) -> str:
            return FeedPress(op=op, feed=feed_id).pack()

        toggle = ("▶ Resume", "resume") if view.feed.status == "paused" else ("⏸ Pause", "pause")
        rows.append(
            [
                InlineKeyboardButton(text=f"{toggle[0]} {feed_id}", callback_data=press(toggle[1])),
                InlineKeyboardButton(text=f"🗑 {feed_id}", callback_data=press("remove")),
                InlineKeyboardButton(text=f"⏱ {feed_id}", callback_data=press("interval")),
                InlineKeyboardButton(text=f"🌐 {feed_id}", callback_data=press("country")),
                # ARTICLE by mail: the whole text (✓) or the opening only; a press toggles
                InlineKeyboardButton(
                    text=f"📄 {feed_id} {'✓' if view.feed.spec.full_text else '✗'}",
                    callback_data=press("fulltext"),
                ),
            ]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def remove_keyboard(feed: RegisteredFeed) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=f"Yes, remove {feed.id}",
                    callback_data=FeedPress(op="removeyes", feed=feed.id).pack(),
                ),
                InlineKeyboardButton(
                    text="Keep it", callback_data=FeedPress(op="keep", feed=feed.id).pack()
                ),
            ]
        ]
    )


Pack = Callable[[str, str], str]  # (op, value) -> callback data


def feed_pack(feed_id: int) -> Pack:
    return lambda op, value: FeedPress(op=op, feed=feed_id, value=value).pack()


def draft_pack(draft_id: int) -> Pack:
    return lambda op, value: DraftPress(op=op, draft=draft_id, value=value).pack()


def interval_keyboard(current: FeedSpec, pack: Pack) -> InlineKeyboardMarkup:
    """The intervals to choose from, the current one ticked."""
    now = int(current.interval.total_seconds() // 60)
    buttons = [
        InlineKeyboardButton(
            text=("✅ " if minutes == now else "") + every(minutes),
            callback_data=pack("every", str(minutes)),
        )
        for minutes in INTERVALS
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons[:4], buttons[4:]])


def country_keyboard(current: FeedSpec, pack: Pack) -> InlineKeyboardMarkup:
    """The region's countries (and the current one), and none; the current one ticked."""
    extra = [current.country] if current.country and current.country not in REGION else []
    codes = [*REGION, *extra, NO_COUNTRY]
    buttons = [
        InlineKeyboardButton(
            text=("✅ " if code == (current.country or NO_COUNTRY) else "")
            + (f"{flag(code)} {code}" if code != NO_COUNTRY else "No country"),
            callback_data=pack("cc", code),
        )
        for code in codes
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    )


def draft_keyboard(draft_id: int, spec: FeedSpec) -> InlineKeyboardMarkup:
    """The preview's buttons: save, change the default country or interval, cancel."""
    pack = draft_pack(draft_id)
    minutes = int(spec.interval.total_seconds() // 60)
    country = f"{flag(spec.country)} {spec.country}" if spec.country else "no country"
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="✅ Save", callback_data=pack("save", "")),
                InlineKeyboardButton(text="✖ Cancel", callback_data=pack("cancel", "")),
            ],
            [
                InlineKeyboardButton(text=f"🌐 {country}", callback_data=pack("country", "")),
                InlineKeyboardButton(
                    text=f"⏱ every {every(minutes)}", callback_data=pack("interval", "")
                ),
            ],
        ]
    )
