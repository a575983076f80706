"""The pipeline: every step of Blockwatch, chained. Each step is one module.

    feeds.toml ──▶ FeedSpec
                     │ fetch    bot.feeds.fetch       conditional GET; 304 ends here
                     ▼
                 FetchResult
                     │ parse    bot.feeds.parse       feedparser on bytes, in a worker thread
                     ▼
                   Entry ──────────────────────────  already stored (same feed+key or URL)? skip
                     │ match    bot.detect            country × service × action, with evidence
                     ▼
                   Alert
                     │ events   bot.core.events       join an open event or open a new one
                     ▼
       storage.record_entries                         a feed's new entries + events + outbox
                     │                                rows, in one transaction
                     │ deliver  bot.delivery.outbox   render and send what the outbox owes
                     ▼
        Telegram (bot.telegram) · email (bot.mail) · the console, when neither is configured

A feed's ETag is saved only after its entries are stored, so a crash mid-feed refetches the
feed and the entries already stored are skipped: nothing is lost and nothing is told twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from bot.core.errors import FeedError, StorageError
from bot.core.events import EVENT_WINDOW, is_fresh, place_batch
from bot.core.models import Channel, Entry, Event, EventReport, FeedSpec, FeedState, ItemText
from bot.core.records import NewEntry, Stored
from bot.core.schedule import feed_retry_at
from bot.core.slots import poll_task, slot_end
from bot.delivery.outbox import DeliveryStats, deliver_due
from bot.delivery.pause import ChannelPause
from bot.delivery.stats import refusals_message
from bot.detect import Detector
from bot.feeds.parse import parse_feed
from bot.ports import Clock, DeliveryChannel, Fetcher, FigureLookup, Notify, Storage

log = logging.getLogger(__name__)

# Items older than this when first seen are stored and merged, but wake nobody up: a new
# feed's archive is not news.
ALERT_MAX_AGE = timedelta(days=3)

# Feeds fetched and parsed at once in a full cycle. Parsing is CPU work and storing is serial,
# so more in flight only piles parsed entries up in memory (bench/poll.py: +80 MB at 1,000)
# while a slow server still cannot hold the rest back.
FEEDS_IN_FLIGHT = 16


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What one poll of one feed did."""

    feed: FeedSpec
    status: str  # "new", "not-modified", "failed", "waiting" (backing off), "elsewhere"
    # ("elsewhere": another instance on the same database polled it in this slot)
    entries: int = 0  # entries in the feed body
    new_entries: int = 0
    new_events: tuple[Event, ...] = ()
    error: str | None = None


class Pipeline:
    def __init__(
        self,
        store: Storage,
        fetcher: Fetcher,
        detector: Detector,
        channels: Sequence[DeliveryChannel],
        clock: Clock,
        *,
        on_new_event: Callable[[EventReport], None] | None = None,
        event_window: timedelta = EVENT_WINDOW,
        alert_max_age: timedelta = ALERT_MAX_AGE,
        review: Callable[[Sequence[NewEntry]], Awaitable[list[NewEntry]]] | None = None,
        notify_moderators: Notify | None = None,
        figures: FigureLookup | None = None,
    ) -> None:
        self._store = store
        self._fetcher = fetcher
        self._detector = detector
        self._channels = channels
        self._clock = clock
        self._on_new_event = on_new_event
        self._window = event_window
        self._max_age = alert_max_age
        # Marks the new events that wait for a moderator (bot/moderation/gate.py); None: none do.
        self._review = review
        # Told when a channel refuses alerts for their content (a rendering bug); None: only
        # the log says so.
        self._notify_moderators = notify_moderators
        # OONI's figures, which alerts carry when there is one (bot/ooni/book.py); None: none.
        self.figures = figures
        # Feeds are fetched and parsed concurrently, but deciding whether an entry is new and
        # which event it joins reads then writes: two feeds reporting the same event at once
        # would each open it. Ingestion is quick, so it runs one entry at a time.
        self._ingest_lock = asyncio.Lock()
        # Delivery is started by the timer and after each poll that found news; two runs at
        # once would read the same due rows and send them twice. One lock per channel: a run
        # held up by a hanging channel does not hold up the next run's other channels.
        self._deliver_locks = {channel.sender.channel: asyncio.Lock() for channel in channels}
        # A channel found down is left alone for a growing while (bot/delivery/pause.py).
        self._pauses = {channel.sender.channel: ChannelPause() for channel in channels}

    async def poll_all(self, feeds: Sequence[FeedSpec]) -> list[FeedOutcome]:
        """Poll every feed, a few at a time; one broken feed never stops the others."""
        slots = asyncio.Semaphore(FEEDS_IN_FLIGHT)

        async def poll(feed: FeedSpec) -> FeedOutcome:
            async with slots:
                return await self.poll_feed(feed)

        polls = [asyncio.ensure_future(poll(feed)) for feed in feeds]
        try:
            return list(await asyncio.gather(*polls))
        except BaseException:  # storage failed (or we are cancelled): no poll outlives the cycle
            for task in polls:
                task.cancel()
            await asyncio.gather(*polls, return_exceptions=True)
            raise

    async def poll_feed(self, feed: FeedSpec) -> FeedOutcome:
        state = await self._store.feed_state(feed.url) or FeedState(feed.url)
        now = self._clock()
        if state.retry_at is not None and now < state.retry_at:
            return FeedOutcome(feed, "waiting", error=state.last_error)
        # Several instances on one database poll each feed once per slot of its interval
        # between them (bot/core/slots.py, storage/shared.py); one instance alone always has it.
        task = poll_task(feed)
        if not await self._store.claim(task, now, slot_end(task, feed.interval, now)):
            return FeedOutcome(feed, "elsewhere")
        try:
            return await self._poll(feed, state)
        except StorageError:  # a full disk or a damaged file is not the feed's fault: the
            raise  # cycle stops, and the feed's state is left as it was
        except FeedError as exc:
            return await self._failed(feed, state, exc.reason)
        except Exception as exc:  # a bug must cost one feed one cycle, not the service
            log.exception("feed %s: unexpected error", feed.url)
            return await self._failed(feed, state, f"internal error: {exc!r}")

    async def _poll(self, feed: FeedSpec, state: FeedState) -> FeedOutcome:
        result = await self._fetcher.fetch(feed.url, state)
        entries = [] if result.not_modified else await parse_feed(result, feed, self._clock())
        stored = await self._ingest(entries)
        await self._store.save_feed_state(
            replace(
                state,
                etag=result.etag,
                last_modified=result.last_modified,
                redirect_url=result.permanent_redirect or state.redirect_url,
                failures=0,
                retry_at=None,
                last_success=self._clock(),
                last_error=None,
            )
        )
        if result.permanent_redirect and result.permanent_redirect != state.redirect_url:
            log.info("feed %s moved permanently to %s", feed.url, result.permanent_redirect)
        status = "not-modified" if result.not_modified else "new"
        log.info(
            "feed %s: %s, %d entries, %d new, %d new events",
            feed.name,
            status,
            len(entries),
            stored.entries,
            len(stored.new_events),
        )
        return FeedOutcome(feed, status, len(entries), stored.entries, stored.new_events)

    async def _ingest(self, entries: Sequence[Entry]) -> Stored:
        """Match and store a feed's new entries; those stored before are skipped."""
        if not entries:
            return Stored(0)
        # Across instances on one database too (storage/shared.py).
        async with self._ingest_lock, self._store.exclusive("ingest"):
            stored = await self._ingest_unlocked(sorted(entries, key=_oldest_first))
        if self._on_new_event is not None:
            for event in stored.new_events:
                self._on_new_event(await self._store.event_report(event.id))
        return stored

    async def _ingest_unlocked(self, entries: Sequence[Entry]) -> Stored:
        now = self._clock()
        fresh = await self._store.unseen_entries(entries, now=now)
        found = [(entry, self._detector.detect(_item_text(entry))) for entry in fresh]
        reports = [(entry.published or now, alerts) for entry, alerts in found]
        alerted = [when for when, alerts in reports if alerts]
        open_events = (
            await self._store.open_events(
                {alert.key for _, alerts in reports for alert in alerts},
                min(alerted) - self._window,
            )
            if alerted
            else []
        )
        placements = place_batch(reports, open_events, self._window)
        batch = [
            NewEntry(entry, tuple(placed), notify=is_fresh(entry.published, now, self._max_age))
            for (entry, _), placed in zip(found, placements, strict=True)
        ]
        if self._review is not None:
            batch = await self._review(batch)
        return await self._store.record_entries(batch, now=now)

    async def _failed(self, feed: FeedSpec, state: FeedState, reason: str) -> FeedOutcome:
        failures = state.failures + 1
        retry_at = feed_retry_at(failures, feed.interval, self._clock())
        await self._store.save_feed_state(
            replace(state, failures=failures, retry_at=retry_at, last_error=reason)
        )
        log.warning(
            "feed %s failed (%d in a row; next try after %s): %s",
            feed.url,
            failures,
            retry_at.isoformat(timespec="minutes"),
            reason,
        )
        return FeedOutcome(feed, "failed", error=reason)

    async def deliver(self) -> DeliveryStats:
        """Send everything the outbox owes, every channel at once: a channel that hangs or
        fails never delays or stops another's deliveries (issue 12: email waited 3 minutes
        behind a hanging Bot API, and never went when it answered HTML)."""
        return sum((await self.deliver_each()).values(), DeliveryStats())

    async def deliver_each(self) -> dict[Channel, DeliveryStats]:
        """`deliver`, with each channel's outcome on its own (a channel found down fails a
        `run --once`: bot/service/cycle.py)."""
        names = [channel.sender.channel for channel in self._channels]
        done = await asyncio.gather(*(self._deliver(channel) for channel in self._channels))
        each: dict[Channel, DeliveryStats] = {}
        for name, stats in zip(names, done, strict=True):
            each[name] = each.get(name, DeliveryStats()) + stats
        refusals = sum(done, DeliveryStats()).refusals
        if refusals:
            await self._tell_moderators(refusals_message(refusals))
        return each

    async def _deliver(self, channel: DeliveryChannel) -> DeliveryStats:
        name = channel.sender.channel
        try:
            async with self._deliver_locks[name]:
                return await deliver_due(
                    self._store,
                    channel.sender,
                    channel.render,
                    self._clock,
                    render_digest=channel.render_digest,
                    pause=self._pauses[name],
                    figures=self.figures,
                )
        except Exception as exc:  # a bug must cost one channel one run, not the other channels
            # Type only: an exception's text may hold an address or a message.
            log.error(
                "%s delivery stopped by an unexpected %s; what is owed waits for the next run",
                name,
                type(exc).__name__,
            )
            log.debug("%s delivery stopped", name, exc_info=True)
            return DeliveryStats(down=frozenset({name}))

    async def _tell_moderators(self, text: str) -> None:
        if self._notify_moderators is None:
            return
        try:
            await self._notify_moderators(text)
        except Exception as exc:  # the notice is a courtesy: the log has said it already
            log.warning("moderators could not be told of refused alerts: %s", type(exc).__name__)

    def channels_down(self) -> list[Channel]:
        """The channels the last delivery run found down, not yet found up again (/health)."""
        return [channel for channel, pause in self._pauses.items() if pause.downs]

    async def poll_and_deliver(self, feed: FeedSpec) -> FeedOutcome:
        """Poll one feed and, when it brought news, send the alerts at once."""
        outcome = await self.poll_feed(feed)
        if outcome.new_events:
            await self.deliver()
        return outcome

    async def run_once(self, feeds: Sequence[FeedSpec]) -> tuple[list[FeedOutcome], DeliveryStats]:
        """One full cycle: poll every feed, then deliver what is due."""
        outcomes = await self.poll_all(feeds)
        return outcomes, await self.deliver()


def _item_text(entry: Entry) -> ItemText:
    return ItemText(
        id=entry.key,
        title=entry.title,
        summary=entry.summary,
        language=entry.language,
        published=entry.published,
        country_hint=entry.country_hint,
    )


def _oldest_first(entry: Entry) -> tuple[bool, str]:
    # Undated entries go last, so dated reports set an event's first_seen.
    return (entry.published is None, entry.published.isoformat() if entry.published else "")
