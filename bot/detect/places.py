"""Country names in every language the vocabulary has, from CLDR (Babel), as patterns.

CLDR names every ISO 3166 country in each language: "Ирак", "العراق", "इराक", "Irak". News
inflects them, so each language says in its file (`[language] names`) how its names change:

    exact    as CLDR writes them (English, French, Indonesian, Vietnamese, Hindi...)
    stem     case endings: a name of five letters or more matches any ending ("Ирак" stays,
             "Эфиопия" becomes "эфиопи*": Эфиопии, Эфиопией, эфиопский)
    clitic   Arabic: the name with the prefixes و ب ل ف glued to it ("بالعراق", "للعراق"),
             and its adjective ("عراقي", "العراقية")
    glued    postpositions glued to the name's end (Marathi "भारतात", Nepali "भारतमा",
             Gujarati "ભારતમાં", Odia "ଭାରତରେ"): a last word of four characters or more
             (vowel signs counted) matches with anything after it, shorter ones whole
    shed     Dravidian languages and Sinhala: case endings glued to the last word, which
             first sheds its final vowel sign or virama ("ரஷ்யா" → "ரஷ்ய*": ரஷ்யாவில்,
             ரஷ்ய அரசு), Tamil "-ம்", Sinhala's "-ය" / "-ව", a Malayalam chillu turned
             back into its consonant ("ഇറാൻ" → "ഇറാന*": ഇറാനിൽ)

Our own additions (demonyms, capitals, regulators, old names) are data on top, in
countries.toml and in each language's `[countries]` table; they win where both name a place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any, Generic, TypeVar

from babel import Locale, UnknownLocaleError

from bot.core.countries import is_country
from bot.detect.pattern_index import Lexicon
from bot.detect.patterns import WORD, Hit

T = TypeVar("T")

# Shorter names match only whole: "Самоа" as "само*" found "самого", "Дания" as "дани*" the
# Ukrainian "дані" (data).
STEM_MIN = 6
# "glued" names: "चीन" (China, three characters) as "चीन*" would find other words; a
# language file lists the glued forms of such short names itself.
GLUED_MIN = 4
_VOWELS = frozenset(
    "aeiouyäöüıаеёиоуыэюяіїєөүұәөѳაეიოუաեիոըէօ"
)  # Latin, Cyrillic, Georgian, Armenian
_ARABIC_PREFIXES = ("و", "ب", "ف", "وب", "فب")
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)\s*")
_JOINERS = re.compile("[\u200c\u200d]")  # zero-width (non-)joiners: text loses them too


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


Endings = Sequence[tuple[str, Sequence[str]]]


def name_patterns(
    language: str, rule: str, also: Sequence[str] = (), endings: Endings = ()
) -> list[tuple[str, str]]:
    """(pattern, ISO code) for every CLDR name in `language` (and in the locales `also`
    names: Serbian is written in Cyrillic and Latin, "sr" and "sr_Latn"), inflected by
    `rule`, short one-word names by `endings` (see bot.detect.grammar.Grammar)."""
    found: list[tuple[str, str]] = []
    for locale in (language, *also):
        for code, names in cldr_names(locale).items():
            for name in names:
                forms = _inflected(name.casefold(), rule, endings)
                found += [(pattern, code) for pattern in forms]
    return found


def _inflected(name: str, rule: str, endings: Endings = ()) -> list[str]:
    if rule == "stem":
        stemmed = " ".join(_stem(word) for word in name.split())
        return [stemmed, *_short_forms(name, endings)] if stemmed == name else [stemmed]
    if rule == "clitic":
        return _arabic(name)
    if rule == "glued":
        return [_glued(name)]
    if rule == "shed":
        return _shed(name)
    return [name]


def _glued(name: str) -> str:
    """A name whose last word takes postpositions: that word as a prefix. A final virama
    (Odia "ଚୀନ୍") goes, as it does before a glued ending ("ଚୀନରେ")."""
    name = _JOINERS.sub("", name)
    stem = name[:-1] if unicodedata.name(name[-1], "").endswith("VIRAMA") else name
    last = stem.rsplit(" ", 1)[-1]
    return f"{stem}*" if len(last) >= GLUED_MIN and WORD.fullmatch(last) else name


# A stem of fewer letters (vowel signs and viramas not counted) stays as written: "చైనా"
# (China) as "చైన*" is the start of too many words.
SHED_MIN = 3
# Endings a name sheds before a case ending: Tamil "நேபாளம்" → "நேபாளத்தில்", Sinhala's
# definite "ඉරානය" → "ඉරාන රජය", "රුසියාව" → "රුසියාවේ".
_SHED = ("ம்", "ය", "ව")
# Malayalam's chillu letters, a consonant with no vowel, written whole at a word's end.
_CHILLU = {"ൺ": "ണ", "ൻ": "ന", "ർ": "ര", "ൽ": "ല", "ൾ": "ള", "ൿ": "ക"}


def _shed(name: str) -> list[str]:
    """A name whose last word takes case endings glued on: as written, and its stem."""
    *head, last = name.split()
    if last.isascii():  # "ഹോങ്കോങ് (SAR) ചൈന" gives "SAR" alone: no stem of a Latin word
        return [name]
    stem = next((last[: -len(end)] for end in _SHED if last.endswith(end)), last)
    if stem[-1:] in _CHILLU:
        stem = stem[:-1] + _CHILLU[stem[-1]]
    while stem and unicodedata.category(stem[-1]).startswith("M"):
        stem = stem[:-1]
    stemmed = " ".join([*head, f"{stem}*"])
    if sum(char.isalpha() for char in stemmed) < SHED_MIN:
        return [name]
    return [name, stemmed]


def _short_forms(name: str, endings: Endings) -> list[str]:
    """A short one-word name in its cases: its last letter replaced by each ending listed for
    it, or, after a consonant, each ending of "" added ("габон" → "габона", "габоне")."""
    if " " in name or not name.isalpha() or len(name) < 3:
        return []
    table = dict(endings)
    if name[-1] in table and name[-1]:
        return [name[:-1] + ending for ending in table[name[-1]]]
    if name[-1] not in _VOWELS and name[-1] != "й":
        return [name + ending for ending in table.get("", ())]
    return []


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
    """The places one language's text may name, three layers deep, the first winning where
    two overlap:

    1. the language's own names (its file's `[countries]` tables) and its masks (`[mask]
       places`: "бир катар" is no Qatar in Kyrgyz, "sabah" no Malaysian state in Turkish);
    2. the names of countries.toml and the generated places.toml, for every language;
    3. CLDR's names in this language only ("indi*", Hungarian for India, must not find
       "indicated" in English).

    The first and third are built on first use: most languages are rare. A mask is a hit
    whose label has no country: it hides what lies under it, and is dropped."""

    def __init__(
        self,
        shared: Lexicon[T],
        local: Callable[[], tuple[list[tuple[str, T]], list[tuple[str, T]]]],
        normalise: Callable[[str], str],
    ) -> None:
        self.shared = shared
        self._local_entries = local
        self._normalise = normalise
        self._layers: tuple[Lexicon[T], Lexicon[T]] | None = None

    def _built(self) -> tuple[Lexicon[T], Lexicon[T]]:
        if self._layers is None:
            own, cldr = self._local_entries()
            self._layers = (Lexicon(own, self._normalise), Lexicon(cldr, self._normalise))
        return self._layers

    def candidates(self, word: str) -> list[Any]:
        own, cldr = self._built()
        return own.candidates(word) or self.shared.candidates(word) or cldr.candidates(word)

    def find(
        self, text: str, words: Sequence[tuple[int, str]] | None = None, *, first: bool = False
    ) -> list[Hit[T]]:
        own, cldr = self._built()
        hits: list[Hit[T]] = []
        for layer in (own, self.shared, cldr):
            hits += [
                hit
                for hit in layer.find(text, words)
                if not any(hit.start < mine.end and mine.start < hit.end for mine in hits)
            ]
        hits = sorted(
            (
                hit
                for hit in hits
                if getattr(hit.label, "country", True) and not _in_domain(text, hit)
            ),
            key=_start,
        )
        return hits[:1] if first else hits


_DOMAIN_PART = re.compile(r"\.[^\W\d_]")  # a dot glued to a letter: "kremlin.ru", "letters.kremlin"


def _in_domain(text: str, hit: Hit[Any]) -> bool:
    """Whether a place's name is part of a domain ("letters.kremlin.ru", "kenya.com"): a
    site's address names no place the block happens in."""
    glued_before = (
        hit.start > 0
        and text[hit.start - 1] == "."
        and text[hit.start - 2 : hit.start - 1].isalnum()
    )
    return glued_before or _DOMAIN_PART.match(text, hit.end) is not None


def _start(hit: Hit[Any]) -> int:
    return hit.start
