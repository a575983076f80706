"""Is an action word reported as happening now, or denied, threatened, or history?

An action word is dead when
- it is a negated form ("petiklenmedik", "bloklanmadi": Turkic verbs carry the "not");
- a negation comes up to 3 words before it, a threat or background cue up to 6 words before
  ("could block", "remains blocked"), or one sits inside its gapped phrase ("speeds ... may
  drop"); a past cue follows it ("blocked Telegram last year");
- a threat cue stands right after it: its own modal ("the ban could come", "блокировка может");
- in languages that put the governing verb last (`cues_after` in [language]), a negation,
  threat or background cue follows it in the same clause ("TikTok'ni bloklashni taklif
  qildi": proposed blocking; "mit der Sperrung von WhatsApp gedroht": threatened a block);
- an object word sits next to it ("blocked 7 million channels"), or a year older than the
  item stands next to it ("blocked in 2019" reported in 2022).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.detect.geometry import follows
from bot.detect.lexicon import ActionTag
from bot.detect.patterns import Hit, words_between
from bot.detect.text import full_date_years, years

NEGATION_WINDOW = 3  # words between "not" and the action word it negates
CUE_WINDOW = 6  # words between "could"/"remains" and the action word it governs
OBJECT_AFTER, OBJECT_BEFORE = 5, 2  # "blocked 7.4 million channels" / "channel was blocked"
YEAR_AFTER, YEAR_BEFORE = 6, 3
PAST_WINDOW = 4  # words between an action word and a "last year" after it
AFTER_WINDOW = 2  # words between "after" and the ban it follows ("after a 50-hour suspension")
GOVERNING = ("negation", "threat", "background")  # the cues that can come last
# Clause boundaries inside a sentence, in every script: the Arabic comma and semicolon, the
# Ethiopic comma and semicolon, the ideographic comma. A comma between digits groups a number
# ("blocks 2,500 sites") and a colon between digits tells the time ("at 18:00").
PUNCTUATION = re.compile(r"[;()،؛፣፤、]|(?<!\d)[,:]|[,:](?!\d)| - ")


def is_live(
    text: str,
    action: Hit[ActionTag],
    cues: Sequence[Hit[str]],
    old_years: Sequence[int],
    boundaries: Sequence[Hit[Any]] = (),
    cues_after: int = 0,
) -> bool:
    """Whether an action word is reported as happening now. `boundaries`: other action words
    and clause cues, which end the clause a cue after the action word may govern. In a
    language whose cues may come after (verb-final), an object word may also stand farther
    before the action word ("Telegram kanallarini ... blokladi")."""
    object_before = OBJECT_AFTER if cues_after else OBJECT_BEFORE
    tag = action.label
    if tag.negated:
        return False
    for cue in cues:
        inside = action.start < cue.start < action.end
        if inside and (cue.label == "threat" or (cue.label == "negation" and not tag.says_not)):
            return False  # inside a gapped phrase: "speeds ... may drop", "доступ не ограничен"
        if cue.label in GOVERNING and cue.start < action.start < cue.end:
            return False  # the cue runs into it: "zu sperren", "планов блокировки"
        if cue.label == "background" and cue.start < action.end and action.start < cue.end:
            return False  # the cue is (part of) the action: "despite the ban", "*gandi"
        if cue.label == "negation" and follows(text, cue, action, NEGATION_WINDOW):
            return False
        # History stays in its clause: "violence had broken out, after which the internet was
        # shut" ("थी", "تھا" before the comma govern nothing after it); a threat does not.
        if (
            cue.label in ("threat", "background", "past")
            and follows(text, cue, action, CUE_WINDOW)
            and (cue.label == "threat" or not PUNCTUATION.search(text, cue.end, action.start))
        ):
            return False
        if (
            cue.label == "past"
            and follows(text, action, cue, PAST_WINDOW)
            and not PUNCTUATION.search(text, action.end, cue.start)
        ):
            return False  # "blocked Telegram last year", not "lifted the block, imposed earlier"
        if (
            cue.label == "threat"
            and follows(text, action, cue, 0)
            and not PUNCTUATION.search(text, action.end, cue.start)
        ):
            return False  # its own modal right after it: "a TikTok ban could come within weeks"
        if cue.label == "object" and (
            follows(text, action, cue, OBJECT_AFTER) or follows(text, cue, action, object_before)
        ):
            return False
        if cue.label in GOVERNING and _governs_from_after(
            text, action, cue, boundaries, cues_after
        ):
            return False
    # In verb-final clauses the time comes first and the verb last ("2024 yılının Ekim ayında
    # ... erişime kapatıldı"): an old year anywhere before the verb in its clause counts.
    return not _next_to_old_year(text, action, old_years, CUE_WINDOW if cues_after else 0)


def came_before(
    text: str, action: Hit[ActionTag], cues: Sequence[Hit[str]], places: Sequence[Hit[Any]]
) -> bool:
    """Whether a ban is named as what came before: "after" right before it, with no place
    between ("Twitter back in Nigeria after seven-month ban", "after a 50-hour suspension";
    not "after protests Iran blocked Instagram", whose "after" governs the protests). A lifting
    after "after" stays the news ("restored after the ban was lifted")."""
    if action.label.action == "unblock":
        return False
    return any(
        cue.label == "after"
        and follows(text, cue, action, AFTER_WINDOW)
        and not PUNCTUATION.search(text, cue.end, action.start)
        and not any(cue.end <= place.start < action.start for place in places)
        for cue in cues
    )


def _governs_from_after(
    text: str,
    action: Hit[ActionTag],
    cue: Hit[str],
    boundaries: Sequence[Hit[Any]],
    window: int,
) -> bool:
    """Whether a cue after the action word closes its clause: no punctuation, clause word or
    other action word between them."""
    if not window or not follows(text, action, cue, window):
        return False
    start, end = action.end, cue.start
    if PUNCTUATION.search(text, start, end):
        return False
    return not any(start <= other.start < end for other in boundaries)


def _next_to_old_year(
    text: str, action: Hit[ActionTag], old_years: Sequence[int], clause_before: int
) -> bool:
    for position in old_years:
        after = action.end <= position and words_between(text, action.end, position) <= YEAR_AFTER
        before = position < action.start and (
            words_between(text, position, action.start) <= YEAR_BEFORE
            or (
                words_between(text, position, action.start) <= YEAR_BEFORE + clause_before
                and not PUNCTUATION.search(text, position, action.start)
            )
        )
        if after or before:
            return True
    return False


def old_years(text: str, ref_year: int | None) -> list[int]:
    """Positions of background years: before the reference year ("was blocked in 2019"), or,
    for an undated item (None), any year but a full date's, which is the news' own day."""
    if ref_year is None:
        return [text.find(str(year)) for year in years(text) if year not in full_date_years(text)]
    return [text.find(str(year)) for year in years(text) if year < ref_year]
