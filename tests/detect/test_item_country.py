"""Where an item happens: a country named by its people ("Ugandan authorities": the demonyms
places.toml carries), else its language's country; and a cut of the fast network only.
The sentences are written for these tests; none comes from the labelled sets."""

from __future__ import annotations

import pytest

from bot.core.models import ItemText
from tests.detect.support import DETECTOR


@pytest.mark.parametrize(
    ("summary", "country"),
    [
        ("Ugandan authorities restored Twitter on Wednesday.", "UG"),
        ("Chadian officials cut access to WhatsApp.", "TD"),
        ("Malians can no longer open Facebook: the regulator blocked it on Monday.", "ML"),
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


@pytest.mark.parametrize(
    ("lang", "summary", "country"),
    [
        # languages spoken mostly in one country name it by default (`[language] country`)
        ("bn", "সারা দেশে ইন্টারনেট সেবা বন্ধ করে দেওয়া হয়েছে।", "BD"),
        ("ur", "ملک بھر میں ایکس کی سروس بند کر دی گئی۔", "PK"),
        # a place named wins over the default
        ("bn", "ভারতের আসামে ফেসবুক বন্ধ করে দেওয়া হয়েছে।", "IN"),
    ],
)
def test_an_item_naming_no_country_takes_its_languages(
    lang: str, summary: str, country: str
) -> None:
    alerts = DETECTOR.detect(ItemText("t", "", summary, lang))
    assert {alert.country for alert in alerts} == {country}


def test_only_the_fast_network_cut_is_a_slowdown() -> None:
    item = ItemText("t", "", "High-speed mobile internet was suspended in Comilla on Friday.", "en")
    assert {(a.country, a.service, a.action, a.scope) for a in DETECTOR.detect(item)} == {
        ("BD", "internet", "throttle", "partial")
    }


@pytest.mark.parametrize(
    ("lang", "summary", "country"),
    [
        # the place that qualifies the authority acts; the one that qualifies the site does not
        ("en", "Azerbaijani authorities blocked the website of the Russian agency Sputnik.", "AZ"),
        ("ru", "Азербайджанские власти заблокировали сайт российского агентства Sputnik.", "AZ"),
    ],
)
def test_the_place_of_the_authority_acts(lang: str, summary: str, country: str) -> None:
    alerts = DETECTOR.detect(ItemText("t", "", summary, lang))
    assert {alert.country for alert in alerts} == {country}


@pytest.mark.parametrize(
    "summary",
    ["В Чувашии ограничили мобильный интернет.", "В Бурятии отключили мобильный интернет."],
)
def test_a_russian_republic_by_its_noun_is_a_part_of_russia(summary: str) -> None:
    alerts = DETECTOR.detect(ItemText("t", "", summary, "ru"))
    assert {(alert.country, alert.scope) for alert in alerts} == {("RU", "partial")}
