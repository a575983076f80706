"""Time zones a subscriber can pick: the region's by city, any IANA zone by region, or typed.

Pure, on the system's tz database (zoneinfo): a name is valid when zoneinfo knows it, so a
zone added by a tzdata update is offered without a code change.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

# Where our subscribers are, by the city people know each zone by: offered first.
NEARBY: tuple[tuple[str, str], ...] = (
    ("Asia/Ashgabat", "Ashgabat"),
    ("Asia/Tashkent", "Tashkent"),
    ("Asia/Almaty", "Almaty"),
    ("Asia/Bishkek", "Bishkek"),
    ("Asia/Dushanbe", "Dushanbe"),
    ("Europe/Moscow", "Moscow"),
    ("Europe/Minsk", "Minsk"),
    ("Asia/Baku", "Baku"),
    ("Asia/Tehran", "Tehran"),
    ("Europe/Istanbul", "Istanbul"),
    ("Europe/Berlin", "Berlin"),
    ("UTC", "UTC"),
)
# The tz database's continents and oceans; the diaspora lives in all of them.
REGIONS: tuple[str, ...] = (
    "Europe",
    "Asia",
    "America",
    "Africa",
    "Australia",
    "Pacific",
    "Atlantic",
    "Indian",
    "Antarctica",
)
LONGEST_NAME = 40  # IANA names are at most 32 characters today ("America/Argentina/...")


@cache
def known_zones() -> frozenset[str]:
    """Every zone name this system's tz database has ("UTC" included)."""
    return frozenset(available_timezones()) | {"UTC"}


def is_zone(name: str) -> bool:
    return len(name) <= LONGEST_NAME and name in known_zones()


@cache
def zones_in(region: str) -> tuple[str, ...]:
    """The zones of one region, by name ("Asia/Almaty", "Asia/Aqtau", ...)."""
    return tuple(sorted(name for name in known_zones() if name.startswith(region + "/")))


def city(zone: str) -> str:
    """ "America/Argentina/Buenos_Aires" → "Argentina/Buenos Aires": the zone as people say it."""
    return zone.partition("/")[2].replace("_", " ") or zone


def find_zone(typed: str) -> str | None:
    """The zone someone typed: an IANA name in any case, or a city the tz database names.

    "asia/tashkent", "Tashkent" and "new york" are found; an unknown word is None. A city
    under two names ("America/Buenos_Aires" is an old link to "America/Argentina/Buenos_Aires")
    is one zone: the shorter name is taken.
    """
    words = " ".join(typed.split())[: LONGEST_NAME + 10].replace(" ", "_").casefold()
    if not words:
        return None
    exact = [name for name in known_zones() if name.casefold() == words]
    if exact:
        return exact[0]
    by_city = {
        name for name in known_zones() if "/" in name and name.rsplit("/", 1)[1].casefold() == words
    }
    return min(by_city, key=lambda name: (len(name), name)) if by_city else None
