"""The registry's pure decisions: what feeds.toml changes, and how the feed jobs must change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.models import FeedSpec
from bot.core.registry import (
    FeedOrigin,
    FeedStatus,
    JobPlan,
    RegisteredFeed,
    active_specs,
    feed_key,
    plan_jobs,
    plan_seed,
)

T0 = datetime(2026, 11, 20, tzinfo=UTC)
A = FeedSpec("A", "https://a.example/rss", "en")
B = FeedSpec("B", "https://b.example/rss", "ru", "TM", timedelta(minutes=15))


def registered(
    spec: FeedSpec,
    feed_id: int = 1,
    *,
    status: FeedStatus = "active",
    origin: FeedOrigin = "seed",
    edited: bool = False,
) -> RegisteredFeed:
    return RegisteredFeed(feed_id, spec, status, origin, edited, T0, T0)


@pytest.mark.parametrize(
    ("spelling", "same"),
    [
        ("http://a.example/rss", True),
        ("https://www.a.example/rss/", True),
        ("https://a.example/rss?utm_source=x", True),
        ("https://a.example/atom", False),
        ("not a url", False),
    ],
)
def test_feed_key_ignores_spelling_only(spelling: str, same: bool) -> None:
    assert (feed_key(spelling) == feed_key(A.url)) is same


# (case, registry, feeds.toml, feeds added, (id, spec) updated)
B_EVERY_5 = replace(B, interval=timedelta(minutes=5))
SEEDS = [
    ("first start adds everything", [], [A, B], [A, B], []),
    ("a new entry in the file is added", [registered(A)], [A, B], [B], []),
    ("unchanged file changes nothing", [registered(A), registered(B, 2)], [A, B], [], []),
    (
        "a seeded feed nobody edited follows the file",
        [registered(B, 2)],
        [B_EVERY_5],
        [],
        [(2, B_EVERY_5)],
    ),
    (
        "an edited feed keeps the moderator's settings",
        [registered(B, 2, edited=True)],
        [B_EVERY_5],
        [],
        [],
    ),
    ("a removed feed stays removed", [registered(A, status="removed", edited=True)], [A], [], []),
    ("a paused feed stays paused", [registered(A, status="paused", edited=True)], [A], [], []),
    (
        "a moderator's feed is not the file's",
        [registered(B, 2, origin="moderator")],
        [B_EVERY_5],
        [],
        [],
    ),
    (
        "another spelling is the same feed, kept under the stored URL",
        [registered(A)],
        [replace(A, url="http://www.a.example/rss/", name="A2")],
        [],
        [(1, replace(A, name="A2"))],
    ),
    ("a feed the file dropped stays registered", [registered(A), registered(B, 2)], [A], [], []),
]


@pytest.mark.parametrize(
    ("case", "registry", "seed", "added", "updated"), SEEDS, ids=[row[0] for row in SEEDS]
)
def test_plan_seed(
    case: str,
    registry: list[RegisteredFeed],
    seed: list[FeedSpec],
    added: list[FeedSpec],
    updated: list[tuple[int, FeedSpec]],
) -> None:
    plan = plan_seed(registry, seed)
    assert (list(plan.add), list(plan.update)) == (added, updated), case


def test_plan_jobs_adds_removes_and_changes() -> None:
    c = FeedSpec("C", "https://c.example/rss", "en")
    plan = plan_jobs({A.url: A, B.url: B}, [B_EVERY_5, c])
    assert plan == JobPlan(add=(c,), remove=(A.url,), change=(B_EVERY_5,))
    assert plan
    assert not plan_jobs({A.url: A}, [A])


def test_active_specs_leave_out_paused_and_removed() -> None:
    c = FeedSpec("C", "https://c.example/rss", "en")
    feeds = [registered(A), registered(B, 2, status="paused"), registered(c, 3, status="removed")]
    assert active_specs(feeds) == [A]
