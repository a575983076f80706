"""The bot's languages: gettext catalogues in bot/locales, read from their .po files with Babel.

The .po files are the only source: they are parsed and compiled in memory at start-up, so no
compiled .mo can go stale in the tree. Inside handlers `_()` follows the
locale that `StoredLanguageMiddleware` picked: the chat's stored language, else the sender's
Telegram language. Outside handlers (digests, alerts) `translate(language, text)` does the same
for any language. A language without a catalogue, or a text without a translation, is English.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path
from typing import Any

from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import I18n, I18nMiddleware
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.display import country_name
from storage.protocol import Storage

__all__ = [
    "LANGUAGES", "N_", "StoredLanguageMiddleware", "_", "country_label", "current_language",
    "get_i18n", "primary", "translate",
]

DOMAIN = "blockwatch"
LOCALES = Path(__file__).parent / "locales"
# The bot's own texts exist in these; English is the source language, with no catalogue.
LANGUAGES: tuple[str, ...] = ("en", "ru", "tk", "uz", "kk")


class PoI18n(I18n):
    """aiogram's I18n, fed from .po files instead of compiled .mo files."""

    def find_locales(self) -> dict[str, gettext.GNUTranslations]:
        found: dict[str, gettext.GNUTranslations] = {}
        for po_path in sorted(self.path.glob(f"*/LC_MESSAGES/{self.domain}.po")):
            language = po_path.parent.parent.name
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=language, domain=self.domain)
            compiled = io.BytesIO()
            write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
            compiled.seek(0)
            found[language] = gettext.GNUTranslations(compiled)
        return found


@cache
def get_i18n() -> PoI18n:
    """The one I18n of the process (catalogues are read once)."""
    return PoI18n(path=LOCALES, default_locale="en", domain=DOMAIN)


def _(message: str) -> str:
    """`message` in the language of the update being handled (English outside handlers).

    Not aiogram's own `gettext`: that one looks for the base I18n class's context, which a
    subclass such as PoI18n never sets; our catalogues' locale variable is per instance.
    """
    return get_i18n().gettext(message)


def N_(message: str) -> str:  # the name gettext tools know for "mark only"
    """Marks a text for the catalogues where it is defined; `_` translates it where shown."""
    return message


def current_language() -> str:
    """The language of the update being handled (set by StoredLanguageMiddleware)."""
    return get_i18n().current_locale


def primary(code: str | None) -> str:
    """ "pt-BR" → "pt": the language part of an IETF tag, lower case ("" for none)."""
    return (code or "").split("-")[0].split("_")[0].lower()


def translate(language: str, message: str, **params: object) -> str:
    """`message` in `language` (English when we have none), with {params} filled in."""
    text = get_i18n().gettext(message, locale=primary(language))
    return text.format(**params) if params else text


def country_label(code: str, language: str) -> str:
    """A country's name in `language` (Babel's CLDR data), else the English name, + (code)."""
    try:
        name = Locale.parse(primary(language) or "en").territories.get(code.upper())
    except (UnknownLocaleError, ValueError):
        name = None
    return f"{name or country_name(code)} ({code.upper()})"


class StoredLanguageMiddleware(I18nMiddleware):
    """Picks the chat's stored language, else the sender's Telegram language, else English."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        store: Storage | None = data.get("store")
        chat_id, user_language = _chat_and_language(event)
        if store is not None and chat_id is not None:
            found = await store.subscriber("telegram", str(chat_id))
            # A stored language counts even without a catalogue ("en"): it was chosen.
            if found is not None and found.language in LANGUAGES:
                return found.language
        language = primary(user_language)
        return language if language in LANGUAGES else self.i18n.default_locale


def _chat_and_language(event: TelegramObject) -> tuple[int | None, str | None]:
    """The chat an update happens in, and the sender's language_code."""
    if isinstance(event, Message):
        user = event.from_user
        return event.chat.id, user.language_code if user else None
    if isinstance(event, CallbackQuery):
        message = event.message
        return (message.chat.id if message else None), event.from_user.language_code
    return None, None
