"""ISO 639-1 language codes (two letters), from Babel's copy of CLDR rather than our own list.

CLDR names every ISO 639-1 language. Of its two-letter codes, "sh" (Serbo-Croatian) is left out
on purpose: ISO 639-1 withdrew it in 2000, and CLDR keeps it as an alias of sr-Latn. "bh"
(Bihari languages), in the list this module replaces, is gone with CLDR: ISO 639's advisory
committee deprecated it in 2021 (iso639-3.sil.org; ISO 639-2's "bih" remains). Babel 2.14 and
2.19 give the same 183 codes.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

_WITHDRAWN = frozenset({"sh"})


@cache
def language_codes() -> frozenset[str]:
    """The 183 codes, lower case (read from Babel's data once, on first use)."""
    languages = Locale("en").languages  # also three-letter codes and tags like "en_GB"
    two_letters = {c for c in languages if isinstance(c, str) and len(c) == 2 and c.isalpha()}
    return frozenset(two_letters - _WITHDRAWN)


def is_language(code: str) -> bool:
    """True for an ISO 639-1 code, in lower case ("RU" is not one: callers fold case)."""
    return code in language_codes()
