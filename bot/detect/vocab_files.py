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

Everything is validated as it is read so that a moderator's typo fails at start-up with the
file and the field named, not as a silent miss in production. This module walks the
directory and lays the moderators' changes over the action lists; the shared tables
(services, countries, places, boilerplate) are read by bot.detect.vocab_tables, each
language file is compiled by bot.detect.vocab_language, and what comes out (Vocab,
Language and the tags) is bot.detect.lexicon.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bot.detect.lexicon import Vocab
from bot.detect.text import key
from bot.detect.vocab_language import compile_language
from bot.detect.vocab_tables import (
    boilerplate_regexes,
    country_entries,
    country_lexicon,
    group_table,
    place_entries,
    read_toml,
    service_lexicon,
    strings,
)

DEFAULT_DIR = Path(__file__).resolve().parent / "vocab"


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
    boilerplate = read_toml(root / "boilerplate.toml")
    files = {path: read_toml(path) for path in sorted((root / "lang").glob("*.toml"))}
    service_tables = [(root / "services.toml", read_toml(root / "services.toml"))]
    country_tables = [(root / "countries.toml", read_toml(root / "countries.toml"))]
    for path, data in files.items():  # a language's own names of services and places
        mask = data.get("mask", {})
        service_tables.append((path, {"services": data.get("services", {}), "mask": mask}))
    services, context = service_lexicon(service_tables)
    countries = country_lexicon(
        country_tables, place_entries(root / "places.toml") if places else []
    )
    # Each file's own place names, checked now so that a typo fails at start-up.
    own = {
        path.stem: country_entries(
            [(path, {"countries": data.get("countries", {}), "mask": data.get("mask", {})})]
        )
        for path, data in files.items()
    }
    languages = {
        path.stem: compile_language(
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
        boilerplate=boilerplate_regexes(boilerplate, root / "boilerplate.toml"),
        boilerplate_triggers=tuple(
            key(word) for word in strings(boilerplate, "triggers", root / "boilerplate.toml")
        ),
        languages=languages,
        groups=group_table(service_tables[0][1], root / "services.toml"),
    )


def _overlaid(data: dict[str, Any], code: str, overlay: ActionOverlay) -> dict[str, Any]:
    """A language file's data with the overlay's additions and removals in its actions."""
    actions = dict(data.get("actions", {}))
    for (language, name), (added, removed) in overlay.items():
        if language == code:
            kept = [word for word in actions.get(name, []) if word not in removed]
            actions[name] = kept + [word for word in added if word not in kept]
    return {**data, "actions": actions}
