"""ISO 3166-1 alpha-2 country codes: the one list every input is checked against.

The codes come from Babel's copy of CLDR (a declared dependency, read here as data only), not
from a copy of our own. CLDR's two-letter territories are the 249 officially assigned ISO 3166-1
codes plus regions that are no countries, which are left out on purpose:

- ISO's "exceptionally reserved" codes CLDR uses for regions and unions: AC Ascension, CP
  Clipperton, CQ Sark, DG Diego Garcia, EA Ceuta and Melilla, IC Canary Islands, TA Tristan da
  Cunha, EU European Union, EZ Eurozone, UN United Nations (and FX, SU, UK, aliases in CLDR);
- user-assigned codes (AA, QM-QZ, XA-XZ, ZZ), in CLDR QO Outlying Oceania, XA and XB
  (pseudo-locales) and ZZ Unknown Region; except XK for Kosovo, which news and Telegram clients
  use, and which stays.

Babel 2.14 and 2.19 give the same 250 codes, the list this module held before. The command line,
commands by mail and on Telegram, /announce and feeds.toml all check with `is_country`;
`country_problem` says what is wrong with a code, with the right one for codes people write
instead (CLDR's aliases of withdrawn codes, as ZR for CD, plus the few below).
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.core import get_global

KOSOVO = "XK"
# ISO 3166/MA's exceptionally reserved codes: regions, unions and organisations, not countries.
_EXCEPTIONALLY_RESERVED = frozenset(
    ["AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "FX", "IC", "SU", "TA", "UK", "UN"]
)


def _assigned_to_a_country(code: str) -> bool:
    """Two letters ISO assigns to a country, or Kosovo's (see above)."""
    user_assigned = code in ("AA", "ZZ") or "QM" <= code <= "QZ" or code.startswith("X")
    return code == KOSOVO or (
        len(code) == 2
        and code.isalpha()
        and code not in _EXCEPTIONALLY_RESERVED
        and not user_assigned  # AA, QM-QZ, XA-XZ, ZZ: ISO 3166-1 leaves them to its users
    )


@cache
def country_codes() -> frozenset[str]:
    """The 250 codes (read from Babel's data once, on first use)."""
    territories = Locale("en").territories  # also "001" (World), "EU", "ZZ" and so on
    return frozenset(c for c in territories if isinstance(c, str) and _assigned_to_a_country(c))


def is_country(code: str) -> bool:
    """True for an assigned alpha-2 code, in any case ("tm" is TM)."""
    return code.upper() in country_codes()


# Codes in use elsewhere that CLDR does not alias: the EU's own code for Greece.
_INSTEAD = {"EL": "GR"}


def _instead(code: str) -> str | None:
    """The country a code people write stands for: UK is GB (CLDR's alias), EL is GR."""
    if code in _INSTEAD:
        return _INSTEAD[code]
    successors = get_global("territory_aliases").get(code, [])  # SU has 15, YU two: no hint
    return successors[0] if len(successors) == 1 and is_country(successors[0]) else None


def country_problem(code: str) -> str | None:
    """None for a valid code; otherwise one sentence saying what is wrong, in English."""
    typed = code.strip()
    if is_country(typed):
        return None
    if not (len(typed) == 2 and typed.isascii() and typed.isalpha()):
        return f"{typed!r} is not an ISO 3166-1 country code: two letters, like TM or RU"
    instead = _instead(typed.upper())
    hint = f": did you mean {instead}?" if instead else ""
    return f"{typed.upper()} is not an ISO 3166-1 country code{hint}"
