"""Which action word acts on a service a sentence names (bot.detect.sentence).

The nearest one, clause boundaries counting extra and the verb before winning ties (in a
verb-final language the nearest after it, in reach); one farther off still acts on a list
opened by "including" right after it ("block 131 sites, including VKontakte"). A negation,
threat or background cue between them cuts the pair, and a weak alias allowed only by a
strong action word ("internet") needs one.
"""

from __future__ import annotations

from collections.abc import Container

from bot.detect.geometry import between, gap_words
from bot.detect.lexicon import ActionTag, ServiceTag
from bot.detect.live import PUNCTUATION
from bot.detect.patterns import Hit

SERVICE_WINDOW = 10  # words between a service and its action word: farther is another clause
INCLUDING_REACH = 15  # words from an action word to the "including" that details its object
CLAUSE_PENALTY = 2  # a comma or "while" between service and action counts as two more words


def nearest(
    text: str,
    mention: Hit[ServiceTag],
    actions: list[Hit[ActionTag]],
    clauses: list[Hit[str]],
    verb_final: bool,
) -> int:
    """Index of the action word closest to a service mention: words between them, plus a
    penalty for each clause boundary crossed (punctuation, "while", "but"). In a verb-final
    language an action word after the mention and in reach wins over any before it."""

    def distance(action: Hit[ActionTag]) -> tuple[bool, int, bool, bool, int]:
        start, end = between(mention, action)
        marked = sum(1 for cue in clauses if start <= cue.start < end)
        crossed = len(PUNCTUATION.findall(text, start, end)) + marked
        chars = max(action.start - mention.end, mention.start - action.end, 0)
        words = gap_words(text, mention, action)
        # On a tie the verb in the service's own clause wins ("restored YouTube, but Facebook
        # ... remain blocked"), then the verb before: "blocked X and Y in 2022 and throttled Z".
        after = action.start > mention.start
        late = verb_final and not (after and words <= SERVICE_WINDOW)
        return late, words + CLAUSE_PENALTY * crossed, marked > 0, after, chars

    return min(range(len(actions)), key=lambda i: distance(actions[i]))


def included(
    text: str, span: Hit[ServiceTag], actions: list[Hit[ActionTag]], cues: list[Hit[str]]
) -> int | None:
    """The action word whose object a list opened by "including" details: "ordered providers
    to block 131 sites, mostly music and video, including VKontakte, Odnoklassniki and
    Twitter" (`including` cues: "в том числе", "включая", "dont", "darunter"). The cue stands
    right before the list; the action word is the last one before the cue, in reach of it."""
    cue = next(
        (
            cue
            for cue in cues
            if cue.label == "including"
            and cue.end <= span.start
            and gap_words(text, cue, span) <= 2
        ),
        None,
    )
    if cue is None:
        return None
    before = [i for i, action in enumerate(actions) if action.end <= cue.start]
    if not before or gap_words(text, actions[before[-1]], cue) > INCLUDING_REACH:
        return None
    return before[-1]


def cue_between(
    mention: Hit[ServiceTag], span: Hit[ServiceTag], action: Hit[ActionTag], cues: list[Hit[str]]
) -> bool:
    """Whether a negation, threat or background cue separates a service (or the list it is
    in: `span`) from its action, or directly follows a service named after the action
    ("blocked Viber; WhatsApp could follow")."""
    before = mention.end <= action.start
    start, end = between(span, action)
    for cue in cues:
        if cue.label not in ("negation", "threat", "background", "past"):
            continue
        if start <= cue.start and cue.end <= end:
            return True
        if not before and 0 <= cue.start - mention.end <= 2:  # the service's own modal
            return True
    return False


def needs_strong(tag: ServiceTag, contexts: Container[str]) -> bool:
    """A weak alias allowed by a strong action word only (not by context words)."""
    return tag.weak and tag.strong_action and tag.service not in contexts
