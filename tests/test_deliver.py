"""The outbox loop with the real SQLite store and the real email adapter against aiosmtpd."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from smtpserver import SmtpServer

from bot.deliver import deliver_due
from bot.email import EmailSender, SmtpSettings
from bot.models import Alert, Entry
from bot.render import render_email
from storage.protocol import Placement
from storage.sqlite import SQLiteStorage

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ADDRESSES = ["one@example.org", "two@example.org", "three@example.org"]


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStorage]:
    storage = await SQLiteStorage.open(tmp_path / "deliver.db")
    for address in ADDRESSES:
        await storage.subscribe("email", address, ["TM"])
    entry = Entry(feed_url="https://a.example/rss", key="1", title="IMO blocked in Turkmenistan",
                  summary="Turkmenistan has blocked IMO.", published=NOW, source="A")
    await storage.record_entry(entry, [Placement(Alert("TM", "imo", "block"), None)], now=NOW,
                               notify=True)
    yield storage
    await storage.close()


def sender(server: SmtpServer) -> EmailSender:
    return EmailSender(SmtpSettings.from_url(server.url, "Blockwatch <alerts@blockwatch.test>"))


def recipients(server: SmtpServer) -> list[str]:
    return sorted(rcpt for mail in server.received for rcpt in mail.rcpt_tos)


async def test_every_subscriber_gets_one_message_over_one_connection(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    stats = await deliver_due(store, sender(smtp_server), render_email, Clock())
    assert (stats.sent, stats.retrying, stats.failed) == (3, 0, 0)
    assert recipients(smtp_server) == sorted(ADDRESSES)
    assert smtp_server.connections == 1
    again = await deliver_due(store, sender(smtp_server), render_email, Clock())
    assert again.sent == 0 and len(smtp_server.received) == 3


async def test_4xx_waits_and_goes_out_once_later(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    clock = Clock()
    smtp_server.reject("two@example.org", "451 4.3.0 try later")
    stats = await deliver_due(store, sender(smtp_server), render_email, clock)
    assert (stats.sent, stats.retrying) == (2, 1)

    smtp_server.clear_faults()  # the mailbox is back
    assert (await deliver_due(store, sender(smtp_server), render_email, clock)).sent == 0
    clock.now += timedelta(minutes=1)
    assert (await deliver_due(store, sender(smtp_server), render_email, clock)).sent == 1
    assert recipients(smtp_server) == sorted(ADDRESSES)


async def test_5xx_fails_that_address_only(store: SQLiteStorage, smtp_server: SmtpServer) -> None:
    smtp_server.reject("one@example.org", "550 5.1.1 no such user")
    stats = await deliver_due(store, sender(smtp_server), render_email, Clock())
    assert (stats.sent, stats.failed) == (2, 1)
    later = Clock()
    later.now += timedelta(days=1)
    assert (await deliver_due(store, sender(smtp_server), render_email, later)).sent == 0
    assert recipients(smtp_server) == ["three@example.org", "two@example.org"]


async def test_server_down_keeps_everything_for_later(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    down = EmailSender(SmtpSettings.from_url("smtp://127.0.0.1:9", "alerts@blockwatch.test"))
    clock = Clock()
    stats = await deliver_due(store, down, render_email, clock)
    assert (stats.sent, stats.retrying) == (0, 3)
    clock.now += timedelta(minutes=5)
    assert (await deliver_due(store, sender(smtp_server), render_email, clock)).sent == 3
    assert recipients(smtp_server) == sorted(ADDRESSES)


async def test_dropped_connection_mid_batch_loses_nothing(
    store: SQLiteStorage, smtp_server: SmtpServer
) -> None:
    clock = Clock()
    smtp_server.drop_on("two@example.org")
    first = await deliver_due(store, sender(smtp_server), render_email, clock)
    assert first.sent + first.retrying == 3 and first.retrying >= 1
    smtp_server.clear_faults()
    clock.now += timedelta(hours=1)
    await deliver_due(store, sender(smtp_server), render_email, clock)
    assert recipients(smtp_server) == sorted(ADDRESSES)
