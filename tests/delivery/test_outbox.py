"""The outbox loop with the real SQLite store: email against aiosmtpd, Telegram against the
Bot API stand-in (digests, quiet hours, forum topics)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.core.models import Alert, Entry, Preferences, Subscriber
from bot.core.records import NewEntry, Placement
from bot.delivery.outbox import DeliveryStats, deliver_due
from bot.mail.links import MailIdentity
from bot.mail.mirrors import Mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings
from bot.telegram.digest import render_telegram_digest
from bot.telegram.pacing import Limits, Pacer
from bot.telegram.render import TELEGRAM_LIMIT, render_telegram, telegram_length
from bot.telegram.sender import TelegramSender, make_bot
from storage.sqlite import SQLiteStorage
from tests.support.botapi import BotAPI, SentMessage
from tests.support.manualclock import NOW, ManualClock
from tests.support.smtpserver import SmtpServer

ADDRESSES = ["one@example.org", "two@example.org", "three@example.org"]
IDENTITY = MailIdentity("blockwatch.test", "alerts@blockwatch.test", None, b"k" * 32)
EMAIL_ALERT = EmailRenderer(IDENTITY, Mirrors(())).alert  # what production wires (bot/app.py)


@pytest.fixture
async def owed_mail(store: SQLiteStorage) -> None:
    """Three email subscribers of Turkmenistan, each owed the one alert of an IMO block."""
    for address in ADDRESSES:
        await store.subscribe("email", address, ["TM"])
    entry = Entry(
        feed_url="https://a.example/rss",
        key="1",
        title="IMO blocked in Turkmenistan",
        summary="Turkmenistan has blocked IMO.",
        published=NOW,
        source="A",
    )
    await store.record_entries(
        [NewEntry(entry, (Placement(Alert("TM", "imo", "block"), None),))], now=NOW
    )


def sender(server: SmtpServer, options: str = "") -> EmailSender:
    return EmailSender(
        SmtpSettings.from_url(server.url + options, "Blockwatch <alerts@blockwatch.test>")
    )


def recipients(server: SmtpServer) -> list[str]:
    return sorted(rcpt for mail in server.received for rcpt in mail.rcpt_tos)


@pytest.mark.usefixtures("owed_mail")
async def test_every_subscriber_gets_one_message_over_one_connection(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    one = sender(smtp_server, "?connections=1")
    stats = await deliver_due(store, one, EMAIL_ALERT, ManualClock(NOW))
    assert (stats.sent, stats.retrying, stats.failed) == (3, 0, 0)
    assert recipients(smtp_server) == sorted(ADDRESSES)
    assert smtp_server.connections == 1
    again = await deliver_due(store, sender(smtp_server), EMAIL_ALERT, ManualClock(NOW))
    assert again.sent == 0 and len(smtp_server.received) == 3


@pytest.mark.usefixtures("owed_mail")
async def test_4xx_waits_and_goes_out_once_later(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    clock = ManualClock(NOW)
    smtp_server.reject("two@example.org", "451 4.3.0 try later")
    stats = await deliver_due(store, sender(smtp_server), EMAIL_ALERT, clock)
    assert (stats.sent, stats.retrying) == (2, 1)

    smtp_server.clear_faults()  # the mailbox is back
    assert (await deliver_due(store, sender(smtp_server), EMAIL_ALERT, clock)).sent == 0
    clock.now += timedelta(minutes=1)
    assert (await deliver_due(store, sender(smtp_server), EMAIL_ALERT, clock)).sent == 1
    assert recipients(smtp_server) == sorted(ADDRESSES)


@pytest.mark.usefixtures("owed_mail")
async def test_5xx_fails_that_address_only(store: SQLiteStorage, smtp_server: SmtpServer) -> None:
    smtp_server.reject("one@example.org", "550 5.1.1 no such user")
    stats = await deliver_due(store, sender(smtp_server), EMAIL_ALERT, ManualClock(NOW))
    assert (stats.sent, stats.failed) == (2, 1)
    later = ManualClock(NOW)
    later.now += timedelta(days=1)
    assert (await deliver_due(store, sender(smtp_server), EMAIL_ALERT, later)).sent == 0
    assert recipients(smtp_server) == ["three@example.org", "two@example.org"]


@pytest.mark.usefixtures("owed_mail")
async def test_an_address_refusing_three_times_in_a_row_gets_no_more_mail(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    async def new_event(n: int) -> None:
        item = Entry(
            feed_url="https://a.example/rss",
            key=f"more-{n}",
            title=f"news {n}",
            summary="",
            published=NOW - timedelta(hours=n),  # hours apart: three stories, three mails
            source="A",
        )
        await store.record_entries(
            [NewEntry(item, (Placement(Alert("TM", f"service{n}", "block"), None),))], now=NOW
        )

    smtp_server.reject("one@example.org", "550 5.1.1 no such user")
    await new_event(1)
    await new_event(2)  # with the fixture's event: three alerts owed to each address
    stats = await deliver_due(store, sender(smtp_server), EMAIL_ALERT, ManualClock(NOW))
    assert (stats.sent, stats.failed) == (6, 3)
    bouncing = await store.subscriber("email", "one@example.org")
    assert bouncing is not None and not bouncing.active
    await new_event(3)  # nothing more is queued for a bouncing address
    assert [d.subscriber.address for d in await store.due_deliveries("email", NOW, 10)] == [
        "two@example.org",
        "three@example.org",
    ]


@pytest.mark.usefixtures("owed_mail")
async def test_refusals_count_only_in_a_row(store: SQLiteStorage, smtp_server: SmtpServer) -> None:
    smtp_server.reject("one@example.org", "550 5.2.2 mailbox full")
    await deliver_due(store, sender(smtp_server), EMAIL_ALERT, ManualClock(NOW))
    smtp_server.clear_faults()  # the mailbox has room again: the count starts over
    for n in range(3):
        item = Entry(
            feed_url="https://a.example/rss",
            key=f"ok-{n}",
            title=f"ok {n}",
            summary="",
            published=NOW,
            source="A",
        )
        await store.record_entries(
            [NewEntry(item, (Placement(Alert("TM", f"s{n}", "block"), None),))], now=NOW
        )
        await deliver_due(store, sender(smtp_server), EMAIL_ALERT, ManualClock(NOW))
        if n == 0:
            smtp_server.reject("one@example.org", "550 5.2.2 mailbox full")
    found = await store.subscriber("email", "one@example.org")
    assert found is not None and found.active  # 1 refusal, 1 acceptance, then only 2 in a row


@pytest.mark.usefixtures("owed_mail")
async def test_server_down_keeps_everything_for_later(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    down = EmailSender(SmtpSettings.from_url("smtp://127.0.0.1:9", "alerts@blockwatch.test"))
    clock = ManualClock(NOW)
    stats = await deliver_due(store, down, EMAIL_ALERT, clock)
    assert (stats.sent, stats.retrying) == (0, 3)
    clock.now += timedelta(minutes=5)
    assert (await deliver_due(store, sender(smtp_server), EMAIL_ALERT, clock)).sent == 3
    assert recipients(smtp_server) == sorted(ADDRESSES)


@pytest.mark.usefixtures("owed_mail")
async def test_dropped_connection_mid_batch_loses_nothing(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    clock = ManualClock(NOW)
    smtp_server.drop_on("two@example.org")
    first = await deliver_due(store, sender(smtp_server), EMAIL_ALERT, clock)
    assert first.sent + first.retrying == 3 and first.retrying >= 1
    smtp_server.clear_faults()
    clock.now += timedelta(hours=1)
    await deliver_due(store, sender(smtp_server), EMAIL_ALERT, clock)
    assert recipients(smtp_server) == sorted(ADDRESSES)


# --- Telegram: digests, quiet hours, forum topics (the Bot API stand-in) ----------------------

INSTANT, DAILY = 1001, 1002
TOMORROW_8 = NOW.replace(hour=8) + timedelta(days=1)  # DAILY's digest time (08:00 UTC)
FAST = Limits().scaled(0.05)  # Telegram's limits, twenty times faster: tests stay quick


@pytest.fixture
async def tg_sender(bot_api: BotAPI) -> AsyncIterator[TelegramSender]:
    bot = make_bot(bot_api.token, bot_api.base_url)
    yield TelegramSender(bot, Pacer(FAST))
    await bot.session.close()


async def chat(store: SQLiteStorage, chat_id: int, **prefs: Any) -> Subscriber:
    subscriber = await store.subscribe("telegram", str(chat_id), ["TM"])
    return await store.set_preferences(subscriber.id, Preferences(**prefs))


async def news(store: SQLiteStorage, count: int, *, title_words: int = 3) -> None:
    """`count` events in Turkmenistan, services s00, s01... (rendered as their ids), each
    reported an hour after the one before it: separate stories (bot/delivery/stories.py)."""
    for n in range(count):
        title = " ".join([f"Story {n:02d}", *["word"] * title_words])
        entry = Entry(
            feed_url="https://a.example/rss",
            key=f"k{n}",
            title=title,
            summary=title,
            link=f"https://a.example/{n}",
            published=NOW - timedelta(hours=count - n),
            source="A",
        )
        await store.record_entries(
            [NewEntry(entry, (Placement(Alert("TM", f"s{n:02d}", "block"), None),))], now=NOW
        )


async def telegram_due(
    store: SQLiteStorage, sender: TelegramSender, clock: ManualClock
) -> DeliveryStats:
    return await deliver_due(
        store, sender, render_telegram, clock, render_digest=render_telegram_digest
    )


def send_params(api: BotAPI) -> list[dict[str, Any]]:
    return [params for method, params in api.calls if method.lower() == "sendmessage"]


async def test_a_daily_subscriber_gets_one_digest_at_digest_time(
    store: SQLiteStorage, tg_sender: TelegramSender, bot_api: BotAPI
) -> None:
    await chat(store, INSTANT)
    await chat(store, DAILY, frequency="daily", digest_hour=8)
    await news(store, 3)
    clock = ManualClock(NOW)
    assert (await telegram_due(store, tg_sender, clock)).sent == 3
    assert len(bot_api.texts_to(INSTANT)) == 3 and bot_api.texts_to(DAILY) == []

    clock.now = TOMORROW_8
    assert (await telegram_due(store, tg_sender, clock)).sent == 3
    (digest,) = bot_api.texts_to(DAILY)
    assert "Daily digest" in digest and "3 events" in digest
    assert [f"s{n:02d} blocked" in digest for n in range(3)] == [True] * 3
    assert (await telegram_due(store, tg_sender, clock)).sent == 0


async def test_a_long_digest_splits_between_events_and_a_crash_between_parts_repeats_none(
    store: SQLiteStorage, tg_sender: TelegramSender, bot_api: BotAPI
) -> None:
    await chat(store, DAILY, frequency="daily", digest_hour=8)
    await news(store, 40, title_words=40)

    async def second_part_fails(message: SentMessage) -> None:
        if message.seq == 1:  # injected faults answer before this hook: it hits the next send
            bot_api.fail(DAILY, 502, "Bad Gateway")

    bot_api.before_send = second_part_fails
    clock = ManualClock(NOW)
    clock.now = TOMORROW_8
    first = await telegram_due(store, tg_sender, clock)
    assert len(bot_api.sent) == 1 and 0 < first.sent < 40 and first.retrying == 40 - first.sent

    clock.now += timedelta(hours=1)
    assert (await telegram_due(store, tg_sender, clock)).sent == 40 - first.sent
    texts = bot_api.texts_to(DAILY)
    assert len(texts) >= 3
    assert all(telegram_length(text) <= TELEGRAM_LIMIT for text in texts)
    told = [f"s{n:02d}" for text in texts for n in range(40) if f"s{n:02d} blocked" in text]
    assert sorted(told) == [f"s{n:02d}" for n in range(40)]  # every event once, none twice


async def test_quiet_hours_are_silent_and_alerts_go_to_the_chosen_topic(
    store: SQLiteStorage, tg_sender: TelegramSender, bot_api: BotAPI
) -> None:
    await chat(store, -1001, quiet_hours=(22, 10), topic_id=7)  # 09:00 UTC is quiet
    await chat(store, -1002, quiet_hours=(10, 22))
    await news(store, 1)
    assert (await telegram_due(store, tg_sender, ManualClock(NOW))).sent == 2
    by_chat = {int(params["chat_id"]): params for params in send_params(bot_api)}
    assert str(by_chat[-1001]["disable_notification"]).lower() == "true"
    assert int(by_chat[-1001]["message_thread_id"]) == 7
    assert "disable_notification" not in by_chat[-1002]
    assert "message_thread_id" not in by_chat[-1002]


async def test_a_deleted_topic_falls_back_to_the_general_topic_and_is_forgotten(
    store: SQLiteStorage, tg_sender: TelegramSender, bot_api: BotAPI
) -> None:
    subscriber = await chat(store, -1001, topic_id=7, timezone="Asia/Ashgabat")
    bot_api.fail(-1001, 400, "Bad Request: message thread not found")
    await news(store, 2)
    stats = await telegram_due(store, tg_sender, ManualClock(NOW))
    assert (stats.sent, stats.failed) == (2, 0)
    threads = [params.get("message_thread_id") for params in send_params(bot_api)]
    assert threads == ["7", None, None]  # refused in the topic, resent, then the next alert
    assert len(bot_api.texts_to(-1001)) == 2
    after = await store.subscriber("telegram", "-1001")
    assert after is not None and after.prefs.topic_id is None
    assert after.prefs.timezone == "Asia/Ashgabat" and after.id == subscriber.id


async def test_without_a_digest_renderer_a_daily_mail_subscriber_gets_each_event_at_8(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    subscriber = await store.subscribe("email", "daily@example.org", ["TM"])
    await store.set_preferences(subscriber.id, Preferences(frequency="daily", digest_hour=8))
    await news(store, 2)
    clock = ManualClock(NOW)
    assert (await deliver_due(store, sender(smtp_server), EMAIL_ALERT, clock)).sent == 0
    clock.now = TOMORROW_8
    assert (await deliver_due(store, sender(smtp_server), EMAIL_ALERT, clock)).sent == 2
    assert recipients(smtp_server) == ["daily@example.org"] * 2
