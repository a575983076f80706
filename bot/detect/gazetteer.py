"""Capitals, cities and regions of every country (bot/detect/vocab/places.toml), as patterns.

News often names no country, only a place: "mobile internet suspended in Jaipur", "В
Смоленской области ограничили мобильный интернет". places.toml is generated from GeoNames by
`python -m bench.places` (never at run time) and holds per ISO code:

    capitals  the country itself (an action there is the country's: full)
    demonyms  the same ("Ugandan authorities")
    cities    a part of it: partial (bot.detect.scope)
    regions   the same

Names match as they are, except the Cyrillic names of the countries listed in `inflected` (the
home region, where the press declines them): each word of six letters or more takes any ending
once its own ending is cut ("Смоленская" → "смоленск*": Смоленской, Смоленске; "Тбилиси" →
"тбилис*"; "Ростов-на-Дону" → "ростов* на дону"), and a shorter one-word name has its cases
spelt out ("Тула" → "Туле", "Тулы"). The file is optional: a vocabulary without it has no
places but its own.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from bot.core.errors import ConfigError
from bot.detect.places import STEM_MIN

KINDS = {
    "capitals": False,
    "demonyms": False,
    "cities": True,
    "regions": True,
}  # kind → an action there is partial
# Endings cut before a stem's "*": an adjective's two letters ("смоленская" → "смоленск",
# "хмельницький" → "хмельницьк"), else one vowel, й or soft sign ("тюмень" → "тюмен",
# "пактия" → "пакти": cutting "ия" found "пакт", pact; "архангай" → "арханга", not "арханг").
_ADJECTIVE = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ій")
_ENDINGS = frozenset("аеёиоуыэюяйьіїє")
_CYRILLIC = re.compile(r"[а-яёіїєґўқғүұһөәңҳҷӣӯ]", re.IGNORECASE)

Place = tuple[str, str, bool]  # pattern, ISO code, partial


def gazetteer(path: Path) -> list[Place]:
    """Every place of `path` as (pattern, ISO code, partial); none if there is no file."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        return []
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(exc), path=str(path)) from None
    inflected = set(_list(data, "inflected", path))
    found: list[Place] = []
    for code, table in _countries(data, path).items():
        for kind, partial in KINDS.items():
            for name in _list(table, kind, path):
                patterns = _inflected(name) if code in inflected else [name]
                found += [(pattern, code, partial) for pattern in patterns]
    return found


def _countries(data: dict[str, Any], path: Path) -> dict[str, dict[str, Any]]:
    places = data.get("places", {})
    unknown = set(data) - {"places", "inflected"}
    if unknown or not isinstance(places, dict):
        raise ConfigError(f"unknown fields {sorted(unknown)}", path=str(path))
    for code, table in places.items():
        if not re.fullmatch(r"[A-Z]{2}", code) or not isinstance(table, dict):
            raise ConfigError("[places.<ISO code>] tables only", path=str(path), field=code)
        if set(table) - set(KINDS):
            raise ConfigError(f"fields are {', '.join(KINDS)}", path=str(path), field=code)
    return places


def _list(table: dict[str, Any], name: str, path: Path) -> list[str]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError("must be a list of strings", path=str(path), field=name)
    return value


def _inflected(name: str) -> list[str]:
    """A Cyrillic name's patterns with case endings; other scripts stay as they are."""
    if not _CYRILLIC.search(name):
        return [name]
    words = name.replace("-", " ").split()
    if len(words) == 1 and len(name) < STEM_MIN and name.isalpha():
        return [name, *_cases(name)]
    return [" ".join(_stem(word) for word in words)]


# A short name's cases, spelt out (a stem of four letters would find too many words): its
# last letter replaced ("тула" → "туле", "тулы"), or endings added after a consonant ("курск"
# → "курске", "курска"); the locative and genitive are what news writes ("в Туле", "под Курском").
_SHORT_CASES = {"а": ("ы", "е", "у", "ой"), "я": ("и", "е", "ю", "ей"), "ь": ("и", "ью")}
_CONSONANT_CASES = ("а", "у", "е", "ом")


def _cases(name: str) -> list[str]:
    last = name[-1].casefold()
    if last in _SHORT_CASES:
        return [name[:-1] + ending for ending in _SHORT_CASES[last]]
    if last in _ENDINGS:
        return []  # "Сочи", "Баку": indeclinable
    return [name + ending for ending in _CONSONANT_CASES]


def _stem(word: str) -> str:
    if len(word) < STEM_MIN or not word.isalpha():
        return word
    folded = word.casefold()
    cut = 2 if folded.endswith(_ADJECTIVE) else int(folded[-1] in _ENDINGS)
    return f"{word[: len(word) - cut]}*"
