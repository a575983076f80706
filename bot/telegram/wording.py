"""The words of alerts, digests and boards in a reader's language. Pure; no aiogram.

Country names, dates and the joining of lists ("A, B and C": bot/core/lists.py) come from
Babel's CLDR data, so every language gets them without a catalogue entry; headlines and service
words come from the gettext catalogues (bot/telegram/catalogues.py). Results are plain text:
callers escape them for HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_day_names

from bot.core.countries import is_country
from bot.core.display import country_name, service_name
from bot.core.lists import and_list
from bot.core.models import Action
from bot.core.textcut import clip
from bot.telegram.catalogues import LANGUAGES, N_, catalogue_of, translate

# One template per action: the verb agrees with nothing in the Turkic languages, and Russian
# uses a noun ("IMO — блокировка"), so no translation needs the service's gender or case.
HEADLINES: dict[Action, str] = {
    "block": N_("{country}: {service} blocked"),
    "throttle": N_("{country}: {service} throttled"),
    "unblock": N_("{country}: {service} unblocked"),
}
# A story of several actions says each ("Russia: FaceTime throttled, Snapchat blocked"), after
# "{country}: " as every catalogue's HEADLINES begin; one action takes HEADLINES, its {service}
# a list ("X (Twitter), WeChat and VKontakte").
CLAUSES: dict[Action, str] = {
    "block": N_("{services} blocked"),
    "throttle": N_("{services} throttled"),
    "unblock": N_("{services} unblocked"),
}
# Services that are words rather than brand names; brands read the same in every language.
# The English texts are bot/core/display.py's SERVICE_NAMES (tests/telegram/test_render.py checks).
SERVICE_WORDS: dict[str, str] = {
    "vpn": N_("VPN services"),
    "internet": N_("Internet access"),
    "other": N_("Other services"),
}


@cache
def _locale(language: str) -> Locale:
    """CLDR data for one of our languages; English for the rest, so that a Portuguese reader,
    who gets English texts, does not get Portuguese dates among them."""
    code = catalogue_of(language)
    try:
        return Locale.parse(code if code in LANGUAGES else "en")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def country_in(code: str, language: str) -> str:
    """A country's short name in `language` (CLDR), else the English name, else the code.

    Only assigned codes are looked up: CLDR names "ZZ" "Unknown Region", which is worse than
    the code itself.
    """
    named = _locale(language).territories.get(code.upper()) if is_country(code) else None
    return named or country_name(code)


def country_label(code: str, language: str) -> str:
    """ "Туркменистан (TM)": the name in `language` with the code people type."""
    return f"{country_in(code, language)} ({code.upper()})"


def service_in(service: str, language: str) -> str:
    """A service's display name, translated when it is a word ("VPN services")."""
    word = SERVICE_WORDS.get(service.lower())
    return translate(language, word) if word else service_name(service)


def headline_in(country: str, service: str, action: Action, language: str) -> str:
    """ "Turkmenistan: IMO blocked" in `language` (no flag)."""
    return translate(
        language,
        HEADLINES[action],
        country=country_in(country, language),
        service=service_in(service, language),
    )


def story_headline_in(
    country: str,
    clauses: Sequence[tuple[Action, Sequence[str]]],
    language: str,
    name_chars: int = 40,
) -> str:
    """ "Uzbekistan: X (Twitter), WeChat and VKontakte unblocked", each action said when there
    are several: "Russia: FaceTime throttled, Snapchat blocked" (no flag). `clauses` are a
    story's services per action (Story.by_action); each name is clipped to `name_chars`."""
    named = [
        (action, and_list([clip(service_in(s, language), name_chars) for s in services], language))
        for action, services in clauses
    ]
    where = country_in(country, language)
    if len(named) == 1:
        action, names = named[0]
        return translate(language, HEADLINES[action], country=where, service=names)
    # Commas inside a list of names would blur where one action's list ends: then semicolons.
    joint = ", " if all(len(services) == 1 for _, services in clauses) else "; "
    events = joint.join(translate(language, CLAUSES[a], services=names) for a, names in named)
    return f"{where}: {events}"


def date_in(moment: datetime, language: str, zone: str = "UTC") -> str:
    """The day of `moment` in the reader's time zone, written the reader's way ("20 нояб.
    2026 г."): an ISO date is unambiguous but reads like a log line."""
    return format_date(moment.astimezone(_zone(zone)).date(), "medium", locale=_locale(language))


def weekday_in(index: int, language: str) -> str:
    """Monday (0) to Sunday (6), abbreviated, capitalised for a button ("Пн", "Duş")."""
    name = str(get_day_names("abbreviated", locale=_locale(language))[index])
    return name[:1].upper() + name[1:]


def weekday_name(index: int, language: str) -> str:
    """Monday (0) to Sunday (6) in full, as CLDR writes it inside a sentence ("понедельник",
    "duşenbe"): an abbreviation there ("Дс", "Dush") reads as a typo."""
    return str(get_day_names("wide", locale=_locale(language))[index])


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")  # a stored name this system no longer knows: UTC, not a crash
