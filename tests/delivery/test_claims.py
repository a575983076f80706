"""The claim of a batch on a database several instances share (bot/delivery/claims.py): an
instance that stalled past its lease, while another took its rows, sends none of those it had
not started when it wakes (the one in flight went, as a kill mid-send would have it); and on
SQLite nothing is claimed, so nothing is renewed."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.core.models import Alert, Channel, Delivery, Entry, OutgoingMessage, Subscriber
from bot.core.records import NewEntry, Placement
from bot.core.story import Story
from bot.delivery.claims import kept
from bot.delivery.outbox import deliver_due
from storage.postgres import PostgresStorage
from storage.sqlite import SQLiteStorage
from tests.support.manualclock import NOW, ManualClock
from tests.support.pgcluster import PgCluster


@dataclass
class Recorder:
    """A Telegram-like sender that records each send, and runs `before` first."""

    before: Callable[[], Awaitable[None]]
    sent: list[str] = field(default_factory=list)
    channel: Channel = "telegram"
    connections: int = 1

    @contextlib.asynccontextmanager
    async def batch(self) -> AsyncIterator[Recorder]:
        yield self

    async def send(self, address: str, message: OutgoingMessage) -> None:
        await self.before()
        self.sent.append(address)


def render(story: Story, subscriber: Subscriber) -> OutgoingMessage:
    return OutgoingMessage(story.lead.event.service)


async def owe(store: PostgresStorage | SQLiteStorage, chats: int) -> None:
    for chat in range(chats):
        await store.subscribe("telegram", str(7000 + chat), ["TM"])
    entry = Entry("https://a.example/rss", "1", "imo blocked", "", link="https://a.example/1")
    await store.record_entries(
        [NewEntry(entry, (Placement(Alert("TM", "imo", "block"), None),))], now=NOW
    )


async def test_an_instance_that_stalled_past_its_lease_leaves_what_another_took(
    pg_cluster: PgCluster,
) -> None:
    url = pg_cluster.create_database()
    first, second = await PostgresStorage.open(url), await PostgresStorage.open(url)
    clock = ManualClock(NOW)
    taken: list[Delivery] = []

    async def stall_once() -> None:
        """The first send hangs past the lease; meanwhile the other instance claims what is due."""
        if taken:
            return
        clock.now = NOW + first.claim_lease + timedelta(seconds=1)
        taken.extend(await second.due_deliveries("telegram", clock.now, 10))

    sender = Recorder(stall_once)
    try:
        await owe(first, 3)
        stats = await deliver_due(first, sender, render, clock)
        # The other took all three, the one in flight too (its lease had ended as well): the
        # first sent that one, which goes twice (as a kill mid-send would), and no other.
        assert len(taken) == 3 and len(sender.sent) == 1
        # Still all the other's: the first neither marked (its mark missed), renewed nor sent them.
        assert await second.renew_claim(taken[0].claim or "", clock.now) == {d.id for d in taken}
        assert stats.sent == 1
    finally:
        await first.close()
        await second.close()


async def test_on_sqlite_a_batch_has_no_claim_and_keeps_nothing(store: SQLiteStorage) -> None:
    await owe(store, 2)
    rows = await store.due_deliveries("telegram", NOW, 10)
    assert [row.claim for row in rows] == [None, None]
    async with kept(store, rows, ManualClock(NOW + timedelta(days=1))) as claim:
        assert await claim.holds(rows)  # however late: nothing to renew
