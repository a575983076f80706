"""The bot's gettext catalogues, read from their .po files with Babel. No aiogram here.

Alerts and digests are rendered by the delivery loop, which runs (and is imported) even without
a bot token; aiogram costs ~130 MB, so the catalogues live apart from the bot's middleware in
bot/telegram/i18n.py, which builds on them. The .po files are the only source: parsed and compiled
in
memory once, so no compiled .mo can go stale in the tree. English is the source language and has
no catalogue; a language without one, or a text without a translation, reads in English. Which
catalogue a language tag asks for ("uz-Cyrl": uz_Cyrl) is bot/core/locales.py's.

Entries no speaker has checked are marked fuzzy in the .po files, so every translation tool
shows them as drafts (bot/locales/README.md); they are used all the same, since a draft in the
reader's language serves them better than English. An entry whose msgid changed since it was
translated carries its old msgid (a "#|" comment, as msgmerge writes it): that one may say
something else, and tests/telegram/test_i18n.py refuses it.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.core.locales import LANGUAGES, catalogue_of

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALES",
    "N_",
    "catalogue_of",
    "catalogues",
    "translate",
    "translate_n",
]

DOMAIN = "blockwatch"
LOCALES = Path(__file__).parent.parent / "locales"


@cache
def catalogues(domain: str = DOMAIN) -> dict[str, gettext.GNUTranslations]:
    """Every language's compiled catalogue of `domain`, read once per process."""
    found: dict[str, gettext.GNUTranslations] = {}
    for po_path in sorted(LOCALES.glob(f"*/LC_MESSAGES/{domain}.po")):
        language = po_path.parent.parent.name
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=language, domain=domain)
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=True)  # drafts included: see the docstring
        compiled.seek(0)
        found[language] = gettext.GNUTranslations(compiled)
    return found


def N_(message: str) -> str:  # the name gettext tools know for "mark only"
    """Marks a text for the catalogues where it is defined; it is translated where shown."""
    return message


def translate(language: str, message: str, **params: object) -> str:
    """`message` in `language` (English when we have none), with {params} filled in."""
    found = catalogues().get(catalogue_of(language))
    text = found.gettext(message) if found is not None else message
    return text.format(**params) if params else text


def translate_n(language: str, singular: str, plural: str, count: int, **params: object) -> str:
    """The form of `singular`/`plural` that `count` takes in `language`; {count} filled in.

    Russian has three forms (1 событие, 2 события, 5 событий), Turkic languages one in effect:
    the catalogue's Plural-Forms header decides, so both English forms carry {count}.
    """
    found = catalogues().get(catalogue_of(language))
    if found is None:
        text = singular if count == 1 else plural
    else:
        text = found.ngettext(singular, plural, count)
    return text.format(count=count, **params)
