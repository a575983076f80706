"""Inline keyboards of the subscription conversation. Pure: data in, InlineKeyboardMarkup out.

The callback data each button carries, and its validation, are bot/telegram/callbacks.py's.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.display import flag
from bot.core.models import ACTIONS, Action, Preferences
from bot.telegram.callbacks import (
    ALL,
    FREQUENCIES,
    OFF,
    REGION,
    SERVICES,
    TYPE_CODE,
    TYPE_ZONE,
    ChatPick,
    Pick,
    button,
    is_valid,
    retarget,
    rows,
)
from bot.telegram.catalogues import LANGUAGES, N_, translate
from bot.telegram.wording import service_in, weekday_in
from bot.telegram.zones import NEARBY, REGIONS, city, is_zone, zones_in

__all__ = [
    "ACTION_LABELS",
    "ALL",
    "NATIVE_NAMES",
    "REGION",
    "SERVICES",
    "TYPE_CODE",
    "TYPE_ZONE",
    "ChatPick",
    "Pick",
    "actions_keyboard",
    "countries_keyboard",
    "forget_keyboard",
    "frequency_keyboard",
    "hours_keyboard",
    "is_valid",
    "language_keyboard",
    "quiet_end_keyboard",
    "quiet_start_keyboard",
    "regions_keyboard",
    "retarget",
    "services_keyboard",
    "settings_keyboard",
    "weekdays_keyboard",
    "zones_keyboard",
    "zones_of_region_keyboard",
]

ACTION_LABELS: dict[Action, str] = {
    "block": N_("Blocks"),
    "throttle": N_("Throttling"),
    "unblock": N_("Unblocks"),
}
# Each language in its own name: someone who cannot read the current one still finds theirs.
# "Oʻzbekcha" with U+02BB, as CLDR and our Uzbek catalogue write oʻ; Uzbek Cyrillic says so.
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "tk": "Türkmençe",
    "uz": "Oʻzbekcha",
    "uz_Cyrl": "Ўзбекча",
    "kk": "Қазақша",
}
ZONES_PER_PAGE = 24  # of a region's zones: eight rows of three, then the page buttons
_ON = "✅ "


def _tick(on: bool) -> str:
    return _ON if on else ""


def _next(page: str, language: str) -> list[InlineKeyboardButton]:
    return [button(translate(language, "Next ›"), "page", page)]


def countries_keyboard(selected: Iterable[str], language: str) -> InlineKeyboardMarkup:
    """The region's countries (ticked when chosen), any other chosen ones, "type a code"."""
    chosen = set(selected)
    codes = [*REGION, *sorted(chosen - set(REGION))]
    buttons = [
        button(f"{_tick(code in chosen)}{flag(code)} {code}", "country", code) for code in codes
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            *rows(buttons, 5),
            [button(translate(language, "⌨ Type a code"), "country", TYPE_CODE)],
            _next("services", language),
        ]
    )


def services_keyboard(selected: frozenset[str] | None, language: str) -> InlineKeyboardMarkup:
    """ "All services", or the ones ticked."""
    everything = translate(language, "All services")
    buttons = [
        button(
            f"{_tick(selected is not None and service in selected)}{service_in(service, language)}",
            "service",
            service,
        )
        for service in SERVICES
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(f"{_tick(selected is None)}{everything}", "service", ALL)],
            *rows(buttons, 3),
            _next("actions", language),
        ]
    )


def actions_keyboard(selected: frozenset[Action], language: str) -> InlineKeyboardMarkup:
    """Blocks, throttling, unblocks: each ticked when wanted."""
    buttons = [
        button(
            f"{_tick(action in selected)}{translate(language, ACTION_LABELS[action])}",
            "action",
            action,
        )
        for action in ACTIONS
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons, _next("frequency", language)])


def frequency_keyboard(prefs: Preferences, language: str) -> InlineKeyboardMarkup:
    """Instantly, a daily digest or a weekly one (the chosen one ticked)."""
    labels = {
        "instant": N_("Instantly"),
        "daily": N_("Daily digest"),
        "weekly": N_("Weekly digest"),
    }
    buttons = [
        button(f"{_tick(prefs.frequency == freq)}{translate(language, labels[freq])}", "freq", freq)
        for freq in FREQUENCIES
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons, _next("done", language)])


def weekdays_keyboard(language: str) -> InlineKeyboardMarkup:
    """Which day the weekly digest comes (day names from CLDR, in the reader's language)."""
    buttons = [button(weekday_in(day, language), "weekday", str(day)) for day in range(7)]
    return InlineKeyboardMarkup(inline_keyboard=rows(buttons, 7))


def zones_keyboard(current: str, language: str) -> InlineKeyboardMarkup:
    """The region's time zones by city (the current one ticked), every other zone by region,
    or a typed name."""
    buttons = [button(f"{_tick(zone == current)}{name}", "zone", zone) for zone, name in NEARBY]
    if current not in dict(NEARBY) and is_zone(current):  # picked from a region: still shown
        buttons.append(button(f"{_ON}{city(current)}", "zone", current))
    return InlineKeyboardMarkup(
        inline_keyboard=[
            *rows(buttons, 3),
            [
                button(translate(language, "🌍 Other regions"), "region"),
                button(translate(language, "⌨ Type a zone"), "zone", TYPE_ZONE),
            ],
        ]
    )


def regions_keyboard(language: str) -> InlineKeyboardMarkup:
    """The tz database's regions (continents and oceans), by their English names."""
    buttons = [button(region, "region", region) for region in REGIONS]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            *rows(buttons, 3),
            [button(translate(language, "‹ Back"), "page", "zone")],
        ]
    )


def zones_of_region_keyboard(
    region: str, page: int, current: str, language: str
) -> InlineKeyboardMarkup:
    """One page of a region's zones, with buttons to the neighbouring pages."""
    zones = zones_in(region)
    last = max((len(zones) - 1) // ZONES_PER_PAGE, 0)
    page = min(page, last)
    shown = zones[page * ZONES_PER_PAGE : (page + 1) * ZONES_PER_PAGE]
    buttons = [button(f"{_tick(zone == current)}{city(zone)}", "zone", zone) for zone in shown]
    turn = [button("‹", "region", f"{region}.{page - 1}")] if page > 0 else []
    turn.append(button(translate(language, "Regions"), "region"))
    if page < last:
        turn.append(button("›", "region", f"{region}.{page + 1}"))
    return InlineKeyboardMarkup(inline_keyboard=[*rows(buttons, 3), turn])


def hours_keyboard(current: int | None = None) -> InlineKeyboardMarkup:
    """The hour of the digest, 00 to 23, six a row (the current one ticked)."""
    buttons = [
        button(f"{_tick(hour == current)}{hour:02d}:00", "hour", str(hour)) for hour in range(24)
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows(buttons, 6))


def quiet_start_keyboard(quiet: tuple[int, int] | None, language: str) -> InlineKeyboardMarkup:
    """When quiet hours begin, or none at all (the current choice ticked)."""
    start = quiet[0] if quiet else None
    buttons = [
        button(f"{_tick(hour == start)}{hour:02d}:00", "qfrom", str(hour)) for hour in range(24)
    ]
    off = button(f"{_tick(quiet is None)}{translate(language, 'No quiet hours')}", "qfrom", OFF)
    return InlineKeyboardMarkup(inline_keyboard=[*rows(buttons, 6), [off]])


def quiet_end_keyboard(start: int, quiet: tuple[int, int] | None) -> InlineKeyboardMarkup:
    """When quiet hours that begin at `start` end: any other hour, the day after if earlier."""
    end = quiet[1] if quiet and quiet[0] == start else None
    buttons = [
        button(f"{_tick(hour == end)}{hour:02d}:00", "quiet", f"{start}-{hour}")
        for hour in range(24)
        if hour != start
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows(buttons, 6))


def settings_keyboard(language: str) -> InlineKeyboardMarkup:
    """/settings: one button a step, to reopen it, and one to delete the subscription (the
    only way for a channel, where nobody can type /forget)."""
    labels = {
        "countries": N_("Countries"),
        "services": N_("Services"),
        "actions": N_("Which news"),
        "frequency": N_("How often"),
        "zone": N_("🕒 Time zone"),
        "quiet": N_("🌙 Quiet hours"),
    }
    buttons = [button(translate(language, label), "page", page) for page, label in labels.items()]
    globe = button("🌐 " + NATIVE_NAMES.get(language, "English"), "page", "language")
    delete = button(translate(language, "🗑 Delete this subscription"), "page", "forget")
    return InlineKeyboardMarkup(inline_keyboard=[*rows(buttons, 2), [globe, delete]])


def language_keyboard(current: str) -> InlineKeyboardMarkup:
    """The bot's languages, each in its own name; the current one ticked."""
    buttons = [
        button(f"{_tick(code == current)}{NATIVE_NAMES[code]}", "lang", code) for code in LANGUAGES
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows(buttons, 3))


def forget_keyboard(language: str) -> InlineKeyboardMarkup:
    """The confirmation /forget asks for before deleting anything."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(translate(language, "Yes, delete everything"), "forget", "yes"),
                button(translate(language, "Cancel"), "forget", "no"),
            ]
        ]
    )
