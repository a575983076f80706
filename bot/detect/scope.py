"""Phases: does an action hit the whole service and country, or only a part of it?

An escalation comes in phases ("calls restricted", then "WhatsApp blocked"), and subscribers
want each phase as news, so every alert carries a scope (see bot.core.models.Scope):

- a `feature` cue governing the action word ("restricted voice calls on WhatsApp", "звонки
  ... ограничены") makes it partial, and a block: the labelling rules count a restricted
  feature as blocked, however vaguely or "partially" it is worded;
- a region named in the sentence (a `regions` entry of countries.toml, or a `region` cue:
  "province", "в республике") makes it partial, unless a `nationwide` cue says otherwise
  ("in all regions", "по всей стране").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.models import Action, Scope
from bot.detect.geometry import gap_words
from bot.detect.lexicon import ActionTag, CountryTag
from bot.detect.patterns import Hit, words_between

FEATURE_AFTER = 8  # "restricted users in Russia from making voice and video calls"
FEATURE_BEFORE = 3  # "calls on WhatsApp were restricted"
REGION_WINDOW = 8  # "заблокирован на территории Дагестана и Чечни"


def with_features(
    text: str, actions: list[Hit[ActionTag]], cues: Sequence[Hit[str]]
) -> list[Hit[ActionTag]]:
    """The action words, each one that governs a feature turned into a partial block whose
    span reaches the feature, so that services named after the feature stay in reach."""
    features = [cue for cue in cues if cue.label == "feature"]
    if not features:
        return actions
    return [_extend(text, action, features) for action in actions]


def _extend(text: str, action: Hit[ActionTag], features: list[Hit[str]]) -> Hit[ActionTag]:
    for feature in features:
        after = feature.start >= action.start and (
            words_between(text, action.end, feature.start) <= FEATURE_AFTER
        )
        before = feature.end <= action.start and (
            words_between(text, feature.end, action.start) <= FEATURE_BEFORE
        )
        if after or before:
            # An unblock of calls stays an unblock; anything else done to calls is a block.
            kind: Action = "unblock" if action.label.action == "unblock" else "block"
            tag = ActionTag(kind, weak=False, partial=True)
            return Hit(action.start, max(action.end, feature.end), action.text, tag)
    return action


def scope_of(
    text: str,
    action: Hit[ActionTag],
    cues: Sequence[Hit[str]],
    countries: Sequence[Hit[CountryTag]],
) -> Scope:
    """ "partial" for a feature, or a region named near the action word ("blocked in
    Dagestan"; not "blocked ahead of the rally in Almaty" farther on), else "full"."""
    if action.label.partial:
        return "partial"
    if any(cue.label == "nationwide" for cue in cues):
        return "full"
    regions: list[Hit[Any]] = [cue for cue in cues if cue.label == "region"]
    regions += [hit for hit in countries if hit.label.region]
    near = any(gap_words(text, region, action) <= REGION_WINDOW for region in regions)
    return "partial" if near else "full"
