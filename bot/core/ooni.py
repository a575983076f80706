"""OONI's measurements of a (country, service), summed into the figure an alert carries. Pure.

The Open Observatory of Network Interference publishes, per country, how its volunteers' probes
fared: `web_connectivity` per domain, and its own tests of WhatsApp, Telegram, Signal and
Facebook Messenger. Its aggregation API (bot/ooni/client.py) answers with counts per hour or
day; this module sums them into two windows: the last `hours` (the figure a reader sees) and the
days before (the baseline an unblock's "fell from" and the early signal compare with).

OONI counts each measurement once: `anomaly_count` are anomalies that are not confirmed,
`confirmed_count` those where a block page was seen, `failure_count` measurements that failed
(the probe's trouble, not the network's), `ok_count` the rest. So "show an anomaly" is anomaly
plus confirmed, out of every measurement. An anomaly is no proof of a block: the README says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

__all__ = ["EXPLORER", "Bucket", "OoniCounts", "OoniFigure", "explorer_url", "figure_from"]

EXPLORER = "https://explorer.ooni.org"


@dataclass(frozen=True, slots=True)
class OoniCounts:
    """Measurements of one window, as OONI counts them (each in exactly one of the last four)."""

    measurements: int = 0
    anomalies: int = 0  # anomalous but not confirmed
    confirmed: int = 0  # a block page was seen
    failures: int = 0  # the measurement itself failed
    ok: int = 0

    def __add__(self, other: OoniCounts) -> OoniCounts:
        return OoniCounts(
            self.measurements + other.measurements,
            self.anomalies + other.anomalies,
            self.confirmed + other.confirmed,
            self.failures + other.failures,
            self.ok + other.ok,
        )

    @property
    def anomalous(self) -> int:
        """Measurements that show an anomaly, confirmed ones included."""
        return self.anomalies + self.confirmed

    @property
    def rate(self) -> float | None:
        """The share of measurements that show an anomaly; None with no measurement."""
        return self.anomalous / self.measurements if self.measurements else None


@dataclass(frozen=True, slots=True)
class Bucket:
    """One row of OONI's answer: the counts of the hour (or day) starting at `start`."""

    start: datetime
    counts: OoniCounts


@dataclass(frozen=True, slots=True)
class OoniFigure:
    """What OONI saw of one service in one country, as of `as_of`."""

    country: str
    service: str
    test_name: str
    as_of: datetime
    recent: OoniCounts  # the last `hours` hours
    before: OoniCounts  # the `baseline_days` days before those
    hours: int = 24
    baseline_days: int = 6
    # The recent window's buckets, oldest first: when a failure began (ooni_trust.failing_since).
    hourly: tuple[Bucket, ...] = field(default=(), compare=False)

    @property
    def explorer(self) -> str:
        return explorer_url(self.country)

    def fell(self, by: float = 0.2) -> tuple[float, float] | None:
        """(before, now) anomaly rates when the rate fell by at least `by`: an unblock seen."""
        was, now = self.before.rate, self.recent.rate
        if was is None or now is None or was - now < by:
            return None
        return was, now


def explorer_url(country: str) -> str:
    """The country's page on OONI Explorer."""
    return f"{EXPLORER}/country/{country.upper()}"


def figure_from(
    buckets: Iterable[Bucket],
    *,
    country: str,
    service: str,
    test_name: str,
    now: datetime,
    hours: int = 24,
    baseline_days: int = 6,
) -> OoniFigure:
    """Sum the buckets into the last `hours` and the `baseline_days` days before them; buckets
    outside both (older, or in the future) are left out."""
    recent_from = now - timedelta(hours=hours)
    before_from = recent_from - timedelta(days=baseline_days)
    recent, before = OoniCounts(), OoniCounts()
    hourly: list[Bucket] = []
    for bucket in buckets:
        if recent_from <= bucket.start <= now:
            recent += bucket.counts
            hourly.append(bucket)
        elif before_from <= bucket.start < recent_from:
            before += bucket.counts
    hourly.sort(key=lambda bucket: bucket.start)
    return OoniFigure(
        country, service, test_name, now, recent, before, hours, baseline_days, tuple(hourly)
    )
