"""storage/mail.py: answered Message-IDs and bounce counting, on the real SQLite store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.sqlite import SQLiteStorage

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStorage]:
    storage = await SQLiteStorage.open(tmp_path / "mail.db")
    yield storage
    await storage.close()


async def test_a_message_id_is_remembered_once(store: SQLiteStorage) -> None:
    assert not await store.mail_handled("<a@example.tm>")
    await store.record_mail_handled("<a@example.tm>", NOW)
    await store.record_mail_handled("<a@example.tm>", NOW)  # twice: no error
    assert await store.mail_handled("<a@example.tm>")
    assert not await store.mail_handled("<b@example.tm>")


async def test_refusals_in_a_row_stop_mail_and_an_accepted_one_resets(
    store: SQLiteStorage,
) -> None:
    subscriber = await store.subscribe("email", "gone@example.tm", ["TM"])
    assert not await store.note_refusal(subscriber.id, limit=3)
    await store.note_accepted(subscriber.id)  # the mailbox came back: the count starts over
    assert not await store.note_refusal(subscriber.id, limit=3)
    assert not await store.note_refusal(subscriber.id, limit=3)
    assert await store.note_refusal(subscriber.id, limit=3)
    bouncing = await store.subscriber("email", "gone@example.tm")
    assert bouncing is not None and not bouncing.active
    assert not await store.note_refusal(9999, limit=1)  # no such subscriber: nothing happens
