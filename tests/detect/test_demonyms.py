"""A country named by its people ("Ugandan authorities"): the demonyms places.toml carries.
The sentences are written for these tests; none comes from the labelled sets."""

from __future__ import annotations

import pytest

from bot.core.models import ItemText
from bot.detect import Detector

DETECTOR = Detector.load()


@pytest.mark.parametrize(
    ("summary", "country"),
    [
        ("Ugandan authorities restored Twitter on Wednesday.", "UG"),
        ("Chadian officials cut access to WhatsApp.", "TD"),
        ("Malians can no longer open Facebook: the regulator blocked it.", "ML"),
        # "Equatorial Guinean" is its own country, not Guinea's
        ("Equatorial Guinean authorities blocked Facebook.", "GQ"),
    ],
)
def test_a_country_named_by_its_people(summary: str, country: str) -> None:
    alerts = DETECTOR.detect(ItemText("t", "", summary, "en"))
    assert {alert.country for alert in alerts} == {country}


def test_an_ambiguous_demonym_names_no_country() -> None:
    # "Congolese": both Congos; the item names no country, so nothing is alerted
    assert DETECTOR.detect(ItemText("t", "", "Congolese authorities blocked Facebook.", "en")) == []
