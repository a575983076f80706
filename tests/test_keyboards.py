"""The keyboards are pure: data in, InlineKeyboardMarkup out; every button's data is valid."""

from __future__ import annotations

import pytest
from aiogram.types import InlineKeyboardMarkup

from bot import keyboards as kb
from bot.models import Preferences

ALL_KEYBOARDS = [
    kb.countries_keyboard({"TM", "AM"}, "en"), kb.services_keyboard(None, "ru"),
    kb.services_keyboard(frozenset({"imo"}), "en"), kb.actions_keyboard(frozenset({"block"}), "kk"),
    kb.frequency_keyboard(Preferences(frequency="weekly"), "tk"), kb.weekdays_keyboard("uz"),
    kb.hours_keyboard(), kb.settings_keyboard("en"), kb.forget_keyboard("ru"),
    kb.language_keyboard("uz"), kb.zones_keyboard("UTC"),
]


def datas(markup: InlineKeyboardMarkup) -> list[str]:
    return [str(b.callback_data) for row in markup.inline_keyboard for b in row]


def texts(markup: InlineKeyboardMarkup) -> list[str]:
    return [b.text for row in markup.inline_keyboard for b in row]


@pytest.mark.parametrize("markup", ALL_KEYBOARDS)
def test_every_button_is_compact_and_passes_validation(markup: InlineKeyboardMarkup) -> None:
    for data in datas(markup):
        assert len(data.encode()) <= 64
        assert kb.is_valid(kb.Pick.unpack(data)), data


def test_countries_offer_the_region_first_and_tick_the_chosen() -> None:
    markup = kb.countries_keyboard({"TM", "AM"}, "en")
    codes = [kb.Pick.unpack(d).value for d in datas(markup)]
    assert codes[:10] == list(kb.REGION) and codes[10] == "AM"  # a typed one, after the region
    assert "✅ 🇹🇲 TM" in texts(markup) and "🇺🇿 UZ" in texts(markup)
    assert datas(markup)[-2:] == ["bw:country:type", "bw:page:services"]


def test_services_tick_all_or_the_chosen_ones() -> None:
    assert texts(kb.services_keyboard(None, "en"))[0] == "✅ All services"
    chosen = texts(kb.services_keyboard(frozenset({"imo"}), "en"))
    assert chosen[0] == "All services" and "✅ IMO" in chosen and "WhatsApp" in chosen


@pytest.mark.parametrize(("step", "value", "valid"), [
    ("country", "TM", True), ("country", "tm", False), ("country", "XX", False),
    ("country", "type", True), ("service", "imo", True), ("service", "icq", False),
    ("service", "all", True), ("action", "unblock", True), ("action", "ban", False),
    ("freq", "weekly", True), ("freq", "hourly", False), ("hour", "23", True),
    ("hour", "24", False), ("hour", "-1", False), ("weekday", "6", True), ("weekday", "7", False),
    ("page", "done", True), ("page", "admin", False), ("forget", "yes", True),
    ("lang", "kk", True), ("lang", "de", False), ("zone", "10", True), ("zone", "11", False),
    ("nope", "", False),
])
def test_validation(step: str, value: str, valid: bool) -> None:
    assert kb.is_valid(kb.Pick(step=step, value=value)) is valid
