"""Which of a place's names a news text may use (for bench/places.py).

GeoNames lists every name a place has: endonyms, exonyms, transliterations into dozens of
systems, airport codes. The detector wants the ones the press writes:

    kept     names in the scripts of our press (Cyrillic, Arabic, Devanagari, Bengali,
             Georgian, Armenian, Ethiopic, Thai, Burmese, Hebrew, Greek, Latin); of the Latin
             ones the place's own name, those with diacritics ("Đà Nẵng", "Türkmenabat"), and
             for capitals and cities of a million the plain exonyms ("Moskau", "Pékin")
    dropped  codes ("JAI"), romanisations with digits, "=" or transliteration apostrophes
             ("Ehskal'des"), lower-case romanisations ("zhai pu er"), mixed scripts, names
             shorter than four letters

A kept name may still be a word: `Stop` holds CLDR's country names in every language, our
vocabulary's own words and a hand list (bench/places_stop.toml); `Stop.reason` says why a
name goes, so that the generator can log it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel import Locale, UnknownLocaleError, localedata

from bot.detect.text import key

# Unicode script names (the first word of a letter's name) the press of our languages uses.
SCRIPTS = frozenset(
    [
        "LATIN",
        "CYRILLIC",
        "ARABIC",
        "DEVANAGARI",
        "BENGALI",
        "GEORGIAN",
        "ARMENIAN",
        "ETHIOPIC",
        "THAI",
        "MYANMAR",
        "HEBREW",
        "GREEK",
    ]
)
MIN_LETTERS = 4
_CODE = re.compile(r"[A-Z]{2,4}")
# Transliteration marks: digits, "=" (Japanese word joints), apostrophes for soft signs and
# glottal stops ("Ehskal'des", "Tashkand-ʼ"). Uzbek writes oʻ and gʻ with one: see `script`.
_MARKS = re.compile(r"[\d=_'ʼʻ‘’`´ʹ]")
_PUNCTUATION = re.compile(r"[\"(),/;:!?]")  # "Тива (Тува)": two names in one
_UZBEK_QUOTE = re.compile(r"[oOgG][ʻ‘'’ʼ]")
VOCAB = Path(__file__).resolve().parents[1] / "bot" / "detect" / "vocab"
STOP_FILE = Path(__file__).resolve().parent / "places_stop.toml"


def script(name: str) -> str | None:
    """The one script of a name's letters (None: mixed, or a script we do not read)."""
    found: set[str] = set()
    for char in name:
        if unicodedata.category(char)[0] == "L":
            found.add(unicodedata.name(char, "?").split()[0])
    if len(found) != 1:
        return None
    (only,) = found
    return only if only in SCRIPTS else None


def malformed(name: str, *, uzbek: bool = False) -> str | None:
    """Why a name is no news form (None: it may be one)."""
    if _CODE.fullmatch(name):
        return "code"
    plain = _UZBEK_QUOTE.sub("o", name) if uzbek else name
    if _MARKS.search(plain) and script(name) == "LATIN":
        return "transliteration mark"
    if re.search(r"[\d=_]", name) or _PUNCTUATION.search(name):
        return "digit or mark"
    if sum(char.isalpha() for char in name) < MIN_LETTERS:
        return "short"
    if script(name) is None:
        return "script"
    return None


def latin_kept(name: str, primary: str, exonyms: frozenset[str]) -> bool:
    """Whether a Latin alternate name is worth keeping: the place's own name, one with
    diacritics, or a common exonym (one of `exonyms`). GeoNames' other plain Latin names are
    romanisations from many languages, words among them ("Caza", "Kasa" for Kazan)."""
    if name == primary or (name[:1].isupper() and key(name) == bare(primary)):
        return True  # the press drops the marks: "Saharanpur" for "Sahāranpur"
    if not name[:1].isupper():  # "zhai pu er", "jaipuleu": romanisations of Asian names
        return False
    return not name.isascii() or key(name) in exonyms


def cldr_exonyms() -> frozenset[str]:
    """CLDR's names of the cities that name time zones, in every language: the exonyms
    dictionaries agree on ("Moskau", "Kalkutta", "Taschkent")."""
    found: set[str] = set()
    languages = {ident.split("_")[0] for ident in localedata.locale_identifiers()}
    for language in sorted(languages):
        try:
            zones = Locale.parse(language).time_zones
        except (ValueError, UnknownLocaleError):
            continue
        found.update(key(zone["city"]) for zone in zones.values() if "city" in zone)
    return frozenset(found)


_ADJECTIVE = re.compile(r"(?:ый|ий|ой|ій|ая|ое|ые|ие|ська|ський)$")


def adjective(name: str) -> bool:
    """A one-word Cyrillic adjective: as a city name, mostly a town district ("Центральный",
    "Калининский"), and its stem would find the word in every text."""
    return " " not in name and "-" not in name and _ADJECTIVE.search(name.casefold()) is not None


class Stop:
    """Names that are also something else: a country (in any CLDR language), a word of our
    vocabulary (actions, cues, services), a word of the hand list."""

    def __init__(self) -> None:
        self.countries: dict[str, set[str]] = {}
        for code, name in _cldr_country_names():
            self.countries.setdefault(bare(name), set()).add(code)
        self.words = frozenset(bare(word) for word in _hand_list("words"))
        self.cities = frozenset(bare(word) for word in _hand_list("cities"))
        self.vocabulary = frozenset(key(word).strip("*") for word in _vocabulary_words())

    def reason(self, name: str, country: str, capital: bool) -> str | None:
        """Why `name`, a place of `country`, is no place name (None: it is one). A capital
        may bear its own country's name ("Mexico", "Kuwait", Finnish "Brasilia"): either way
        it is the country."""
        plain = bare(name)
        named = self.countries.get(plain, set())
        if named and not (capital and named == {country}):
            return "country name"
        if plain in self.words:
            return "common word"
        if key(name) in self.vocabulary:
            return "vocabulary word"
        return None


def bare(name: str) -> str:
    """A name's key without accents: the stop lists hold "Vladimir", GeoNames "Vladímir"."""
    decomposed = unicodedata.normalize("NFD", key(name))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _cldr_country_names() -> Iterator[tuple[str, str]]:
    """(ISO code, name) for every country and territory name of every CLDR language Babel
    ships, and for "Myanmar (Burma)" each of its names."""
    languages = {ident.split("_")[0] for ident in localedata.locale_identifiers()}
    for language in sorted(languages):
        try:
            territories = Locale.parse(language).territories
        except (ValueError, UnknownLocaleError):
            continue
        for code, name in territories.items():
            if code.isalpha():
                yield code, name
                yield from ((code, part) for part in re.split(r"\s*[()]\s*", name) if part)


def _hand_list(table: str) -> Iterator[str]:
    with STOP_FILE.open("rb") as file:
        data = tomllib.load(file)
    for words in data[table].values():
        yield from words


def _vocabulary_words() -> Iterator[str]:
    """Every action, cue and service pattern of the vocabulary files: a city called "Mobile"
    or "Signal" must not become a place."""
    files = [VOCAB / "services.toml", *sorted((VOCAB / "lang").glob("*.toml"))]
    for path in files:
        with path.open("rb") as file:
            data = tomllib.load(file)
        for table in ("actions", "cues"):
            for words in data.get(table, {}).values():
                yield from _strings(words)
        for service in data.get("services", {}).values():
            for field in ("aliases", "weak"):
                yield from _strings(service.get(field, []))


def _strings(values: Iterable[object]) -> Iterator[str]:
    yield from (value for value in values if isinstance(value, str) and "..." not in value)
