"""A story (several events told together) as one Telegram alert, and as one block of a digest
(bot/telegram/render.py, digest.py): every service named in the reader's language, the report
once, every source once, within Telegram's 4096 UTF-16 units. Pure, checked as Telegram parses."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core.models import Action, Event, EventReport, EventSource, Preferences, Subscriber
from bot.core.story import Story
from bot.core.textcut import utf16_len
from bot.delivery.stories import MOST_EVENTS
from bot.telegram.digest import render_telegram_digest, story_block
from bot.telegram.render import TELEGRAM_LIMIT, render_telegram, telegram_length
from tests.support.reports import FIVE_SENTENCES, SEEN, parse, source

UZ_REPORT = source("Azatlyk", "Uzbekistan unblocks Twitter, WeChat and VKontakte")
UZ_REPORT_RU = source("Ozodlik", "В Узбекистане разблокировали Twitter, WeChat и ВКонтакте")


def events(
    country: str, *services: tuple[str, Action], sources: tuple[EventSource, ...] = (UZ_REPORT,)
) -> Story:
    """One report (or the same reports) of several events: what group_stories makes one story."""
    return Story(
        tuple(
            EventReport(Event(n, country, service, action, SEEN, SEEN, len(sources)), sources)
            for n, (service, action) in enumerate(services, 1)
        )
    )


THREE_UNBLOCKED = events(
    "UZ", ("twitter", "unblock"), ("wechat", "unblock"), ("vkontakte", "unblock")
)
MIXED = events("RU", ("facetime", "throttle"), ("snapchat", "block"))
MIXED_LISTS = events("RU", ("facetime", "throttle"), ("zoom", "throttle"), ("snapchat", "block"))


def reader(language: str) -> Subscriber:
    return Subscriber(1, "telegram", "1001", language=language)


def first_line(story: Story, language: str = "en") -> str:
    return parse(render_telegram(story, reader(language)).text).text.split("\n")[0]


def test_one_report_of_three_services_is_one_alert_that_names_them_all() -> None:
    twice = replace(
        THREE_UNBLOCKED,
        reports=tuple(
            replace(r, sources=(UZ_REPORT, UZ_REPORT_RU)) for r in THREE_UNBLOCKED.reports
        ),
    )
    parsed = parse(render_telegram(twice, reader("en")).text)
    lines = parsed.text.split("\n")
    assert lines[0] == "🇺🇿 Uzbekistan: X (Twitter), WeChat and VKontakte unblocked"
    assert lines[2] == "Uzbekistan unblocks Twitter, WeChat and VKontakte"  # the report, once
    assert parsed.text.count(FIVE_SENTENCES.split(".")[0]) == 1  # its excerpt, once
    assert lines[-2:] == ["Source: Azatlyk", "Also reported by Ozodlik"]  # each source once
    assert [text for _, text in parsed.links] == ["Azatlyk", "Ozodlik"]


def test_mixed_actions_say_each() -> None:
    assert first_line(MIXED) == "🇷🇺 Russia: FaceTime throttled, Snapchat blocked"
    # lists of names inside: semicolons between the actions, so each list reads whole
    assert first_line(MIXED_LISTS) == "🇷🇺 Russia: FaceTime and Zoom throttled; Snapchat blocked"


@pytest.mark.parametrize(
    ("language", "three", "mixed"),
    [
        (
            "ru",
            "Узбекистан: X (Twitter), WeChat и VKontakte — разблокировка",
            "Россия: FaceTime — замедление, Snapchat — блокировка",
        ),
        (
            "tk",
            "Özbegistan: X (Twitter), WeChat we VKontakte açyldy",
            "Russiýa: FaceTime haýalladyldy, Snapchat petiklendi",
        ),
        (
            "uz",
            "Oʻzbekiston: X (Twitter), WeChat va VKontakte blokdan chiqarildi",
            "Rossiya: FaceTime sekinlashtirildi, Snapchat bloklandi",
        ),
        (
            "uz_Cyrl",
            "Ўзбекистон: X (Twitter), WeChat ва VKontakte блокдан чиқарилди",
            "Россия: FaceTime секинлаштирилди, Snapchat блокланди",
        ),
        (
            "kk",
            "Өзбекстан: X (Twitter), WeChat және VKontakte бұғаттан шығарылды",
            "Ресей: FaceTime баяулатылды, Snapchat бұғатталды",
        ),
    ],
)
def test_story_headlines_in_each_language(language: str, three: str, mixed: str) -> None:
    assert first_line(THREE_UNBLOCKED, language) == f"🇺🇿 {three}"
    assert first_line(MIXED, language) == f"🇷🇺 {mixed}"


def test_the_widest_story_fits_one_message_and_names_every_service() -> None:
    """Twelve services (the most a story holds) with long astral names, astral titles, excerpts
    and forty outlets: still one message under 4096 UTF-16 units, every name in its headline."""
    astral = "🙂" * 300
    sources = tuple(
        EventSource(
            f"{n}" + "🙃" * 80, astral, f"https://s{n}.test/", (astral + ". ") * 4, SEEN, "en"
        )
        for n in range(40)
    )
    names = [f"svc{n:02d}" + "🙃" * 60 for n in range(MOST_EVENTS)]
    widest = events("TM", *((name, "block") for name in names), sources=sources)
    text = render_telegram(widest, reader("en")).text
    visible = parse(text).text
    assert utf16_len(visible) <= TELEGRAM_LIMIT and telegram_length(text) == utf16_len(visible)
    headline = visible.split("\n")[0]
    assert all(f"svc{n:02d}" in headline for n in range(MOST_EVENTS))
    assert "Source: " in visible


def test_a_digest_gives_a_story_one_heading() -> None:
    daily = Subscriber(1, "telegram", "1001", prefs=Preferences(frequency="daily"))
    blocked = Event(9, "UZ", "telegram", "block", SEEN, SEEN)
    other = Story.of(EventReport(blocked, (source("Kun.uz", "Telegram blocked"),)))
    [(message, ids)] = render_telegram_digest([THREE_UNBLOCKED, other], daily)
    text = parse(message.text).text
    assert text.startswith("Daily digest: 4 events\n\n")
    assert text.count("🇺🇿 ") == 2  # two stories, two headings
    assert "🇺🇿 Uzbekistan: X (Twitter), WeChat and VKontakte unblocked\n" in text
    assert sorted(ids) == [1, 2, 3, 9]
    block = parse(story_block(THREE_UNBLOCKED)).text.split("\n")
    assert block[1] == "Uzbekistan unblocks Twitter, WeChat and VKontakte (Azatlyk)"
