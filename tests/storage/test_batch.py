"""A feed's new entries stored at once: what is new, provisional events, queueing in SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

import storage.outbox
from bot.core.errors import StorageError
from bot.core.models import Action, Alert, Entry, Preferences
from bot.core.records import NewEntry, Placement
from bot.core.schedule import send_at
from storage.store import Store
from tests.storage.conftest import AFTER_CLAIMS, connection
from tests.support.manualclock import NOW

FEED = "https://a.example/feed"
IMO_BLOCK = Alert("TM", "imo", "block")


def entry(key: str, *, feed: str = FEED, url_key: str | None = None) -> Entry:
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


async def outbox_rows(store: Store) -> dict[int, str]:
    """subscriber id → when the row is due."""
    rows = await connection(store).execute_fetchall(
        "SELECT subscriber_id, next_attempt_at FROM outbox"
    )
    return {int(subscriber): due for subscriber, due in rows}


async def test_unseen_skips_stored_entries_and_repeats_within_the_batch(
    store: Store,
) -> None:
    await store.record_entries([NewEntry(entry("old", url_key="a.example/old"))], now=NOW)
    candidates = [
        entry("old"),  # same feed + key
        entry("moved", feed="https://b.example/feed", url_key="a.example/old"),  # same story
        entry("new", url_key="a.example/new"),
        entry("new"),  # the feed repeats an item
        entry("copy", url_key="a.example/new"),  # two items, one story
        entry("plain"),
    ]
    assert [e.key for e in await store.unseen_entries(candidates)] == ["new", "plain"]


async def test_unseen_handles_more_entries_than_one_query_takes(store: Store) -> None:
    many = [entry(f"e{n}", url_key=f"a.example/{n}") for n in range(1200)]
    await store.record_entries([NewEntry(e) for e in many[::2]], now=NOW)
    assert [e.key for e in await store.unseen_entries(many)] == [e.key for e in many[1::2]]


async def test_a_batch_resolves_provisional_events_in_order(store: Store) -> None:
    """Entry 1 opens two events, entry 3 joins the second one (-2) and the first (-1)."""
    unblock = Alert("TM", "imo", "unblock")
    stored = await store.record_entries(
        [
            NewEntry(entry("1"), (Placement(IMO_BLOCK, None), Placement(unblock, None))),
            NewEntry(entry("2")),
            NewEntry(entry("3"), (Placement(unblock, -2), Placement(IMO_BLOCK, -1))),
        ],
        now=NOW,
    )
    assert stored.entries == 3
    assert [(e.action, e.source_count) for e in stored.new_events] == [
        ("block", 2),
        ("unblock", 2),
    ]
    assert stored.merged_ids == ()


async def test_a_provisional_id_not_opened_before_rolls_the_batch_back(
    store: Store,
) -> None:
    with pytest.raises(StorageError, match="provisional"):
        await store.record_entries(
            [
                NewEntry(entry("1")),
                NewEntry(entry("2"), (Placement(IMO_BLOCK, -1),)),
            ],
            now=NOW,
        )
    assert len(await store.unseen_entries([entry("1"), entry("2")])) == 2


async def test_a_batch_merges_into_stored_events(store: Store) -> None:
    first = await store.record_entries(
        [NewEntry(entry("1"), (Placement(IMO_BLOCK, None),))], now=NOW
    )
    event_id = first.new_events[0].id
    stored = await store.record_entries(
        [
            NewEntry(entry("2"), (Placement(IMO_BLOCK, event_id),)),
            NewEntry(entry("3"), (Placement(IMO_BLOCK, event_id),)),
        ],
        now=NOW,
    )
    assert stored.new_events == ()
    assert stored.merged_ids == (event_id,)
    assert len((await store.event_report(event_id)).sources) == 3


WANTS_CASES: list[tuple[frozenset[str] | None, frozenset[Action]]] = [
    (None, frozenset({"block", "throttle", "unblock"})),
    (frozenset({"imo"}), frozenset({"block"})),
    (frozenset({"imo", "telegram"}), frozenset({"unblock"})),
    (frozenset({"telegram"}), frozenset({"block", "throttle"})),
    (frozenset({"imosomething"}), frozenset({"block"})),  # a prefix is not the service
    (frozenset(), frozenset({"block"})),  # chose no service at all
    (None, frozenset()),  # chose no kind of news at all
]


@pytest.mark.parametrize(
    "alert",
    [
        IMO_BLOCK,
        Alert("TM", "imo", "unblock"),
        Alert("TM", "telegram", "throttle"),
        Alert("TM", "telegram", "block"),
    ],
)
async def test_queueing_in_sql_agrees_with_preferences_wants(
    store: Store,
    alert: Alert,
) -> None:
    expected = set()
    for n, (services, actions) in enumerate(WANTS_CASES):
        subscriber = await store.subscribe("telegram", str(n), ["TM"])
        prefs = Preferences(services=services, actions=actions)
        await store.set_preferences(subscriber.id, prefs)
        if prefs.wants(alert.service, alert.action):
            expected.add(subscriber.id)
    stored = await store.record_entries([NewEntry(entry("1"), (Placement(alert, None),))], now=NOW)
    assert set(await outbox_rows(store)) == expected
    assert stored.deliveries == len(expected)


async def test_digest_subscribers_are_queued_for_their_digest_in_chunks(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(storage.outbox, "_ROWS_PER_READ", 3)  # several reads, one schedule
    daily = Preferences(frequency="daily", digest_hour=20, timezone="Asia/Ashgabat")
    weekly = replace(daily, frequency="weekly", digest_weekday=4)
    kinds = [daily] * 5 + [weekly] * 2 + [Preferences()] * 2
    wanted = {}
    for n, prefs in enumerate(kinds):
        subscriber = await store.subscribe("email", f"p{n}@example.org", ["TM"])
        await store.set_preferences(subscriber.id, prefs)
        wanted[subscriber.id] = send_at(prefs, NOW).isoformat()
    await store.subscribe("email", "paused@example.org", ["TM"])
    paused = await store.subscribe("email", "paused@example.org", ["TM"])
    await store.set_preferences(paused.id, Preferences(paused=True))
    await store.subscribe("email", "elsewhere@example.org", ["RU"])
    stored = await store.record_entries(
        [NewEntry(entry("1"), (Placement(IMO_BLOCK, None),))], now=NOW
    )
    assert await outbox_rows(store) == wanted
    assert stored.deliveries == len(kinds)
    assert send_at(daily, NOW) - NOW < timedelta(days=1) < send_at(weekly, NOW) - NOW


async def test_old_entries_are_stored_without_queueing(store: Store) -> None:
    await store.subscribe("telegram", "1", ["TM"])
    stored = await store.record_entries(
        [NewEntry(entry("1"), (Placement(IMO_BLOCK, None),), notify=False)], now=NOW
    )
    assert len(stored.new_events) == 1
    assert stored.deliveries == 0
    assert await outbox_rows(store) == {}


async def test_a_delivered_message_marks_its_rows_and_resets_refusals(
    store: Store,
) -> None:
    subscriber = await store.subscribe("email", "back@example.tm", ["TM"])
    for n in range(3):
        await store.record_entries(
            [NewEntry(entry(str(n)), (Placement(Alert("TM", f"service{n}", "block"), None),))],
            now=NOW,
        )
    first, second, third = await store.due_deliveries("email", NOW, 10)
    assert not await store.note_refusal(subscriber.id, limit=2)  # one refusal so far
    await store.mark_delivered(subscriber.id, [first.id, second.id], NOW)  # one digest
    assert [d.id for d in await store.due_deliveries("email", AFTER_CLAIMS, 10)] == [third.id]
    # The count started over: one more refusal is the first in a row, not the limit.
    assert not await store.note_refusal(subscriber.id, limit=2)


async def test_open_events_of_several_keys_in_one_query(store: Store) -> None:
    alerts = [
        IMO_BLOCK,
        Alert("TM", "imo", "unblock"),
        Alert("RU", "youtube", "throttle"),
        Alert("TM", "imo", "block", scope="partial"),
    ]
    stored = await store.record_entries(
        [NewEntry(entry(str(n)), (Placement(a, None),)) for n, a in enumerate(alerts)], now=NOW
    )
    ids = {event.key: event.id for event in stored.new_events}
    asked = [IMO_BLOCK.key, alerts[2].key, ("KZ", "tiktok", "block", "full")]
    found = await store.open_events([*asked, IMO_BLOCK.key], NOW - timedelta(days=1))
    assert sorted(event.id for event in found) == sorted([ids[IMO_BLOCK.key], ids[alerts[2].key]])
    assert await store.open_events(asked, NOW + timedelta(minutes=1)) == []  # seen too long ago
    assert await store.open_events([], NOW) == []


async def test_a_batch_reports_each_merged_event_once(store: Store) -> None:
    first = await store.record_entries(
        [NewEntry(entry("1"), (Placement(IMO_BLOCK, None),))], now=NOW
    )
    event_id = first.new_events[0].id
    stored = await store.record_entries(
        [NewEntry(entry(str(n)), (Placement(IMO_BLOCK, event_id),)) for n in range(2, 6)], now=NOW
    )
    assert stored.merged_ids == (event_id,)
    assert len((await store.event_report(event_id)).sources) == 5
