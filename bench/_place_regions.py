"""First-level regions of every country from ISO 3166-2 (pycountry), for bench/places.py.

Each region keeps its ISO name and its names in the Latin-script translations pycountry ships
("Tigrai": "Tigray", "Tigré"); regions of the home region also keep the Cyrillic, Georgian and
Turkic translations (Russian, Ukrainian, Belarusian, Georgian, Turkish, Azerbaijani, Kyrgyz).
pycountry translates Russia's own regions into Ukrainian but not Russian, so their Russian
names are read back from ISO's romanisation ("Smolenskaya oblast'" → "Смоленская").

The type words go ("Dagestan, Respublika" → "Dagestan", "Смоленская область" →
"Смоленская"): the press writes the distinctive word, declined, and the type word on its own
would be every region of the country. Countries that list hundreds of municipalities as their
first level (Slovenia, Malta, North Macedonia, Azerbaijan's rayons) give their larger units
only: their municipality names are villages and words ("Kanal", "Log").
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pycountry

from bench._place_names import script

if TYPE_CHECKING:
    from bench.places import Place

# Blockwatch's home region (bench/score.py's HOME).
HOME = frozenset(
    ["RU", "BY", "UA", "KZ", "UZ", "TM", "KG", "TJ", "AZ", "AM", "GE", "MN", "TR", "IR", "AF"]
)
# Latin-script translations (our press's languages), for every country's regions.
LATIN_LOCALES = ("en", "de", "fr", "es", "pt", "it", "nl", "hu", "pl", "ro", "id", "vi", "tr")
# Other scripts and Turkic forms, for the home region's regions only.
HOME_LOCALES = ("ru", "uk", "be", "ka", "az", "ky", "crh")
SMALL_UNITS = frozenset(
    ["Municipality", "Urban municipality", "Local council", "Rayon", "Commune", "Parish"]
)
MANY = 40  # a country with more first-level units than this lists municipalities, not regions
TYPE_WORDS = frozenset(
    [
        "область",
        "обл",
        "край",
        "республика",
        "автономный",
        "автономная",
        "автономного",
        "округ",
        "республіка",
        "автономна",
        "автономний",
        "вобласць",
        "рэспубліка",
        "аўтаномная",
        "аўтаномны",
        "горад",
        "город",
        "місто",
        "шаары",
        "oblast",
        "oblysy",
        "oblasy",
        "kray",
        "respublika",
        "respublikasi",
        "avtonomnyy",
        "avtonomnaya",
        "okrug",
        "voblasć",
        "horad",
        "shaary",
        "viloyati",
        "viloyat",
        "welaýaty",
        "welayaty",
        "ili",
        "ostān",
    ]
)


def regions() -> Iterator[Place]:
    """A Place (bench.places) per first-level region, with its candidate names."""
    from bench.places import Place

    translations = {
        code: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[code])
        for code in (*LATIN_LOCALES, *HOME_LOCALES)
    }
    # Any: pycountry is typed loosely, and absent where only the test extra is installed (CI).
    database: Any = pycountry.subdivisions
    for country in sorted(pycountry.countries, key=lambda country: country.alpha_2):
        code = country.alpha_2
        subdivisions = [s for s in database.get(country_code=code) or [] if not s.parent_code]
        many = len(subdivisions) > MANY
        for subdivision in sorted(subdivisions, key=lambda s: s.code):
            if many and subdivision.type in SMALL_UNITS:
                continue
            forms = [subdivision.name]
            forms += [translations[lang].gettext(subdivision.name) for lang in LATIN_LOCALES]
            if code in HOME:
                forms += [translations[lang].gettext(subdivision.name) for lang in HOME_LOCALES]
            if code == "RU":
                forms.append(russian(subdivision.name))
            home = code in HOME
            names = [_bare(form, home) for form in forms if _wanted(form, home)]
            unique = list(dict.fromkeys(name for name in names if name))
            own = _bare(subdivision.name, home)
            yield Place(code, "regions", subdivision.name, 0, unique, own)


def _wanted(form: str, home: bool) -> bool:
    kind = script(form.replace("‘", "").replace("'", ""))
    return kind == "LATIN" or (home and kind is not None)


def _bare(name: str, home: bool) -> str:
    """The region's distinctive words: "Dagestan, Respublika" → "Dagestan"; in the home
    region the type words go too ("Смоленская область" → "Смоленская")."""
    head, comma, _ = name.partition(", ")
    if comma:
        if " " in head:  # "Southern Nations, Nationalities and Peoples": no short form
            return ""
        name = head
    if home:
        words = [word for word in name.split() if word.casefold().strip("'") not in TYPE_WORDS]
        name = " ".join(words)
    return name


# ISO 3166-2:RU romanises by BGN/PCGN; read back, longest letters first. "ts" is ц except
# before "k" after a vowel other than "e": Irkutskaya, Kamchatskiy (тск) but Lipetskaya (цк).
_DIGRAPHS = [
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ya", "я"),
    ("yu", "ю"),
    ("ye", "е"),
    ("yo", "ё"),
]
_SINGLE = dict(zip("abvgdezijklmnoprstufh'", "абвгдезийклмнопрстуфхь", strict=True))
_VOWELS = "aeiouyаеёиоуыэюяй"


def russian(romanised: str) -> str:
    """Russian Cyrillic of a BGN/PCGN romanised name ("Stavropol'skiy kray" → "Ставропольский
    край"); capitalised as the romanisation is."""
    parts = re.split(r"(\s+|-|, )", romanised)
    return "".join(_word(word) if word.strip(" ,-") else word for word in parts)


def _word(word: str) -> str:
    lower, out, i = word.lower(), [], 0
    while i < len(lower):
        for latin, cyrillic in _DIGRAPHS:
            if lower.startswith(latin, i):
                if latin == "ts" and lower[i + 2 : i + 3] == "k" and lower[i - 1 : i] in "aou":
                    continue
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            letter = lower[i]
            previous = out[-1] if out else ""
            if letter == "y":
                out.append("й" if previous and previous in _VOWELS else "ы")
            elif letter == "e" and not out:
                out.append("э")
            else:
                out.append(_SINGLE.get(letter, letter))
            i += 1
    cyrillic = "".join(out)
    return cyrillic[:1].upper() + cyrillic[1:] if word[:1].isupper() else cyrillic
