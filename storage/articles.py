"""Full articles by mail, SQLite half: the numbered sources of our mails, the article cache.

Mixed into SQLiteStorage. A source can be asked for only as (subscriber, Message-ID of our
mail, number): a reply naming another subscriber's mail finds nothing. Numbers are kept
MAIL_SOURCES_KEPT, then the mail is too old to ask about.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.core.article import Article, AskedSource
from storage.base import StoreBase
from storage.codec import from_iso, to_iso

MAIL_SOURCES_KEPT = timedelta(days=30)

_SOURCES = """
SELECT m.number, e.id, e.source, e.title, e.link, e.summary, e.language, COALESCE(f.full_text, 0)
FROM mail_sources AS m
JOIN entries AS e ON e.id = m.entry_id
LEFT JOIN feeds AS f ON f.url = e.feed_url
WHERE m.subscriber_id = ? AND m.message_id = ?
ORDER BY m.number
"""


class ArticleTables(StoreBase):
    async def record_mail_sources(
        self,
        subscriber_id: int,
        message_id: str,
        entry_ids: Sequence[int | None],
        now: datetime,
    ) -> None:
        rows = [
            (subscriber_id, message_id, number, entry_id, to_iso(now))
            for number, entry_id in enumerate(entry_ids, 1)
            if entry_id is not None
        ]
        async with self._transaction() as conn:
            await conn.execute(
                "DELETE FROM mail_sources WHERE subscriber_id = ? AND sent_at < ?",
                (subscriber_id, to_iso(now - MAIL_SOURCES_KEPT)),
            )
            # A mail sent again after a crash has the same Message-ID and the same numbers.
            await conn.executemany(
                "INSERT INTO mail_sources"
                " (subscriber_id, message_id, number, entry_id, sent_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (subscriber_id, message_id, number)"
                " DO UPDATE SET entry_id = excluded.entry_id, sent_at = excluded.sent_at",
                rows,
            )

    async def mail_sources(
        self, subscriber_id: int, message_ids: Sequence[str]
    ) -> tuple[str, tuple[AskedSource, ...]] | None:
        candidates = list(message_ids)
        if not candidates:
            rows = await self._conn.execute_fetchall(
                "SELECT message_id FROM mail_sources WHERE subscriber_id = ?"
                " ORDER BY sent_at DESC, message_id DESC LIMIT 1",
                (subscriber_id,),
            )
            candidates = [str(row[0]) for row in rows]
        for message_id in candidates:
            found = await self._conn.execute_fetchall(_SOURCES, (subscriber_id, message_id))
            sources = tuple(_asked(row) for row in found)
            if sources:
                return message_id, sources
        return None

    async def source_entry(self, entry_id: int) -> AskedSource | None:
        rows = list(
            await self._conn.execute_fetchall(
                "SELECT 1, e.id, e.source, e.title, e.link, e.summary, e.language,"
                " COALESCE(f.full_text, 0) FROM entries AS e"
                " LEFT JOIN feeds AS f ON f.url = e.feed_url"
                " WHERE e.id = ? AND EXISTS (SELECT 1 FROM event_sources AS s"
                " WHERE s.entry_id = e.id)",
                (entry_id,),
            )
        )
        return _asked(rows[0]) if rows else None

    async def cached_article(self, url: str) -> Article | None:
        rows = list(
            await self._conn.execute_fetchall(
                "SELECT fetched_at, etag, last_modified, title, author, published, paragraphs,"
                " links FROM article_cache WHERE url = ?",
                (url,),
            )
        )
        if not rows:
            return None
        row = rows[0]
        fetched_at = from_iso(row[0])
        assert fetched_at is not None  # NOT NULL
        return Article(
            url=url,
            title=str(row[3]),
            author=row[4],
            published=row[5],
            paragraphs=tuple(json.loads(row[6])),
            links=tuple(json.loads(row[7])),
            fetched_at=fetched_at,
            etag=row[1],
            last_modified=row[2],
        )

    async def save_article(self, article: Article) -> None:
        await self._write(
            "INSERT INTO article_cache (url, fetched_at, etag, last_modified, title,"
            " author, published, paragraphs, links) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET fetched_at = excluded.fetched_at,"
            " etag = excluded.etag, last_modified = excluded.last_modified,"
            " title = excluded.title, author = excluded.author, published = excluded.published,"
            " paragraphs = excluded.paragraphs, links = excluded.links",
            (
                article.url,
                to_iso(article.fetched_at),
                article.etag,
                article.last_modified,
                article.title,
                article.author,
                article.published,
                json.dumps(list(article.paragraphs), ensure_ascii=False),
                json.dumps(list(article.links)),
            ),
        )


def _asked(row: Sequence[Any]) -> AskedSource:
    """(number, entry id, source, title, link, summary, language, full_text)"""
    return AskedSource(
        number=int(row[0]),
        entry_id=int(row[1]),
        source=str(row[2]),
        title=str(row[3]),
        link=row[4],
        summary=str(row[5]),
        language=str(row[6]),
        full_text=bool(row[7]),
    )
