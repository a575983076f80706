""" "A, B and C" in a reader's language, from CLDR's list patterns (Babel). Pure.

A headline that names several services ("X (Twitter), WeChat and VKontakte unblocked"), and
"also reported by A, B and C", join their names the way the reader's language does: "и" in
Russian, "we" in Turkmen, "va" in Uzbek, "және" in Kazakh. Where CLDR (47, in Babel 2.19) leaves
a gap in our languages, we fill it, as data:

- English is written without the serial comma ("A, B and C"), as our alerts always were and as
  the issue that asked for stories writes it; CLDR's "en" is US English ("A, B, and C"), so
  English takes the patterns of "en_GB".
- Kazakh: CLDR has only the two-item pattern ("A және B"); a longer list falls back to the
  root's "A, B, C", which reads as a list cut short. Its end takes "және" as the two-item
  pattern does ("A, B және C"), as our Kazakh catalogue wrote it before lists came from CLDR.
- Uzbek in Cyrillic: CLDR has no list patterns at all; it takes Latin Uzbek's "va"
  transliterated, "ва", as the rest of the uz_Cyrl catalogue transliterates uz.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from babel import Locale
from babel.lists import format_list

from bot.core.locales import LANGUAGES, catalogue_of

__all__ = ["and_list"]

# Our language -> the CLDR locale whose patterns it takes.
_CLDR_LOCALE: Mapping[str, str] = {"en": "en_GB"}
# Our language -> the patterns we fill in over CLDR's, in CLDR's keys ("2" for two items; a
# longer list is "start", then "middle" for each further item, then "end").
_FILLED_IN: Mapping[str, Mapping[str, str]] = {
    "kk": {"end": "{0} және {1}"},
    "uz_Cyrl": {"2": "{0} ва {1}", "end": "{0} ва {1}"},
}


def and_list(items: Sequence[str], language: str) -> str:
    """ "A, B and C" in `language` (a catalogue name or language tag; English for one we do not
    speak). One item is itself, none is ""."""
    code = catalogue_of(language)
    code = code if code in LANGUAGES else "en"
    locale = _CLDR_LOCALE.get(code, code)
    if code not in _FILLED_IN or len(items) < 2:
        return format_list(list(items), locale=locale)
    patterns: dict[str, str] = {
        **Locale.parse(locale).list_patterns["standard"],
        **_FILLED_IN[code],
    }
    if len(items) == 2:
        return patterns["2"].format(*items)
    joined = patterns["start"].format(items[0], items[1])
    for item in items[2:-1]:
        joined = patterns["middle"].format(joined, item)
    return patterns["end"].format(joined, items[-1])
