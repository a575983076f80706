"""The bot's languages inside handlers: aiogram's i18n on the catalogues of
bot/telegram/catalogues.py.

Inside handlers `_()` follows the locale that `StoredLanguageMiddleware` picked: the chat's
stored language (its own choice in /settings), else the sender's Telegram language, with the
alphabet of the sender's own message deciding between Uzbek Latin and Cyrillic (Telegram says
"uz" for both: bot/core/locales.py's `language_for`). Outside handlers (digests, alerts)
`translate(language, text)` does the same for any language, without aiogram
(bot/telegram/catalogues.py).
A language without a catalogue, or a text without a translation, is English.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any

from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.i18n import I18n, I18nMiddleware

from bot.core.locales import language_for
from bot.ports import Storage
from bot.telegram.catalogues import (
    DOMAIN,
    LANGUAGES,
    LOCALES,
    N_,
    catalogue_of,
    catalogues,
    translate,
    translate_n,
)
from bot.telegram.wording import country_label

__all__ = [
    "LANGUAGES",
    "N_",
    "StoredLanguageMiddleware",
    "_",
    "catalogue_of",
    "country_label",
    "current_language",
    "get_i18n",
    "language_for",
    "translate",
    "translate_n",
]


class PoI18n(I18n):
    """aiogram's I18n, fed from the .po files (bot/telegram/catalogues.py) instead of compiled .mo
    files."""

    def find_locales(self) -> dict[str, gettext.GNUTranslations]:
        return dict(catalogues(self.domain))


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


def current_language() -> str:
    """The language of the update being handled (set by StoredLanguageMiddleware)."""
    return get_i18n().current_locale


class StoredLanguageMiddleware(I18nMiddleware):
    """Picks the chat's stored language, else the sender's Telegram language (and, for Uzbek,
    the alphabet of their message), else English."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        store: Storage | None = data.get("store")
        chat_id, user_language, own_words = _chat_and_language(event)
        if store is not None and chat_id is not None:
            found = await store.subscriber("telegram", str(chat_id))
            # A stored language counts even without a catalogue ("en"): it was chosen.
            if found is not None and found.language in LANGUAGES:
                return found.language
        language = language_for(user_language, own_words)
        return language if language in LANGUAGES else self.i18n.default_locale


def _chat_and_language(event: TelegramObject) -> tuple[int | None, str | None, str | None]:
    """The chat an update happens in, the sender's language_code, and the sender's own words
    (a message's text; a button press has none)."""
    if isinstance(event, Message):
        user = event.from_user
        return event.chat.id, user.language_code if user else None, event.text or event.caption
    if isinstance(event, CallbackQuery):
        message = event.message
        return (message.chat.id if message else None), event.from_user.language_code, None
    return None, None, None
