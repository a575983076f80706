"""`blockwatch db copy SQLITE_PATH postgresql://...`: every table moved, counted, and an
existing database never overwritten (storage/copy.py)."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.core.models import Alert, Entry, FeedSpec, FeedState, Preferences
from bot.core.moderation import VocabChange
from bot.core.records import NewEntry, Placement
from storage.postgres import PostgresStorage
from storage.sqlite import SQLiteStorage
from tests.storage.conftest import count_rows
from tests.support.manualclock import NOW
from tests.support.pgcluster import PgCluster


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("BLOCKWATCH_DB", "TELEGRAM_BOT_TOKEN", "SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


async def fill(path: Path) -> None:
    """A database with rows in every table the service writes."""
    store = await SQLiteStorage.open(path)
    try:
        tg = await store.subscribe("telegram", "-1001234567890", ["TM", "RU"])
        mail = await store.subscribe("email", "Reader@Example.org", ["TM"], confirmed=False)
        await store.set_preferences(tg.id, Preferences(frequency="daily", digest_hour=7))
        await store.set_token(mail.id, "token-1")
        await store.seed_feeds([FeedSpec("A", "https://a.example/rss", "ru", "TM")], NOW)
        await store.save_feed_state(FeedState("https://a.example/rss", etag='"x"', failures=1))
        entry = Entry("https://a.example/rss", "1", "imo blocked", "s", link="https://a.example/1")
        placed = Placement(Alert("TM", "imo", "block"), None)
        await store.record_entries([NewEntry(entry, (placed,))], now=NOW)
        await store.add_moderator(901, 0, NOW)
        await store.announce("TM", "Hello", 901, NOW)
        await store.set_vocab_change(VocabChange("ru", "block", "глушить", True, 901, NOW))
        await store.record_mail_handled("<1@example.org>", NOW)
        await store.mail_secret()
        await store.record_mail_reply("c0ffee", "answer", NOW)
        await store.save_mail_correspondent("c0ffee", 1, None, NOW)
        due = await store.due_deliveries("telegram", NOW, 10)  # the announcement: at once
        await store.mark_delivered(tg.id, [d.id for d in due], NOW)
        assert due
    finally:
        await store.close()


def tables(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as db:
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in names}


async def target_counts(url: str, names: list[str]) -> dict[str, int]:
    store = await PostgresStorage.open(url)
    try:
        return {name: await count_rows(store, name) for name in names}
    finally:
        await store.close()


def test_every_row_moves_over_and_new_rows_continue_the_ids(
    tmp_path: Path, pg_cluster: PgCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    source, url = tmp_path / "blockwatch.db", pg_cluster.create_database()
    asyncio.run(fill(source))
    before = tables(source)
    assert main(["db", "copy", str(source), url]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"copied {sum(before.values())} rows of {len(before)} tables: ")
    assert asyncio.run(target_counts(url, list(before))) == before
    assert min(before[name] for name in ("subscribers", "outbox", "audit_log", "feeds")) > 0

    async def same_and_continued() -> None:
        old, new = await SQLiteStorage.open(source), await PostgresStorage.open(url)
        try:
            assert await new.subscribers() == await old.subscribers()
            assert await new.feed_state("https://a.example/rss") == await old.feed_state(
                "https://a.example/rss"
            )
            assert await new.vocab_changes() == await old.vocab_changes()
            assert await new.mail_secret() == await old.mail_secret()
            later = await new.subscribe("telegram", "42", ["KZ"])
            assert later.id > max(s.id for s in await old.subscribers())
        finally:
            await old.close()
            await new.close()

    asyncio.run(same_and_continued())


def test_a_database_in_use_is_never_overwritten(
    tmp_path: Path, pg_cluster: PgCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    source, url = tmp_path / "blockwatch.db", pg_cluster.create_database()
    asyncio.run(fill(source))
    assert main(["db", "copy", str(source), url]) == 0
    capsys.readouterr()
    assert main(["db", "copy", str(source), url]) == 2
    err = capsys.readouterr().err
    assert "is not empty" in err and "a copy goes only into a new database" in err
    assert asyncio.run(target_counts(url, ["subscribers"])) == {"subscribers": 2}


def test_a_missing_source_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "copy", str(tmp_path / "none.db"), "postgresql://h/db"]) == 2
    assert "SQLITE_PATH: no SQLite database at" in capsys.readouterr().err
