"""One language file, lang/<code>.toml, compiled to a Language (bot.detect.lexicon): its
action and cue lists checked and indexed, its [language] grammar read (bot.detect.grammar),
its place names joined to the shared ones and CLDR's (bot.detect.places), one scanner over
all four lists (bot.detect.scan) and, for text written without spaces, a segmenter.

Apart from bot.detect.vocab_files because it is the part that knows what a language file may
hold: the cue kinds and action lists it accepts are listed here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.core.errors import ConfigError
from bot.core.models import ACTIONS
from bot.detect.grammar import Grammar, read_grammar
from bot.detect.lexicon import ActionTag, CountryTag, Language, ServiceTag
from bot.detect.pattern_index import Lexicon
from bot.detect.patterns import labelled
from bot.detect.places import Places, name_patterns
from bot.detect.scan import Scanner
from bot.detect.segment import Segmenter
from bot.detect.text import key
from bot.detect.vocab_tables import strings

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
    "survey",
    "procedure",
    "conjunction",
    "anaphor",
    "reporting",
    "against",
    "undo",
    "including",
    "ending",
    "speed",
    "authority",
    "media",
)


def compile_language(
    code: str,
    data: dict[str, Any],
    path: Path,
    shared: tuple[Lexicon[ServiceTag], Lexicon[CountryTag]],
    own: dict[str, list[tuple[str, CountryTag]]],
) -> Language:
    """A language file's data (the overlay laid over it) compiled: its action and cue lists,
    the `shared` services and places with its `own` places (and those of the languages it
    borrows from) and CLDR's, one scanner over them all, and a segmenter if it needs one."""
    actions_table = data.get("actions", {})
    cues_table = data.get("cues", {})
    unknown = set(cues_table) - set(CUE_KINDS)
    unknown |= set(actions_table) - {*ACTIONS, "block_weak", "negated"}
    if unknown:
        raise ConfigError(f"unknown lists {sorted(unknown)}", path=str(path))
    cues: list[tuple[str, str]] = []
    for kind in CUE_KINDS:
        cues += labelled(strings(cues_table, kind, path), kind)
    cue_lexicon = Lexicon(cues, key)
    nots = Lexicon(labelled(strings(cues_table, "negation", path), True), key)
    actions: list[tuple[str, ActionTag]] = []
    for action in ACTIONS:
        actions += _tagged(strings(actions_table, action, path), ActionTag(action, False), nots)
    weak = ActionTag("block", True)
    actions += _tagged(strings(actions_table, "block_weak", path), weak, nots)
    actions += labelled(
        strings(actions_table, "negated", path), ActionTag("block", False, negated=True)
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
        grammar.ordinals,
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
