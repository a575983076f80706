"""The languages the bot and its mail speak, and which catalogue a language tag asks for. Pure.

A catalogue is named as its folder in bot/locales/: an ISO 639-1 code, or, for a language its
readers write in two alphabets, the code and the ISO 15924 script of the second one ("uz_Cyrl":
Uzbek in Cyrillic; plain "uz" is Latin, as Uzbekistan's schools and state write it). English is
the source language and has no catalogue. The Telegram chat and the mail inbox share this, so a
reader gets the same language from both.
"""

from __future__ import annotations

import re

__all__ = ["LANGUAGES", "SCRIPT_CATALOGUES", "catalogue_of", "language_for", "mostly_cyrillic"]

LANGUAGES: tuple[str, ...] = ("en", "ru", "tk", "uz", "uz_Cyrl", "kk")
# (language, ISO 15924 script) -> the catalogue of a language's second alphabet
SCRIPT_CATALOGUES: dict[tuple[str, str], str] = {("uz", "Cyrl"): "uz_Cyrl"}
_SEPARATOR = re.compile(r"[-_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f\u02bb\u02bc]")


def catalogue_of(tag: str | None) -> str:
    """The catalogue a language tag names, IETF or POSIX: "uz-Cyrl", "uz_Cyrl_UZ" -> "uz_Cyrl";
    "uz-Latn", "uz" -> "uz"; "pt-BR" -> "pt"; "" for none. Not necessarily one we have."""
    language, *rest = _SEPARATOR.split((tag or "").strip())
    language = language.lower()
    for part in rest:
        script = SCRIPT_CATALOGUES.get((language, part.title()))
        if len(part) == 4 and script:
            return script
    return language


def language_for(client_tag: str | None, own_words: str | None = None) -> str:
    """The language of a reader who has not chosen one: their client's language tag, and for a
    language written in two alphabets, the alphabet of their own words.

    Telegram clients send "uz" for Uzbek whichever alphabet the person writes (no official
    Cyrillic language pack sends "uz-Cyrl", though we honour it): so a message of theirs that is
    mostly Cyrillic ("Салом", "/subscribe Туркманистон") picks the Cyrillic catalogue, anything
    else the Latin one. English for a language we have no catalogue for.
    """
    code = catalogue_of(client_tag)
    if code not in LANGUAGES:
        return "en"
    said = any(len(part) == 4 for part in _SEPARATOR.split(client_tag or "")[1:])
    cyrillic = SCRIPT_CATALOGUES.get((code, "Cyrl"))
    if said or not cyrillic or not own_words:  # a client that names the script decides
        return code
    return cyrillic if mostly_cyrillic(own_words) else code


def mostly_cyrillic(text: str) -> bool:
    """More Cyrillic letters than Latin ones (commands and codes like /start TM count as Latin)."""
    return len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text))
