"""/metrics in Prometheus' text format (prometheus-client), one registry per running service (no
import-time globals: two services in one test process keep their own counts).

Counters count what this process did since it started (Prometheus' rate() copes with restarts):

    blockwatch_feed_polls_total{outcome}        new, not-modified, failed, waiting (backing off)
    blockwatch_telegram_refusals_total{code}    Bot API 429 (flood wait) and 403 (blocked, kicked)
    blockwatch_ooni_requests_total{outcome}     requests to the OONI API (issue 11's client)

Gauges are read from the database at each scrape, so they survive a restart:

    blockwatch_feeds{state}                      registered feeds: ok, failing, paused
    blockwatch_feeds_backing_off                 failing feeds waiting out their backoff now
    blockwatch_last_successful_poll_timestamp_seconds   the newest success of any feed
    blockwatch_items, blockwatch_events          stored feed items, events
    blockwatch_alerts{channel,state}             outbox rows: sent, failed, pending, held
    blockwatch_oldest_pending_alert_age_seconds  0 when nothing is due
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Protocol

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

from bot.core.models import Channel
from bot.core.ops import ALERT_STATES
from bot.pipeline import FeedOutcome
from bot.ports import FeedRegistryStorage, OpsStorage

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]

CHANNELS: tuple[Channel, ...] = ("telegram", "email")


class MetricsStorage(FeedRegistryStorage, OpsStorage, Protocol):
    """What a scrape reads."""


class Metrics:
    def __init__(self) -> None:
        registry = self.registry = CollectorRegistry()
        self.polls = Counter(
            "blockwatch_feed_polls",
            "Feed polls since start, by outcome (new, not-modified, failed, waiting)",
            ["outcome"],
            registry=registry,
        )
        self.telegram_refusals = Counter(
            "blockwatch_telegram_refusals",
            "Bot API answers 429 (flood control) and 403 (blocked, kicked) since start",
            ["code"],
            registry=registry,
        )
        # OONI's client counts its own requests (bot/ooni/client.py); set by the service.
        self.ooni_requests: Callable[[], Mapping[str, int]] | None = None
        registry.register(_OoniRequests(self))
        self.feeds = Gauge(
            "blockwatch_feeds", "Registered feeds by state", ["state"], registry=registry
        )
        self.backing_off = Gauge(
            "blockwatch_feeds_backing_off",
            "Failing feeds waiting out their backoff now",
            registry=registry,
        )
        self.last_poll = Gauge(
            "blockwatch_last_successful_poll_timestamp_seconds",
            "Unix time of the newest successful poll of any feed (0: none yet)",
            registry=registry,
        )
        self.items = Gauge("blockwatch_items", "Feed items stored", registry=registry)
        self.events = Gauge("blockwatch_events", "Events stored", registry=registry)
        self.alerts = Gauge(
            "blockwatch_alerts",
            "Alerts in the outbox by channel and state (held: waiting for a moderator)",
            ["channel", "state"],
            registry=registry,
        )
        self.oldest_pending = Gauge(
            "blockwatch_oldest_pending_alert_age_seconds",
            "Age of the oldest alert queued and not yet sent (0: none)",
            registry=registry,
        )
        for code in ("429", "403"):  # present from the first scrape, at 0
            self.telegram_refusals.labels(code)
        for outcome in ("new", "not-modified", "failed", "waiting"):
            self.polls.labels(outcome)

    def observe_poll(self, outcome: FeedOutcome) -> None:
        self.polls.labels(outcome.status).inc()

    async def refresh(self, store: MetricsStorage, now: datetime) -> None:
        """The gauges, from the database as it is now."""
        views = await store.feed_views()
        states = {"ok": 0, "failing": 0, "paused": 0}
        backing_off = 0
        successes = [v.health.state.last_success for v in views if v.health.state.last_success]
        for view in views:
            state = view.health.state
            if not view.feed.polled:
                states["paused"] += 1
            elif state.failures:
                states["failing"] += 1
                backing_off += state.retry_at is not None and now < state.retry_at
            else:
                states["ok"] += 1
        for name, count in states.items():
            self.feeds.labels(name).set(count)
        self.backing_off.set(backing_off)
        self.last_poll.set(max(successes).timestamp() if successes else 0)
        tally = await store.service_tally()
        self.items.set(tally.items)
        self.events.set(tally.events)
        for channel in CHANNELS:
            for alert_state in ALERT_STATES:
                self.alerts.labels(channel, alert_state).set(
                    tally.alerts.get((channel, alert_state), 0)
                )
        oldest = tally.oldest_pending
        self.oldest_pending.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class _OoniRequests(Collector):
    """blockwatch_ooni_requests_total{outcome}: what OONI's client counted, read at scrape."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    def collect(self) -> Iterator[Metric]:
        family = CounterMetricFamily(
            "blockwatch_ooni_requests",
            "Requests to the OONI API since start, by outcome (ok, failed)",
            labels=["outcome"],
        )
        source = self._metrics.ooni_requests
        counts = source() if source is not None else {}
        for outcome in ("ok", "failed"):
            family.add_metric([outcome], counts.get(outcome, 0))
        yield family
