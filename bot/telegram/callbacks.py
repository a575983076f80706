"""The data our inline buttons carry, and its validation. Pure.

Every button carries a `Pick` packed as "bw:<step>:<value>" (Telegram allows 64 bytes). A button
that edits another chat's subscription (a channel, managed from its administrator's private
chat) carries a `ChatPick` instead, "bc:<chat id>:<step>:<value>", made from the same keyboard
by `retarget`: the keyboards never need to know whose settings they show.

Callback data comes back from clients we do not control, so `is_valid` checks each value
against what our keyboards could have put there before a handler acts on it; a ChatPick's chat
is checked by the handler, which asks Telegram whether the presser administers that chat.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.countries import is_country
from bot.core.models import ACTIONS
from bot.telegram.catalogues import LANGUAGES
from bot.telegram.zones import LONGEST_NAME, REGIONS, is_zone

# Where our subscribers are: offered first, before "type a code".
REGION: tuple[str, ...] = ("TM", "UZ", "KZ", "KG", "TJ", "RU", "BY", "AZ", "IR", "TR")
SERVICES: tuple[str, ...] = (
    "whatsapp",
    "telegram",
    "imo",
    "instagram",
    "youtube",
    "tiktok",
    "twitter",
    "facebook",
    "signal",
    "viber",
    "internet",
    "vpn",
)
PAGES: tuple[str, ...] = (
    "countries",
    "services",
    "actions",
    "frequency",
    "language",
    "zone",
    "quiet",
    "forget",
    "done",
)
FREQUENCIES: tuple[str, ...] = ("instant", "daily", "weekly")
TYPE_CODE = "type"  # the country button that asks for a code instead
TYPE_ZONE = "type"  # the time-zone button that asks for a typed name
ALL = "all"  # the services button that means every service
OFF = "off"  # the quiet-hours button that turns them off
_VALUE_CHARS = 12  # every value but a time zone's name is a short word or number


class Pick(CallbackData, prefix="bw"):
    """One button press: which step of the conversation, and the value chosen there."""

    step: str  # see _VALID
    value: str = ""


class ChatPick(CallbackData, prefix="bc"):
    """A press that edits the subscription of `chat` (a channel), not of the chat pressed in."""

    chat: int
    step: str
    value: str = ""

    def pick(self) -> Pick:
        return Pick(step=self.step, value=self.value)


def _hour(value: str) -> bool:
    return value.isdigit() and 0 <= int(value) <= 23


def _region_page(value: str) -> bool:
    """ "" (the list of regions), "Asia" (its first page) or "Asia.3"."""
    region, _, page = value.partition(".")
    return value == "" or (
        region in REGIONS and (page == "" or (page.isdigit() and int(page) < 50))
    )


def _quiet(value: str) -> bool:
    """ "22-7": quiet from 22:00 until 07:00, local time."""
    start, _, end = value.partition("-")
    return _hour(start) and _hour(end) and start != end


_VALID: dict[str, Callable[[str], bool]] = {
    "page": lambda v: v in PAGES,
    "country": lambda v: v == TYPE_CODE or (len(v) == 2 and v.isupper() and is_country(v)),
    "service": lambda v: v == ALL or v in SERVICES,
    "action": lambda v: v in ACTIONS,
    "freq": lambda v: v in FREQUENCIES,
    "weekday": lambda v: v.isdigit() and 0 <= int(v) <= 6,
    "hour": _hour,
    "forget": lambda v: v in ("yes", "no"),
    "lang": lambda v: v in LANGUAGES,
    "zone": lambda v: v == TYPE_ZONE or is_zone(v),
    "region": _region_page,
    "qfrom": lambda v: v == OFF or _hour(v),
    "quiet": _quiet,
}


def is_valid(pick: Pick) -> bool:
    """True only for a step and value that one of our keyboards could have sent."""
    check = _VALID.get(pick.step)
    longest = LONGEST_NAME if pick.step == "zone" else _VALUE_CHARS
    return check is not None and len(pick.value) <= longest and check(pick.value)


def button(text: str, step: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=Pick(step=step, value=value).pack())


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def retarget(markup: InlineKeyboardMarkup | None, chat: int) -> InlineKeyboardMarkup | None:
    """The same keyboard, each button editing `chat`'s subscription instead of this chat's."""
    if markup is None:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_retargeted(item, chat) for item in row] for row in markup.inline_keyboard
        ]
    )


def _retargeted(item: InlineKeyboardButton, chat: int) -> InlineKeyboardButton:
    data = item.callback_data
    if data is None or not data.startswith(Pick.__prefix__ + ":"):
        return item
    pick = Pick.unpack(data)
    packed = ChatPick(chat=chat, step=pick.step, value=pick.value).pack()
    return item.model_copy(update={"callback_data": packed})
