"""Alerts about one story thread together in the reader's mail client: the real store, the
real renderer and aiosmtpd. The unblock after a block replies to the block's alert."""

from __future__ import annotations

from datetime import timedelta

from storage.sqlite import SQLiteStorage
from tests.support.mailchat import PERSON, deliver, record
from tests.support.manualclock import NOW
from tests.support.smtpserver import SmtpServer


async def test_the_unblock_alert_replies_to_the_block_alert(
    smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    await store.subscribe("email", PERSON, ["TM"])
    reader = await store.subscribe("email", "other@example.tm", ["TM"])
    await record(store, "imo", "block")
    block_alerts = await deliver(store, smtp_server)
    later = NOW + timedelta(days=12)
    await record(store, "imo", "unblock", when=later)
    await record(store, "whatsapp", "throttle", when=later)
    unblock_alerts = await deliver(store, smtp_server, when=later)
    assert len(block_alerts) == 2 and len(unblock_alerts) == 4

    for address in (PERSON, reader.address):
        [block] = [m.message for m in block_alerts if m.rcpt_tos == [address]]
        unblock, other = sorted(
            (m.message for m in unblock_alerts if m.rcpt_tos == [address]),
            key=lambda message: "WhatsApp" in str(message["Subject"]),
        )
        assert "IMO unblocked" in str(unblock["Subject"])
        assert block["In-Reply-To"] is None and block["References"] is None  # the thread's root
        assert unblock["In-Reply-To"] == unblock["References"] == block["Message-ID"]
        assert other["In-Reply-To"] is None  # WhatsApp is another story

    # each reader's thread is their own: the ids differ per subscriber
    ids = {str(m.message["Message-ID"]) for m in block_alerts}
    assert len(ids) == 2


async def test_a_block_long_after_starts_a_new_thread(
    smtp_server: SmtpServer, store: SQLiteStorage
) -> None:
    await store.subscribe("email", PERSON, ["TM"])
    await record(store, "imo", "block")
    await deliver(store, smtp_server)
    much_later = NOW + timedelta(days=200)
    await record(store, "imo", "block", when=much_later)
    [again] = await deliver(store, smtp_server, when=much_later)
    assert again.message["In-Reply-To"] is None
