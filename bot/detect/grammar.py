"""A language file's `[language]` table: what the detector must know of the language's
grammar and of its press (bot/detect/vocab/README.md, "Language settings")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.errors import ConfigError

# How country names inflect: bot.detect.places.
NAME_RULES = ("exact", "stem", "clitic", "glued", "shed")
_SETTINGS = {
    "verb_final",
    "cues_after",
    "country",
    "names",
    "cldr",
    "borrow",
    "segment",
    "endings",
    "ordinals",
}


@dataclass(frozen=True, slots=True)
class Grammar:
    # The verb comes after its object (Turkic, Persian, Hindi...): a service takes the nearest
    # action word after it, and "after" cues follow their noun ("Facebook'tan sonra").
    verb_final: bool = False
    # Words after an action word within which a negation, threat or background cue still
    # governs it, in its clause ("bloklashni taklif qildi", "mit der Sperrung gedroht").
    cues_after: int = 0
    # The country of an item of this language that names none (and has no feed default).
    country: str | None = None
    names: str = "exact"  # how CLDR's country names inflect (NAME_RULES)
    cldr: tuple[str, ...] = ()  # more CLDR locales to take names from ("sr_Latn")
    # Language files whose own place names this language uses too (Croatian and Bosnian
    # write Serbian's Latin names).
    borrow: tuple[str, ...] = ()
    # Written without spaces between words (Chinese, Japanese, Thai; Korean's particles): cut
    # into the vocabulary's words first, unknown stretches into pieces of this many characters
    # (bot.detect.segment); 0: words are separated by spaces.
    segment: int = 0
    # Case endings of names too short to stem (`names = "stem"`): the name's last letter
    # (a key; "" for a consonant) is replaced by each ending ("Габон" → "Габона", "Кения" →
    # "Кении"). Names ending otherwise stay as written (indeclinable "Перу", "Чили").
    endings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # A number with a full stop is an ordinal, no sentence's end ("Ankara 10. Sulh Ceza
    # Hakimliği", "am 21. Februar"): bot.detect.text.sentences.
    ordinals: bool = False


def read_grammar(table: dict[str, Any], path: Path) -> Grammar:
    """The [language] table, checked: a mistake names the file and the setting."""
    unknown = set(table) - _SETTINGS
    if unknown:
        raise ConfigError(f"unknown settings {sorted(unknown)}", path=str(path), field="language")
    verb_final, ordinals = table.get("verb_final", False), table.get("ordinals", False)
    for name, flag in (("verb_final", verb_final), ("ordinals", ordinals)):
        if not isinstance(flag, bool):
            raise ConfigError("must be true or false", path=str(path), field=f"language.{name}")
    cues_after = table.get("cues_after", 0)
    if not isinstance(cues_after, int) or isinstance(cues_after, bool) or not 0 <= cues_after <= 12:
        raise ConfigError(
            "must be a number of words, 0 to 12", path=str(path), field="language.cues_after"
        )
    country = table.get("country")
    valid = isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country) is not None
    if country is not None and not valid:
        raise ConfigError(
            "country codes are two capital letters", path=str(path), field="language.country"
        )
    names = table.get("names", "exact")
    if names not in NAME_RULES:
        raise ConfigError(
            f"must be one of {', '.join(NAME_RULES)}", path=str(path), field="language.names"
        )
    lists = {}
    for name in ("cldr", "borrow"):
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError("must be a list of codes", path=str(path), field=f"language.{name}")
        lists[name] = tuple(value)
    segment = table.get("segment", 0)
    if not isinstance(segment, int) or isinstance(segment, bool) or not 0 <= segment <= 8:
        raise ConfigError(
            "must be a number of characters, 0 to 8", path=str(path), field="language.segment"
        )
    return Grammar(
        verb_final,
        cues_after,
        country,
        names,
        lists["cldr"],
        lists["borrow"],
        segment,
        _endings(table.get("endings", {}), path),
        ordinals,
    )


def _endings(table: object, path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`endings`: a table of last letters ("" for a consonant) to lists of endings."""
    valid = isinstance(table, dict) and all(
        isinstance(last, str)
        and len(last) <= 1
        and isinstance(forms, list)
        and all(isinstance(form, str) for form in forms)
        for last, forms in table.items()
    )
    if not valid:
        raise ConfigError(
            'must map a last letter ("" for a consonant) to a list of endings',
            path=str(path),
            field="language.endings",
        )
    assert isinstance(table, dict)
    return tuple((last, tuple(forms)) for last, forms in table.items())
