"""A word for a group of services ("social media", "соцсети", "مواقع التواصل") stands for the
members the item names, in its background too; alone it names no alert. The sentences are
written for these tests; none comes from the labelled sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.core.models import ItemText
from bot.detect import Detector
from tests.detect.support import Triple, found, tiny_vocabulary

BLOCKED = '[actions]\nblock = ["blocked"]\n'


@pytest.mark.parametrize(
    ("lang", "summary", "expected"),
    [
        # the members named in the background take the news's direction
        (
            "en",
            "Iraq restored social media on Thursday. The government had blocked Facebook and "
            "WhatsApp after the protests.",
            {("IQ", "facebook", "unblock"), ("IQ", "whatsapp", "unblock")},
        ),
        (
            "ar",
            "العراق يرفع الحجب عن مواقع التواصل الاجتماعي. وكانت الحكومة قد حجبت فيسبوك وتويتر.",
            {("IQ", "facebook", "unblock"), ("IQ", "twitter", "unblock")},
        ),
        (
            "fr",
            "Au Gabon, les réseaux sociaux sont suspendus : Facebook et WhatsApp ne marchent plus.",
            {("GA", "facebook", "block"), ("GA", "whatsapp", "block")},
        ),
        (
            "ru",
            "В Таджикистане открыли доступ к соцсетям. Ранее там были закрыты «ВКонтакте» и "
            "«Одноклассники».",
            {("TJ", "vkontakte", "unblock"), ("TJ", "odnoklassniki", "unblock")},
        ),
        # "after" before a date names no service as what came before
        (
            "ar",
            "العراق يرفع الحجب عن مواقع التواصل. "
            "وكانت الحكومة قد حجبت بعد 25 أكتوبر فيسبوك وتويتر.",
            {("IQ", "facebook", "unblock"), ("IQ", "twitter", "unblock")},
        ),
        # a group alone does not say which services a country cut
        ("en", "Gabon suspended social media on Saturday.", set()),
        # only members: the internet named beside it keeps its own finding, not the group's
        (
            "en",
            "Gabon cut the internet and social media on Saturday.",
            {("GA", "internet", "block")},
        ),
    ],
)
def test_a_group_word_stands_for_the_members_named(
    lang: str, summary: str, expected: set[Triple]
) -> None:
    assert found(summary, lang) == expected


def test_groups_are_data_in_services_toml(tmp_path: Path) -> None:
    services = (
        '[services.imo]\naliases = ["imo"]\n[services.chat]\naliases = ["chat apps"]\n'
        '[groups]\nchat = ["imo"]\n'
    )
    detector = Detector.load(tiny_vocabulary(tmp_path, services, BLOCKED))
    item = "Turkmenistan blocked chat apps. IMO was the last one working."
    alerts = detector.detect(ItemText("g", item, "", "en"))
    assert [(a.country, a.service, a.action) for a in alerts] == [("TM", "imo", "block")]


def test_a_group_of_unknown_services_names_the_file(tmp_path: Path) -> None:
    services = '[services.chat]\naliases = ["chat apps"]\n[groups]\nchat = ["imo"]\n'
    with pytest.raises(ConfigError, match=r"services\.toml.*imo|imo.*services\.toml"):
        Detector.load(tiny_vocabulary(tmp_path, services, BLOCKED))
