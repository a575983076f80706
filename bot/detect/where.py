"""Where a sentence's action happens: the places it names, minus those that only qualify
a service or a site (bot.detect.sentence).

A place right before a service or a kind of media names its origin ("Russian network VK",
"Russian TV outlets"), one right after "against" a target ("sanctions against Russia"), one
in quotes an outlet ("сайт «Фергана»"): each yields to any other place. A place that
qualifies an authority acts ("Azerbaijani authorities"); an acting body (Roskomnadzor) wins,
else the place nearest the action word.
"""

from __future__ import annotations

from dataclasses import replace

from bot.detect.geometry import any_between, follows
from bot.detect.lexicon import ActionTag, CountryTag, ServiceTag
from bot.detect.patterns import Hit, words_between


def acting_places(
    text: str,
    countries: list[Hit[CountryTag]],
    mentions: list[Hit[ServiceTag]],
    actions: list[Hit[ActionTag]],
    cues: list[Hit[str]],
) -> list[Hit[CountryTag]]:
    """The places that can be where the action happened: a place right before a service
    names its origin ("Russian social network VK, WeChat"), and one right after "against"
    is a target ("sanctions against Russia that block VKontakte"), and one inside a gapped
    `against` cue a precedent ("joined Iraq and Algeria in switching off"): each yields to
    any other."""
    against = [cue for cue in cues if cue.label == "against"]
    # what a place right before a service qualifies: the service, or a kind of media (en
    # "22 Russian TV and radio outlets")
    qualified: list[Hit[ServiceTag] | Hit[str]] = [*mentions]
    qualified += [cue for cue in cues if cue.label == "media"]
    origin = [
        hit
        for hit in countries
        if not hit.label.actor
        and (
            any(
                follows(text, hit, other, 2) and not any_between(hit, other, actions)
                for other in qualified
            )
            or any(follows(text, cue, hit, 1) or _inside(hit, cue) for cue in against)
        )
    ]
    # A place's name in quotes names an outlet or a site ("сайт «Фергана.Ru»"), not where
    # the action happened: it yields to any place named outside quotes.
    origin += [hit for hit in countries if _quoted(text, hit) and hit not in origin]
    rest = [hit for hit in countries if hit not in origin]
    return rest if rest and origin else countries


def _inside(hit: Hit[CountryTag], cue: Hit[str]) -> bool:
    """Whether a place stands inside a gapped cue: "joined Iraq and Algeria in" names the
    countries that did it before, not where it happens now."""
    return cue.start < hit.start and hit.end < cue.end


def _quoted(text: str, hit: Hit[CountryTag]) -> bool:
    """Whether a hit opens a quoted name: a quote right before it, and its closing quote
    within a few words after."""
    if hit.start == 0 or text[hit.start - 1] != '"':
        return False
    closing = text.find('"', hit.end)
    return closing != -1 and words_between(text, hit.end, closing) <= 3


def governing(
    text: str, places: list[Hit[CountryTag]], cues: list[Hit[str]]
) -> list[Hit[CountryTag]]:
    """A place that qualifies an authority ("Azerbaijani authorities", "السلطات المصرية",
    "the government of Chad") acts: it counts as an acting body (an actor), over a place
    that only qualifies what was blocked ("сайт российского информагентства")."""
    authorities = [cue for cue in cues if cue.label == "authority"]
    if not authorities:
        return places
    return [
        replace(hit, label=replace(hit.label, actor=True))
        if any(follows(text, hit, cue, 0) or follows(text, cue, hit, 1) for cue in authorities)
        else hit
        for hit in places
    ]


def country_of(action: Hit[ActionTag], countries: list[Hit[CountryTag]]) -> Hit[CountryTag] | None:
    """The acting body if one is named, else the place named closest to the action word."""
    actors = [hit for hit in countries if hit.label.actor]
    if actors:
        return actors[0]
    if not countries:
        return None
    return min(countries, key=lambda hit: max(hit.start - action.end, action.start - hit.end, 0))
