"""Names in lists: "messenger" alone is any messaging app; a kind word yields to a named
service in its direction; French "dont" lists. The sentences are written for these tests;
none comes from the labelled sets."""

from __future__ import annotations

import pytest

from bot.core.models import ItemText
from tests.detect.support import DETECTOR, Triple, found


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        # "messenger" alone is any messaging app, even listed beside one: not Facebook's
        (
            "en",
            "Turkmenistan blocked IMO, its last working messenger, on Monday.",
            {("TM", "imo", "block")},
        ),
        ("en", "Benin blocked the messenger on Sunday.", set()),
    ],
)
def test_messenger_alone_is_no_service(lang: str, summary: str, expected: set[Triple]) -> None:
    assert found(summary, lang) == expected


def test_a_kind_word_yields_to_a_named_service_only_in_its_direction() -> None:
    item = ItemText(
        "t",
        "Benin restores access to news websites",
        "The sites had been cut off since March. Facebook stays blocked.",
        "en",
    )
    found = {(a.country, a.service, a.action) for a in DETECTOR.detect(item)}
    assert ("BJ", "other", "unblock") in found


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "Le Bénin a annoncé mardi la suspension immédiate de l'accès aux principales"
            " plateformes sur l'ensemble du territoire, dont Facebook et WhatsApp.",
            {("BJ", "facebook", "block"), ("BJ", "whatsapp", "block")},
        ),
    ],
)
def test_french_dont_lists_before_a_name(summary: str, expected: set[Triple]) -> None:
    assert found(summary, "fr") == expected
