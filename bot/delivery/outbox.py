"""Deliver: send what the outbox owes, one channel at a time, and record each outcome.

Due rows are grouped per subscriber, and a subscriber's rows into stories: events that one
report told, or that one country's same action opened minutes apart, go as one message
(bot/delivery/stories.py, bot/delivery/plan.py). An instant subscriber gets one message per
story; a daily or weekly subscriber gets one digest of all their due stories (storage made those
rows due together, at their digest time), possibly in several parts.

No loss, no repeats: the rows a message carries are marked sent together, in one transaction,
right after the server accepted it, before the next send; the same statement records the event
that names the message (a story's lead), which a later mail continuing any of its events replies
to. A digest part carries whole stories only (parts split between them), so its rows are marked
sent as soon as that part is accepted: after a crash the rest of the digest is sent as a smaller
digest, and no event is told twice. As before, the one message in flight at the instant of a
kill may be sent again: one story, told again under the same Message-ID.

The sends go over the sender's connections at once (bot/delivery/lanes.py: SMTP_URL's
?connections=, kept open for the whole run); each subscriber's messages over one connection, in
order, and each marked as soon as the server accepted it. Over one connection (Telegram)
subscribers take turns, one message each per round, so one chat's next message comes after
everyone else's and rarely waits for its per-chat pace. What a refusal costs depends on what it
is about (bot/core/errors.py, bot/delivery/outcomes.py): this address for a while (its remaining
rows wait, the others go on), this address for good, this message (it fails alone, the
moderators are told), or the channel: then nothing more is tried, every row due on the channel
waits out its backoff (attempts + 1), and the channel rests (bot/delivery/pause.py).

Messages are rendered at send time from the events as they stand, so a late alert lists every
source so far. Quiet hours and forum topics are applied here, at send time.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.core.errors import (
    MessageRefusedError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    TopicGoneError,
)
from bot.core.models import Delivery, EventReport, OutgoingMessage
from bot.core.schedule import is_quiet
from bot.delivery.claims import Claim, kept
from bot.delivery.lanes import Lanes
from bot.delivery.line import Line
from bot.delivery.outcomes import BOUNCE_LIMIT, Outcomes
from bot.delivery.pause import ChannelPause
from bot.delivery.plan import Queue, Renderers, each_alone
from bot.delivery.stats import DeliveryStats, Refusal
from bot.ports import BatchSender, Clock, DigestRenderer, FigureLookup, Renderer, Sender, Storage

__all__ = ["BOUNCE_LIMIT", "DeliveryStats", "Refusal", "deliver_due", "each_alone"]

log = logging.getLogger(__name__)


async def deliver_due(
    store: Storage,
    sender: Sender,
    render: Renderer,
    clock: Clock,
    *,
    render_digest: DigestRenderer | None = None,
    batch_size: int = 200,
    pause: ChannelPause | None = None,
    figures: FigureLookup | None = None,
) -> DeliveryStats:
    """Send every due outbox row of the sender's channel, batch after batch (`batch_size`
    subscribers per connection); nothing while the channel's `pause` rests, which this run
    extends if it finds the channel down. Each event carries OONI's figure of its country and
    service when `figures` knows one."""
    if pause is not None and pause.resting(clock()):
        return DeliveryStats(down=frozenset({sender.channel}))
    renderers = Renderers(sender.channel, render, render_digest or each_alone(render))
    run = _Run(store, sender, renderers, clock, Outcomes(store, sender.channel, clock), figures)
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
    renderers: Renderers
    clock: Clock
    outcomes: Outcomes
    figures: FigureLookup | None = None
    trouble: TemporaryDeliveryError | None = None  # set once the channel is found down
    claim: Claim | None = None  # the claim of the batch being sent (bot/delivery/claims.py)

    async def all_due(self, batch_size: int) -> DeliveryStats:
        """Batch after batch until none is due, all must wait, or the channel is down."""
        total = DeliveryStats()
        async with Lanes(self.sender) as lanes:  # the connections, kept for the whole run
            while True:
                # A batch per connection: the lanes' idle tail stays short beside the batch.
                deliveries = await self.store.due_deliveries(
                    self.sender.channel, self.clock(), batch_size * lanes.count
                )
                if not deliveries:
                    return total
                stats = await self.batch(deliveries, lanes)
                total += stats
                if self.trouble is not None:
                    return total + await self.defer_the_rest(batch_size, sent_before=total.sent)
                if stats.sent == 0:  # everything in this batch must wait: don't spin on it
                    return total

    async def batch(self, deliveries: Sequence[Delivery], lanes: Lanes) -> DeliveryStats:
        # Where instances share the database, the batch's claim is renewed while it is sent.
        async with kept(self.store, deliveries, self.clock) as self.claim:
            return await self._batch(deliveries, lanes)

    async def _batch(self, deliveries: Sequence[Delivery], lanes: Lanes) -> DeliveryStats:
        reports: dict[int, EventReport] = {}
        for delivery in deliveries:
            if delivery.event_id not in reports:
                report = await self.store.event_report(delivery.event_id)
                reports[delivery.event_id] = self._measured(report)
        groups = deque(_by_subscriber(deliveries).values())
        line = Line(groups, reports, self.renderers, self.outcomes, self._told_in)
        stats, trouble = await lanes.drain(line, self._send_next)
        stats += line.stats
        if trouble is not None:
            # The channel itself is in trouble (a connection refused, a timeout, a 5xx...):
            # every send would fail alike, so the unsent rows wait and none is tried.
            self.trouble = trouble
            remaining = line.unsent()
            log.warning(
                "%s channel in trouble, %d deliveries wait: %s",
                self.sender.channel,
                len(remaining),
                trouble.reason,
            )
            stats += await self.outcomes.defer(remaining, trouble)
        return stats

    def _measured(self, report: EventReport) -> EventReport:
        """The report with OONI's figure of its country and service, if the book has one."""
        if self.figures is None:
            return report
        event = report.event
        return replace(report, ooni=self.figures(event.country, event.service))

    async def defer_the_rest(self, batch_size: int, *, sent_before: int) -> DeliveryStats:
        """After the channel was found down: every other row due on it waits out a backoff
        too, untried, so no later batch of this run, nor the next runs, try the channel for
        them until it passes."""
        assert self.trouble is not None
        stats = DeliveryStats()
        now = self.clock()
        # Each deferral moves its row's next try into the future, so this walk ends.
        while rows := await self.store.due_deliveries(self.sender.channel, now, batch_size):
            stats += await self.outcomes.defer(rows, self.trouble)
        if stats.deferred:
            log.warning(
                "%s channel in trouble: %d more deliveries wait",
                self.sender.channel,
                stats.deferred,
            )
        if sent_before == 0:
            stats += DeliveryStats(down=frozenset({self.sender.channel}))
        return stats

    async def _told_in(
        self, rows: Sequence[Delivery], reports: Mapping[int, EventReport]
    ) -> dict[int, int]:
        """For a mail alert that continues a story (the unblock after a block): which message
        told this subscriber of the story's start. Only mail threads, and not its digests."""
        subscriber = rows[0].subscriber
        if subscriber.channel != "email" or subscriber.prefs.frequency != "instant":
            return {}
        starts = [reports[row.event_id].story_id for row in rows]
        continued = {start for start in starts if start is not None}
        return await self.store.message_events(subscriber.id, continued) if continued else {}

    async def _send_next(self, batch: BatchSender, queue: Queue) -> DeliveryStats:
        step = queue.steps.popleft()
        if self.claim is not None and not await self.claim.holds(step.rows):
            # This instance held them past their lease (it stalled) and another took them
            # (all of the subscriber's due rows): that one sends them, not this one.
            taken = len(step.rows) + len(queue.rows())
            queue.steps.clear()
            log.warning(
                "subscriber %d: %d deliveries were taken by another instance: left to it",
                queue.subscriber.id,
                taken,
            )
            return DeliveryStats()
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
            return await self.outcomes.retry(rows, exc)
        except PermanentDeliveryError as exc:
            return await self.outcomes.refused(queue, step.rows, exc)
        except MessageRefusedError as exc:
            return await self.outcomes.message_refused(queue.subscriber, step.rows, exc)
        except Exception as exc:
            # A sender's bug or a failure it did not wrap: costs this channel this run, not
            # the other channels, and not this channel's next runs (the rows back off).
            queue.steps.appendleft(step)
            log.error("%s sender failed unexpectedly: %s", self.sender.channel, type(exc).__name__)
            log.debug("the %s sender's failure", self.sender.channel, exc_info=True)
            raise TemporaryDeliveryError(
                self.sender.channel, f"unexpected {type(exc).__name__}", channel_down=True
            ) from exc
        # Every row the message carried, in one statement; an accepted message also starts the
        # count of refusals in a row over.
        await self.store.mark_delivered(
            queue.subscriber.id,
            [row.id for row in step.rows],
            self.clock(),
            step.names,
            claim=step.rows[0].claim,
        )
        await self._record_sources(queue, message)
        log.debug(
            "deliveries %s sent to subscriber %d",
            [row.id for row in step.rows],
            queue.subscriber.id,
        )
        return DeliveryStats(sent=len(step.rows))

    async def _record_sources(self, queue: Queue, message: OutgoingMessage) -> None:
        """What each number of a mail's sources stands for, for a reply "ARTICLE 2"
        (bot/mail/inbox/article.py). Apart from marking the rows sent: a crash between the two
        costs that mail its numbers, never a repeat."""
        message_id = message.headers.get("Message-ID")
        if message.sources and message_id:
            await self.store.record_mail_sources(
                queue.subscriber.id, message_id, message.sources, self.clock()
            )

    async def _send(self, batch: BatchSender, queue: Queue, message: OutgoingMessage) -> None:
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


def _by_subscriber(deliveries: Sequence[Delivery]) -> dict[int, list[Delivery]]:
    """Due rows per subscriber, oldest first, subscribers in order of their oldest row."""
    groups: dict[int, list[Delivery]] = {}
    for delivery in deliveries:
        groups.setdefault(delivery.subscriber.id, []).append(delivery)
    return groups
