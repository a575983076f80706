"""Loading the detector's vocabulary from bot/detect/vocab/*.toml (see bot/detect/vocab/README.md).

    services.toml     [services.<id>] aliases / weak / context, and [mask] phrases
    countries.toml    [countries.<ISO code>] names / regions / actors
    places.toml       [places.<ISO code>] capitals / cities / regions, generated from
                      GeoNames by bench/places.py: behind ours (bot.detect.gazetteer)
    boilerplate.toml  regex: text removed before matching (legal notices)
    lang/<code>.toml  [actions] block / block_weak / throttle / unblock / negated,
                      [cues] by kind (including feature / region / nationwide: the scope,
                      bot.detect.scope), [language] word order, default country and how
                      country names inflect; [services.<id>] and [countries.<code>] tables
                      as in services.toml and countries.toml: the language's own names
    (CLDR)            every country's name in every language with a file (bot.detect.places)

Everything is validated here so that a moderator's typo fails at start-up with the file and
the field named, not as a silent miss in production.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.core.errors import ConfigError
from bot.core.models import ACTIONS, Action
from bot.detect.gazetteer import gazetteer
from bot.detect.grammar import Grammar, read_grammar
from bot.detect.pattern_index import Lexicon
from bot.detect.patterns import labelled
from bot.detect.places import Places, name_patterns
from bot.detect.scan import Scanner, Words
from bot.detect.segment import Segmenter
from bot.detect.text import key, latin_in_other_script

DEFAULT_DIR = Path(__file__).resolve().parent / "vocab"
_DOMAIN_DOT = re.compile(r"\w\.[a-zр]{2,6}\b")  # a domain may name a site (bot.detect.sentence)

# What each kind of cue does to an action word it governs (see bot/detect/sentence.py). A
# pattern in two lists keeps the first one's kind: "past" before "background", as a past cue
# does all a background cue does and also governs from after the action word.
CUE_KINDS = (
    "negation",
    "threat",
    "sentence",
    "trap",
    "object",
    "after",
    "source",
    "ignore",
    "clause",
    "past",
    "background",
    "feature",
    "region",
    "nationwide",
    "topic",
    "conjunction",
    "anaphor",
    "reporting",
    "against",
    "undo",
    "including",
    "ending",
    "speed",
    "authority",
)


@dataclass(frozen=True, slots=True)
class ServiceTag:
    service: str  # "" for a mask: a phrase that contains a service word but is no service
    weak: bool  # ambiguous alias ("imo", "signal"): counts only with the service's context
    # ...or, for a service with `weak_with_strong_action` ("internet"), next to a strong action
    # word: "internet was switched off" counts, "internet restrictions" does not.
    strong_action: bool = False
    # A name that is often the source of a report, not its subject ("Radio Svoboda", a
    # domain like "tut.by"): it counts only right next to an action word ("blocked tut.by",
    # "Радио Свобода заблокировано"), never in "reports Tochka.by" or "araz.az xəbər verir".
    near: bool = False
    # A word for a kind of site, not a name ("сайт", "website", "portal"): next to a strong
    # action word, in a sentence naming no service, it is a site blocked ("other").
    generic: bool = False


@dataclass(frozen=True, slots=True)
class CountryTag:
    country: str
    actor: bool  # a regulator or government body: the one acting, preferred over places
    region: bool = False  # a region or city, not the whole country: the action is partial


@dataclass(frozen=True, slots=True)
class ActionTag:
    action: Action
    weak: bool  # "restricted", "limited": yields to a throttle or unblock word in the sentence
    partial: bool = False  # it governs one feature ("calls"): see bot.detect.scope
    negated: bool = False  # a negative form ("bloklanmadi": was not blocked): never live
    # The pattern itself says "not" ("no longer works", "больше не работает"): a negation
    # inside its words is part of it, not a denial of it.
    says_not: bool = False


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    actions: Lexicon[ActionTag]
    cues: Lexicon[str]
    countries: Places[CountryTag]  # ours, and CLDR's names in this language
    services: Lexicon[ServiceTag]  # every language's names of services (shared)
    # One pass over a sentence for actions, cues, services and countries, in that order.
    scanner: Scanner
    # Word order ([language] in the file): in verb-final languages (Turkic, Persian) a
    # service's verb comes after it, so the action word after a service is preferred.
    verb_final: bool = False
    # Words after an action word within which a negation, threat or background cue still
    # governs it, in its clause ("bloklashni taklif qildi", "mit der Sperrung gedroht").
    cues_after: int = 0
    # The country of an item of this language that names none (and has no feed default).
    country: str | None = None
    # Cuts text written without spaces into words first (Chinese, Thai...); None: spaced.
    segmenter: Segmenter | None = None

    def words(self, text: str) -> str:
        """`text` (cleaned) with its words apart: as given, or cut by the segmenter."""
        return text if self.segmenter is None else self.segmenter.split(text)

    def may_report(self, text: str) -> bool:
        """Whether a text (key form) has an action word and a word that may start a service
        name: what every alert needs (bot.detect.sentence). False rules out all of its
        sentences at once, and in most news there is no action word at all."""
        return self.may_report_in([text], [self.scanner.scan(text)])

    def may_report_in(self, keys: Sequence[str], scans: Sequence[tuple[Words, ...]]) -> bool:
        """`may_report` for an item's sentences (key form), given each one's scan: the
        detector scans every sentence once and asks this before anything else."""
        named = any(
            words and self.services.find(text, words, first=True)
            for text, (_, _, words, _) in zip(keys, scans, strict=True)
        )
        whole = "\n".join(keys)
        acted = any(
            words and self.actions.find(text, words, first=True)
            for text, (words, _, _, _) in zip(keys, scans, strict=True)
        )
        if named or _DOMAIN_DOT.search(whole) is not None:
            return acted
        # A foreign name in another script (bot.detect.foreign), sought only where an action
        # word stands: the costlier test, and most news has no action word.
        return acted and latin_in_other_script(whole)


@dataclass(frozen=True, slots=True)
class Vocab:
    services: Lexicon[ServiceTag]
    context: dict[str, Lexicon[bool]]
    countries: Lexicon[CountryTag]
    boilerplate: tuple[re.Pattern[str], ...]
    boilerplate_triggers: tuple[str, ...]  # boilerplate is only sought in texts with one of these
    languages: dict[str, Language]
    # A group word's service id → the services it stands for (services.toml [groups])
    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)


# Moderators' changes to the [actions] lists, kept in the database (bot/moderation/words.py):
# (language, list) → (patterns added, patterns removed), laid over the files as they are read.
ActionOverlay = Mapping[tuple[str, str], tuple[Sequence[str], Sequence[str]]]


def load_vocab(
    directory: Path | None = None,
    overlay: ActionOverlay | None = None,
    *,
    places: bool = True,
) -> Vocab:
    """Read and compile every vocabulary file of `directory` (default: the packaged one),
    with the moderators' `overlay` on the action lists; `places`: with places.toml's
    cities and regions (bench/places.py reads ours without them)."""
    root = directory or DEFAULT_DIR
    boilerplate = _read(root / "boilerplate.toml")
    files = {path: _read(path) for path in sorted((root / "lang").glob("*.toml"))}
    service_tables = [(root / "services.toml", _read(root / "services.toml"))]
    country_tables = [(root / "countries.toml", _read(root / "countries.toml"))]
    for path, data in files.items():  # a language's own names of services and places
        mask = data.get("mask", {})
        service_tables.append((path, {"services": data.get("services", {}), "mask": mask}))
    services, context = _services(service_tables)
    countries = _countries(country_tables, _places(root / "places.toml") if places else [])
    # Each file's own place names, checked now so that a typo fails at start-up.
    own = {
        path.stem: _country_entries(
            [(path, {"countries": data.get("countries", {}), "mask": data.get("mask", {})})]
        )
        for path, data in files.items()
    }
    languages = {
        path.stem: _language(
            path.stem,
            _overlaid(data, path.stem, overlay or {}),
            path,
            (services, countries),
            own,
        )
        for path, data in files.items()
    }
    return Vocab(
        services=services,
        context=context,
        countries=countries,
        boilerplate=_boilerplate(boilerplate, root / "boilerplate.toml"),
        boilerplate_triggers=tuple(
            key(word) for word in _strings(boilerplate, "triggers", root / "boilerplate.toml")
        ),
        languages=languages,
        groups=_groups(service_tables[0][1], root / "services.toml"),
    )


def _groups(data: dict[str, Any], path: Path) -> dict[str, frozenset[str]]:
    """[groups]: a group word's service id and the services it stands for, all of them
    services of the file (bot.detect.groups)."""
    table = data.get("groups", {})
    known = set(data.get("services", {}))
    groups = {}
    for name in table:
        members = _strings(table, name, path)
        unknown = [service for service in [name, *members] if service not in known]
        if unknown:
            raise ConfigError(f"unknown service {unknown[0]!r}", path=str(path), field=name)
        groups[name] = frozenset(members)
    return groups


def _overlaid(data: dict[str, Any], code: str, overlay: ActionOverlay) -> dict[str, Any]:
    """A language file's data with the overlay's additions and removals in its actions."""
    actions = dict(data.get("actions", {}))
    for (language, name), (added, removed) in overlay.items():
        if language == code:
            kept = [word for word in actions.get(name, []) if word not in removed]
            actions[name] = kept + [word for word in added if word not in kept]
    return {**data, "actions": actions}


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
            entries += labelled(_strings(table, "aliases", path), ServiceTag(service, False))
            strong = table.get("weak_with_strong_action", False)
            if not isinstance(strong, bool):
                raise ConfigError(
                    "must be true or false",
                    path=str(path),
                    field=f"{where}.weak_with_strong_action",
                )
            entries += labelled(_strings(table, "weak", path), ServiceTag(service, True, strong))
            near = ServiceTag(service, False, near=True)
            entries += labelled(_strings(table, "near", path), near)
            generic = ServiceTag(service, False, near=True, generic=True)
            entries += labelled(_strings(table, "generic", path), generic)
            words = context_words.setdefault(service, [])
            words += _strings(table, "context", path)
            if table.get("weak") and not words:
                raise ConfigError("weak aliases need context words", path=str(path), field=where)
        entries += labelled(_strings(data.get("mask", {}), "phrases", path), ServiceTag("", False))
    context = {
        service: Lexicon(labelled(words, True), key) for service, words in context_words.items()
    }
    return Lexicon(entries, key), context


def _countries(
    tables: list[tuple[Path, dict[str, Any]]], places: list[tuple[str, CountryTag]]
) -> Lexicon[CountryTag]:
    """countries.toml's names, actors and regions, for every language, then the generated
    `places`: where a pattern repeats, ours come first and win. (A language file's own
    names, and CLDR's, come per language: bot.detect.places.Places.)"""
    return Lexicon(_country_entries(tables) + places, key)


def _country_entries(tables: list[tuple[Path, dict[str, Any]]]) -> list[tuple[str, CountryTag]]:
    entries: list[tuple[str, CountryTag]] = []
    for path, data in tables:
        for code, table in data.get("countries", {}).items():
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise ConfigError(
                    "country codes are two capital letters", path=str(path), field=code
                )
            entries += labelled(_strings(table, "names", path), CountryTag(code, False))
            entries += labelled(_strings(table, "actors", path), CountryTag(code, True))
            entries += labelled(_strings(table, "regions", path), CountryTag(code, False, True))
        # Words that contain a place's name and are none ("бир катар", not Qatar): found
        # first, then ignored (bot.detect.places).
        entries += labelled(_strings(data.get("mask", {}), "places", path), CountryTag("", False))
    return entries


def _places(path: Path) -> list[tuple[str, CountryTag]]:
    """places.toml's capitals (the country) and cities and regions (partial)."""
    return [
        (pattern, CountryTag(code, False, partial)) for pattern, code, partial in gazetteer(path)
    ]


def _boilerplate(data: dict[str, Any], path: Path) -> tuple[re.Pattern[str], ...]:
    compiled: list[re.Pattern[str]] = []
    for pattern in _strings(data, "regex", path):
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"bad regex {pattern!r}: {exc}", path=str(path)) from None
    return tuple(compiled)


def _language(
    code: str,
    data: dict[str, Any],
    path: Path,
    shared: tuple[Lexicon[ServiceTag], Lexicon[CountryTag]],
    own: dict[str, list[tuple[str, CountryTag]]],
) -> Language:
    actions_table = data.get("actions", {})
    cues_table = data.get("cues", {})
    unknown = set(cues_table) - set(CUE_KINDS)
    unknown |= set(actions_table) - {*ACTIONS, "block_weak", "negated"}
    if unknown:
        raise ConfigError(f"unknown lists {sorted(unknown)}", path=str(path))
    cues: list[tuple[str, str]] = []
    for kind in CUE_KINDS:
        cues += labelled(_strings(cues_table, kind, path), kind)
    cue_lexicon = Lexicon(cues, key)
    nots = Lexicon(labelled(_strings(cues_table, "negation", path), True), key)
    actions: list[tuple[str, ActionTag]] = []
    for action in ACTIONS:
        actions += _tagged(_strings(actions_table, action, path), ActionTag(action, False), nots)
    weak = ActionTag("block", True)
    actions += _tagged(_strings(actions_table, "block_weak", path), weak, nots)
    actions += labelled(
        _strings(actions_table, "negated", path), ActionTag("block", False, negated=True)
    )
    action_lexicon = Lexicon(actions, key)
    grammar = read_grammar(data.get("language", {}), path)
    services, ours = shared
    mine = own[code] + [entry for other in grammar.borrow for entry in own.get(other, [])]
    places = Places(ours, lambda: (mine, _cldr(code, grammar)), key)
    scanner = Scanner([action_lexicon, cue_lexicon, services, places])
    segmenter = None
    if grammar.segment:
        segmenter = Segmenter(
            lambda: _all_patterns(action_lexicon, cue_lexicon, services, ours, mine, code, grammar),
            grammar.segment,
        )
    return Language(
        code,
        action_lexicon,
        cue_lexicon,
        places,
        services,
        scanner,
        grammar.verb_final,
        grammar.cues_after,
        grammar.country,
        segmenter,
    )


def _all_patterns(
    actions: Lexicon[ActionTag],
    cues: Lexicon[str],
    services: Lexicon[ServiceTag],
    countries: Lexicon[CountryTag],
    own: list[tuple[str, CountryTag]],
    code: str,
    grammar: Grammar,
) -> list[str]:
    """Every pattern a language's text is matched against: its segmenter's words."""
    patterns = [*actions.patterns, *cues.patterns, *services.patterns, *countries.patterns]
    return patterns + [pattern for pattern, _ in own + _cldr(code, grammar)]


def _tagged(
    patterns: list[str], tag: ActionTag, nots: Lexicon[bool]
) -> list[tuple[str, ActionTag]]:
    """Each pattern with the list's tag, marked `says_not` when a negation is one of its
    words."""
    says_not = replace(tag, says_not=True)
    return [(pattern, says_not if nots.search(key(pattern)) else tag) for pattern in patterns]


def _cldr(code: str, grammar: Grammar) -> list[tuple[str, CountryTag]]:
    names = name_patterns(code, grammar.names, grammar.cldr, grammar.endings)
    return [(pattern, CountryTag(iso, False)) for pattern, iso in names]
