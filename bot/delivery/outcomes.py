"""What a refused or deferred message costs its rows and its subscriber (bot/delivery/outbox.py
decides which it was). Each outcome is recorded in storage and counted in DeliveryStats:

    this address, for a while (429, SMTP 4xx)   its rows retry after a backoff
    this address, for good (403, SMTP 5xx)      its rows fail; the chat stops getting alerts,
                                                the mailbox after BOUNCE_LIMIT in a row
    this message (400 "can't parse entities")   its rows fail and the moderators are told
                                                (DeliveryStats.refusals); nobody is unsubscribed
    the channel (down)                          every row waits out its backoff, untried
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.errors import MessageRefusedError, PermanentDeliveryError, TemporaryDeliveryError
from bot.core.models import Channel, Delivery, Subscriber
from bot.core.schedule import delivery_retry_at
from bot.delivery.plan import Queue
from bot.delivery.stats import DeliveryStats, Refusal
from bot.ports import Clock, Storage

__all__ = ["BOUNCE_LIMIT", "Outcomes"]

log = logging.getLogger(__name__)

# Permanent refusals (SMTP 5xx) in a row after which an address counts as bouncing and gets
# no more mail: one can be a full mailbox, three in a row is a dead address.
BOUNCE_LIMIT = 3


@dataclass(frozen=True, slots=True)
class Outcomes:
    store: Storage
    channel: Channel
    clock: Clock

    async def retry(self, rows: Sequence[Delivery], exc: TemporaryDeliveryError) -> DeliveryStats:
        for row in rows:
            retry_at = delivery_retry_at(row.attempts + 1, self.clock(), exc.retry_after)
            await self.store.mark_retry(row.id, exc.reason, retry_at, claim=row.claim)
        return DeliveryStats(retrying=len(rows))

    async def defer(self, rows: Sequence[Delivery], exc: TemporaryDeliveryError) -> DeliveryStats:
        """Rows put back because the channel is down: each backs off as a failed try would."""
        stats = await self.retry(rows, exc)
        return stats + DeliveryStats(deferred=stats.retrying)

    async def message_refused(
        self, subscriber: Subscriber, rows: Sequence[Delivery], exc: MessageRefusedError
    ) -> DeliveryStats:
        """The message, not the address: it fails, the subscriber stays subscribed."""
        event_ids = tuple(row.event_id for row in rows)
        log.warning(
            "%s refused the message of events %s to subscriber %d for its content: %s",
            self.channel,
            list(event_ids),
            subscriber.id,
            exc.reason,
        )
        for row in rows:
            await self.store.mark_failed(row.id, exc.reason, claim=row.claim)
        refusal = Refusal(self.channel, subscriber.id, event_ids, exc.reason)
        return DeliveryStats(failed=len(rows), refusals=(refusal,))

    async def refused(
        self, queue: Queue, rows: list[Delivery], exc: PermanentDeliveryError
    ) -> DeliveryStats:
        """The address refused for good; its later messages in this batch go with it."""
        subscriber = queue.subscriber
        if exc.new_address is not None:
            # A Telegram group became a supergroup: same subscriber, new chat id. Everything
            # queued for it becomes due again at once, addressed anew by the next batch.
            log.info("subscriber %d moved to a new address; retrying there", subscriber.id)
            await self.store.change_address(subscriber.id, exc.new_address)
            rows = rows + queue.rows()
            queue.steps.clear()
            for row in rows:
                await self.store.mark_retry(row.id, exc.reason, self.clock(), claim=row.claim)
            return DeliveryStats(retrying=len(rows))
        log.warning(
            "deliveries %s to subscriber %d refused for good: %s",
            [row.id for row in rows],
            subscriber.id,
            exc.reason,
        )
        for row in rows:
            await self.store.mark_failed(row.id, exc.reason, claim=row.claim)
        if subscriber.channel == "email" and await self.store.note_refusal(
            subscriber.id, BOUNCE_LIMIT
        ):
            log.warning("subscriber %d is bouncing: no more mail to it", subscriber.id)
            queue.steps.clear()
        if subscriber.channel == "telegram":
            # Blocked the bot or removed it from the group: keep the settings, stop sending;
            # /start in that chat revives the subscription and what is still queued.
            await self.store.set_active(subscriber.id, False)
            queue.steps.clear()
        return DeliveryStats(failed=len(rows))
