"""Which new events wait for a moderator before anyone is told. Pure: data in, decisions out.

An event opened by one report is held when that report is weak in a way the rule names:

    poor-feed          moderators rejected the feed's held reports as often as the rule allows
    country-from-feed  the sentence names no country: the feed's default country supplied it
    country-elsewhere  the sentence names no country: the item's title or other text did
    distant-action     the action word stands more than `max_word_gap` words from the service
    low-confidence     the detector's confidence in the alert is below `min_confidence` (the
                       confidence model's `review` threshold: bot/detect/confidence.py)

These signals come from the detector's evidence (the sentence, the words that decided it, and
the confidence it computed from how they were found). Which signals hold an event, and the
thresholds, are the rule's parameters (`ReviewRule`): data, not code. A held event is released
by a moderator, or by itself once RELEASE_AT_SOURCES independent sites report it
(`independent_sources`, applied by storage in the transaction that adds the source).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from bot.core.models import Alert, Entry
from bot.core.records import Placement

POOR_FEED = "poor-feed"
COUNTRY_FROM_FEED = "country-from-feed"
COUNTRY_ELSEWHERE = "country-elsewhere"
DISTANT_ACTION = "distant-action"
LOW_CONFIDENCE = "low-confidence"
SIGNALS: tuple[str, ...] = (
    POOR_FEED,
    COUNTRY_FROM_FEED,
    COUNTRY_ELSEWHERE,
    DISTANT_ACTION,
    LOW_CONFIDENCE,
)

# What moderators read on a held event's card.
SIGNAL_TEXT: dict[str, str] = {
    POOR_FEED: "the feed's earlier reports were often rejected",
    COUNTRY_FROM_FEED: "the country is only the feed's default",
    COUNTRY_ELSEWHERE: "the sentence names no country",
    DISTANT_ACTION: "the action word is far from the service",
    LOW_CONFIDENCE: "the detector is unsure of it",
    "ooni-contradicts": "OONI's measurements contradict it",  # bot/core/ooni_trust.py
    "ooni-jump": "OONI sees it failing and no report names it yet",
}

# A second site reporting a held event lets it out: two outlets rarely invent the same story.
RELEASE_AT_SOURCES = 2

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """How a feed's held reports fared: events of its reports that were reviewed."""

    approved: int = 0
    rejected: int = 0


@dataclass(frozen=True, slots=True)
class ReviewRule:
    """When a single-source event waits for a moderator."""

    # A country named elsewhere in the item (its title, mostly) is the usual case for
    # headlines, so by default it does not hold an event on its own.
    signals: frozenset[str] = frozenset(
        {POOR_FEED, COUNTRY_FROM_FEED, DISTANT_ACTION, LOW_CONFIDENCE}
    )
    max_word_gap: int = 5  # words between service and action word; the detector allows 10
    poor_after: int = 3  # reviewed reports before a feed's record counts at all
    poor_share: float = 0.5  # rejected share of those at which the record is poor
    min_confidence: float = 0.0  # the detector's confidence below which an alert waits


def signals_of(alert: Alert, entry: Entry, record: FeedRecord, rule: ReviewRule) -> list[str]:
    """Every weakness of one report of one alert, strongest first (whatever the rule holds)."""
    found: list[str] = []
    reviewed = record.approved + record.rejected
    if reviewed >= rule.poor_after and record.rejected >= rule.poor_share * reviewed:
        found.append(POOR_FEED)
    evidence = alert.evidence
    if evidence is None:
        return found
    if not evidence.country_words:
        found.append(
            COUNTRY_FROM_FEED if alert.country == entry.country_hint else COUNTRY_ELSEWHERE
        )
    gap = word_gap(evidence.sentence, evidence.service_words, evidence.action_words)
    if gap is not None and gap > rule.max_word_gap:
        found.append(DISTANT_ACTION)
    if evidence.confidence < rule.min_confidence:
        found.append(LOW_CONFIDENCE)
    return found


def review_reasons(
    alert: Alert, entry: Entry, record: FeedRecord, rule: ReviewRule
) -> tuple[str, ...]:
    """The signals that hold this report's new event; empty: it goes out at once."""
    return tuple(s for s in signals_of(alert, entry, record, rule) if s in rule.signals)


def hold_weak(
    placements: Sequence[Placement], entry: Entry, record: FeedRecord, rule: ReviewRule
) -> list[Placement]:
    """The entry's placements, each new event marked with the reasons it must wait, if any.

    Only new events can be held: one report is one source. A report joining an event adds a
    source, which storage weighs (`independent_sources`) to release a held event.
    """
    return [
        replace(p, review=review_reasons(p.alert, entry, record, rule)) if p.event_id is None else p
        for p in placements
    ]


def word_gap(
    sentence: str, service_words: Sequence[str], action_words: Sequence[str]
) -> int | None:
    """Words between the first service word and the nearest action word in the sentence.

    Evidence words are in the detector's matching form (case-folded), so the sentence is
    compared case-folded too; None when either cannot be found (nothing to judge by).
    """
    text = sentence.casefold()
    services = [span for word in service_words for span in _spans(text, word)]
    actions = [span for word in action_words for span in _spans(text, word)]
    if not services or not actions:
        return None
    return min(_words_between(text, s, a) for s in services for a in actions)


def independent_sources(urls: Iterable[str | None]) -> int:
    """How many different sites the reports come from (a site's feeds in two languages are
    one voice): distinct host names, "www." dropped."""
    hosts = set()
    for url in urls:
        host = urlsplit(url or "").hostname or ""
        hosts.add(host.removeprefix("www."))
    hosts.discard("")
    return len(hosts)


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    if not word:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(word.casefold()), text)]


def _words_between(text: str, first: tuple[int, int], second: tuple[int, int]) -> int:
    start, end = (first[1], second[0]) if first[0] <= second[0] else (second[1], first[0])
    return len(_WORD.findall(text[start:end])) if start < end else 0
