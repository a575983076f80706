"""Deliver: send what the outbox owes, one channel at a time, and record each outcome.

Due rows are grouped per subscriber. An instant subscriber gets one message per event; a daily
or weekly subscriber gets one digest of all their due events (storage made those rows due
together, at their digest time), possibly in several parts.

No loss, no repeats: a row is marked sent right after the server accepted the message that
carries it, before the next send. A digest part carries whole events only (parts split between
events), so its rows are marked sent as soon as that part is accepted: after a crash the rest
of the digest is sent as a smaller digest, and no event is told twice. As before, the one
message in flight at the instant of a kill may be sent again.

Subscribers take turns, one message each per round, so one chat's next message comes after
everyone else's and rarely waits for its per-chat pace. What a refusal costs depends on what it
is about (bot/core/errors.py):

    this address, for a while (429, SMTP 4xx)   its remaining rows wait; the others go on
    this address, for good (403, SMTP 5xx)      its rows fail; the chat stops getting alerts,
                                                the mailbox after BOUNCE_LIMIT in a row
    this message (400 "can't parse entities")   its rows fail and the moderators are told
                                                (DeliveryStats.refusals); nobody is unsubscribed
    the channel (timeout, network, 5xx, an      nothing more is tried: every row due on the
      unreadable reply, SMTP unreachable)       channel waits out its backoff (attempts + 1),
                                                and the channel rests (bot/delivery/pause.py)
Messages are rendered at send time from the event as it stands, so a late alert lists every
source so far. Quiet hours and forum topics are applied here, at send time.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.core.errors import (
    MessageRefusedError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    TopicGoneError,
)
from bot.core.models import Delivery, EventReport, OutgoingMessage, Subscriber
from bot.core.schedule import delivery_retry_at, is_quiet
from bot.delivery.pause import ChannelPause
from bot.delivery.stats import DeliveryStats, Refusal
from bot.ports import BatchSender, Clock, DigestRenderer, Renderer, Sender, Storage

__all__ = ["BOUNCE_LIMIT", "DeliveryStats", "Refusal", "deliver_due", "each_alone"]

log = logging.getLogger(__name__)

# Permanent refusals (SMTP 5xx) in a row after which an address counts as bouncing and gets
# no more mail: one can be a full mailbox, three in a row is a dead address.
BOUNCE_LIMIT = 3


def each_alone(render: Renderer) -> DigestRenderer:
    """A digest renderer for channels without a digest form: every event its own message."""

    def render_digest(
        reports: Sequence[EventReport], subscriber: Subscriber
    ) -> list[tuple[OutgoingMessage, list[int]]]:
        return [(render(report, subscriber), [report.event.id]) for report in reports]

    return render_digest


@dataclass(slots=True)
class _Step:
    """One message to send and the outbox rows it settles."""

    message: OutgoingMessage
    rows: list[Delivery]


@dataclass(slots=True)
class _Queue:
    """One subscriber's messages in this batch, in order."""

    subscriber: Subscriber
    steps: deque[_Step] = field(default_factory=deque)

    def rows(self) -> list[Delivery]:
        return [row for step in self.steps for row in step.rows]


async def deliver_due(
    store: Storage,
    sender: Sender,
    render: Renderer,
    clock: Clock,
    *,
    render_digest: DigestRenderer | None = None,
    batch_size: int = 200,
    pause: ChannelPause | None = None,
) -> DeliveryStats:
    """Send every due outbox row of the sender's channel, batch after batch; nothing while the
    channel's `pause` rests, which this run extends if it finds the channel down."""
    if pause is not None and pause.resting(clock()):
        return DeliveryStats(down=frozenset({sender.channel}))
    run = _Run(store, sender, render, render_digest or each_alone(render), clock)
    stats = await run.all_due(batch_size)
    if pause is not None:
        if run.trouble is None:
            pause.found_up()
        else:
            pause.found_down(clock())
    return stats


@dataclass(slots=True)
class _Run:
    store: Storage
    sender: Sender
    render: Renderer
    render_digest: DigestRenderer
    clock: Clock
    trouble: TemporaryDeliveryError | None = None  # set once the channel is found down

    async def all_due(self, batch_size: int) -> DeliveryStats:
        """Batch after batch until none is due, all must wait, or the channel is down."""
        total = DeliveryStats()
        while True:
            deliveries = await self.store.due_deliveries(
                self.sender.channel, self.clock(), batch_size
            )
            if not deliveries:
                return total
            stats = await self.batch(deliveries)
            total += stats
            if self.trouble is not None:
                return total + await self.defer_the_rest(batch_size, sent_before=total.sent)
            if stats.sent == 0:  # everything in this batch must wait: don't spin on it
                return total

    async def batch(self, deliveries: Sequence[Delivery]) -> DeliveryStats:
        reports: dict[int, EventReport] = {}
        for delivery in deliveries:
            if delivery.event_id not in reports:
                reports[delivery.event_id] = await self.store.event_report(delivery.event_id)
        queues: list[_Queue] = []
        stats = DeliveryStats()
        for rows in _by_subscriber(deliveries).values():
            queue, unrenderable = self._plan(rows, reports)
            queues.append(queue)
            for row, exc in unrenderable:  # a rendering bug: that message fails, not the channel
                log.debug("rendering event %d failed", row.event_id, exc_info=exc)
                refused = MessageRefusedError(
                    self.sender.channel, f"could not be rendered ({type(exc).__name__})"
                )
                stats += await self._message_refused(queue.subscriber, [row], refused)
        try:
            async with self.sender.batch() as batch:
                while any(queue.steps for queue in queues):
                    for queue in queues:
                        if queue.steps:
                            stats += await self._send_next(batch, queue)
        except TemporaryDeliveryError as exc:
            # The channel itself is in trouble (a connection refused, a timeout, a 5xx...):
            # every send would fail alike, so the unsent rows wait and none is tried.
            self.trouble = exc
            remaining = [row for queue in queues for row in queue.rows()]
            log.warning(
                "%s channel in trouble, %d deliveries wait: %s",
                self.sender.channel,
                len(remaining),
                exc.reason,
            )
            stats += await self._defer(remaining, exc)
        return stats

    async def defer_the_rest(self, batch_size: int, *, sent_before: int) -> DeliveryStats:
        """After the channel was found down: every other row due on it waits out a backoff
        too, untried, so no later batch of this run, nor the next runs, try the channel for
        them until it passes."""
        assert self.trouble is not None
        stats = DeliveryStats()
        now = self.clock()
        # Each deferral moves its row's next try into the future, so this walk ends.
        while rows := await self.store.due_deliveries(self.sender.channel, now, batch_size):
            stats += await self._defer(rows, self.trouble)
        if stats.deferred:
            log.warning(
                "%s channel in trouble: %d more deliveries wait",
                self.sender.channel,
                stats.deferred,
            )
        if sent_before == 0:
            stats += DeliveryStats(down=frozenset({self.sender.channel}))
        return stats

    def _plan(
        self, rows: list[Delivery], reports: dict[int, EventReport]
    ) -> tuple[_Queue, list[tuple[Delivery, Exception]]]:
        """The subscriber's messages (one per event, or the digest's parts), and the rows whose
        message could not be rendered at all."""
        subscriber = rows[0].subscriber
        by_event = {row.event_id: row for row in rows}
        steps: list[_Step] = []
        if subscriber.prefs.frequency != "instant":
            try:
                parts = self.render_digest([reports[i] for i in by_event], subscriber)
            except Exception as exc:  # the digest failed as a whole: its events go alone
                log.warning(
                    "%s digest for subscriber %d could not be rendered (%s); its "
                    "events go one by one",
                    self.sender.channel,
                    subscriber.id,
                    type(exc).__name__,
                )
                parts = []
            steps = [
                _Step(message, [by_event.pop(i) for i in ids if i in by_event])
                for message, ids in parts
            ]
        # Instant alerts; and an event a digest left out must not stay owed forever: alone.
        unrenderable: list[tuple[Delivery, Exception]] = []
        for event_id, row in by_event.items():
            try:
                steps.append(_Step(self.render(reports[event_id], subscriber), [row]))
            except Exception as exc:
                unrenderable.append((row, exc))
        return _Queue(subscriber, deque(step for step in steps if step.rows)), unrenderable

    async def _send_next(self, batch: BatchSender, queue: _Queue) -> DeliveryStats:
        step = queue.steps.popleft()
        prefs = queue.subscriber.prefs
        message = replace(
            step.message,
            silent=step.message.silent or is_quiet(prefs, self.clock()),
            topic_id=prefs.topic_id,
        )
        try:
            await self._send(batch, queue, message)
        except TemporaryDeliveryError as exc:
            if exc.channel_down:  # the whole channel waits: batch() defers every row left
                queue.steps.appendleft(step)
                raise
            # This chat must wait (flood control, a 4xx); its later messages wait with it.
            rows = step.rows + queue.rows()
            queue.steps.clear()
            log.info(
                "subscriber %d: %d deliveries deferred: %s",
                queue.subscriber.id,
                len(rows),
                exc.reason,
            )
            return await self._retry(rows, exc)
        except PermanentDeliveryError as exc:
            return await self._refused(queue, step.rows, exc)
        except MessageRefusedError as exc:
            return await self._message_refused(queue.subscriber, step.rows, exc)
        except Exception as exc:
            # A sender's bug or a failure it did not wrap: costs this channel this run, not
            # the other channels, and not this channel's next runs (the rows back off).
            queue.steps.appendleft(step)
            log.error("%s sender failed unexpectedly: %s", self.sender.channel, type(exc).__name__)
            log.debug("the %s sender's failure", self.sender.channel, exc_info=True)
            raise TemporaryDeliveryError(
                self.sender.channel, f"unexpected {type(exc).__name__}", channel_down=True
            ) from exc
        # Refusals count only in a row: an accepted message starts the count over.
        await self.store.mark_delivered(
            queue.subscriber.id, [row.id for row in step.rows], self.clock()
        )
        log.debug(
            "deliveries %s sent to subscriber %d",
            [row.id for row in step.rows],
            queue.subscriber.id,
        )
        return DeliveryStats(sent=len(step.rows))

    async def _send(self, batch: BatchSender, queue: _Queue, message: OutgoingMessage) -> None:
        """Send; a message for a deleted forum topic goes to the chat's general topic instead."""
        subscriber = queue.subscriber
        try:
            await batch.send(subscriber.address, message)
        except TopicGoneError:
            if message.topic_id is None:
                raise
            log.info(
                "subscriber %d: forum topic gone, alerts go to the general topic now", subscriber.id
            )
            # Fresh preferences: the subscriber may have changed others since the batch began.
            fresh = await self.store.subscriber(subscriber.channel, subscriber.address)
            prefs = replace((fresh or subscriber).prefs, topic_id=None)
            queue.subscriber = await self.store.set_preferences(subscriber.id, prefs)
            await batch.send(subscriber.address, replace(message, topic_id=None))

    async def _retry(self, rows: Sequence[Delivery], exc: TemporaryDeliveryError) -> DeliveryStats:
        for row in rows:
            retry_at = delivery_retry_at(row.attempts + 1, self.clock(), exc.retry_after)
            await self.store.mark_retry(row.id, exc.reason, retry_at)
        return DeliveryStats(retrying=len(rows))

    async def _defer(self, rows: Sequence[Delivery], exc: TemporaryDeliveryError) -> DeliveryStats:
        """Rows put back because the channel is down: each backs off as a failed try would."""
        stats = await self._retry(rows, exc)
        return stats + DeliveryStats(deferred=stats.retrying)

    async def _message_refused(
        self, subscriber: Subscriber, rows: list[Delivery], exc: MessageRefusedError
    ) -> DeliveryStats:
        """The message, not the address: it fails, the subscriber stays subscribed."""
        event_ids = tuple(row.event_id for row in rows)
        log.warning(
            "%s refused the message of events %s to subscriber %d for its content: %s",
            self.sender.channel,
            list(event_ids),
            subscriber.id,
            exc.reason,
        )
        for row in rows:
            await self.store.mark_failed(row.id, exc.reason)
        refusal = Refusal(self.sender.channel, subscriber.id, event_ids, exc.reason)
        return DeliveryStats(failed=len(rows), refusals=(refusal,))

    async def _refused(
        self, queue: _Queue, rows: list[Delivery], exc: PermanentDeliveryError
    ) -> DeliveryStats:
        subscriber = queue.subscriber
        if exc.new_address is not None:
            # A Telegram group became a supergroup: same subscriber, new chat id. Everything
            # queued for it becomes due again at once, addressed anew by the next batch.
            log.info("subscriber %d moved to a new address; retrying there", subscriber.id)
            await self.store.change_address(subscriber.id, exc.new_address)
            rows = rows + queue.rows()
            queue.steps.clear()
            for row in rows:
                await self.store.mark_retry(row.id, exc.reason, self.clock())
            return DeliveryStats(retrying=len(rows))
        log.warning(
            "deliveries %s to subscriber %d refused for good: %s",
            [row.id for row in rows],
            subscriber.id,
            exc.reason,
        )
        for row in rows:
            await self.store.mark_failed(row.id, exc.reason)
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


def _by_subscriber(deliveries: Sequence[Delivery]) -> dict[int, list[Delivery]]:
    """Due rows per subscriber, oldest first, subscribers in order of their oldest row."""
    groups: dict[int, list[Delivery]] = {}
    for delivery in deliveries:
        groups.setdefault(delivery.subscriber.id, []).append(delivery)
    return groups
