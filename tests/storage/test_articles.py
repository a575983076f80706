"""Storage of ARTICLE: the numbered sources of our mails (per subscriber, 30 days, gone with the
subscriber), the feed items that may be read, and the article cache, on real SQLite."""

from __future__ import annotations

from datetime import timedelta

from bot.core.article import Article
from bot.core.models import Alert, Entry, FeedSpec
from bot.core.records import NewEntry, Placement
from storage.sqlite import SQLiteStorage
from tests.support.manualclock import NOW

FEED = "https://gv.example/rss"


async def items(store: SQLiteStorage) -> tuple[int, int]:
    """Two stored items of a full_text feed: one reports an event, one reports nothing."""
    await store.seed_feeds([FeedSpec("GV", FEED, "en", full_text=True)], NOW)
    reported = Entry(
        FEED,
        "1",
        "IMO blocked",
        "IMO is blocked.",
        "https://gv.example/1",
        published=NOW,
        source="GV",
    )
    quiet = Entry(
        FEED, "2", "Weather", "Sunny.", "https://gv.example/2", published=NOW, source="GV"
    )
    placements = (Placement(Alert("TM", "imo", "block"), None),)
    await store.record_entries([NewEntry(reported, placements), NewEntry(quiet, ())], now=NOW)
    rows = await store._conn.execute_fetchall("SELECT id FROM entries ORDER BY entry_key")
    first, second = (int(row[0]) for row in rows)
    return first, second


async def test_a_mails_numbers_belong_to_its_subscriber_only(store: SQLiteStorage) -> None:
    reported, quiet = await items(store)
    alice = await store.subscribe("email", "alice@example.tm", ["TM"])
    bob = await store.subscribe("email", "bob@example.tm", ["TM"])
    await store.record_mail_sources(alice.id, "<alert.1.a@bw>", [reported, None, quiet], NOW)
    found = await store.mail_sources(alice.id, ["<other@x>", "<alert.1.a@bw>"])
    assert found is not None
    message_id, sources = found
    assert message_id == "<alert.1.a@bw>"
    assert [(s.number, s.entry_id, s.full_text) for s in sources] == [
        (1, reported, True),
        (3, quiet, True),  # number 2 was a source not stored: it keeps its place
    ]
    assert await store.mail_sources(bob.id, ["<alert.1.a@bw>"]) is None
    assert await store.mail_sources(alice.id, []) == found  # the latest mail
    await store.forget(alice.id)
    assert await store.mail_sources(alice.id, []) is None


async def test_numbers_older_than_30_days_go(store: SQLiteStorage) -> None:
    reported, _ = await items(store)
    alice = await store.subscribe("email", "alice@example.tm", ["TM"])
    await store.record_mail_sources(alice.id, "<old@bw>", [reported], NOW)
    later = NOW + timedelta(days=31)
    await store.record_mail_sources(alice.id, "<new@bw>", [reported], later)
    assert await store.mail_sources(alice.id, ["<old@bw>"]) is None
    assert await store.mail_sources(alice.id, ["<new@bw>"]) is not None


async def test_only_an_item_that_reports_an_event_may_be_read(store: SQLiteStorage) -> None:
    reported, quiet = await items(store)
    found = await store.source_entry(reported)
    assert found is not None and (found.link, found.full_text) == ("https://gv.example/1", True)
    assert await store.source_entry(quiet) is None
    assert await store.source_entry(99999) is None


async def test_the_cache_keeps_an_article_as_extracted(store: SQLiteStorage) -> None:
    article = Article(
        "https://gv.example/1",
        "Заголовок",
        None,
        "2026-11-23",
        ("Первый абзац [1].", "Второй."),
        ("https://rferl.org/a",),
        NOW,
        etag='"abc"',
    )
    await store.save_article(article)
    assert await store.cached_article(article.url) == article
    newer = Article(article.url, "New", "A", None, ("x",), (), NOW + timedelta(hours=7))
    await store.save_article(newer)
    assert await store.cached_article(article.url) == newer
    assert await store.cached_article("https://gv.example/none") is None
