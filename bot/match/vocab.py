"""Loading the detector's vocabulary from bot/vocab/*.toml (see bot/vocab/README.md).

    services.toml     [services.<id>] aliases / weak / context, and [mask] phrases
    countries.toml    [countries.<ISO code>] names / regions / actors
    boilerplate.toml  regex: text removed before matching (legal notices)
    lang/<code>.toml  [actions] block / block_weak / throttle / unblock, [cues] by kind
                      (including feature / region / nationwide: the scope, bot.match.scope)

Everything is validated here so that a moderator's typo fails at start-up with the file and
the field named, not as a silent miss in production.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import ConfigError
from bot.match.patterns import Lexicon, labelled
from bot.match.text import key
from bot.models import ACTIONS, Action

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "vocab"

# What each kind of cue does to an action word it governs (see bot/match/sentence.py).
CUE_KINDS = (
    "negation", "threat", "background", "sentence", "trap", "object", "after", "source",
    "ignore", "clause", "past", "feature", "region", "nationwide",
)


@dataclass(frozen=True, slots=True)
class ServiceTag:
    service: str  # "" for a mask: a phrase that contains a service word but is no service
    weak: bool  # ambiguous alias ("imo", "signal"): counts only with the service's context
    # ...or, for a service with `weak_with_strong_action` ("internet"), next to a strong action
    # word: "internet was switched off" counts, "internet restrictions" does not.
    strong_action: bool = False


@dataclass(frozen=True, slots=True)
class CountryTag:
    country: str
    actor: bool  # a regulator or government body: the one acting, preferred over places
    region: bool = False  # a region or city, not the whole country: the action is partial


@dataclass(frozen=True, slots=True)
class ActionTag:
    action: Action
    weak: bool  # "restricted", "limited": yields to a throttle or unblock word in the sentence
    partial: bool = False  # it governs one feature ("calls"): see bot.match.scope


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    actions: Lexicon[ActionTag]
    cues: Lexicon[str]


@dataclass(frozen=True, slots=True)
class Vocab:
    services: Lexicon[ServiceTag]
    context: dict[str, Lexicon[bool]]
    countries: Lexicon[CountryTag]
    boilerplate: tuple[re.Pattern[str], ...]
    boilerplate_triggers: tuple[str, ...]  # boilerplate is only sought in texts with one of these
    languages: dict[str, Language]


def load_vocab(directory: Path | None = None) -> Vocab:
    """Read and compile every vocabulary file of `directory` (default: the packaged one)."""
    root = directory or DEFAULT_DIR
    boilerplate = _read(root / "boilerplate.toml")
    services, context = _services(_read(root / "services.toml"), root / "services.toml")
    languages = {
        path.stem: _language(path.stem, _read(path), path)
        for path in sorted((root / "lang").glob("*.toml"))
    }
    return Vocab(
        services=services,
        context=context,
        countries=_countries(_read(root / "countries.toml"), root / "countries.toml"),
        boilerplate=_boilerplate(boilerplate, root / "boilerplate.toml"),
        boilerplate_triggers=tuple(
            key(word) for word in _strings(boilerplate, "triggers", root / "boilerplate.toml")
        ),
        languages=languages,
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise ConfigError("vocabulary file missing", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(exc), path=str(path)) from None


def _strings(table: dict[str, Any], name: str, path: Path) -> list[str]:
    """A list-of-strings field (absent: empty), or a ConfigError naming it."""
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError("must be a list of strings", path=str(path), field=name)
    return value


def _services(
    data: dict[str, Any], path: Path
) -> tuple[Lexicon[ServiceTag], dict[str, Lexicon[bool]]]:
    entries: list[tuple[str, ServiceTag]] = []
    context: dict[str, Lexicon[bool]] = {}
    for service, table in data.get("services", {}).items():
        where = f"services.{service}"
        entries += labelled(_strings(table, "aliases", path), ServiceTag(service, False))
        strong = table.get("weak_with_strong_action", False)
        if not isinstance(strong, bool):
            raise ConfigError(
                "must be true or false", path=str(path), field=f"{where}.weak_with_strong_action"
            )
        entries += labelled(_strings(table, "weak", path), ServiceTag(service, True, strong))
        words = _strings(table, "context", path)
        if table.get("weak") and not words:
            raise ConfigError("weak aliases need context words", path=str(path), field=where)
        context[service] = Lexicon(labelled(words, True), key)
    entries += labelled(_strings(data.get("mask", {}), "phrases", path), ServiceTag("", False))
    return Lexicon(entries, key), context


def _countries(data: dict[str, Any], path: Path) -> Lexicon[CountryTag]:
    entries: list[tuple[str, CountryTag]] = []
    for code, table in data.get("countries", {}).items():
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise ConfigError("country codes are two capital letters", path=str(path), field=code)
        entries += labelled(_strings(table, "names", path), CountryTag(code, False))
        entries += labelled(_strings(table, "actors", path), CountryTag(code, True))
        entries += labelled(_strings(table, "regions", path), CountryTag(code, False, True))
    return Lexicon(entries, key)


def _boilerplate(data: dict[str, Any], path: Path) -> tuple[re.Pattern[str], ...]:
    compiled: list[re.Pattern[str]] = []
    for pattern in _strings(data, "regex", path):
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"bad regex {pattern!r}: {exc}", path=str(path)) from None
    return tuple(compiled)


def _language(code: str, data: dict[str, Any], path: Path) -> Language:
    actions_table = data.get("actions", {})
    cues_table = data.get("cues", {})
    unknown = set(cues_table) - set(CUE_KINDS)
    unknown |= set(actions_table) - {*ACTIONS, "block_weak"}
    if unknown:
        raise ConfigError(f"unknown lists {sorted(unknown)}", path=str(path))
    actions: list[tuple[str, ActionTag]] = []
    for action in ACTIONS:
        actions += labelled(_strings(actions_table, action, path), ActionTag(action, False))
    actions += labelled(_strings(actions_table, "block_weak", path), ActionTag("block", True))
    cues: list[tuple[str, str]] = []
    for kind in CUE_KINDS:
        cues += labelled(_strings(cues_table, kind, path), kind)
    return Language(code, Lexicon(actions, key), Lexicon(cues, key))
