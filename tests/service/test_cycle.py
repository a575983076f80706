"""`blockwatch run --once`'s exit code and summary line (bot/service/cycle.py), from what the
cycle did."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.core.models import Channel, Event, FeedSpec
from bot.delivery.outbox import DeliveryStats
from bot.pipeline import FeedOutcome
from bot.service.cycle import (
    EXIT_CHANNEL_DOWN,
    EXIT_FEEDS_FAILED,
    EXIT_OK,
    CycleReport,
    exit_code,
    problems,
    summary,
)


def feeds(*statuses: str) -> list[FeedOutcome]:
    return [
        FeedOutcome(FeedSpec(f"F{n}", f"https://f{n}.example/rss", "en"), status)
        for n, status in enumerate(statuses)
    ]


EMAIL: frozenset[Channel] = frozenset({"email"})
QUIET: dict[Channel, DeliveryStats] = {"telegram": DeliveryStats(), "email": DeliveryStats()}


@pytest.mark.parametrize(
    ("outcomes", "deliveries", "code"),
    [
        (feeds(), {}, EXIT_OK),  # no feeds at all: nothing failed
        (feeds("new", "failed"), QUIET, EXIT_OK),
        (feeds("not-modified"), QUIET, EXIT_OK),
        (feeds("failed"), QUIET, EXIT_FEEDS_FAILED),
        (feeds("failed", "waiting", "failed"), QUIET, EXIT_FEEDS_FAILED),  # backing off: failing
        (feeds("waiting"), QUIET, EXIT_FEEDS_FAILED),
        (
            feeds("new"),
            {"email": DeliveryStats(retrying=3, deferred=3, down=EMAIL)},
            EXIT_CHANNEL_DOWN,
        ),
        (
            feeds("new"),
            {"email": DeliveryStats(retrying=3, failed=1, deferred=3, down=EMAIL)},
            EXIT_CHANNEL_DOWN,
        ),
        (feeds("new"), {"email": DeliveryStats(retrying=3)}, EXIT_OK),  # chats waiting (429): up
        (feeds("new"), {"email": DeliveryStats(sent=1, retrying=3)}, EXIT_OK),  # up, partly
        (feeds("new"), {"email": DeliveryStats(failed=2)}, EXIT_OK),  # refused addresses: not down
        (feeds("failed"), {"telegram": DeliveryStats(retrying=1)}, EXIT_FEEDS_FAILED),
    ],
)
def test_exit_code(
    outcomes: list[FeedOutcome], deliveries: dict[Channel, DeliveryStats], code: int
) -> None:
    assert exit_code(CycleReport(outcomes, deliveries)) == code


def test_every_problem_gets_its_line() -> None:
    down = DeliveryStats(retrying=4, deferred=4, down=frozenset({"telegram"}))
    report = CycleReport(
        feeds("failed", "waiting"), {"telegram": down, "email": DeliveryStats(sent=2)}
    )
    assert problems(report) == [
        (EXIT_FEEDS_FAILED, "every feed failed (2); `blockwatch feeds` shows why"),
        (EXIT_CHANNEL_DOWN, "telegram was down throughout: 4 deliveries wait for a retry"),
    ]
    assert report.delivered == DeliveryStats(
        sent=2, retrying=4, deferred=4, down=frozenset({"telegram"})
    )


def test_the_summary_counts_only_the_feeds_polled() -> None:
    when = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    events = tuple(Event(n, "TM", f"s{n}", "block", when, when) for n in range(3))
    new, same, failed, waiting = feeds("new", "not-modified", "failed", "waiting")
    report = CycleReport(
        [replace(new, new_entries=5, new_events=events), same, failed, waiting],
        {"telegram": DeliveryStats(sent=4, retrying=1), "email": DeliveryStats(sent=2, failed=1)},
    )
    assert summary(report) == (
        "polled 3 feeds (1 failed, 1 backing off): 5 new items, 3 new events; "
        "sent 6, retrying 1, failed 1"
    )
