"""Places from GeoNames (bot/detect/vocab/places.toml): a city or region names the country,
and the action there is partial; a capital is the country; common words stay words.

The sentences are our own, written for these rules (not from the labelled files).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.core.models import ItemText
from bot.detect import Detector
from bot.detect.gazetteer import gazetteer

DETECTOR = Detector.load()
Found = tuple[str, str, str, str]  # country, service, action, scope


def detect(title: str, lang: str) -> set[Found]:
    alerts = DETECTOR.detect(ItemText("p", title, "", lang))
    return {(a.country, a.service, a.action, a.scope) for a in alerts}


PLACES: list[tuple[str, str, set[Found]]] = [
    # A city, a region: the country they lie in, partial.
    ("en", "Mobile internet suspended in Jaipur", {("IN", "internet", "block", "partial")}),
    (
        "en",
        "Mobile internet was shut down in Rajasthan",
        {("IN", "internet", "block", "partial")},
    ),
    # Declined: "Смоленская" (ISO's "Smolenskaya oblast'" read back) finds "Смоленской".
    (
        "ru",
        "в Смоленской области ограничили мобильный интернет",
        {("RU", "internet", "block", "partial")},
    ),
    (
        "ru",
        "В Ростове-на-Дону ограничили мобильный интернет",
        {("RU", "internet", "block", "partial")},
    ),
    ("en", "Internet cut in Tigray", {("ET", "internet", "block", "partial")}),
    # where shutdowns are a district's, towns of 100,000 count (India, Bangladesh, Ethiopia)
    ("en", "Internet partially restored in Darbhanga", {("IN", "internet", "unblock", "partial")}),
    ("en", "Mobile internet suspended in Jessore", {("BD", "internet", "block", "partial")}),
    (
        "en",
        "Authorities shut down the internet in Karakalpakstan",
        {("UZ", "internet", "block", "partial")},
    ),
    (
        "ru",
        "В Туле спустя сутки снова заработал мобильный интернет",
        {("RU", "internet", "unblock", "partial")},
    ),
    # ISO 3166's own codes: Hong Kong is HK, Crimea Ukraine's (UA-43), whoever governs it
    ("en", "Hong Kong ISPs block a democracy website", {("HK", "other", "block", "full")}),
    # the firms that block are no internet cut
    (
        "en",
        "Internet firms in Hong Kong block a democracy website",
        {("HK", "other", "block", "full")},
    ),
    (
        "ru",
        "В Крыму ограничили мобильный интернет",
        {("UA", "internet", "block", "partial")},
    ),
    # A capital is the country itself: the whole of it.
    ("en", "Tashkent blocked Telegram", {("UZ", "telegram", "block", "full")}),
]

TRAPS: list[tuple[str, str, set[Found]]] = [
    # "Meta" is a Colombian department: here it is the company, and Russia acted, whole.
    ("en", "Meta says Russia blocked WhatsApp", {("RU", "whatsapp", "block", "full")}),
    # "Vladimir" is a Russian city, "Иванов" a stem of Ivanovo: here they are a name.
    ("en", "Kazakhstan blocked TikTok, Vladimir said", {("KZ", "tiktok", "block", "full")}),
    (
        "ru",
        "Министр Владимир Иванов сообщил, что в Казахстане заблокировали TikTok",
        {("KZ", "tiktok", "block", "full")},
    ),
    # "Hassan", a town of Karnataka, is here a minister's name
    (
        "en",
        "Iran's minister Mohammad Hassan Nami said the country throttled the internet",
        {("IR", "internet", "throttle", "full")},
    ),
    # "دوشنبه" is Dushanbe and Monday; "sabah" a Malaysian state and the morning.
    ("fa", "ترکمنستان روز دوشنبه تلگرام را مسدود کرد", {("TM", "telegram", "block", "full")}),
    (
        "tr",
        "Sabah saatlerinde Türkiye'de Twitter'a erişim engellendi",
        {("TR", "twitter", "block", "full")},
    ),
]


@pytest.mark.parametrize(("lang", "title", "expected"), PLACES + TRAPS)
def test_places_name_the_country_and_the_scope(lang: str, title: str, expected: set[Found]) -> None:
    assert detect(title, lang) == expected


@pytest.mark.parametrize(
    ("name", "patterns"),
    [
        ("Смоленская", ["Смоленск*"]),  # an adjective loses its two letters
        ("Пактия", ["Пакти*"]),  # a noun one: "пакт*" would find every pact
        ("Ростов-на-Дону", ["Ростов* на Дону"]),  # each part declines on its own
        # under six letters: its cases spelt out ("в Туле", "в Оше", "под Курском")
        ("Тула", ["Тула", "Тулы", "Туле", "Тулу", "Тулой"]),
        ("Ош", ["Ош", "Оша", "Ошу", "Оше", "Ошом"]),
        ("Тверь", ["Тверь", "Твери", "Тверью"]),
        ("Сочи", ["Сочи"]),  # indeclinable
        ("Samarqand", ["Samarqand"]),  # Latin: as written
    ],
)
def test_home_region_cyrillic_names_take_endings(
    tmp_path: Path, name: str, patterns: list[str]
) -> None:
    places = tmp_path / "places.toml"
    places.write_text(f'inflected = ["UZ"]\n[places.UZ]\ncities = ["{name}"]\n', "utf-8")
    assert gazetteer(places) == [(pattern, "UZ", True) for pattern in patterns]


def test_places_outside_the_home_region_match_as_written(tmp_path: Path) -> None:
    places = tmp_path / "places.toml"
    places.write_text('[places.IN]\ncapitals = ["Нью-Дели"]\nregions = ["Раджастхан"]\n', "utf-8")
    assert gazetteer(places) == [("Нью-Дели", "IN", False), ("Раджастхан", "IN", True)]


def test_a_vocabulary_without_places_loads(tmp_path: Path) -> None:
    assert gazetteer(tmp_path / "places.toml") == []


def test_a_places_mistake_names_the_file_and_field(tmp_path: Path) -> None:
    places = tmp_path / "places.toml"
    places.write_text('[places.IN]\ntowns = ["Jaipur"]\n', "utf-8")
    with pytest.raises(ConfigError) as caught:
        gazetteer(places)
    assert caught.value.path == str(places)
    assert caught.value.field == "IN"
