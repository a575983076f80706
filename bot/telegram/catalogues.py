"""The bot's gettext catalogues, read from their .po files with Babel. No aiogram here.

Alerts and digests are rendered by the delivery loop, which runs (and is imported) even without
a bot token; aiogram costs ~130 MB, so the catalogues live apart from the bot's middleware in
bot/telegram/i18n.py, which builds on them. The .po files are the only source: parsed and compiled
in
memory once, so no compiled .mo can go stale in the tree. English is the source language and has
no catalogue; a language without one, or a text without a translation, reads in English.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALES",
    "N_",
    "catalogues",
    "primary",
    "translate",
    "translate_n",
]

DOMAIN = "blockwatch"
LOCALES = Path(__file__).parent.parent / "locales"
# The bot's own texts exist in these; English is the source language, with no catalogue.
LANGUAGES: tuple[str, ...] = ("en", "ru", "tk", "uz", "kk")


@cache
def catalogues(domain: str = DOMAIN) -> dict[str, gettext.GNUTranslations]:
    """Every language's compiled catalogue of `domain`, read once per process."""
    found: dict[str, gettext.GNUTranslations] = {}
    for po_path in sorted(LOCALES.glob(f"*/LC_MESSAGES/{domain}.po")):
        language = po_path.parent.parent.name
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=language, domain=domain)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
        compiled.seek(0)
        found[language] = gettext.GNUTranslations(compiled)
    return found


def N_(message: str) -> str:  # the name gettext tools know for "mark only"
    """Marks a text for the catalogues where it is defined; it is translated where shown."""
    return message


def primary(code: str | None) -> str:
    """ "pt-BR" → "pt": the language part of an IETF tag, lower case ("" for none)."""
    return (code or "").split("-")[0].split("_")[0].lower()


def translate(language: str, message: str, **params: object) -> str:
    """`message` in `language` (English when we have none), with {params} filled in."""
    found = catalogues().get(primary(language))
    text = found.gettext(message) if found is not None else message
    return text.format(**params) if params else text


def translate_n(language: str, singular: str, plural: str, count: int, **params: object) -> str:
    """The form of `singular`/`plural` that `count` takes in `language`; {count} filled in.

    Russian has three forms (1 событие, 2 события, 5 событий), Turkic languages one in effect:
    the catalogue's Plural-Forms header decides, so both English forms carry {count}.
    """
    found = catalogues().get(primary(language))
    if found is None:
        text = singular if count == 1 else plural
    else:
        text = found.ngettext(singular, plural, count)
    return text.format(count=count, **params)
