"""The keyboards are pure: data in, InlineKeyboardMarkup out; every button's data is valid."""

from __future__ import annotations

import pytest
from aiogram.types import InlineKeyboardMarkup

from bot.core.models import Preferences
from bot.telegram import keyboards as kb
from bot.telegram.callbacks import ChatPick
from bot.telegram.zones import REGIONS, zones_in

CHANNEL = -1001234567890  # as long as channel ids get
ALL_KEYBOARDS = [
    kb.countries_keyboard({"TM", "AM"}, "en"),
    kb.services_keyboard(None, "ru"),
    kb.services_keyboard(frozenset({"imo"}), "en"),
    kb.actions_keyboard(frozenset({"block"}), "kk"),
    kb.frequency_keyboard(Preferences(frequency="weekly"), "tk"),
    kb.weekdays_keyboard("uz"),
    kb.hours_keyboard(8),
    kb.settings_keyboard("en"),
    kb.forget_keyboard("ru"),
    kb.language_keyboard("uz"),
    kb.zones_keyboard("UTC", "en"),
    kb.zones_keyboard("America/Argentina/ComodRivadavia", "ru"),
    kb.regions_keyboard("kk"),
    *(
        kb.zones_of_region_keyboard(region, page, "UTC", "en")
        for region in REGIONS
        for page in range(8)
    ),
    kb.quiet_start_keyboard(None, "en"),
    kb.quiet_start_keyboard((22, 7), "tk"),
    kb.quiet_end_keyboard(22, (22, 7)),
]


def datas(markup: InlineKeyboardMarkup) -> list[str]:
    return [str(b.callback_data) for row in markup.inline_keyboard for b in row]


def texts(markup: InlineKeyboardMarkup) -> list[str]:
    return [b.text for row in markup.inline_keyboard for b in row]


@pytest.mark.parametrize("markup", ALL_KEYBOARDS)
def test_every_button_is_compact_and_passes_validation(markup: InlineKeyboardMarkup) -> None:
    assert sum(len(row) for row in markup.inline_keyboard) <= 100  # Telegram's cap
    assert all(len(row) <= 8 for row in markup.inline_keyboard)
    for data in datas(markup):
        assert len(data.encode()) <= 64
        assert kb.is_valid(kb.Pick.unpack(data)), data


@pytest.mark.parametrize("markup", ALL_KEYBOARDS)
def test_every_button_still_fits_when_it_edits_a_channel(markup: InlineKeyboardMarkup) -> None:
    retargeted = kb.retarget(markup, CHANNEL)
    assert retargeted is not None and texts(retargeted) == texts(markup)
    for data, original in zip(datas(retargeted), datas(markup), strict=True):
        assert len(data.encode()) <= 64
        pick = ChatPick.unpack(data)
        assert pick.chat == CHANNEL and pick.pick().pack() == original


def test_countries_offer_the_region_first_and_tick_the_chosen() -> None:
    markup = kb.countries_keyboard({"TM", "AM"}, "en")
    codes = [kb.Pick.unpack(d).value for d in datas(markup)]
    assert codes[:10] == list(kb.REGION) and codes[10] == "AM"  # a typed one, after the region
    assert "✅ 🇹🇲 TM" in texts(markup) and "🇺🇿 UZ" in texts(markup)
    assert datas(markup)[-2:] == ["bw:country:type", "bw:page:services"]


def test_services_tick_all_or_the_chosen_ones_in_the_readers_language() -> None:
    assert texts(kb.services_keyboard(None, "en"))[0] == "✅ All services"
    chosen = texts(kb.services_keyboard(frozenset({"imo"}), "en"))
    assert chosen[0] == "All services" and "✅ IMO" in chosen and "WhatsApp" in chosen
    assert "VPN-сервисы" in texts(kb.services_keyboard(None, "ru"))


def test_weekdays_come_from_cldr_in_the_readers_language() -> None:
    assert texts(kb.weekdays_keyboard("en")) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert texts(kb.weekdays_keyboard("ru"))[0] == "Пн"
    assert texts(kb.weekdays_keyboard("tk"))[4] == "Ann"


def test_zones_offer_the_region_then_every_other_and_keep_a_far_choice_ticked() -> None:
    near = texts(kb.zones_keyboard("Asia/Tashkent", "en"))
    assert "✅ Tashkent" in near and "Ashgabat" in near and "🌍 Other regions" in near
    far = kb.zones_keyboard("America/New_York", "en")
    assert "✅ New York" in texts(far) and "bw:zone:America/New_York" in datas(far)


def test_a_regions_zones_are_paged_and_every_one_reachable() -> None:
    shown: list[str] = []
    for page in range(20):
        markup = kb.zones_of_region_keyboard("America", page, "UTC", "en")
        zones = [d.split(":", 2)[2] for d in datas(markup) if d.startswith("bw:zone:")]
        if zones and zones[0] in shown:  # past the last page: the last page again
            break
        shown += zones
    assert shown == list(zones_in("America")) and len(shown) > kb.ZONES_PER_PAGE
    first = datas(kb.zones_of_region_keyboard("America", 0, "UTC", "en"))
    assert "bw:region:America.1" in first and "bw:region:America.-1" not in first


def test_quiet_hours_start_or_off_then_an_end_that_is_not_the_start() -> None:
    start = kb.quiet_start_keyboard((22, 7), "en")
    assert "✅ 22:00" in texts(start) and texts(start)[-1] == "No quiet hours"
    end = kb.quiet_end_keyboard(22, (22, 7))
    assert "✅ 07:00" in texts(end) and "22:00" not in " ".join(texts(end))
    assert "bw:quiet:22-7" in datas(end) and len(datas(end)) == 23
    assert texts(kb.quiet_start_keyboard(None, "en"))[-1] == "✅ No quiet hours"


@pytest.mark.parametrize(
    ("step", "value", "valid"),
    [
        ("country", "TM", True),
        ("country", "tm", False),
        ("country", "XX", False),
        ("country", "type", True),
        ("service", "imo", True),
        ("service", "icq", False),
        ("service", "all", True),
        ("action", "unblock", True),
        ("action", "ban", False),
        ("freq", "weekly", True),
        ("freq", "hourly", False),
        ("hour", "23", True),
        ("hour", "24", False),
        ("hour", "-1", False),
        ("weekday", "6", True),
        ("weekday", "7", False),
        ("page", "done", True),
        ("page", "quiet", True),
        ("page", "admin", False),
        ("forget", "yes", True),
        ("lang", "kk", True),
        ("lang", "de", False),
        ("zone", "Asia/Tashkent", True),
        ("zone", "America/Argentina/ComodRivadavia", True),
        ("zone", "Asia/Atlantis", False),
        ("zone", "../../etc/passwd", False),
        ("zone", "type", True),
        ("zone", "10", False),
        ("region", "", True),
        ("region", "Asia", True),
        ("region", "Asia.3", True),
        ("region", "Asia.x", False),
        ("region", "Mars", False),
        ("region", "Asia.99", False),
        ("qfrom", "off", True),
        ("qfrom", "22", True),
        ("qfrom", "24", False),
        ("quiet", "22-7", True),
        ("quiet", "7-7", False),
        ("quiet", "22-24", False),
        ("quiet", "22", False),
        ("nope", "", False),
    ],
)
def test_validation(step: str, value: str, valid: bool) -> None:
    assert kb.is_valid(kb.Pick(step=step, value=value)) is valid
