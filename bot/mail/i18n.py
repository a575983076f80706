"""Email's own words in the reader's language: the gettext domain "mail". Pure.

    _ = MailWords.of("ru")
    _("Confirmed.")                                  -> "Подтверждено."
    _.plural("{n} event", "{n} events", 3, n=3)      -> "3 события"
    _.country("TM"), _.headline("TM", "imo", "block"), _.moment(datetime)
    _.story_headline("UZ", [("unblock", ["twitter", "wechat", "vkontakte"])])

The catalogues are bot/locales/LANG/LC_MESSAGES/mail.po, read and compiled in memory with Babel
as bot/telegram/i18n.py does for the bot's domain (no compiled .mo can go stale), but without
importing
aiogram: a deployment that only sends mail never loads it. English is the source language; a
language without a catalogue, or a text without a translation, is English. Country names,
dates and the joining of lists ("A, B and C": bot/core/lists.py) come from Babel's CLDR data.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.core.display import country_name, service_name
from bot.core.lists import and_list
from bot.core.locales import LANGUAGES, catalogue_of
from bot.core.models import Action
from bot.core.textcut import clip

__all__ = ["LANGUAGES", "N_", "MailWords", "reply_language"]

DOMAIN = "mail"
LOCALES = Path(__file__).parent.parent / "locales"


def N_(message: str) -> str:  # the name gettext tools know for "mark only"
    """Marks a text for the catalogues where it is defined; MailWords translates it."""
    return message


# Brand names stay as they are; these describe, so they are translated.
_DESCRIBED_SERVICES = {
    "internet": N_("Internet access"),
    "vpn": N_("VPN services"),
    "other": N_("Other services"),
}
_NO_COUNTRY = N_("no country")
_HEADLINES: dict[Action, str] = {
    "block": N_("{country}: {service} blocked"),
    "throttle": N_("{country}: {service} throttled"),
    "unblock": N_("{country}: {service} unblocked"),
}
# A story of several actions says each ("Russia: FaceTime throttled, Snapchat blocked"), after
# "{country}: " as every catalogue's _HEADLINES begin; one action takes _HEADLINES, its
# {service} a list ("X (Twitter), WeChat and VKontakte").
_CLAUSES: dict[Action, str] = {
    "block": N_("{services} blocked"),
    "throttle": N_("{services} throttled"),
    "unblock": N_("{services} unblocked"),
}
_SERVICE_CHARS = 40  # each service a story's headline names: ids from feeds, an odd one clipped


def reply_language(command_language: str | None, stored: str | None) -> str:
    """The language of an answer: that of the command word ("СТОП": ru), else the stored one.

    English words are the ones every mail shows (the footer, the unsubscribe link's STOP) and
    work for everyone, so they say little about the writer: a Russian reader who presses
    "unsubscribe" still gets a Russian answer. They decide only when nothing else is known.
    """
    if command_language and command_language != "en" and command_language in LANGUAGES:
        return command_language
    if stored in LANGUAGES:
        return stored
    return "en"


@dataclass(frozen=True, slots=True)
class MailWords:
    """The texts of one language; call it like gettext's `_`, with {params} filled in."""

    language: str

    @classmethod
    def of(cls, language: str | None) -> MailWords:
        code = catalogue_of(language)
        return cls(code if code in LANGUAGES else "en")

    def __call__(self, message: str, **params: object) -> str:
        text = _catalogue(self.language).gettext(message)
        return text.format(**params) if params else text

    def plural(self, singular: str, plural: str, count: int, **params: object) -> str:
        """The form for `count` ("1 event", "2 события", "5 событий"), {params} filled in."""
        return _catalogue(self.language).ngettext(singular, plural, count).format(**params)

    def country(self, code: str) -> str:
        """A country's name in this language, else in English, else its code."""
        return _territories(self.language).get(code.upper()) or country_name(code)

    def countries(self, codes: Iterable[str]) -> str:
        """ "Туркменистан (TM), Россия (RU)", in code order."""
        names = [f"{self.country(code)} ({code.upper()})" for code in sorted(codes)]
        return ", ".join(names) if names else self(_NO_COUNTRY)

    def headline(self, country: str, service: str, action: Action) -> str:
        """ "Туркменистан: IMO — блокировка": what every alert and list leads with."""
        return self(
            _HEADLINES[action], country=self.country(country), service=self.service(service)
        )

    def story_headline(self, country: str, clauses: Sequence[tuple[Action, Sequence[str]]]) -> str:
        """ "Узбекистан: X (Twitter), WeChat и VKontakte — разблокировка"; each action said when
        there are several: "Russia: FaceTime throttled, Snapchat blocked". `clauses` are a
        story's services per action (Story.by_action)."""
        named = [
            (
                action,
                and_list([clip(self.service(s), _SERVICE_CHARS) for s in services], self.language),
            )
            for action, services in clauses
        ]
        if len(named) == 1:
            action, names = named[0]
            return self(_HEADLINES[action], country=self.country(country), service=names)
        # Commas inside a list of names would blur where one action's list ends: then semicolons.
        joint = ", " if all(len(services) == 1 for _, services in clauses) else "; "
        events = joint.join(self(_CLAUSES[action], services=names) for action, names in named)
        return f"{self.country(country)}: {events}"

    def service(self, service: str) -> str:
        """A service's name: brands as they are, words ("VPN services") translated."""
        described = _DESCRIBED_SERVICES.get(service.lower())
        return self(described) if described else service_name(service)

    def moment(self, when: datetime) -> str:
        """ "23 нояб. 2026, 09:00 UTC": UTC, since subscribers live in several time zones."""
        stamp = format_datetime(
            when.astimezone(UTC), "d MMM y, HH:mm", tzinfo=UTC, locale=self.language
        )
        return f"{stamp} UTC"

    def weekday(self, index: int) -> str:
        """Monday is 0, as in datetime.weekday()."""
        return str(Locale.parse(self.language).days["format"]["wide"][index % 7])


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    po_path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == "en" or not po_path.is_file():
        return gettext.NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=True)  # unchecked drafts: bot/locales/README.md
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError):
        return {}
