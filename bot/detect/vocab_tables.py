"""The vocabulary's shared tables, read and checked: services.toml (services, masks, groups),
countries.toml and each language file's own [countries], places.toml (bot.detect.gazetteer)
and boilerplate.toml; and the TOML reading and list-of-strings check every vocabulary file
goes through (bot.detect.vocab_files, bot.detect.vocab_language).

Apart from the per-language compiling because these tables are shared by every language:
read once, then handed to each language's Lexicons and Places.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from bot.core.errors import ConfigError
from bot.detect.gazetteer import gazetteer
from bot.detect.lexicon import CountryTag, ServiceTag
from bot.detect.pattern_index import Lexicon
from bot.detect.patterns import labelled
from bot.detect.text import key


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise ConfigError("vocabulary file missing", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(exc), path=str(path)) from None


def strings(table: dict[str, Any], name: str, path: Path) -> list[str]:
    """A list-of-strings field (absent: empty), or a ConfigError naming it."""
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError("must be a list of strings", path=str(path), field=name)
    return value


def group_table(data: dict[str, Any], path: Path) -> dict[str, frozenset[str]]:
    """[groups]: a group word's service id and the services it stands for, all of them
    services of the file (bot.detect.groups)."""
    table = data.get("groups", {})
    known = set(data.get("services", {}))
    groups = {}
    for name in table:
        members = strings(table, name, path)
        unknown = [service for service in [name, *members] if service not in known]
        if unknown:
            raise ConfigError(f"unknown service {unknown[0]!r}", path=str(path), field=name)
        groups[name] = frozenset(members)
    return groups


def service_lexicon(
    tables: list[tuple[Path, dict[str, Any]]],
) -> tuple[Lexicon[ServiceTag], dict[str, Lexicon[bool]]]:
    """services.toml's services and masks, and each language file's own aliases."""
    entries: list[tuple[str, ServiceTag]] = []
    context_words: dict[str, list[str]] = {}
    for path, data in tables:
        for service, table in data.get("services", {}).items():
            where = f"services.{service}"
            if not isinstance(table, dict):
                raise ConfigError("must be a table of aliases", path=str(path), field=where)
            entries += labelled(strings(table, "aliases", path), ServiceTag(service, False))
            strong = table.get("weak_with_strong_action", False)
            if not isinstance(strong, bool):
                raise ConfigError(
                    "must be true or false",
                    path=str(path),
                    field=f"{where}.weak_with_strong_action",
                )
            entries += labelled(strings(table, "weak", path), ServiceTag(service, True, strong))
            near = ServiceTag(service, False, near=True)
            entries += labelled(strings(table, "near", path), near)
            generic = ServiceTag(service, False, near=True, generic=True)
            entries += labelled(strings(table, "generic", path), generic)
            words = context_words.setdefault(service, [])
            words += strings(table, "context", path)
            if table.get("weak") and not words:
                raise ConfigError("weak aliases need context words", path=str(path), field=where)
        entries += labelled(strings(data.get("mask", {}), "phrases", path), ServiceTag("", False))
    context = {
        service: Lexicon(labelled(words, True), key) for service, words in context_words.items()
    }
    return Lexicon(entries, key), context


def country_lexicon(
    tables: list[tuple[Path, dict[str, Any]]], places: list[tuple[str, CountryTag]]
) -> Lexicon[CountryTag]:
    """countries.toml's names, actors and regions, for every language, then the generated
    `places`: where a pattern repeats, ours come first and win. (A language file's own
    names, and CLDR's, come per language: bot.detect.places.Places.)"""
    return Lexicon(country_entries(tables) + places, key)


def country_entries(tables: list[tuple[Path, dict[str, Any]]]) -> list[tuple[str, CountryTag]]:
    entries: list[tuple[str, CountryTag]] = []
    for path, data in tables:
        for code, table in data.get("countries", {}).items():
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise ConfigError(
                    "country codes are two capital letters", path=str(path), field=code
                )
            entries += labelled(strings(table, "names", path), CountryTag(code, False))
            entries += labelled(strings(table, "actors", path), CountryTag(code, True))
            entries += labelled(strings(table, "regions", path), CountryTag(code, False, True))
        # Words that contain a place's name and are none ("бир катар", not Qatar): found
        # first, then ignored (bot.detect.places).
        entries += labelled(strings(data.get("mask", {}), "places", path), CountryTag("", False))
    return entries


def place_entries(path: Path) -> list[tuple[str, CountryTag]]:
    """places.toml's capitals (the country) and cities and regions (partial)."""
    return [
        (pattern, CountryTag(code, False, partial)) for pattern, code, partial in gazetteer(path)
    ]


def boilerplate_regexes(data: dict[str, Any], path: Path) -> tuple[re.Pattern[str], ...]:
    compiled: list[re.Pattern[str]] = []
    for pattern in strings(data, "regex", path):
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"bad regex {pattern!r}: {exc}", path=str(path)) from None
    return tuple(compiled)
