"""The pages of the subscription conversation: a text and its keyboard, in the reader's language.

Pure apart from the language of the update being handled (bot/telegram/i18n.py).
bot/telegram/chat/steps.py decides
which page follows a press; bot/telegram/chat/buttons.py shows it.
"""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardMarkup

from bot.core.models import Preferences, Subscriber
from bot.telegram import keyboards as kb
from bot.telegram.chat.views import describe
from bot.telegram.i18n import _, current_language

Page = tuple[str, InlineKeyboardMarkup | None]


def page(name: str, subscriber: Subscriber | None) -> Page:
    """The text and keyboard of one step of the conversation, by its name (callbacks.PAGES)."""
    lang = current_language()
    if name == "countries" or subscriber is None:  # every other step needs a country first
        countries = subscriber.countries if subscriber else frozenset()
        return (
            _("Which countries? Tap to choose, then Next."),
            kb.countries_keyboard(countries, lang),
        )
    prefs = subscriber.prefs
    pages: dict[str, Page] = {
        "services": (
            _("Which services? All of them, or tap the ones you use."),
            kb.services_keyboard(prefs.services, lang),
        ),
        "actions": (_("Which news do you want?"), kb.actions_keyboard(prefs.actions, lang)),
        "frequency": (_("How often?"), kb.frequency_keyboard(prefs, lang)),
        "language": (_("Which language?"), kb.language_keyboard(lang)),
        "zone": zone_page(prefs),
        "quiet": quiet_page(prefs),
        "forget": (_("Delete everything we keep about this chat?"), kb.forget_keyboard(lang)),
    }
    return pages.get(name) or done_page(subscriber)


def done_page(subscriber: Subscriber) -> Page:
    return (
        _("Saved. This chat gets:") + "\n" + describe(subscriber),
        kb.settings_keyboard(current_language()),
    )


def zone_page(prefs: Preferences) -> Page:
    # Asked before a digest's hour: "08:00" means nothing until we know whose eight o'clock.
    text = _("Which time zone? Now: {zone}").format(zone=html.escape(prefs.timezone))
    return text, kb.zones_keyboard(prefs.timezone, current_language())


def region_page(value: str, prefs: Preferences) -> Page:
    """ "": the list of regions; "Asia" or "Asia.2": a page of that region's zones."""
    if not value:
        return _("Which region?"), kb.regions_keyboard(current_language())
    region, _dot, number = value.partition(".")
    markup = kb.zones_of_region_keyboard(
        region, int(number or 0), prefs.timezone, current_language()
    )
    return _("Which time zone? Now: {zone}").format(zone=html.escape(prefs.timezone)), markup


def hour_page(prefs: Preferences) -> Page:
    return (
        _("At what hour ({zone})?").format(zone=html.escape(prefs.timezone)),
        kb.hours_keyboard(prefs.digest_hour),
    )


def quiet_page(prefs: Preferences) -> Page:
    text = _("Quiet hours: alerts still come, but without a sound. From what hour ({zone})?")
    return text.format(zone=html.escape(prefs.timezone)), kb.quiet_start_keyboard(
        prefs.quiet_hours, current_language()
    )


def quiet_end_page(start: int, prefs: Preferences) -> Page:
    return (
        _("Quiet from {start}:00 until what hour?").format(start=f"{start:02d}"),
        kb.quiet_end_keyboard(start, prefs.quiet_hours),
    )
