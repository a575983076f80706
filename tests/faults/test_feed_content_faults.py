"""Issue 12, item 9 (the feeds' part) and "Bounded storage": what a feed sends is capped, dated
sanely, stripped of control characters, and not kept forever, and pruning never makes an old
item new again (no alert is sent twice). Real pipeline, feed server on loopback, real SQLite.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import open_app
from bot.cli.main import main
from bot.config import Settings
from bot.core.models import Alert, Entry, FeedSpec, FeedState
from bot.core.records import NewEntry, Placement
from bot.detect import Detector
from bot.feeds.fetch import Fetcher, FetchLimits
from bot.feeds.parse import parse_entries
from bot.feeds.preview import preview_feed
from bot.feeds.retention import prune_entries
from bot.pipeline import Pipeline
from bot.service.run import run_cycle
from storage.entries import SUMMARY_CAP, TITLE_CAP
from storage.sqlite import SQLiteStorage
from tests.support.feedserver import FeedServer
from tests.support.loopback import LOOPBACK
from tests.support.manualclock import ManualClock

T0 = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
RETENTION = timedelta(days=180)
# C0 and C1 controls (tab and newline aside: the CLI separates with them), bidi overrides.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BLOCK = (
    "Turkmenistan blocks IMO messenger",
    "Authorities in Turkmenistan have blocked the IMO messenger.",
)


def item(guid: str, title: str, summary: str = "", date: str | None = None) -> str:
    when = f"<pubDate>{date}</pubDate>" if date else ""
    return (
        f"<item><guid isPermaLink='false'>{guid}</guid><title>{title}</title>"
        f"<description>{summary}</description>{when}</item>"
    )


def feed(*items: str, title: str = "News") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example/</link>{''.join(items)}"
        "</channel></rss>"
    )


def rfc822(moment: datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


UNDATED_BLOCK = item("u", *BLOCK)  # undated: fresh whenever it is first seen
OLD_NEWS = item("d", "Cotton harvest begins", "It began.", rfc822(T0 - timedelta(hours=1)))


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.load()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.open(FetchLimits(total_timeout=5), allowed=LOOPBACK) as opened:
        yield opened


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
async def pipeline(
    store: SQLiteStorage, fetcher: Fetcher, detector: Detector, clock: ManualClock
) -> Pipeline:
    await store.subscribe("telegram", "1001", ["TM"])
    return Pipeline(store, fetcher, detector, [], clock)


def query(tmp_path: Path, sql: str) -> list[Any]:  # rows: tuples of what SQLite holds
    with sqlite3.connect(tmp_path / "blockwatch.db") as conn:  # the `store` fixture's file
        return conn.execute(sql).fetchall()


def keys(tmp_path: Path) -> list[object]:
    return [key for (key,) in query(tmp_path, "SELECT entry_key FROM entries ORDER BY id")]


async def deliver_all(store: SQLiteStorage, now: datetime) -> int:
    """What a channel would do: mark every due row sent; how many there were."""
    due = await store.due_deliveries("telegram", now, 100)
    for delivery in due:
        await store.mark_delivered(delivery.subscriber.id, [delivery.id], now)
    return len(due)


# --- caps ------------------------------------------------------------------------------------


async def test_titles_and_summaries_are_capped_at_a_word_boundary(
    feed_server: FeedServer, pipeline: Pipeline, tmp_path: Path
) -> None:
    title = BLOCK[0] + " and" + " words" * 100_000  # 600 KB of title
    summary = BLOCK[1] + " More text follows." * 100_000  # 1.9 MB of summary
    url = feed_server.feed("/big.xml", feed(item("big", title, summary)))
    outcome = await pipeline.poll_feed(FeedSpec("Big", url, "en", "TM"))
    assert (outcome.status, len(outcome.new_events)) == ("new", 1)  # read whole, then capped
    [(stored_title, stored_summary)] = query(tmp_path, "SELECT title, summary FROM entries")
    assert isinstance(stored_title, str) and isinstance(stored_summary, str)
    assert len(stored_title) <= TITLE_CAP and stored_title.endswith(" words…")
    assert len(stored_summary) <= SUMMARY_CAP and stored_summary.endswith(" follows.…")
    assert len(stored_summary) > SUMMARY_CAP - 30  # cut near the cap, not far before it


# --- dates -----------------------------------------------------------------------------------


async def test_dates_more_than_a_day_ahead_are_taken_as_first_seen(
    feed_server: FeedServer, pipeline: Pipeline, store: SQLiteStorage, tmp_path: Path
) -> None:
    url = feed_server.feed(
        "/future.xml",
        feed(
            item("far", *BLOCK, "Fri, 31 Dec 9999 23:59:59 GMT"),
            item("days", "Weather", "Sunny.", rfc822(T0 + timedelta(days=3))),
            item("hours", "Markets", "Calm.", rfc822(T0 + timedelta(hours=20))),
        ),
    )
    outcome = await pipeline.poll_feed(FeedSpec("Future", url, "en", "TM"))
    assert outcome.new_entries == 3
    stored = dict(query(tmp_path, "SELECT entry_key, published FROM entries"))
    assert stored == {
        "far": T0.isoformat(),
        "days": T0.isoformat(),
        "hours": (T0 + timedelta(hours=20)).isoformat(),
    }  # a time zone's worth
    [event] = outcome.new_events
    assert event.first_seen == event.last_seen == T0  # pushed as news of now, not of 9999
    assert await deliver_all(store, T0) == 1


def test_parse_takes_the_clock_as_a_parameter() -> None:
    from bot.core.models import FetchResult

    body = feed(item("far", "x", "y", "Fri, 31 Dec 9999 23:59:59 GMT")).encode()
    result = FetchResult(
        "https://a.example/rss",
        "https://a.example/rss",
        200,
        body,
        {"content-type": "application/rss+xml"},
    )
    spec = FeedSpec("A", result.url, "en")
    [entry] = parse_entries(result, spec, now=T0)
    assert entry.published == T0
    [entry] = parse_entries(result, spec, now=datetime(9999, 12, 31, tzinfo=UTC))
    assert entry.published == datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


# --- control characters ----------------------------------------------------------------------

EVIL = "\x1b]0;owned\x07\x1b[2J\x1b[31mEvil\x07\x9b0m \u202eswen\u202c Daily\u2066\x00"


async def test_control_characters_never_reach_logs_or_the_terminal(
    feed_server: FeedServer,
    fetcher: Fetcher,
    detector: Detector,
    store: SQLiteStorage,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = feed_server.feed(
        "/evil.xml", feed(item("e", f"{EVIL} {BLOCK[0]}", f"{BLOCK[1]}\x1b[0m\u202e"), title=EVIL)
    )
    # /addfeed: the feed's own title becomes the name it would be saved under.
    preview = await preview_feed(fetcher, detector, url)
    assert not CONTROL.search(preview.spec.name) and "Evil" in preview.spec.name
    # A name saved before names were cleaned comes back clean to every reader.
    await store.register_feed(FeedSpec(EVIL, url, "en", "TM"), "moderator", T0, actor_id=0)
    [registered] = await store.registered_feeds()
    assert registered.spec.name == "]0;owned[2J[31mEvil0m swen Daily"
    with caplog.at_level(logging.DEBUG):
        outcome = await Pipeline(store, fetcher, detector, [], ManualClock(T0)).poll_feed(
            registered.spec
        )
    assert outcome.new_entries == 1
    assert caplog.records and not any(CONTROL.search(r.getMessage()) for r in caplog.records)
    [(title, summary)] = query(tmp_path, "SELECT title, summary FROM entries")
    assert not CONTROL.search(f"{title}{summary}") and BLOCK[0] in str(title)


def test_blockwatch_feeds_prints_no_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def register() -> None:
        store = await SQLiteStorage.open(tmp_path / "blockwatch.db")
        spec = FeedSpec(EVIL, "https://evil.example/\u202ecod.rss", "en", "TM")
        await store.register_feed(spec, "moderator", T0, actor_id=0)
        await store.save_feed_state(FeedState(spec.url, failures=2, last_error=f"{EVIL}\n"))
        await store.close()

    asyncio.run(register())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BLOCKWATCH_DB", str(tmp_path / "blockwatch.db"))
    monkeypatch.setenv("BLOCKWATCH_FEEDS", str(tmp_path / "none.toml"))
    assert main(["feeds"]) == 0
    out = capsys.readouterr().out
    assert "Evil" in out and not CONTROL.search(out) and out.count("\n") == 1


# --- retention ---------------------------------------------------------------------------------


async def test_pruning_never_makes_an_item_still_in_its_feed_new_again(
    feed_server: FeedServer,
    pipeline: Pipeline,
    store: SQLiteStorage,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    spec = FeedSpec(
        "Slow", feed_server.feed("/slow.xml", feed(UNDATED_BLOCK, OLD_NEWS)), "en", "TM"
    )
    assert (await pipeline.poll_feed(spec)).new_entries == 2
    assert await deliver_all(store, T0) == 1  # the undated block: one alert, sent

    # Half a year later the feed still serves the same body (304s): nothing of it goes.
    clock.now = T0 + 200 * DAY
    assert (await pipeline.poll_feed(spec)).status == "not-modified"
    assert await prune_entries(store, clock, RETENTION) == 0
    assert await prune_entries(store, clock, RETENTION) is None  # once a day
    # It changes: the old news leaves, the undated block stays (seen again today).
    feed_server.feed("/slow.xml", feed(UNDATED_BLOCK, item("n", "Weather", "Sunny.")))
    assert (await pipeline.poll_feed(spec)).new_entries == 1
    clock.now += DAY
    assert await prune_entries(store, clock, RETENTION) == 1
    assert keys(tmp_path) == ["u", "n"]
    # The old news comes back: stored again, but old news wakes nobody; the block is not new.
    feed_server.feed("/slow.xml", feed(UNDATED_BLOCK, item("n", "Weather", "Sunny."), OLD_NEWS))
    assert (await pipeline.poll_feed(spec)).new_entries == 1
    # Another half year of 304s: what the feed still shows is still kept.
    clock.now += 200 * DAY
    assert (await pipeline.poll_feed(spec)).status == "not-modified"
    assert await prune_entries(store, clock, RETENTION) == 0
    feed_server.feed("/slow.xml", feed(UNDATED_BLOCK, item("x", "Rain", "Wet.")))
    assert (await pipeline.poll_feed(spec)).new_entries == 1
    assert await deliver_all(store, clock.now) == 0
    assert query(tmp_path, "SELECT count(*) FROM outbox") == [(1,)]  # one alert, ever


async def test_a_story_another_feed_still_carries_is_kept(
    feed_server: FeedServer,
    pipeline: Pipeline,
    store: SQLiteStorage,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    shared = item("s", *BLOCK).replace("</title>", "</title><link>https://news.example/s</link>")
    first = FeedSpec("First", feed_server.feed("/1.xml", feed(shared)), "en", "TM")
    second = FeedSpec("Second", feed_server.feed("/2.xml", feed(shared)), "en", "TM")
    assert [(await pipeline.poll_feed(f)).new_entries for f in (first, second)] == [1, 0]
    assert await deliver_all(store, T0) == 1
    feed_server.feed("/1.xml", feed(item("n", "Weather", "Sunny.")))  # the first moves on
    for day in (100, 200, 300):
        clock.now = T0 + day * DAY
        feed_server.feed("/2.xml", feed(shared, item(f"x{day}", "Rain", "Wet.")))
        await pipeline.poll_all([first, second])
        await prune_entries(store, clock, RETENTION)
    assert "s" in keys(tmp_path)
    assert await deliver_all(store, clock.now) == 0
    assert query(tmp_path, "SELECT count(*) FROM outbox") == [(1,)]


async def test_entries_events_still_need_are_kept(
    feed_server: FeedServer,
    pipeline: Pipeline,
    store: SQLiteStorage,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    dated = item("a", *BLOCK, rfc822(T0 - timedelta(hours=1)))
    spec = FeedSpec("A", feed_server.feed("/a.xml", feed(dated)), "en", "TM")
    await pipeline.poll_feed(spec)
    clock.now = T0 + DAY
    feed_server.feed("/a.xml", feed(item("n", "Weather", "Sunny.")))
    await pipeline.poll_feed(spec)
    # An open event (last seen within the event window): its entries stay.
    other = Entry("https://b.example/rss", "b1", "b", "b", published=T0 + 199 * DAY)
    await store.record_entries(
        [NewEntry(other, (Placement(Alert("UZ", "imo", "block"), None),), notify=False)], now=T0
    )
    await store.record_entries(
        [NewEntry(Entry(other.feed_url, "b2", "c", "c"), notify=False)], now=T0 + DAY
    )
    clock.now = T0 + 200 * DAY
    assert await prune_entries(store, clock, RETENTION) == 0  # "a": its alert is still owed
    assert await deliver_all(store, clock.now) == 1
    clock.now += DAY
    assert await prune_entries(store, clock, RETENTION) == 1  # "a", now sent
    clock.now += 7 * DAY
    assert await prune_entries(store, clock, RETENTION) == 1  # "b1": its event has closed
    assert keys(tmp_path) == ["n", "b2"]
    assert query(tmp_path, "SELECT count(*) FROM events") == [(2,)]  # events stay
    assert query(tmp_path, "SELECT count(*) FROM event_sources") == [(0,)]


async def test_run_once_prunes_with_the_configured_retention(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.feed("/a.xml", feed(OLD_NEWS))
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feed]]\nname = "A"\nurl = "{url}"\nlanguage = "en"\n')
    settings = Settings(
        db_path=tmp_path / "blockwatch.db",
        feeds_path=feeds,
        allow_hosts=LOOPBACK,
        retention_days=30,
    )
    clock = ManualClock(T0)
    async with open_app(settings, clock=clock) as app:
        await run_cycle(app)
        feed_server.feed("/a.xml", feed(item("n", "Weather", "Sunny.")))
        clock.now = T0 + 31 * DAY
        await run_cycle(app)
    assert keys(tmp_path) == ["n"]
    assert query(tmp_path, "SELECT task, done_on FROM housekeeping") == [
        ("prune-entries", (T0 + 31 * DAY).date().isoformat())
    ]
