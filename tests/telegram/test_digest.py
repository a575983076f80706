"""The Telegram digest renderer (bot/telegram/digest.py): pure, checked as Telegram would parse;
then alerts and digests in the subscriber's language through the outbox and the Bot API stand-in."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from aiogram import Bot

from bot.core.models import Alert, Entry, EventReport, EventSource, Preferences, Subscriber
from bot.core.records import NewEntry, Placement
from bot.core.story import Story
from bot.delivery.outbox import deliver_due
from bot.telegram.digest import MAX_ENTITIES, render_telegram_digest, story_block
from bot.telegram.pacing import Limits, Pacer
from bot.telegram.render import TELEGRAM_LIMIT, render_telegram, telegram_length
from bot.telegram.sender import TelegramSender
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI
from tests.support.manualclock import NOW, ManualClock
from tests.support.reports import alone, parse, report, source

DAILY = Subscriber(1, "telegram", "1001", prefs=Preferences(frequency="daily"))
WEEKLY = Subscriber(2, "telegram", "1002", prefs=Preferences(frequency="weekly"))


def numbered(count: int, sources: tuple[EventSource, ...] = ()) -> list[EventReport]:
    """`count` events with ids 100, 101... (services s00, s01...)."""
    reports = []
    for n in range(count):
        made = report(*(sources or (source(),)), service=f"s{n:02d}")
        reports.append(replace(made, event=replace(made.event, id=100 + n)))
    return reports


def test_an_event_block_has_flag_headline_linked_story_and_other_outlets() -> None:
    block = parse(
        story_block(
            Story.of(
                report(source("Azatlyk", "IMO is blocked"), source("RFE"), source("Eurasianet"))
            )
        )
    )
    lines = block.text.split("\n")
    assert lines[0] == "🇹🇲 Turkmenistan: IMO blocked"
    assert lines[1] == "IMO is blocked (Azatlyk)"
    assert lines[2] == "Also reported by RFE and Eurasianet"
    assert [text for _, text in block.links] == ["Azatlyk", "RFE", "Eurasianet"]
    assert block.links[0][0] == "https://Azatlyk.test/1"


def test_a_short_digest_is_one_message_with_every_event() -> None:
    [(message, ids)] = render_telegram_digest(alone(numbered(3)), DAILY)
    text = parse(message.text).text
    assert text.startswith("Daily digest: 3 events\n\n")
    assert ids == [100, 101, 102]
    assert all(f"s{n:02d} blocked" in text for n in range(3))
    [(weekly, _)] = render_telegram_digest(alone(numbered(1)), WEEKLY)
    assert parse(weekly.text).text.startswith("Weekly digest: 1 event\n")


def test_a_long_digest_splits_between_events_under_telegrams_limits() -> None:
    wide = source("🙂" * 80, "🙂" * 400, text="🙂" * 2000)  # astral: 2 UTF-16 units each
    parts = render_telegram_digest(
        alone(numbered(60, sources=(wide, source("B"), source("C")))), DAILY
    )
    assert len(parts) > 3
    assert sorted(i for _, ids in parts for i in ids) == list(range(100, 160))  # each once
    for message, ids in parts:
        assert telegram_length(message.text) <= TELEGRAM_LIMIT
        text = parse(message.text).text
        # Each event the part claims is in it, whole: its headline and its outlets line.
        assert [f"s{i - 100:02d} blocked" in text for i in ids] == [True] * len(ids)
        assert text.count("Also reported by B and C") == len(ids)
    assert parse(parts[1][0].text).text.startswith("Daily digest, continued\n\n")


def test_many_short_events_stay_under_100_entities_per_message() -> None:
    parts = render_telegram_digest(
        alone(numbered(80, sources=(source("A", "t"), source("B")))), DAILY
    )
    assert len(parts) >= 2
    for message, _ in parts:
        entities = sum(1 for _ in parse(message.text).links) + message.text.count("<b>")
        assert entities <= MAX_ENTITIES


# --- the subscriber's language, outside any handler --------------------------------------------

RUSSIAN_DAILY = Subscriber(
    3, "telegram", "1003", language="ru", prefs=Preferences(frequency="daily")
)


def test_a_digest_is_written_in_the_subscribers_language() -> None:
    three = numbered(3, sources=(source("Azatlyk"), source("RFE"), source("Eurasianet")))
    [(message, _)] = render_telegram_digest(alone(three), RUSSIAN_DAILY)
    text = parse(message.text).text
    assert text.startswith("Сводка раз в день: 3 события\n\n")
    assert "🇹🇲 Туркменистан: s00 — блокировка" in text
    assert "Также сообщили: RFE и Eurasianet" in text and "Also" not in text
    many = render_telegram_digest(
        alone(numbered(80, sources=(source("A", "t"), source("B")))), RUSSIAN_DAILY
    )
    assert parse(many[1][0].text).text.startswith("Сводка раз в день (продолжение)\n\n")


async def test_a_russian_subscriber_gets_russian_alerts_and_digests_through_the_bot_api(
    store: SQLiteStorage, bot: Bot, bot_api: BotAPI
) -> None:
    instant = await store.subscribe("telegram", "1001", ["TM"], language="ru")
    daily = await store.subscribe("telegram", "1002", ["TM"], language="ru")
    await store.set_preferences(daily.id, Preferences(frequency="daily", digest_hour=8))
    english = await store.subscribe("telegram", "1003", ["TM"])
    for n, (service, outlet) in enumerate(
        [("imo", "Azatlyk"), ("imo", "RFE"), ("whatsapp", "Azatlyk")]
    ):
        entry = Entry(
            feed_url=f"https://{outlet}.example/rss",
            key=str(n),
            title=f"story {n}",
            summary="Text.",
            link=f"https://{outlet}.example/{n}",
            published=NOW,
            source=outlet,
        )
        events = await store.open_events([("TM", service, "block", "full")], NOW - timedelta(1))
        placement = Placement(Alert("TM", service, "block"), events[0].id if events else None)
        await store.record_entries([NewEntry(entry, (placement,))], now=NOW)
    sender = TelegramSender(bot, Pacer(Limits().scaled(0.05)))
    clock = ManualClock(NOW)
    for _ in range(2):  # now, then past the daily subscriber's 08:00 UTC digest
        await deliver_due(
            store, sender, render_telegram, clock, render_digest=render_telegram_digest
        )
        clock.now = NOW + timedelta(days=1)
    # IMO and WhatsApp blocked at once: one story, one message, its list in Russian
    [alert] = [parse(text).text for text in bot_api.texts_to(int(instant.address))]
    assert alert.startswith("🇹🇲 Туркменистан: IMO и WhatsApp — блокировка\n")
    assert "Источник: Azatlyk" in alert and "Также сообщили: RFE" in alert
    [digest] = [parse(text).text for text in bot_api.texts_to(int(daily.address))]
    assert digest.startswith("Сводка раз в день: 2 события\n\n")
    assert "Туркменистан: IMO и WhatsApp — блокировка" in digest and "Также сообщили: RFE" in digest
    assert bot_api.texts_to(int(english.address))[0].startswith(
        "🇹🇲 <b>Turkmenistan: IMO and WhatsApp blocked</b>"
    )
