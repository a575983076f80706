"""ISO 3166-1 codes from Babel's CLDR data: the countries, none of CLDR's other regions."""

from __future__ import annotations

import pytest

from bot.core.countries import country_codes, country_problem, is_country


def test_the_codes_are_the_assigned_countries_and_kosovo() -> None:
    # 249 officially assigned codes plus XK; a new Babel that changes this count is worth a look.
    assert len(country_codes()) == 250
    assert {"TM", "RU", "GB", "SS", "BQ", "CW", "SX", "XK"} <= country_codes()


@pytest.mark.parametrize(
    "region",
    # ISO's exceptionally reserved codes, user-assigned ones, and CLDR's numeric regions
    ["AC", "CP", "CQ", "DG", "EA", "IC", "TA", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001"],
)
def test_cldr_regions_that_are_no_countries_are_refused(region: str) -> None:
    assert not is_country(region)
    assert country_problem(region) is not None


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("UK", "GB"),  # CLDR's alias
        ("EL", "GR"),  # ours: the EU's code for Greece
        ("ZR", "CD"),  # withdrawn codes CLDR knows the successor of
        ("bu", "MM"),
        ("YU", None),  # two successors (RS, ME): no guess
        ("SU", None),
        ("QU", None),  # CLDR's alias for EU, which is no country
    ],
)
def test_a_code_written_instead_of_another_gets_a_hint(code: str, hint: str | None) -> None:
    problem = country_problem(code)
    assert problem is not None and problem.startswith(f"{code.upper()} is not an ISO 3166-1")
    assert problem.endswith(f": did you mean {hint}?" if hint else "country code")
