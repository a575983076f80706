"""Moderators' vocabulary overlay, and the stored items a change is tried on, in SQLite."""

from __future__ import annotations

from datetime import datetime

from bot.core.models import Entry
from bot.core.moderation import VocabChange
from storage.audit import write_audit
from storage.base import StoreBase
from storage.codec import from_iso, to_iso

# Entries that are no news items: announcements' text (storage/moderation.py).
_NOT_NEWS = "blockwatch:%"


class VocabTables(StoreBase):
    async def vocab_changes(self) -> list[VocabChange]:
        async with self._conn.execute(
            "SELECT language, list, pattern, change, changed_by, changed_at FROM vocab_overlay"
            " ORDER BY language, list, pattern"
        ) as cursor:
            return [
                VocabChange(lang, name, pattern, change == "add", by, datetime.fromisoformat(at))
                for lang, name, pattern, change, by, at in await cursor.fetchall()
            ]

    async def set_vocab_change(self, change: VocabChange) -> None:
        """Record a change (replacing any earlier one of the same word), audited."""
        verb = "add" if change.added else "remove"
        async with self._transaction() as conn:
            await conn.execute(
                "INSERT INTO vocab_overlay (language, list, pattern, change, changed_by,"
                " changed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (language, list, pattern)"
                " DO UPDATE SET change = excluded.change, changed_by = excluded.changed_by,"
                " changed_at = excluded.changed_at",
                (
                    change.language,
                    change.list,
                    change.pattern,
                    verb,
                    change.changed_by,
                    to_iso(change.changed_at),
                ),
            )
            await write_audit(
                conn,
                change.changed_by,
                f"vocab-{verb}",
                f"{change.language} {change.list}: {change.pattern}",
                change.changed_at,
            )

    async def drop_vocab_change(
        self, language: str, name: str, pattern: str, moderator_id: int, at: datetime
    ) -> bool:
        """Undo a change: the word is as the files have it again. False if there was none."""
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM vocab_overlay WHERE language = ? AND list = ? AND pattern = ?",
                (language, name, pattern),
            )
            if cursor.rowcount != 1:
                return False
            await write_audit(conn, moderator_id, "vocab-undo", f"{language} {name}: {pattern}", at)
        return True

    async def recent_items(self, since: datetime, limit: int) -> list[Entry]:
        """Stored news items fetched since then, newest first, each with its feed's default
        country (the feed registry's) as the detector saw it."""
        async with self._conn.execute(
            "SELECT en.feed_url, en.entry_key, en.title, en.summary, en.link, en.published,"
            " en.language, en.source, f.country FROM entries en"
            " LEFT JOIN feeds f ON f.url = en.feed_url"
            " WHERE en.fetched_at >= ? AND en.feed_url NOT LIKE ?"
            " ORDER BY en.fetched_at DESC, en.id DESC LIMIT ?",
            (to_iso(since), _NOT_NEWS, limit),
        ) as cursor:
            rows = await cursor.fetchall()
            return [
                Entry(
                    feed_url=url,
                    key=key,
                    title=title,
                    summary=summary,
                    link=link,
                    published=from_iso(published),
                    language=language,
                    source=source,
                    country_hint=country,
                )
                for url, key, title, summary, link, published, language, source, country in rows
            ]
