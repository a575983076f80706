"""ISO 3166-1 alpha-2 country codes: the one list every input is checked against. Pure data.

The 249 officially assigned codes (the list tzdata ships as iso3166.tab), plus XK for Kosovo,
which is user-assigned but what news and Telegram clients use. The command line, commands by
mail and on Telegram, /announce and feeds.toml all check with `is_country`; `country_problem`
says what is wrong with a code, with the right one for codes people often write instead.
"""

from __future__ import annotations

# One string, split below: 250 codes as a list literal would be 30 lines of quotes.
_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    XK
"""
COUNTRY_CODES: frozenset[str] = frozenset(_CODES.split())


def is_country(code: str) -> bool:
    """True for an assigned alpha-2 code, in any case ("tm" is TM)."""
    return code.upper() in COUNTRY_CODES


# Codes in use elsewhere that ISO reserves for something else or leaves unassigned.
_INSTEAD = {
    "UK": "GB",  # the United Kingdom's domain, reserved in ISO 3166-1 "at the request of the UK"
    "EL": "GR",  # Greece in the EU's own list of country codes
}


def country_problem(code: str) -> str | None:
    """None for a valid code; otherwise one sentence saying what is wrong, in English."""
    typed = code.strip()
    if is_country(typed):
        return None
    if not (len(typed) == 2 and typed.isascii() and typed.isalpha()):
        return f"{typed!r} is not an ISO 3166-1 country code: two letters, like TM or RU"
    instead = _INSTEAD.get(typed.upper())
    hint = f": did you mean {instead}?" if instead else ""
    return f"{typed.upper()} is not an ISO 3166-1 country code{hint}"
