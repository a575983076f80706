"""A moderator's card tells how each report was read (bot/moderation/cards.py).

A report the rules told shows its country, service and action words; one the fallback made
(bot/detect/fallback.py) has no service word, so the card says that no rule told it and the
words of the whole item did, beside the words that weighed most.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pytest

from bot.core.models import Event, Evidence
from bot.core.moderation import CaseSource, ReviewCase
from bot.detect.fallback import FALLBACK_SIGNAL
from bot.moderation.cards import render_case

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
RULE = Evidence(
    sentence="Kenya blocks Telegram",
    country_words=("kenya",),
    service_words=("telegram",),
    action_words=("blocks",),
    confidence=0.91,
    signals=("gap:0",),
    words=("+w=blocks",),
)
FALLBACK = Evidence(
    sentence="Kenya blocks Zorbanet",
    action_words=("blocks",),
    confidence=0.47,
    signals=(FALLBACK_SIGNAL,),
    words=("+t=zorbanet",),
)


def _card(evidence: Evidence) -> str:
    event = Event(1, "KE", "other", "block", NOW, NOW)
    source = CaseSource("Daily", "https://news.test/feed", evidence.sentence, None, evidence)
    return html.unescape(render_case(ReviewCase(event, None, (), (source,))))


# (evidence, what the card says of it, whether it says no rule told it)
CASES: list[tuple[Evidence, str, bool]] = [
    (RULE, "country: kenya · service: telegram · action: blocks", False),
    (FALLBACK, "country: — · service: — · action: blocks", True),
]


@pytest.mark.parametrize(("evidence", "words", "fallback"), CASES)
def test_card_tells_how_a_report_was_read(evidence: Evidence, words: str, fallback: bool) -> None:
    card = _card(evidence)
    assert words in card
    assert f"sure: {evidence.confidence:.2f} · weighed: {evidence.words[0]}" in card
    assert ("no rule: read from the whole item" in card) is fallback
