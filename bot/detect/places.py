"""Country names in every language the vocabulary has, from CLDR (Babel), as patterns.

CLDR names every ISO 3166 country in each language: "Ирак", "العراق", "इराक", "Irak". News
inflects them, so each language says in its file (`[language] names`) how its names change:

    exact    as CLDR writes them (English, French, Indonesian, Vietnamese, Hindi...)
    stem     case endings: a name of five letters or more matches any ending ("Ирак" stays,
             "Эфиопия" becomes "эфиопи*": Эфиопии, Эфиопией, эфиопский)
    clitic   Arabic: the name with the prefixes و ب ل ف glued to it ("بالعراق", "للعراق"),
             and its adjective ("عراقي", "العراقية")

Our own additions (demonyms, capitals, regulators, old names) are data on top, in
countries.toml and in each language's `[countries]` table; they win where both name a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any, Generic, TypeVar

from babel import Locale, UnknownLocaleError

from bot.core.countries import is_country
from bot.detect.patterns import Hit, Lexicon

T = TypeVar("T")

# Shorter names match only whole: "Самоа" as "само*" found "самого", "Дания" as "дани*" the
# Ukrainian "дані" (data).
STEM_MIN = 6
_VOWELS = frozenset(
    "aeiouyäöüıаеёиоуыэюяіїєөүұәөѳაეიოუաեիոըէօ"
)  # Latin, Cyrillic, Georgian, Armenian
_ARABIC_PREFIXES = ("و", "ب", "ف", "وب", "فب")
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)\s*")


@cache
def cldr_names(language: str) -> dict[str, tuple[str, ...]]:
    """ISO code → the names CLDR gives it in `language` ("Myanmar (Burma)": both names)."""
    try:
        territories = Locale.parse(language.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        return {}
    names: dict[str, tuple[str, ...]] = {}
    for code, name in territories.items():
        if is_country(code):  # the one country list: CLDR's, groupings and reservations out
            names[code] = tuple(_variants(name))
    return names


def _variants(name: str) -> Iterator[str]:
    inner = _PARENTHESES.search(name)
    if inner is None:
        yield name
        return
    yield _PARENTHESES.sub(" ", name).strip()
    yield inner.group(1)


def name_patterns(language: str, rule: str, also: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(pattern, ISO code) for every CLDR name in `language` (and in the locales `also`
    names: Serbian is written in Cyrillic and Latin, "sr" and "sr_Latn"), inflected by
    `rule`."""
    found: list[tuple[str, str]] = []
    for locale in (language, *also):
        for code, names in cldr_names(locale).items():
            for name in names:
                found += [(pattern, code) for pattern in _inflected(name.casefold(), rule)]
    return found


def _inflected(name: str, rule: str) -> list[str]:
    if rule == "stem":
        return [" ".join(_stem(word) for word in name.split())]
    if rule == "clitic":
        return _arabic(name)
    return [name]


def _stem(word: str) -> str:
    if len(word) < STEM_MIN or not word.isalpha():
        return word
    return f"{word[:-1]}*" if word[-1] in _VOWELS else f"{word}*"


def _arabic(name: str) -> list[str]:
    """An Arabic name with its prefixes, and its adjective (nisba) in both states."""
    if " " in name:
        return [name, *(prefix + name for prefix in _ARABIC_PREFIXES)]
    bare = name[2:] if name.startswith("ال") else name
    definite = name if name.startswith("ال") else None
    forms = [name, *(prefix + name for prefix in _ARABIC_PREFIXES)]
    if definite is not None:
        forms.append("لل" + bare)  # ل + ال contracts: للعراق
    else:
        forms.append("ل" + name)
    stem = bare[:-1] if bare.endswith(("ا", "ة")) else bare
    adjective = f"{stem}*" if stem.endswith("ي") else f"{stem}ي*"  # روسيا → روسي, مصر → مصري
    if len(stem) >= 3:
        forms += [adjective, f"ال{adjective}", f"و{adjective}", f"وال{adjective}"]
    return forms


class Places(Generic[T]):
    """The places one language's text may name: our own names (every language's, from the
    files) and CLDR's names in this language only ("indi*", Hungarian for India, must not find
    "indicated" in English). The CLDR lexicon is built on first use: most languages are rare.
    Ours win where the two overlap."""

    def __init__(
        self,
        ours: Lexicon[T],
        cldr: Callable[[], list[tuple[str, T]]],
        normalise: Callable[[str], str],
    ) -> None:
        self.ours = ours
        self._cldr_entries = cldr
        self._normalise = normalise
        self._cldr: Lexicon[T] | None = None

    @property
    def cldr(self) -> Lexicon[T]:
        if self._cldr is None:
            self._cldr = Lexicon(self._cldr_entries(), self._normalise)
        return self._cldr

    def candidates(self, word: str) -> list[Any]:
        return self.ours.candidates(word) or self.cldr.candidates(word)

    def find(
        self, text: str, words: Sequence[tuple[int, str]] | None = None, *, first: bool = False
    ) -> list[Hit[T]]:
        ours = self.ours.find(text, words)
        theirs = [
            hit
            for hit in self.cldr.find(text, words)
            if not any(hit.start < mine.end and mine.start < hit.end for mine in ours)
        ]
        hits = sorted([*ours, *theirs], key=lambda hit: hit.start)
        hits = [hit for hit in hits if getattr(hit.label, "country", True)]  # masks out
        return hits[:1] if first else hits
