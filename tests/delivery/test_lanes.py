"""Several SMTP connections at once (bot/delivery/lanes.py, SMTP_URL's ?connections=), through
`deliver_due` with the real store against aiosmtpd: every row marked sent once, every message
received once, a subscriber's messages over one connection in order, and a relay that refuses
a connection past its limit (421) costing a connection, not messages."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.models import Alert, Entry
from bot.core.records import NewEntry, Placement
from bot.delivery.outbox import deliver_due
from bot.mail.links import MailIdentity
from bot.mail.mirrors import Mirrors
from bot.mail.render import EmailRenderer
from bot.mail.smtp import EmailSender, SmtpSettings
from storage.sqlite import SQLiteStorage
from tests.support.manualclock import NOW, ManualClock
from tests.support.smtpserver import SmtpServer

SUBSCRIBERS = [f"reader{n:02d}@example.org" for n in range(12)]
STORIES = 3  # separate stories: each instant subscriber is owed three messages
IDENTITY = MailIdentity("blockwatch.test", "alerts@blockwatch.test", None, b"k" * 32)
EMAIL_ALERT = EmailRenderer(IDENTITY, Mirrors(())).alert


@pytest.fixture
async def owed(store: SQLiteStorage) -> None:
    for address in SUBSCRIBERS:
        await store.subscribe("email", address, ["TM"])
    for n in range(STORIES):  # an hour apart: separate stories (bot/delivery/stories.py)
        entry = Entry(
            feed_url="https://a.example/rss",
            key=f"k{n}",
            title=f"Story {n}",
            summary=f"Story {n}",
            link=f"https://a.example/{n}",
            published=NOW - timedelta(hours=STORIES - n),
            source="A",
        )
        alert = Alert("TM", f"s{n:02d}", "block")
        await store.record_entries([NewEntry(entry, (Placement(alert, None),))], now=NOW)


def sender(server: SmtpServer, connections: int) -> EmailSender:
    url = f"{server.url}?timeout=5&connections={connections}"
    return EmailSender(SmtpSettings.from_url(url, "Blockwatch <alerts@blockwatch.test>"))


def statuses(db_path: Path) -> Counter[str]:
    with sqlite3.connect(db_path) as conn:
        return Counter(status for (status,) in conn.execute("SELECT status FROM outbox"))


def received(server: SmtpServer) -> Counter[tuple[str, str]]:
    """(address, story) pairs as the server accepted them; each should count once."""
    return Counter(
        (mail.rcpt_tos[0], str(mail.message["Subject"]).rpartition(": ")[2])
        for mail in server.received
    )


def assert_each_message_once(server: SmtpServer, db_path: Path) -> None:
    got = received(server)
    assert len(got) == len(SUBSCRIBERS) * STORIES and set(got.values()) == {1}
    assert statuses(db_path) == {"sent": len(SUBSCRIBERS) * STORIES}


@pytest.mark.usefixtures("owed")
@pytest.mark.parametrize("connections", [2, 4, 8])
async def test_connections_at_once_send_everything_once_a_subscriber_per_connection(
    store: SQLiteStorage, db_path: Path, smtp_server: SmtpServer, connections: int
) -> None:
    many = sender(smtp_server, connections)
    stats = await deliver_due(store, many, EMAIL_ALERT, ManualClock(NOW))
    assert (stats.sent, stats.retrying, stats.failed) == (len(SUBSCRIBERS) * STORIES, 0, 0)
    assert_each_message_once(smtp_server, db_path)
    # All at once, kept for the run (no connection per message or per batch)...
    assert smtp_server.most_open == smtp_server.connections == connections
    # ...and each subscriber's messages over one of them, in the order of their stories.
    for address in SUBSCRIBERS:
        mails = [mail for mail in smtp_server.received if mail.rcpt_tos == [address]]
        assert len({mail.connection for mail in mails}) == 1
        assert [str(mail.message["Subject"]) for mail in mails] == [
            f"[Blockwatch] Turkmenistan: s{n:02d} blocked" for n in range(STORIES)
        ]


@pytest.mark.usefixtures("owed")
async def test_a_relay_refusing_the_third_connection_costs_a_connection_not_a_message(
    store: SQLiteStorage, db_path: Path, smtp_server: SmtpServer
) -> None:
    smtp_server.max_open = 2  # the third connection at once gets "421 too many connections"
    stats = await deliver_due(store, sender(smtp_server, 4), EMAIL_ALERT, ManualClock(NOW))
    assert smtp_server.refused == 2 and smtp_server.most_open == 2
    assert stats.down == frozenset() and (stats.retrying, stats.failed) == (0, 0)
    assert stats.sent == len(SUBSCRIBERS) * STORIES
    assert_each_message_once(smtp_server, db_path)


@pytest.mark.usefixtures("owed")
async def test_a_relay_refusing_every_connection_is_the_channel_down_and_loses_nothing(
    store: SQLiteStorage, db_path: Path, smtp_server: SmtpServer
) -> None:
    smtp_server.max_open = 0
    clock = ManualClock(NOW)
    stats = await deliver_due(store, sender(smtp_server, 4), EMAIL_ALERT, clock)
    assert stats.down == frozenset({"email"}) and stats.sent == 0
    assert stats.deferred == len(SUBSCRIBERS) * STORIES and smtp_server.received == []
    smtp_server.max_open = None  # the relay takes connections again
    clock.now += timedelta(hours=1)
    await deliver_due(store, sender(smtp_server, 4), EMAIL_ALERT, clock)
    assert_each_message_once(smtp_server, db_path)


@pytest.mark.usefixtures("owed")
async def test_a_connection_dropped_mid_run_leaves_only_its_unsent_message_pending(
    store: SQLiteStorage, db_path: Path, smtp_server: SmtpServer
) -> None:
    smtp_server.drop_on(SUBSCRIBERS[5])  # the connection dies at that address's RCPT TO
    clock = ManualClock(NOW)
    first = await deliver_due(store, sender(smtp_server, 4), EMAIL_ALERT, clock)
    # The other subscribers' messages all went (the lane reconnected); that address's wait.
    assert first.sent == (len(SUBSCRIBERS) - 1) * STORIES and first.retrying == STORIES
    assert statuses(db_path) == {"sent": first.sent, "pending": STORIES}
    smtp_server.clear_faults()
    clock.now += timedelta(hours=1)
    second = await deliver_due(store, sender(smtp_server, 4), EMAIL_ALERT, clock)
    assert second.sent == STORIES
    assert_each_message_once(smtp_server, db_path)


@pytest.mark.usefixtures("owed")
async def test_a_421_on_one_connection_gives_up_that_connection_not_the_message(
    store: SQLiteStorage, db_path: Path, smtp_server: SmtpServer
) -> None:
    closing = SUBSCRIBERS[3]
    smtp_server.reject(closing, "421 4.7.0 too many messages on this connection", times=1)
    stats = await deliver_due(store, sender(smtp_server, 4), EMAIL_ALERT, ManualClock(NOW))
    assert stats.down == frozenset() and (stats.retrying, stats.failed) == (0, 0)
    assert_each_message_once(smtp_server, db_path)
    # Another connection took that subscriber, and none was opened to replace the closed one.
    ((closed, _),) = smtp_server.rejected
    assert {mail.connection for mail in smtp_server.received if mail.rcpt_tos == [closing]} - {
        closed
    }
    assert smtp_server.connections == 4
