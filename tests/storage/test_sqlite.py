"""SQLiteStorage against a real SQLite file: migrations, entries, events, subscribers, outbox."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from bot.core.errors import StorageError
from bot.core.models import Alert, Entry, Evidence, FeedState, Preferences
from bot.core.records import NewEntry, Placement
from storage.migrate import available_migrations
from storage.sqlite import SQLiteStorage
from storage.store import Store
from tests.storage.conftest import AFTER_CLAIMS, count_rows
from tests.support.manualclock import NOW

TM_BLOCK = Alert("TM", "imo", "block", Evidence("IMO was blocked.", ("Turkmenistan",)))


def entry(key: str, *, feed: str = "https://a.example/feed", url_key: str | None = None) -> Entry:
    return Entry(
        feed_url=feed,
        key=key,
        title=f"title {key}",
        summary="summary",
        url_key=url_key,
        link=f"https://a.example/{key}",
        published=NOW,
        source="A",
    )


async def test_fresh_database_is_at_newest_schema_version(tmp_path: Path) -> None:
    storage = await SQLiteStorage.open(tmp_path / "v.db")
    await storage.close()
    with sqlite3.connect(tmp_path / "v.db") as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == available_migrations()[-1].version


async def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "new.db") as conn:
        conn.execute("PRAGMA user_version = 999")
    with pytest.raises(StorageError, match="newer"):
        await SQLiteStorage.open(tmp_path / "new.db")


async def test_feed_state_round_trips(store: Store) -> None:
    assert await store.feed_state("https://a.example/feed") is None
    state = FeedState(
        "https://a.example/feed",
        etag='W/"x"',
        last_modified="Mon, 23 Nov 2026 09:00:00 GMT",
        redirect_url="https://b.example/feed",
        failures=2,
        retry_at=NOW,
        last_error="HTTP 500",
    )
    await store.save_feed_state(state)
    assert await store.feed_state(state.url) == state


async def test_entry_is_seen_by_feed_key_or_by_normalised_url(store: Store) -> None:
    await store.record_entries([NewEntry(entry("1", url_key="a.example/story"))], now=NOW)
    other_feed = entry("9", feed="https://b.example/rss", url_key="a.example/story")
    fresh = entry("2", url_key="a.example/other")
    assert await store.unseen_entries([entry("1"), other_feed, fresh]) == [fresh]


async def test_new_event_queues_one_delivery_per_active_subscriber(store: Store) -> None:
    tg = await store.subscribe("telegram", "1001", ["TM"])
    await store.subscribe("email", "a@example.org", ["tm", "RU"])
    await store.subscribe("email", "ru-only@example.org", ["RU"])
    inactive = await store.subscribe("telegram", "1002", ["TM"])
    await store.set_active(inactive.id, False)

    placements = [Placement(TM_BLOCK, None)]
    recorded = await store.record_entries([NewEntry(entry("1"), tuple(placements))], now=NOW)

    assert recorded.deliveries == 2
    (event,) = recorded.new_events
    assert (event.country, event.service, event.action) == ("TM", "imo", "block")
    assert event.source_count == 1
    due = await store.due_deliveries("telegram", NOW, 10)
    assert [(d.subscriber.id, d.event_id) for d in due] == [(tg.id, event.id)]
    assert len(await store.due_deliveries("email", NOW, 10)) == 1


async def test_second_report_merges_into_event_without_queueing(store: Store) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    first = await store.record_entries(
        [NewEntry(entry("1"), (Placement(TM_BLOCK, None),))], now=NOW
    )
    event_id = first.new_events[0].id
    later = NOW + timedelta(hours=5)
    second = await store.record_entries(
        [NewEntry(entry("2", feed="https://b.example/rss"), (Placement(TM_BLOCK, event_id),))],
        now=later,
    )
    assert second.deliveries == 0
    assert second.new_events == ()
    assert second.merged_ids == (event_id,)
    report = await store.event_report(event_id)
    assert [s.title for s in report.sources] == ["title 1", "title 2"]
    since = NOW - timedelta(days=1)
    (merged,) = await store.open_events([("TM", "imo", "block", "full")], since)
    assert (merged.id, merged.source_count) == (event_id, 2)


async def test_outbox_states(store: Store) -> None:
    await store.subscribe("telegram", "1001", ["TM"])
    await store.subscribe("telegram", "1003", ["TM"])
    await store.record_entries([NewEntry(entry("1"), (Placement(TM_BLOCK, None),))], now=NOW)
    first, second = await store.due_deliveries("telegram", NOW, 10)
    await store.mark_delivered(first.subscriber.id, [first.id], NOW)
    await store.mark_retry(second.id, "429", NOW + timedelta(seconds=30))
    assert await store.due_deliveries("telegram", NOW, 10) == []
    (retried,) = await store.due_deliveries("telegram", NOW + timedelta(seconds=30), 10)
    assert (retried.id, retried.attempts) == (second.id, 1)
    await store.mark_failed(second.id, "403")
    assert await store.due_deliveries("telegram", NOW + timedelta(days=1), 10) == []


async def test_unsubscribe_from_last_country_forgets_the_subscriber(store: Store) -> None:
    await store.subscribe("email", "a@example.org", ["TM", "RU"])
    left = await store.unsubscribe("email", "a@example.org", ["tm"])
    assert left is not None and left.countries == {"RU"}
    assert await store.unsubscribe("email", "a@example.org", ["RU"]) is None
    assert await store.subscriber("email", "a@example.org") is None
    assert await store.subscribers() == []


async def test_a_crash_inside_record_entries_keeps_nothing(store: Store) -> None:
    bad = Placement(Alert("TM", "imo", "block"), event_id=424242)  # no such event: FK fails
    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
        await store.record_entries([NewEntry(entry("1"), (bad,))], now=NOW)
    assert await store.unseen_entries([entry("1")]) == [entry("1")]


async def test_preferences_round_trip(store: Store) -> None:
    found = await store.subscribe("telegram", "1001", ["TM"])
    assert found.prefs == Preferences()
    prefs = Preferences(
        services=frozenset({"imo", "whatsapp"}),
        actions=frozenset({"block", "unblock"}),
        frequency="weekly",
        digest_hour=19,
        digest_weekday=4,
        timezone="Asia/Ashgabat",
        quiet_hours=(23, 7),
        topic_id=42,
        paused=True,
    )
    assert (await store.set_preferences(found.id, prefs)).prefs == prefs


async def test_only_subscribers_who_want_it_get_queued(store: Store) -> None:
    everything = await store.subscribe("telegram", "1", ["TM"])
    whatsapp_only = await store.subscribe("telegram", "2", ["TM"])
    await store.set_preferences(whatsapp_only.id, Preferences(services=frozenset({"whatsapp"})))
    unblocks_only = await store.subscribe("telegram", "3", ["TM"])
    await store.set_preferences(unblocks_only.id, Preferences(actions=frozenset({"unblock"})))
    paused = await store.subscribe("telegram", "4", ["TM"])
    await store.set_preferences(paused.id, Preferences(paused=True))
    await store.subscribe("email", "new@example.org", ["TM"], confirmed=False)

    recorded = await store.record_entries(
        [NewEntry(entry("1"), (Placement(TM_BLOCK, None),))], now=NOW
    )

    assert recorded.deliveries == 1
    due = await store.due_deliveries("telegram", NOW, 10)
    assert [d.subscriber.id for d in due] == [everything.id]
    assert await store.due_deliveries("email", NOW, 10) == []


async def test_digest_subscribers_are_due_at_their_digest_time(store: Store) -> None:
    daily = await store.subscribe("email", "daily@example.org", ["TM"])
    await store.set_preferences(daily.id, Preferences(frequency="daily", digest_hour=8))
    await store.record_entries([NewEntry(entry("1"), (Placement(TM_BLOCK, None),))], now=NOW)
    assert await store.due_deliveries("email", NOW, 10) == []
    tomorrow_8 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    assert len(await store.due_deliveries("email", tomorrow_8, 10)) == 1


async def test_confirmation_by_token(store: Store) -> None:
    pending = await store.subscribe("email", "new@example.org", ["TM"], confirmed=False)
    assert not pending.confirmed
    await store.set_token(pending.id, "tok-123")
    found = await store.subscriber_by_token("tok-123")
    assert found is not None and found.id == pending.id
    await store.confirm(pending.id)
    assert (await store.subscriber("email", "new@example.org")).confirmed  # type: ignore[union-attr]
    # Subscribing again by the operator never un-confirms.
    again = await store.subscribe("email", "new@example.org", ["RU"], confirmed=False)
    assert again.confirmed and again.countries == {"TM", "RU"}


async def test_forget_deletes_every_trace(store: Store) -> None:
    found = await store.subscribe("telegram", "1001", ["TM", "RU"])
    await store.record_entries([NewEntry(entry("1"), (Placement(TM_BLOCK, None),))], now=NOW)
    await store.forget(found.id)
    for table in ("subscribers", "subscriptions", "outbox"):
        assert await count_rows(store, table) == 0, table


async def test_phases_of_an_event_are_separate_events(store: Store) -> None:
    calls = Alert("RU", "whatsapp", "block", scope="partial")
    full = Alert("RU", "whatsapp", "block")
    first = await store.record_entries([NewEntry(entry("1"), (Placement(calls, None),))], now=NOW)
    assert first.new_events[0].scope == "partial"
    window = NOW - timedelta(days=7)
    assert await store.open_events([full.key], window) == []
    assert len(await store.open_events([calls.key], window)) == 1


async def test_a_batch_takes_whole_subscribers_so_a_digest_is_never_cut(
    store: Store,
) -> None:
    first = await store.subscribe("email", "first@example.org", ["TM"])
    second = await store.subscribe("email", "second@example.org", ["TM"])
    for n in range(3):
        alert = Alert("TM", f"service{n}", "block")
        await store.record_entries([NewEntry(entry(str(n)), (Placement(alert, None),))], now=NOW)

    batch = await store.due_deliveries("email", NOW, 1)  # room for one subscriber

    assert [d.subscriber.id for d in batch] == [first.id] * 3
    rest = await store.due_deliveries("email", AFTER_CLAIMS, 10)
    assert [d.subscriber.id for d in rest] == [first.id, second.id] * 3
