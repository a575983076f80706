"""The Telegram digest renderer (bot/telegram_digest.py): pure, checked as Telegram would parse."""

from __future__ import annotations

from dataclasses import replace

from test_render import parse, report, source

from bot.models import EventReport, EventSource, Preferences, Subscriber
from bot.render import TELEGRAM_LIMIT, telegram_length
from bot.telegram_digest import MAX_ENTITIES, event_block, render_telegram_digest

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
    block = parse(event_block(report(source("Azatlyk", "IMO is blocked"), source("RFE"),
                                     source("Eurasianet"))))
    lines = block.text.split("\n")
    assert lines[0] == "🇹🇲 Turkmenistan: IMO blocked"
    assert lines[1] == "IMO is blocked (Azatlyk)"
    assert lines[2] == "Also reported by RFE and Eurasianet"
    assert [text for _, text in block.links] == ["Azatlyk", "RFE", "Eurasianet"]
    assert block.links[0][0] == "https://Azatlyk.test/1"


def test_a_short_digest_is_one_message_with_every_event() -> None:
    [(message, ids)] = render_telegram_digest(numbered(3), DAILY)
    text = parse(message.text).text
    assert text.startswith("Daily digest: 3 events\n\n")
    assert ids == [100, 101, 102]
    assert all(f"s{n:02d} blocked" in text for n in range(3))
    [(weekly, _)] = render_telegram_digest(numbered(1), WEEKLY)
    assert parse(weekly.text).text.startswith("Weekly digest: 1 event\n")


def test_a_long_digest_splits_between_events_under_telegrams_limits() -> None:
    wide = source("🙂" * 80, "🙂" * 400, text="🙂" * 2000)  # astral: 2 UTF-16 units each
    parts = render_telegram_digest(numbered(60, sources=(wide, source("B"), source("C"))), DAILY)
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
    parts = render_telegram_digest(numbered(80, sources=(source("A", "t"), source("B"))), DAILY)
    assert len(parts) >= 2
    for message, _ in parts:
        entities = sum(1 for _ in parse(message.text).links) + message.text.count("<b>")
        assert entities <= MAX_ENTITIES
