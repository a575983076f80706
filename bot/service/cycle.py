"""What one `blockwatch run --once` did, and the exit code that tells cron.

    0    the cycle did its work
    3    every feed failed: this cycle, or it is still backing off after failing
    4    a channel was down throughout: deliveries were due on it, none was sent, some deferred
    75   another blockwatch holds the database (EX_TEMPFAIL; bot/cli/main.py): nothing done

Before issue 12 a cycle whose every feed failed exited 0, and cron could not tell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.core.models import Channel
from bot.delivery.outbox import DeliveryStats
from bot.pipeline import FeedOutcome

EXIT_OK = 0
EXIT_FEEDS_FAILED = 3
EXIT_CHANNEL_DOWN = 4
EXIT_BUSY = 75  # sysexits.h EX_TEMPFAIL: try again later


@dataclass(frozen=True, slots=True)
class CycleReport:
    outcomes: Sequence[FeedOutcome]
    deliveries: Mapping[Channel, DeliveryStats]  # per configured channel

    @property
    def delivered(self) -> DeliveryStats:
        total = DeliveryStats()
        for stats in self.deliveries.values():
            total += stats
        return total


def channel_down(stats: DeliveryStats) -> bool:
    """The channel failed throughout: it was found down (unreachable, hanging, answering
    garbage) and got nothing through (bot/delivery/outbox.py sets `down` only then)."""
    return bool(stats.down)


def every_feed_failed(outcomes: Sequence[FeedOutcome]) -> bool:
    """At least one feed, and none read: each failed now or is backing off (only a failure
    sets a feed's retry time: bot/pipeline.py)."""
    return bool(outcomes) and all(o.status in ("failed", "waiting") for o in outcomes)


def problems(report: CycleReport) -> list[tuple[int, str]]:
    """(exit code, one line for the operator) for each way the cycle fell short."""
    found = []
    if every_feed_failed(report.outcomes):
        found.append(
            (
                EXIT_FEEDS_FAILED,
                f"every feed failed ({len(report.outcomes)}); `blockwatch feeds` shows why",
            )
        )
    for channel, stats in report.deliveries.items():
        if channel_down(stats):
            found.append(
                (
                    EXIT_CHANNEL_DOWN,
                    f"{channel} was down throughout: {stats.retrying} deliveries wait for a retry",
                )
            )
    return found


def exit_code(report: CycleReport) -> int:
    """The first problem's code (feeds before channels), or 0."""
    found = problems(report)
    return found[0][0] if found else EXIT_OK


def summary(report: CycleReport) -> str:
    outcomes, delivered = report.outcomes, report.delivered
    failed = sum(o.status == "failed" for o in outcomes)
    waiting = sum(o.status == "waiting" for o in outcomes)
    elsewhere = sum(o.status == "elsewhere" for o in outcomes)
    events = sum(len(o.new_events) for o in outcomes)
    others = f", {elsewhere} by another instance" if elsewhere else ""
    return (
        f"polled {len(outcomes) - waiting - elsewhere} feeds ({failed} failed,"
        f" {waiting} backing off{others}): "
        f"{sum(o.new_entries for o in outcomes)} new items, {events} new events; "
        f"sent {delivered.sent}, retrying {delivered.retrying}, failed {delivered.failed}"
    )
