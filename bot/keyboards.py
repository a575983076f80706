"""Inline keyboards of the subscription conversation, and the callback data they carry. Pure.

Every button carries a `Pick` packed as "bw:<step>:<value>" (a dozen bytes; Telegram allows 64).
Callback data comes back from clients we do not control, so `is_valid` checks each value against
what this module could have put there before a handler acts on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.countries import is_country
from bot.display import flag, service_name
from bot.i18n import LANGUAGES, N_, translate
from bot.models import ACTIONS, Action, Preferences

# Where our subscribers are: offered first, before "type a code".
REGION: tuple[str, ...] = ("TM", "UZ", "KZ", "KG", "TJ", "RU", "BY", "AZ", "IR", "TR")
SERVICES: tuple[str, ...] = (
    "whatsapp", "telegram", "imo", "instagram", "youtube", "tiktok", "twitter", "facebook",
    "signal", "viber", "internet", "vpn",
)
PAGES: tuple[str, ...] = ("countries", "services", "actions", "frequency", "language", "done")
FREQUENCIES: tuple[str, ...] = ("instant", "daily", "weekly")
ACTION_LABELS: dict[Action, str] = {
    "block": N_("Blocks"), "throttle": N_("Throttling"), "unblock": N_("Unblocks"),
}
WEEKDAYS: tuple[str, ...] = (
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
)
# Each language in its own name: someone who cannot read the current one still finds theirs.
NATIVE_NAMES: dict[str, str] = {
    "en": "English", "ru": "Русский", "tk": "Türkmençe", "uz": "Oʻzbekcha", "kk": "Қазақша",
}
# Digest time zones: the region's, by the city people know them by. Buttons carry the index,
# as "Europe/Istanbul" would not fit the value length is_valid allows.
ZONES: tuple[tuple[str, str], ...] = (
    ("Asia/Ashgabat", "Ashgabat"), ("Asia/Tashkent", "Tashkent"), ("Asia/Almaty", "Almaty"),
    ("Asia/Bishkek", "Bishkek"), ("Asia/Dushanbe", "Dushanbe"), ("Europe/Moscow", "Moscow"),
    ("Europe/Minsk", "Minsk"), ("Asia/Baku", "Baku"), ("Asia/Tehran", "Tehran"),
    ("Europe/Istanbul", "Istanbul"), ("UTC", "UTC"),
)
TYPE_CODE = "type"  # the country button that asks for a code instead
ALL = "all"  # the services button that means every service
_ON = "✅ "


class Pick(CallbackData, prefix="bw"):
    """One button press: which step of the conversation, and the value chosen there."""

    step: str  # page | country | service | action | freq | weekday | zone | hour | forget | lang
    value: str = ""


_VALID: dict[str, Callable[[str], bool]] = {
    "page": lambda v: v in PAGES,
    "country": lambda v: v == TYPE_CODE or (len(v) == 2 and v.isupper() and is_country(v)),
    "service": lambda v: v == ALL or v in SERVICES,
    "action": lambda v: v in ACTIONS,
    "freq": lambda v: v in FREQUENCIES,
    "weekday": lambda v: v.isdigit() and 0 <= int(v) <= 6,
    "hour": lambda v: v.isdigit() and 0 <= int(v) <= 23,
    "forget": lambda v: v in ("yes", "no"),
    "lang": lambda v: v in LANGUAGES,
    "zone": lambda v: v.isdigit() and int(v) < len(ZONES),
}


def is_valid(pick: Pick) -> bool:
    """True only for a step and value that one of our keyboards could have sent."""
    check = _VALID.get(pick.step)
    return check is not None and len(pick.value) <= 12 and check(pick.value)


def _button(text: str, step: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=Pick(step=step, value=value).pack())


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i:i + width]) for i in range(0, len(buttons), width)]


def _next(page: str, language: str) -> list[InlineKeyboardButton]:
    return [_button(translate(language, "Next ›"), "page", page)]


def countries_keyboard(selected: Iterable[str], language: str) -> InlineKeyboardMarkup:
    """The region's countries (ticked when chosen), any other chosen ones, "type a code"."""
    chosen = set(selected)
    codes = [*REGION, *sorted(chosen - set(REGION))]
    buttons = [
        _button(f"{_ON if code in chosen else ''}{flag(code)} {code}", "country", code)
        for code in codes
    ]
    return InlineKeyboardMarkup(inline_keyboard=[
        *_rows(buttons, 5),
        [_button(translate(language, "⌨ Type a code"), "country", TYPE_CODE)],
        _next("services", language),
    ])


def services_keyboard(selected: frozenset[str] | None, language: str) -> InlineKeyboardMarkup:
    """"All services", or the ones ticked."""
    everything = translate(language, "All services")
    buttons = [
        _button(f"{_ON if selected and service in selected else ''}{service_name(service)}",
                "service", service)
        for service in SERVICES
    ]
    return InlineKeyboardMarkup(inline_keyboard=[
        [_button(f"{_ON if selected is None else ''}{everything}", "service", ALL)],
        *_rows(buttons, 3),
        _next("actions", language),
    ])


def actions_keyboard(selected: frozenset[Action], language: str) -> InlineKeyboardMarkup:
    """Blocks, throttling, unblocks: each ticked when wanted."""
    buttons = [
        _button(f"{_ON if action in selected else ''}{translate(language, ACTION_LABELS[action])}",
                "action", action)
        for action in ACTIONS
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons, _next("frequency", language)])


def frequency_keyboard(prefs: Preferences, language: str) -> InlineKeyboardMarkup:
    """Instantly, a daily digest or a weekly one (the chosen one ticked)."""
    labels = {"instant": N_("Instantly"), "daily": N_("Daily digest"),
              "weekly": N_("Weekly digest")}
    buttons = [
        _button(f"{_ON if prefs.frequency == freq else ''}{translate(language, labels[freq])}",
                "freq", freq)
        for freq in FREQUENCIES
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons, _next("done", language)])


def weekdays_keyboard(language: str) -> InlineKeyboardMarkup:
    """Which day the weekly digest comes."""
    buttons = [
        _button(translate(language, day), "weekday", str(i)) for i, day in enumerate(WEEKDAYS)
    ]
    return InlineKeyboardMarkup(inline_keyboard=_rows(buttons, 7))


def zones_keyboard(current: str) -> InlineKeyboardMarkup:
    """The time zone digests are timed in (the current one ticked)."""
    buttons = [_button(f"{_ON if zone == current else ''}{city}", "zone", str(i))
               for i, (zone, city) in enumerate(ZONES)]
    return InlineKeyboardMarkup(inline_keyboard=_rows(buttons, 3))


def hours_keyboard() -> InlineKeyboardMarkup:
    """The hour of the digest, 00 to 23, six a row."""
    buttons = [_button(f"{hour:02d}:00", "hour", str(hour)) for hour in range(24)]
    return InlineKeyboardMarkup(inline_keyboard=_rows(buttons, 6))


def settings_keyboard(language: str) -> InlineKeyboardMarkup:
    """/settings: one button a step, to reopen it."""
    labels = {"countries": N_("Countries"), "services": N_("Services"),
              "actions": N_("Which news"), "frequency": N_("How often")}
    buttons = [_button(translate(language, label), "page", page) for page, label in labels.items()]
    globe = _button("🌐 " + NATIVE_NAMES.get(language, "English"), "page", "language")
    return InlineKeyboardMarkup(inline_keyboard=[*_rows(buttons, 2), [globe]])


def language_keyboard(current: str) -> InlineKeyboardMarkup:
    """The bot's languages, each in its own name; the current one ticked."""
    buttons = [_button(f"{_ON if code == current else ''}{NATIVE_NAMES[code]}", "lang", code)
               for code in LANGUAGES]
    return InlineKeyboardMarkup(inline_keyboard=_rows(buttons, 3))


def forget_keyboard(language: str) -> InlineKeyboardMarkup:
    """The confirmation /forget asks for before deleting anything."""
    return InlineKeyboardMarkup(inline_keyboard=[[
        _button(translate(language, "Yes, delete everything"), "forget", "yes"),
        _button(translate(language, "Cancel"), "forget", "no"),
    ]])
