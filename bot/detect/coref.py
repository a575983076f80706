"""Across sentences: an action word whose service is named in another sentence of the item.

News splits one statement over sentences, and a sentence-by-sentence reader misses it:
- the headline names the services, the body says what happened to them ("WhatsApp and
  Telegram in Turkmenistan" / "Both were blocked on Monday") — or the reverse, the headline
  says what happened and the body which services ("Messengers blocked in Turkmenistan" /
  "WhatsApp, IMO and Telegram stopped working");
- the body refers back: "the messenger", "the platform" (`anaphor` cues) near the action;
- a short sentence that opens with a conjunction continues the one before ("... have been
  blocked. And immediately unblocked.").
Each such alert is marked `inferred` with how its service was found; it is weaker evidence
than a service named next to its action word (bot.detect.confidence).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.detect.lexicon import ServiceTag
from bot.detect.patterns import Hit
from bot.detect.reading import WEAK_ACTION, Finding, Orphan, Reading

BODY_REACH = 2  # body sentences a headline's services (or action) may reach
SHORT = 6  # words: a sentence this short continues the one before


def inferred(
    readings: Sequence[Reading], titles: int, words: Sequence[int]
) -> list[tuple[int, Finding]]:
    """(sentence index, finding) for actions whose services stand in another sentence.
    `titles`: how many of the readings are the headline's; `words`: each sentence's length."""
    found: list[tuple[int, Finding]] = []
    headline_services = [hit for reading in readings[:titles] for hit in reading.services]
    headline_told = any(reading.findings for reading in readings[:titles])
    body = range(titles, min(len(readings), titles + BODY_REACH))
    last: tuple[Hit[ServiceTag], ...] = ()
    for index, reading in enumerate(readings):
        for orphan in reading.orphans:
            antecedent = _antecedent(index, orphan, last, headline_services, headline_told, body)
            if antecedent is not None:
                services, how = antecedent
                found += [
                    (index, _finding(orphan, hit, how)) for hit in services if _fits(orphan, hit)
                ]
        if (
            index > 0
            and reading.continues
            and words[index] <= SHORT
            and readings[index - 1].findings
        ):
            previous = readings[index - 1]
            found += [
                (index, _finding(orphan, hit, "previous"))
                for orphan in reading.orphans
                for hit in previous.services
                if _fits(orphan, hit)
            ]
        if reading.services:
            last = reading.services
    found += _headline_action(readings, titles, headline_services, body)
    return found


def _antecedent(
    index: int,
    orphan: Orphan,
    last: tuple[Hit[ServiceTag], ...],
    headline: list[Hit[ServiceTag]],
    headline_told: bool,
    body: range,
) -> tuple[Sequence[Hit[ServiceTag]], str] | None:
    """The services an orphan action word acts on, and how they were found; None: none."""
    if orphan.anaphor and last:
        return last, "anaphor"
    if index in body and headline and not headline_told and not orphan.weak:
        return headline, "title"
    return None


def _headline_action(
    readings: Sequence[Reading], titles: int, headline: list[Hit[ServiceTag]], body: range
) -> list[tuple[int, Finding]]:
    """A headline that says what happened but not to which service, and a body sentence that
    names services and does nothing with them: "Messengers blocked" / "WhatsApp and IMO..."."""
    if headline or any(reading.findings for reading in readings):
        return []
    orphans = [orphan for reading in readings[:titles] for orphan in reading.orphans]
    strong = [orphan for orphan in orphans if not orphan.weak]
    if not strong:
        return []
    for index in body:
        reading = readings[index]
        if reading.services and not reading.acted:
            return [
                (index, _finding(orphan, hit, "title"))
                for orphan in strong[:1]
                for hit in reading.services
            ]
    return []


def _fits(orphan: Orphan, hit: Hit[ServiceTag]) -> bool:
    """Plain "internet" takes a strong action word only, here as in one sentence."""
    return not (orphan.weak and hit.label.strong_action)


def _finding(orphan: Orphan, hit: Hit[ServiceTag], how: str) -> Finding:
    return Finding(
        service=hit.label.service,
        action=orphan.action,
        country=orphan.country,
        service_words=(hit.text,),
        action_words=orphan.action_words,
        country_words=orphan.country_words,
        scope=orphan.scope,
        inferred=how,
        signals=(f"inferred:{how}", *((WEAK_ACTION,) if orphan.weak else ())),
    )
