"""What every moderator command shares: the clock, replies, and reading a user id.

The clock comes from the dispatcher's workflow data (`clock`), so tests can set the time;
without it, the real one. Replies are HTML with every piece of stored or typed text escaped.
Moderators read English: the texts are not in the subscribers' catalogues.
"""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup, LinkPreviewOptions, Message

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # cards link to sources: no big previews
# The largest Telegram user id today is near 2^40; anything longer is a typo or a chat id.
_MAX_USER_ID = 2**52


async def reply(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    await message.answer(
        text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
    )


async def edit_in_place(
    message: Message, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Redraw a card or page after a press."""
    try:
        await message.edit_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
        )
    except TelegramBadRequest as exc:
        # A press that changes nothing (the interval a feed already has) redraws the same
        # text, which Telegram refuses; whatever the press stored is stored either way.
        if "message is not modified" not in exc.message:
            raise


def user_id(text: str | None) -> int | None:
    """A user id as typed ("123456789"); None for anything else (names, chat ids, words)."""
    word = (text or "").strip()
    if not (word.isascii() and word.isdigit()) or not 0 < int(word) < _MAX_USER_ID:
        return None
    return int(word)


def when(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def fit(lines: list[str], limit: int = 4000) -> str:
    """As many whole lines as fit in one Telegram message (4096 characters, with room for
    "and N more"): Telegram counts the text without tags, so counting the HTML is safe."""
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit:
            return "\n".join([*kept, f"and {len(lines) - len(kept)} more."])
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept)
