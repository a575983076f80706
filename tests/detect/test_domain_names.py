"""A site named by its domain's name alone where the item gives the domain elsewhere
(bot/detect/domains.py; after fresh-56 to 59 were scored).

A headline names the site as its readers know it ("İncicaps kapatıldı", "Ukraine blocks
Strana"), the body gives its address ("incicaps.com", "strana.ua"). No vocabulary lists such
sites; the item does. The name counts as the site where an action word acts on it, as a
domain does; a name that is a common word ("news.com"), a host's first name ("www.") or
shorter than four letters names none.

The sentences were written for this test, not copied from the labelled corpora.
"""

from __future__ import annotations

import pytest

from bot.detect.domains import item_site_names
from tests.detect.support import alerts

NAMES: list[tuple[str, set[str]]] = [
    ("incicaps.com ve inciswf.com sitelerine", {"incicaps", "inciswf"}),
    ("odatv.com.tr adresine", {"odatv"}),
    ("www.odatv.com adresine", {"odatv"}),
    ("strana.ua and sharii.net", {"strana", "sharii"}),
    ("news.com.ng reported", set()),
    ("blog.xyz and t.me", set()),
    ("m.in. w Polsce", set()),
    ("no domain here", set()),
    ("доступ к фергану.ру", {"фергану"}),
    ("заблокирован.русские", set()),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_item_site_names(text: str, expected: set[str]) -> None:
    assert item_site_names(text) == expected


ALERTS: list[tuple[str, str, str]] = [
    ("tr", "İncicaps kapatıldı || Kullanıcılar incicaps.com adresine giremedi.", "TR other block"),
    (
        "en",
        "Ukraine blocks Strana and Sharii || The regulator added strana.ua and sharii.net to its "
        "list.",
        "UA other block",
    ),
    (
        "fr",
        "La France bloque 5Dimes || Le site 5dimes.com est basé au Costa Rica.",
        "FR other block",
    ),
    # the Russian press writes some domains in Cyrillic, declined
    (
        "ru",
        "«Кыргызтелеком» разблокирует «Фергану.ру» || «Мегалайн» уже открыл сайт 10 апреля,"
        " «Акнет» пока блокировку не снимает.",
        "KG other unblock",
    ),
]
GUARDS: list[tuple[str, str, str]] = [
    # no domain in the item: an unknown name is no site
    ("tr", "İncicaps kapatıldı", ""),
    # the name is a common word: no site
    (
        "en",
        "Police in Lagos closed the News office || The story was first told by news.com.ng.",
        "",
    ),
    # the name beside no action word
    (
        "en",
        "Ukraine blocks Telegram || Strana, whose site strana.ua covers it, wrote first.",
        "UA telegram block",
    ),
    # a summons to have the site blocked is a court step (fr `procedure` "assigne")
    (
        "fr",
        "L'Arjel assigne les FAI pour faire bloquer 5Dimes || Le site 5dimes.com est basé au "
        "Costa Rica.",
        "",
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ALERTS + GUARDS)
def test_alerts(lang: str, text: str, expected: str) -> None:
    assert alerts(lang, text) == expected
