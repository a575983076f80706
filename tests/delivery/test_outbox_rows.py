"""The outbox at the cost of the batch (schema 0006): due_deliveries walks the pending rows in id
order and takes the same batches as grouping the whole backlog; mark_delivered is one statement.
Outboxes are written here in SQL, row by row."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.models import Channel
from storage.migrate import available_migrations
from storage.sqlite import SQLiteStorage
from storage.subscribers import _WAITING
from tests.support.manualclock import NOW

DUE = (NOW - timedelta(minutes=5)).isoformat()
LATER = (NOW + timedelta(hours=1)).isoformat()

# The query due_deliveries answered before schema 0006: every due row of the channel, grouped
# by subscriber and sorted, to take `limit` subscribers. The walk must give the same rows.
WHOLE_BACKLOG = (
    "WITH due AS (SELECT o.id, o.subscriber_id, o.event_id, o.attempts FROM outbox o"
    " JOIN subscribers s ON s.id = o.subscriber_id JOIN events e ON e.id = o.event_id"
    " WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND s.channel = ?"
    " AND s.active = 1 AND s.paused = 0 AND s.confirmed = 1"
    " AND coalesce(e.review, '') NOT IN ('pending', 'rejected')),"
    " first AS (SELECT subscriber_id, min(id) AS oldest FROM due"
    " GROUP BY subscriber_id ORDER BY oldest LIMIT ?)"
    " SELECT due.id, due.subscriber_id, due.event_id, due.attempts FROM due"
    " JOIN first USING (subscriber_id) ORDER BY due.id"
)


@pytest.fixture
def db(store: SQLiteStorage, db_path: Path) -> Path:
    """The store's migrated, empty database file, which the tests fill in SQL."""
    return db_path


def subscriber(
    conn: sqlite3.Connection,
    channel: str = "email",
    *,
    active: int = 1,
    paused: int = 0,
    confirmed: int = 1,
) -> int:
    cursor = conn.execute(
        "INSERT INTO subscribers (channel, address, created_at, active, paused, confirmed)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (channel, f"a{random.random()}", DUE, active, paused, confirmed),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def event(conn: sqlite3.Connection, review: str | None = None) -> int:
    cursor = conn.execute(
        "INSERT INTO events (country, service, action, first_seen, last_seen, review)"
        " VALUES ('TM', ?, 'block', ?, ?, ?)",
        (f"s{random.random()}", DUE, DUE, review),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def owe(
    conn: sqlite3.Connection,
    subscriber_id: int,
    event_id: int,
    *,
    due: str = DUE,
    status: str = "pending",
) -> int:
    cursor = conn.execute(
        "INSERT INTO outbox (subscriber_id, event_id, status, next_attempt_at, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (subscriber_id, event_id, status, due, DUE),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def due(
    store: SQLiteStorage, limit: int, channel: Channel = "email"
) -> list[tuple[int, int]]:
    """(row id, subscriber id) of the batch."""
    return [(d.id, d.subscriber.id) for d in await store.due_deliveries(channel, NOW, limit)]


async def test_held_rows_do_not_hold_up_anyone(db: Path, store: SQLiteStorage) -> None:
    with sqlite3.connect(db) as conn:
        held, rejected, fine = event(conn, "pending"), event(conn, "rejected"), event(conn)
        waiting, mixed, other = subscriber(conn), subscriber(conn), subscriber(conn)
        owe(conn, waiting, held)
        owe(conn, mixed, rejected)
        owe(conn, waiting, rejected)
        mixed_row = owe(conn, mixed, fine)
        other_row = owe(conn, other, fine)
    assert await due(store, 1) == [(mixed_row, mixed)]  # `waiting` has nothing to send
    assert await due(store, 10) == [(mixed_row, mixed), (other_row, other)]


async def test_rows_that_must_wait_do_not_fill_the_batch(db: Path, store: SQLiteStorage) -> None:
    with sqlite3.connect(db) as conn:
        news = event(conn)
        skipped = [
            subscriber(conn, "telegram"),
            subscriber(conn, active=0),
            subscriber(conn, paused=1),
            subscriber(conn, confirmed=0),
        ]
        waiting = [owe(conn, subscriber_id, news) for subscriber_id in skipped]
        later, sent, ready = subscriber(conn), subscriber(conn), subscriber(conn)
        owe(conn, later, news, due=LATER)
        owe(conn, sent, news, status="sent")
        owe(conn, sent, event(conn), status="failed")
        row = owe(conn, ready, news)
    assert await due(store, 1) == [(row, ready)]
    assert await due(store, 10, "telegram") == [(waiting[0], skipped[0])]


async def test_a_subscriber_with_many_rows_comes_whole_and_the_walk_goes_on(
    db: Path,
    store: SQLiteStorage,
) -> None:
    """The first chunk of the walk holds only the weekly subscriber's rows."""
    with sqlite3.connect(db) as conn:
        weekly, daily, last = subscriber(conn), subscriber(conn), subscriber(conn)
        events = [event(conn) for _ in range(6)]
        weekly_rows = [owe(conn, weekly, e) for e in events[:5]]
        daily_row = owe(conn, daily, events[0])
        weekly_rows.append(owe(conn, weekly, events[5]))  # after the batch's last subscriber
        owe(conn, last, events[0])
    batch = await due(store, 2)
    assert batch == sorted([(r, weekly) for r in weekly_rows] + [(daily_row, daily)])


async def test_same_batches_as_grouping_the_whole_backlog(db: Path, store: SQLiteStorage) -> None:
    rnd = random.Random(6)
    with sqlite3.connect(db) as conn:
        people = [
            subscriber(
                conn,
                rnd.choice(["email", "telegram"]),
                active=int(rnd.random() > 0.1),
                paused=int(rnd.random() < 0.1),
            )
            for _ in range(40)
        ]
        events = [
            event(conn, rnd.choice([None, None, "approved", "pending", "rejected"]))
            for _ in range(12)
        ]
        for _ in range(300):
            when = (NOW + timedelta(minutes=rnd.randint(-60, 20))).isoformat()
            conn.execute(
                "INSERT OR IGNORE INTO outbox (subscriber_id, event_id, status, attempts,"
                " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    rnd.choice(people),
                    rnd.choice(events),
                    rnd.choice(["pending"] * 4 + ["sent"]),
                    rnd.randint(0, 3),
                    when,
                    DUE,
                ),
            )
        conn.commit()  # for the store's own connection
        for limit in (1, 2, 3, 7, 20, 100):
            for channel in ("email", "telegram"):
                expected = conn.execute(WHOLE_BACKLOG, (NOW.isoformat(), channel, limit))
                batch = await store.due_deliveries(channel, NOW, limit)
                got = [(d.id, d.subscriber.id, d.event_id, d.attempts) for d in batch]
                assert got == expected.fetchall(), (limit, channel)


def plan(db: Path, sql: str, params: Sequence[object]) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


async def test_the_walk_reads_the_index_in_order_and_sorts_nothing(db: Path) -> None:
    steps = plan(db, _WAITING, (0, NOW.isoformat(), "email", 200))
    assert steps[0] == "SEARCH o USING INDEX outbox_waiting (id>?)"
    assert not any("TEMP B-TREE" in step or step.startswith("SCAN") for step in steps), steps


async def test_mark_delivered_is_one_statement_for_its_subscriber_s_rows(
    db: Path,
    store: SQLiteStorage,
) -> None:
    with sqlite3.connect(db) as conn:
        news, more = event(conn), event(conn)
        reader, other = subscriber(conn), subscriber(conn)
        rows = [owe(conn, reader, news), owe(conn, reader, more)]
        others = owe(conn, other, news)
        conn.execute("UPDATE subscribers SET refusals = 2")
    statements: list[str] = []
    await store._sqlite.set_trace_callback(statements.append)
    # one story's message: both events, named by the first (issue 20)
    await store.mark_delivered(reader, [*rows, others], NOW, news)  # `others` is not reader's
    # aiosqlite annotates the handler as Callable; sqlite3 takes None to stop tracing
    await store._sqlite.set_trace_callback(None)  # type: ignore[arg-type]
    # (SQLite traces a statement again each time it enters a trigger: the same text)
    assert len(set(statements)) == 1 and statements[0].startswith("UPDATE outbox")
    with sqlite3.connect(db) as conn:
        status = {
            row: (state, named)
            for row, state, named in conn.execute("SELECT id, status, message_event FROM outbox")
        }
        refusals = dict(conn.execute("SELECT id, refusals FROM subscribers"))
    assert status == {rows[0]: ("sent", news), rows[1]: ("sent", news), others: ("pending", None)}
    assert refusals == {reader: 0, other: 2}  # the accepted message starts reader's count over
    assert await store.message_events(reader, [news, more]) == {news: news, more: news}
    assert await store.message_events(other, [news, more]) == {}  # not sent to the other


async def test_the_message_that_told_an_event_is_found_per_subscriber(
    db: Path, store: SQLiteStorage
) -> None:
    with sqlite3.connect(db) as conn:
        told, alone, owed, failed = event(conn), event(conn), event(conn), event(conn)
        reader, other = subscriber(conn), subscriber(conn)
        story = [owe(conn, reader, told), owe(conn, reader, alone)]
        owe(conn, reader, owed)
        refused = owe(conn, reader, failed)
        owe(conn, other, told)
    await store.mark_delivered(reader, story[:1], NOW, alone)  # told in a mail named by `alone`
    await store.mark_delivered(reader, story[1:], NOW)  # a digest part: no event names it
    await store.mark_failed(refused, "550 no such user")
    found = await store.message_events(reader, [told, alone, owed, failed, 10**6])
    # not sent, or failed: absent; a row marked without a name reads as its own event
    assert found == {told: alone, alone: alone}
    assert await store.message_events(other, [told]) == {}
    assert await store.message_events(reader, []) == {}


async def test_rows_sent_before_schema_10_read_as_their_own_mails(tmp_path: Path) -> None:
    """Before stories every alert was a mail of its own, named by its event: the migration keeps
    that reading for the rows already sent, so an unblock still threads under its block."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        for migration in available_migrations()[:9]:
            conn.executescript(f"{migration.sql}\nPRAGMA user_version = {migration.version};")
        block = event(conn)
        reader = subscriber(conn)
        owe(conn, reader, block, status="sent")
    store = await SQLiteStorage.open(path)
    try:
        assert await store.message_events(reader, [block]) == {block: block}
    finally:
        await store.close()
