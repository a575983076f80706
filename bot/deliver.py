"""Deliver: send what the outbox owes, one channel at a time, and record each outcome.

A row is marked sent right after the server accepted its message and before the next one is
tried, so a crash loses nothing and repeats at most the one message in flight. Messages are
rendered at send time from the event as it stands, so a late alert lists every source so far.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.errors import PermanentDeliveryError, TemporaryDeliveryError
from bot.models import Channel, Delivery, EventReport, OutgoingMessage
from bot.schedule import delivery_retry_at
from storage.protocol import Storage

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Renderer = Callable[[EventReport], OutgoingMessage]


class BatchSender(Protocol):
    async def send(self, address: str, message: OutgoingMessage) -> None:
        """Return once the server accepted the message; raise a DeliveryError otherwise."""
        ...


class Sender(Protocol):
    """A channel adapter (Telegram, email): `batch()` holds one connection for many sends."""

    @property
    def channel(self) -> Channel: ...

    def batch(self) -> AbstractAsyncContextManager[BatchSender]: ...


@dataclass(frozen=True, slots=True)
class DeliveryStats:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __add__(self, other: DeliveryStats) -> DeliveryStats:
        return DeliveryStats(
            self.sent + other.sent, self.retrying + other.retrying, self.failed + other.failed
        )


async def deliver_due(
    store: Storage, sender: Sender, render: Renderer, clock: Clock, *, batch_size: int = 200
) -> DeliveryStats:
    """Send every due outbox row of the sender's channel, batch after batch."""
    total = DeliveryStats()
    while True:
        deliveries = await store.due_deliveries(sender.channel, clock(), batch_size)
        if not deliveries:
            return total
        stats = await _deliver_batch(store, sender, render, clock, deliveries)
        total += stats
        if stats.sent == 0:  # everything in this batch must wait: don't spin on it
            return total


async def _deliver_batch(
    store: Storage, sender: Sender, render: Renderer, clock: Clock,
    deliveries: Sequence[Delivery],
) -> DeliveryStats:
    reports: dict[int, EventReport] = {}
    stats = DeliveryStats()
    remaining = list(deliveries)
    try:
        async with sender.batch() as batch:
            while remaining:
                delivery = remaining[0]
                if delivery.event_id not in reports:
                    reports[delivery.event_id] = await store.event_report(delivery.event_id)
                stats += await _send_one(store, batch, delivery, render(reports[delivery.event_id]),
                                         clock)
                remaining.pop(0)
    except TemporaryDeliveryError as exc:
        # The channel itself is unreachable (SMTP server down): the unsent rows wait their turn.
        log.warning("%s channel unavailable, %d messages wait: %s",
                    sender.channel, len(remaining), exc.reason)
        for delivery in remaining:
            await store.mark_retry(delivery.id, exc.reason,
                                   delivery_retry_at(delivery.attempts + 1, clock()))
        stats += DeliveryStats(retrying=len(remaining))
    return stats


async def _send_one(
    store: Storage, batch: BatchSender, delivery: Delivery, message: OutgoingMessage, clock: Clock
) -> DeliveryStats:
    subscriber = delivery.subscriber
    try:
        await batch.send(subscriber.address, message)
    except TemporaryDeliveryError as exc:
        retry_at = delivery_retry_at(delivery.attempts + 1, clock(), exc.retry_after)
        log.info("delivery %d to subscriber %d deferred until %s: %s",
                 delivery.id, subscriber.id, retry_at.isoformat(timespec="seconds"), exc.reason)
        await store.mark_retry(delivery.id, exc.reason, retry_at)
        return DeliveryStats(retrying=1)
    except PermanentDeliveryError as exc:
        return await _refused(store, delivery, exc, clock)
    await store.mark_sent(delivery.id, clock())
    log.debug("delivery %d sent to subscriber %d", delivery.id, subscriber.id)
    return DeliveryStats(sent=1)


async def _refused(
    store: Storage, delivery: Delivery, exc: PermanentDeliveryError, clock: Clock
) -> DeliveryStats:
    subscriber = delivery.subscriber
    if exc.new_address is not None:
        # A Telegram group became a supergroup: same subscriber, new chat id, send again.
        log.info("subscriber %d moved to a new address; retrying there", subscriber.id)
        await store.change_address(subscriber.id, exc.new_address)
        await store.mark_retry(delivery.id, exc.reason, clock())
        return DeliveryStats(retrying=1)
    log.warning("delivery %d to subscriber %d refused for good: %s",
                delivery.id, subscriber.id, exc.reason)
    await store.mark_failed(delivery.id, exc.reason)
    if subscriber.channel == "telegram":
        # Blocked the bot or removed it from the group: keep the settings, stop sending;
        # /start in that chat revives the subscription.
        await store.set_active(subscriber.id, False)
    return DeliveryStats(failed=1)
