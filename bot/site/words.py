"""The site's own words (gettext domain "site") and the visitor's language. Pure.

Board states, headlines, service names and the "since ...; sources: ..." line are the bot's
(domain "blockwatch", bot/telegram/catalogues.py), so the site and /status say the same; the
rest of a page's words are bot/locales/LANG/LC_MESSAGES/site.po. The language is the `?lang=`
switch when it names one of ours, else the best of the browser's Accept-Language, else English.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from bot.telegram.catalogues import LANGUAGES, N_, catalogue_of, catalogues

__all__ = [
    "LANGUAGES",
    "NATIVE_NAMES",
    "N_",
    "html_lang",
    "language_name",
    "pick_language",
    "say",
    "switched_to",
]

DOMAIN = "site"
# Each language in its own name, so a visitor who cannot read the page finds theirs: the same
# names as the bot's language buttons (bot/telegram/keyboards.py, which needs aiogram).
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "tk": "Türkmençe",
    "uz": "Oʻzbekcha",
    "uz_Cyrl": "Ўзбекча",
    "kk": "Қазақша",
}
_MAX_TAGS = 20  # of an Accept-Language header: more is a fuzzer, not a browser


def say(language: str, message: str, **params: object) -> str:
    """`message` in `language` from the site's catalogue (English without one)."""
    found = catalogues(DOMAIN).get(catalogue_of(language))
    text = found.gettext(message) if found is not None else message
    return text.format(**params) if params else text


def pick_language(switch: str | None, accept: str | None) -> str:
    """The page's language: `?lang=` when it names one of ours, else Accept-Language's best."""
    chosen = _ours(switch)
    if chosen:
        return chosen
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept or "").split(",")[:_MAX_TAGS]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        ours = _ours(tag)
        if ours and weight > 0:
            ranked.append((-weight, index, ours))
    return min(ranked)[2] if ranked else "en"


def switched_to(switch: str | None) -> str | None:
    """The language a `?lang=` switch names, if it is one of ours."""
    return _ours(switch) or None


def _ours(tag: str | None) -> str:
    code = catalogue_of(tag)
    if code in LANGUAGES:
        return code
    # "uz_cyrl" typed by hand, lower case: the catalogue's own name
    return next((name for name in LANGUAGES if name.lower() == code.lower()), "")


def html_lang(language: str) -> str:
    """The BCP 47 tag for `lang=""`: "uz_Cyrl" -> "uz-Cyrl"."""
    return language.replace("_", "-")


def language_name(code: str, language: str) -> str:
    """A report's language ("ru", "tk") named in the visitor's language (CLDR), else the code."""
    try:
        reader = Locale.parse(language if language in LANGUAGES else "en")
        return reader.languages.get(catalogue_of(code).split("_")[0]) or code
    except (UnknownLocaleError, ValueError):
        return code
