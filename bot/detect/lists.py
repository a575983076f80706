"""Listed services: "Twitter, WeChat and VKontakte" share the action word near any of them
(bot.detect.mentions, bot.detect.sentence).
"""

from __future__ import annotations

import re
from typing import Any

from bot.detect.lexicon import ActionTag, ServiceTag
from bot.detect.patterns import Hit, words_between

LIST_GAP = 3  # other words between two listed services ("the Telegram messenger, Facebook")


_SEPARATOR = re.compile(r"[,/&+،、]")  # between listed services, in every language


_LIST_STOP = re.compile(r"[;:()]| - |[.!?]\s")  # a list never runs across these


def list_spans(
    text: str, mentions: list[Hit[ServiceTag]], actions: list[Hit[ActionTag]], cues: list[Hit[str]]
) -> list[Hit[ServiceTag]]:
    """For each mention, the span of the list it stands in ("Twitter, WeChat and VKontakte"):
    an action word near any member reaches every member. Two mentions are listed together
    when only a separator stands between them (a comma, a slash, a conjunction cue), with at
    most LIST_GAP other words ("the Telegram messenger, Facebook and Odnoklassniki social
    networks") and no action word, clause word or other punctuation."""
    joins, stops = list_cues(actions, cues)
    spans: list[tuple[int, int]] = []
    for previous, mention in zip([None, *mentions], mentions, strict=False):
        if previous is not None and listed(text, previous, mention, joins, stops):
            spans[-1] = (spans[-1][0], mention.end)
        else:
            spans.append((mention.start, mention.end))
    members: list[Hit[ServiceTag]] = []
    index = 0
    for mention in mentions:
        while not spans[index][0] <= mention.start < spans[index][1]:
            index += 1
        start, end = spans[index]
        members.append(Hit(start, end, text[start:end], mention.label))
    return members


def list_cues(
    actions: list[Hit[ActionTag]], cues: list[Hit[str]], *more_stops: str
) -> tuple[list[Hit[str]], list[Hit[Any]]]:
    """The words that join a list (conjunctions) and those it never runs across: action
    words, clause words, negations and threats, and any `more_stops` cue kinds."""
    joins = [cue for cue in cues if cue.label == "conjunction"]
    kinds = ("clause", "negation", "threat", *more_stops)
    stops: list[Hit[Any]] = [*actions, *(cue for cue in cues if cue.label in kinds)]
    return joins, stops


def listed(
    text: str,
    first: Hit[ServiceTag],
    second: Hit[ServiceTag],
    joins: list[Hit[str]],
    stops: list[Hit[Any]],
) -> bool:
    start, end = first.end, second.start
    if end < start or words_between(text, start, end) > LIST_GAP:
        return False
    if _LIST_STOP.search(text, start, end) or any(start <= hit.start < end for hit in stops):
        return False
    return _SEPARATOR.search(text, start, end) is not None or any(
        start <= join.start and join.end <= end for join in joins
    )
