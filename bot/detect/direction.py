"""Which way an action word goes for a service: blocked, lifted, slowed (bot.detect.sentence).

A block word can be the ban lifted: governed by a verb of ending ("withdraws the ban"), named
before the services and undone after them ("the ban on X ... was lifted"), or named after an
unblock word ("restored access after they were banned"); a block lifted later in its sentence
is both news ("interrompu puis rétabli"); a vague restriction next to a slowdown is the
slowdown, and a cut of the fast network only is one too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core.models import Action
from bot.detect.geometry import any_between, follows, gap_words
from bot.detect.lexicon import ActionTag, ServiceTag
from bot.detect.live import PUNCTUATION
from bot.detect.patterns import Hit

THEN_WINDOW = 10  # words between a block word and the unblock word that lifts it

ENDING_REACH = 3  # words between a verb of ending and the ban word it ends ("lifts the ban")
AFTER_REACH = 1  # words between a ban word and a participle of ending after it ("ban now lifted")


def ended(
    text: str, actions: list[Hit[ActionTag]], cues: list[Hit[str]], verb_final: bool
) -> list[Hit[ActionTag]]:
    """A ban word governed by a verb of ending is the ban lifted: "Manipur withdraws mobile
    internet ban", "a levé la suspension", "отменили блокировку", and where the verb comes
    last after it ("पाबंदी खत्म"), or as a participle right after it ("internet ban partially
    revoked"). The verb (an `ending` cue, or an `undo` one) is within ENDING_REACH words
    before the ban word (AFTER_REACH after it), with no punctuation, conjunction or other
    action word between: "removed the posts and blocked the site" is two acts. A slowdown
    ended is lifted too ("গতি কমানোর সিদ্ধান্ত প্রত্যাহার": the decision to slow withdrawn)."""
    endings = [cue for cue in cues if cue.label in ("ending", "undo")]
    if not endings:
        return actions
    joins = [cue for cue in cues if cue.label == "conjunction"]

    def governs(cue: Hit[str], action: Hit[ActionTag]) -> bool:
        after = action.end <= cue.start
        first, second = (action, cue) if after else (cue, action)
        # After the ban word, only in a language whose verb comes last, or right after it
        # ("internet ban partially revoked", "Internetsperre beendet"): an undo cue farther
        # on is undone()'s, with the services between.
        reach = ENDING_REACH if verb_final or not after else AFTER_REACH
        return (
            follows(text, first, second, reach)
            and not PUNCTUATION.search(text, first.end, second.start)
            and not any_between(first, second, [*actions, *joins])
        )

    return [
        Hit(action.start, action.end, action.text, ActionTag("unblock", False))
        if action.label.action in ("block", "throttle")
        and not action.label.negated
        and any(governs(cue, action) for cue in endings)
        else action
        for action in actions
    ]


def undone(
    text: str,
    span: Hit[ServiceTag],
    action: Hit[ActionTag],
    actions: list[Hit[ActionTag]],
    mentions: list[Hit[ServiceTag]],
    cues: list[Hit[str]],
) -> Hit[ActionTag]:
    """An `undo` word ("was lifted", "сняли") that undoes a ban named before the services:
    "the ban imposed on Facebook, WhatsApp and Viber after the attacks was lifted today",
    "restrictions on Facebook introduced after the election were lifted". The ban is its
    subject when it follows the list with no clause word, semicolon or other action word
    between (commas may set off a clause: "restrictions imposed on internet access,
    officially for security, were lifted"), and no service after it (that would be its own
    object). Returns the unblock it makes, else `action` itself."""
    if action.label.action != "block" or action.start >= span.start:
        return action
    undo = next((cue for cue in cues if cue.label == "undo" and cue.start >= span.end), None)
    if undo is None or any(span.end <= hit.start < undo.end for hit in actions):
        return action
    stops = (cue for cue in cues if cue.label == "clause" and span.end <= cue.start < undo.start)
    if any(stops) or ";" in text[span.end : undo.start]:
        return action
    if any(mention.start >= undo.start for mention in mentions):
        return action
    return Hit(undo.start, undo.end, undo.text, ActionTag("unblock", False))


def then_lifted(
    text: str,
    action: Hit[ActionTag],
    resolved: Action,
    actions: list[Hit[ActionTag]],
    live: list[bool],
    mentions: list[Hit[ServiceTag]],
) -> Hit[ActionTag] | None:
    """The unblock word that follows a service's block in its sentence, when the block was
    lifted there too: "Facebook was blocked on Tuesday and restored on Wednesday", "coupé
    dimanche, puis rétabli". No other service is named between them (that would be news of
    its own) and no semicolon; a ban named after the unblock is Lifted's, not this."""
    if resolved != "block":
        return None
    for other, ok in zip(actions, live, strict=True):
        if not ok or other.label.action != "unblock" or other.start < action.end:
            continue
        if gap_words(text, action, other) > THEN_WINDOW or ";" in text[action.end : other.start]:
            return None
        if any(action.end <= mention.start < other.start for mention in mentions):
            return None
        return other
    return None


def joined(text: str, first: Hit[Any], second: Hit[Any], cues: list[Hit[str]]) -> bool:
    """Whether a comma, a conjunction ("then"), "after" or a clause stands between two words of
    a sentence ("blocked on Tuesday and restored", "coupé dimanche, puis rétabli", "coupé
    24 heures après son rétablissement") rather than one describing the other."""
    return "," in text[first.end : second.start] or any(
        cue.label in _JOINING and first.end <= cue.start < second.start for cue in cues
    )


_JOINING = ("conjunction", "after", "clause")


@dataclass(frozen=True, slots=True)
class Lifted:
    """Where a sentence's live unblock words end: a block word after one is the ban being
    lifted ("restored access after they were banned", "decided to abolish the measures,
    introduced a year ago, for blocking TikTok"), unless another service is named between
    them: that is news of its own ("mobile service restored, data service shut")."""

    ends: list[int]
    services: list[int]  # where the sentence's service mentions start

    def before(self, action: Hit[ActionTag]) -> bool:
        return any(
            end <= action.start and not any(end <= start < action.start for start in self.services)
            for end in self.ends
        )


def resolve(action: Hit[ActionTag], kinds: set[Action], lifted: Lifted) -> Action:
    """The action a service gets, given every live action kind of the sentence: a block
    named after an unblock, in its clause, is the ban being lifted; a vague restriction next
    to a slowdown is the slowdown ("restricting X by slowing it")."""
    tag = action.label
    if tag.action == "block" and lifted.before(action):
        return "unblock"
    if tag.weak and "throttle" in kinds:
        return "throttle"
    return tag.action


def high_speed(text: str, mention: Hit[ServiceTag], cues: list[Hit[str]]) -> bool:
    """Whether the internet named is its fast part only ("high-speed internet suspended",
    "দ্রুতগতির ইন্টারনেট বন্ধ"): a `speed` cue right before or after the service's name, or
    within it ("4G internet ban", where "4G internet" is the name)."""
    return mention.label.service == "internet" and any(
        cue.label == "speed"
        and (
            follows(text, cue, mention, 1)
            or follows(text, mention, cue, 1)
            or mention.start <= cue.start < cue.end <= mention.end
        )
        for cue in cues
    )
