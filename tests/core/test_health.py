"""Feed health, pure: which feeds are failing or quiet, which to report today, the next poll, and
how /feeds and `blockwatch feeds` show them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.core.health import FeedHealth, FeedView, due_reports, next_poll, problem_of
from bot.core.models import FeedSpec, FeedState
from bot.core.registry import FeedStatus, RegisteredFeed
from bot.feeds.view import FEEDS_PER_PAGE, ago, feed_line, feed_pages, problems_message
from tests.support.manualclock import NOW

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
SPEC = FeedSpec("Feed <A>", "https://a.example/rss", "en", interval=timedelta(minutes=30))


def view(
    *,
    added: timedelta = 30 * DAY,
    status: FeedStatus = "active",
    last_success: timedelta | None = None,
    failures: int = 0,
    newest_item: timedelta | None = HOUR,
    reported: timedelta | None = None,
    retry_in: timedelta | None = None,
    feed_id: int = 1,
    spec: FeedSpec = SPEC,
) -> FeedView:
    """A feed added `added` ago; the other times are also how long ago (retry_in: ahead)."""
    feed = RegisteredFeed(
        feed_id,
        spec,
        status,
        "seed",
        False,
        NOW - added,
        NOW - added,
        NOW - reported if reported is not None else None,
    )
    state = FeedState(
        spec.url,
        failures=failures,
        last_error="HTTP 404 Not Found" if failures else None,
        last_success=NOW - last_success if last_success else None,
        retry_at=NOW + retry_in if retry_in else None,
    )
    return FeedView(
        feed, FeedHealth(state, 12, 3, NOW - newest_item if newest_item is not None else None)
    )


# (case, view, problem kind or None)
PROBLEMS = [
    ("healthy", view(last_success=HOUR), None),
    ("failing for a day", view(last_success=DAY, failures=5), "failing"),
    ("failing for 23 hours", view(last_success=23 * HOUR, failures=5), None),
    (
        "one failure after a long stop is not yet failing",
        view(last_success=3 * DAY, failures=1),
        None,
    ),
    (
        "never succeeded since added two days ago",
        view(added=2 * DAY, failures=4, newest_item=None),
        "failing",
    ),
    (
        "resumed an hour ago: the paused days do not count",
        view(added=HOUR, failures=3, last_success=9 * DAY),
        None,
    ),
    ("no new item for a week", view(last_success=HOUR, newest_item=7 * DAY), "quiet"),
    ("no new item for six days", view(last_success=HOUR, newest_item=6 * DAY), None),
    (
        "never brought an item, added 8 days ago",
        view(added=8 * DAY, last_success=HOUR, newest_item=None),
        "quiet",
    ),
    (
        "failing wins over quiet",
        view(last_success=2 * DAY, failures=6, newest_item=9 * DAY),
        "failing",
    ),
    (
        "paused feeds are never a problem",
        view(status="paused", failures=9, last_success=9 * DAY),
        None,
    ),
]


@pytest.mark.parametrize(("case", "feed", "kind"), PROBLEMS, ids=[row[0] for row in PROBLEMS])
def test_problem_of(case: str, feed: FeedView, kind: str | None) -> None:
    problem = problem_of(feed, NOW)
    assert (problem.kind if problem else None) == kind, case


def test_failing_since_is_the_last_success() -> None:
    problem = problem_of(view(last_success=30 * HOUR, failures=5), NOW)
    assert problem is not None
    assert (problem.since, problem.reason) == (NOW - 30 * HOUR, "HTTP 404 Not Found")


@pytest.mark.parametrize(
    ("reported", "due"),
    [
        (None, True),
        (2 * DAY, True),
        (DAY, True),
        (23 * HOUR, False),
        (HOUR, False),
    ],
)
def test_a_problem_is_reported_once_a_day(reported: timedelta | None, due: bool) -> None:
    failing = view(last_success=2 * DAY, failures=5, reported=reported)
    assert bool(due_reports([failing], NOW)) is due


def test_only_problem_feeds_are_due() -> None:
    feeds = [
        view(feed_id=1, last_success=HOUR),
        view(feed_id=2, last_success=2 * DAY, failures=3),
        view(feed_id=3, last_success=HOUR, newest_item=8 * DAY),
    ]
    assert [(p.feed.id, p.kind) for p in due_reports(feeds, NOW)] == [(2, "failing"), (3, "quiet")]


@pytest.mark.parametrize(
    ("feed", "scheduled", "expected"),
    [
        (view(last_success=10 * timedelta(minutes=1)), None, NOW + timedelta(minutes=20)),
        (view(last_success=HOUR), NOW + timedelta(minutes=7), NOW + timedelta(minutes=7)),
        (view(failures=2, retry_in=3 * HOUR), NOW + timedelta(minutes=7), NOW + 3 * HOUR),
        (view(), None, None),  # never polled, no scheduler: soon
        (view(status="paused", last_success=HOUR), NOW, None),
    ],
)
def test_next_poll(feed: FeedView, scheduled: datetime | None, expected: datetime | None) -> None:
    assert next_poll(feed, scheduled) == expected


@pytest.mark.parametrize(
    ("delta", "said"),
    [
        (timedelta(seconds=20), "<1 min"),
        (timedelta(minutes=7), "7 min"),
        (timedelta(minutes=119), "119 min"),
        (3 * HOUR, "3 h"),
        (47 * HOUR, "47 h"),
        (3 * DAY, "3 d"),
    ],
)
def test_ago(delta: timedelta, said: str) -> None:
    assert ago(delta) == said


def test_feed_pages_stay_under_telegrams_limits() -> None:
    long_name = FeedSpec("N" * 300, "https://a.example/" + "p" * 400, "en")
    views = [
        view(feed_id=i, spec=long_name, failures=3, last_success=2 * DAY) for i in range(1, 48)
    ]
    pages = feed_pages(views, NOW, lambda url: None)
    assert all(len(page.text) < 4096 for page in pages)
    assert all(0 < len(page.views) <= FEEDS_PER_PAGE for page in pages)
    assert [v.feed.id for page in pages for v in page.views] == list(range(1, 48))
    assert pages[-1].text.startswith(f"<b>Feeds</b>: 47 active, 0 paused ({len(pages)}/")


def test_feed_page_shows_health_escaped() -> None:
    [page] = feed_pages(
        [view(last_success=2 * DAY, failures=3, retry_in=HOUR), view(feed_id=2, status="paused")],
        NOW,
        lambda url: NOW + timedelta(minutes=5),
    )
    assert "Feed &lt;A&gt;" in page.text and "<A>" not in page.text
    assert "⚠️ <b>1.</b>" in page.text and "⏸ <b>2.</b>" in page.text
    assert (
        "last ok 2 d ago; 12 items, 3 events; next poll in 60 min; failed 3x: HTTP 404" in page.text
    )
    assert "paused" in page.text.split("⏸")[1]
    assert "No feeds yet" in feed_pages([], NOW, lambda url: None)[0].text


def test_feed_line_is_tab_separated() -> None:
    line = feed_line(view(last_success=HOUR), NOW)
    assert line.split("\t") == [
        "Feed <A>",
        "en",
        "-",
        "30 min",
        "active",
        "last ok 60 min ago; 12 items, 3 events; next poll soon",
        "https://a.example/rss",
    ]


def test_problems_message() -> None:
    problems = due_reports(
        [
            view(last_success=2 * DAY, failures=5),
            view(feed_id=2, newest_item=8 * DAY, last_success=HOUR),
        ],
        NOW,
    )
    text = problems_message(problems, NOW)
    assert "#1 Feed &lt;A&gt; has failed for 2 d: HTTP 404 Not Found" in text
    assert "#2 Feed &lt;A&gt; brought no new item for 8 d" in text
