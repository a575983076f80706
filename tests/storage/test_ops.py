"""What /metrics reads from SQLite (storage/ops.py): items, events, and the outbox per channel
and state, an event held for review counting as "held", not "pending"."""

from __future__ import annotations

from datetime import timedelta

from bot.core.models import Alert, Evidence
from bot.core.ops import ServiceTally
from bot.core.records import NewEntry, Placement
from storage.sqlite import SQLiteStorage
from tests.storage.test_moderation import entry
from tests.support.manualclock import NOW

IMO = Alert("TM", "imo", "block", Evidence("IMO was blocked", (), ("imo",), ("blocked",)))
WHATSAPP = Alert("TM", "whatsapp", "block", Evidence("WhatsApp blocked", (), ("wa",), ("b",)))


async def test_an_empty_database(store: SQLiteStorage) -> None:
    assert await store.service_tally() == ServiceTally()


async def test_pending_held_sent_and_failed_per_channel(store: SQLiteStorage) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    await store.subscribe("telegram", "1002", ["TM"])
    await store.subscribe("email", "a@example.org", ["TM"])
    queued = NOW - timedelta(minutes=5)
    await store.record_entries([NewEntry(entry("1"), (Placement(IMO, None),))], now=queued)
    held = NewEntry(entry("2", "b.example"), (Placement(WHATSAPP, None, ("country-from-feed",)),))
    await store.record_entries([held], now=NOW)
    telegram, _waiting = await store.due_deliveries("telegram", NOW, 10)
    [email] = await store.due_deliveries("email", NOW, 10)
    await store.mark_delivered(telegram.subscriber.id, [telegram.id], NOW)
    await store.mark_failed(email.id, "550 no such user")

    tally = await store.service_tally()
    assert (tally.items, tally.events) == (2, 2)
    assert tally.alerts == {
        ("telegram", "sent"): 1,
        ("telegram", "pending"): 1,
        ("telegram", "held"): 2,
        ("email", "failed"): 1,
        ("email", "held"): 1,
    }
    assert tally.oldest_pending == queued  # the held ones do not count: they are not due
