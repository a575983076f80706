"""The mobile network told by its signal, English adjectives the demonyms lack, and "reopen".

South and South-East Asia's press names a mobile shutdown by what people lose, the signal
("cellphone signals to be cut", "phone-signal blackout", "cell sites switched off"): that is
the mobile network, "internet" in the labelling rules, never the Signal messenger. The guards
keep the messenger where it is named as one, and a weak signal an outage of reception, not an
order. The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from tests.detect.support import Triple, found

# (summary, expected alerts): each found nothing, or the Signal messenger, before the rule
NETWORK: list[tuple[str, set[Triple]]] = [
    (
        "Pakistan will cut mobile phone signals in Karachi during the procession.",
        {("PK", "internet", "block")},
    ),
    ("Mobile signals suspended in Quetta on Ashura.", {("PK", "internet", "block")}),
    (
        # names its day: without one, this one-sentence body sat at the drop (0.299 after the
        # twenty-first session's last refit)
        "Telcos switched off cell sites in Cebu City on Friday on the NTC's order.",
        {("PH", "internet", "block")},
    ),
    (
        "Phone-signal blackout imposed in Manila for the Pope's visit.",
        {("PH", "internet", "block")},
    ),
    ("Signal shutdown ordered in Cebu City for the Sinulog.", {("PH", "internet", "block")}),
    ("Cellphone signals restored in Manila after the procession.", {("PH", "internet", "unblock")}),
]
# The Philippines, Nepal, Thailand and Ecuador by the adjective English uses for them.
ADJECTIVES: list[tuple[str, set[Triple]]] = [
    ("The Philippine government blocked the news site.", {("PH", "other", "block")}),
    ("Nepali authorities banned TikTok.", {("NP", "tiktok", "block")}),
    ("Thai authorities blocked Telegram.", {("TH", "telegram", "block")}),
    ("Ecuadorian authorities blocked WhatsApp.", {("EC", "whatsapp", "block")}),
    ("The regulator told providers to reopen YouTube in Pakistan.", {("PK", "youtube", "unblock")}),
]
GUARDS: list[tuple[str, set[Triple]]] = [
    ("Russia blocked the Signal messenger.", {("RU", "signal", "block")}),
    ("Egypt blocks the messaging app Signal.", {("EG", "signal", "block")}),
    ("Residents of Karachi complain of a weak signal.", set()),
    ("The road to Cebu City reopened after the landslide.", set()),
]


@pytest.mark.parametrize(("summary", "expected"), NETWORK + ADJECTIVES)
def test_found(summary: str, expected: set[Triple]) -> None:
    assert found(summary, "en") == expected


@pytest.mark.parametrize(("summary", "expected"), GUARDS)
def test_guards(summary: str, expected: set[Triple]) -> None:
    assert found(summary, "en") == expected
