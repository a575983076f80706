"""The review rule (bot/core/review.py): which single-source events wait for a moderator. Pure."""

from __future__ import annotations

import pytest

from bot.core.models import Alert, Entry, Evidence, ItemText
from bot.core.records import Placement
from bot.core.review import (
    COUNTRY_ELSEWHERE,
    COUNTRY_FROM_FEED,
    DISTANT_ACTION,
    POOR_FEED,
    FeedRecord,
    ReviewRule,
    hold_weak,
    independent_sources,
    review_reasons,
    signals_of,
    word_gap,
)
from bot.detect import Detector

RULE = ReviewRule()
ENTRY = Entry(feed_url="https://tm.example/rss", key="1", title="t", summary="s", country_hint="TM")


def alert(
    sentence: str, country: tuple[str, ...], service: str, action: str, where: str = "TM"
) -> Alert:
    return Alert(where, "imo", "block", Evidence(sentence, country, (service,), (action,)))


NAMED = alert("Turkmenistan blocks IMO", ("turkmenistan",), "imo", "blocks")
FROM_FEED = alert("IMO was blocked on Monday", (), "imo", "blocked")
FROM_TITLE = alert("IMO was blocked on Monday", (), "imo", "blocked", where="UZ")
FAR = alert(
    "Turkmenistan blocked access to the messenger that families abroad use daily, IMO",
    ("turkmenistan",),
    "imo",
    "blocked",
)


@pytest.mark.parametrize(
    ("case", "record", "expected"),
    [
        (NAMED, FeedRecord(), []),
        (FROM_FEED, FeedRecord(), [COUNTRY_FROM_FEED]),
        (FROM_TITLE, FeedRecord(), [COUNTRY_ELSEWHERE]),
        (FAR, FeedRecord(), [DISTANT_ACTION]),
        (NAMED, FeedRecord(approved=1, rejected=2), [POOR_FEED]),  # 3 reviewed, 2/3 rejected
        (NAMED, FeedRecord(approved=2, rejected=2), [POOR_FEED]),  # half: the rule says poor
        (NAMED, FeedRecord(approved=3, rejected=1), []),  # mostly right
        (NAMED, FeedRecord(rejected=2), []),  # two reviews are no record yet
        (FROM_FEED, FeedRecord(rejected=5), [POOR_FEED, COUNTRY_FROM_FEED]),
        (Alert("TM", "imo", "block"), FeedRecord(), []),  # no evidence: nothing to judge by
    ],
)
def test_signals_come_from_the_evidence_and_the_feeds_record(
    case: Alert, record: FeedRecord, expected: list[str]
) -> None:
    assert signals_of(case, ENTRY, record, RULE) == expected


def test_the_rule_decides_which_signals_hold_an_event() -> None:
    assert review_reasons(FROM_TITLE, ENTRY, FeedRecord(), RULE) == ()  # not held by default
    strict = ReviewRule(signals=frozenset({COUNTRY_ELSEWHERE}))
    assert review_reasons(FROM_TITLE, ENTRY, FeedRecord(), strict) == (COUNTRY_ELSEWHERE,)
    assert review_reasons(FAR, ENTRY, FeedRecord(), ReviewRule(max_word_gap=20)) == ()
    lenient = ReviewRule(poor_after=10)
    assert review_reasons(NAMED, ENTRY, FeedRecord(rejected=5), lenient) == ()


@pytest.mark.parametrize(
    ("sentence", "service", "action", "gap"),
    [
        ("Turkmenistan blocks IMO", "imo", "blocks", 0),
        ("IMO was blocked", "imo", "blocked", 1),
        ("Authorities blocked access to the popular messenger WhatsApp", "whatsapp", "blocked", 5),
        ("ВКонтакте заблокировали", "вконтакте", "заблокировали", 0),  # evidence is case-folded
        ("Nothing here", "imo", "blocked", None),
    ],
)
def test_word_gap_counts_the_words_between_service_and_action(
    sentence: str, service: str, action: str, gap: int | None
) -> None:
    assert word_gap(sentence, (service,), (action,)) == gap


@pytest.mark.parametrize(
    ("urls", "count"),
    [
        (["https://www.rferl.org/a/1", "https://rferl.org/ru/2"], 1),  # one site, two feeds
        (["https://rferl.org/a", "https://eurasianet.org/b"], 2),
        (["https://a.example/x", None, ""], 1),
        ([], 0),
    ],
)
def test_independent_sources_are_distinct_sites(urls: list[str | None], count: int) -> None:
    assert independent_sources(urls) == count


def test_only_new_events_are_marked() -> None:
    placements = [Placement(FROM_FEED, None), Placement(FROM_FEED, 7), Placement(NAMED, None)]
    marked = hold_weak(placements, ENTRY, FeedRecord(), RULE)
    assert [p.review for p in marked] == [(COUNTRY_FROM_FEED,), (), ()]
    assert [p.event_id for p in marked] == [None, 7, None]


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


@pytest.mark.parametrize(
    ("title", "summary", "hint", "held"),
    [
        ("Turkmenistan blocks IMO messenger", "", None, ()),
        ("IMO messenger blocked", "Users said on Monday.", "TM", (COUNTRY_FROM_FEED,)),
        ("Uzbekistan: IMO messenger blocked", "Users said on Monday.", "TM", ()),
        (
            "Turkmenistan",
            "Authorities blocked access to the messenger popular with families "
            "abroad, IMO, on Monday.",
            None,
            (DISTANT_ACTION,),
        ),
    ],
)
def test_the_real_detectors_evidence_feeds_the_rule(
    detector: Detector, title: str, summary: str, hint: str | None, held: tuple[str, ...]
) -> None:
    entry = Entry(
        feed_url="https://x.example/rss", key="1", title=title, summary=summary, country_hint=hint
    )
    (found,) = detector.detect(ItemText("1", title, summary, "en", country_hint=hint))
    assert review_reasons(found, entry, FeedRecord(), RULE) == held
