"""/addfeed drafts on SQLite: a preview waiting for its moderator's Save (schema 0005).

Mixed into SQLiteStorage through FeedTables. Drafts older than a day are swept away whenever a
new one is saved; ids are never reused, so an old preview's buttons cannot act on a new one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.models import FeedSpec
from bot.core.registry import FeedDraft
from storage.base import StoreBase
from storage.codec import to_iso

# An /addfeed preview nobody saved within this long is dropped.
DRAFT_LIFETIME = timedelta(days=1)


class FeedDraftTables(StoreBase):
    async def save_feed_draft(self, draft: FeedDraft) -> FeedDraft:
        """Store a new draft (its id is assigned) or update an existing one's settings."""
        stale = to_iso(draft.created_at - DRAFT_LIFETIME)
        async with self._transaction() as conn:
            await conn.execute("DELETE FROM feed_drafts WHERE created_at < ?", (stale,))
            if draft.id:
                await conn.execute(
                    "UPDATE feed_drafts SET name = ?, language = ?, country = ?,"
                    " interval_min = ? WHERE id = ?",
                    (*_draft_settings(draft.spec), draft.id),
                )
                return draft
            async with conn.execute(
                "INSERT INTO feed_drafts (actor_id, url, name, language, country, interval_min,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    draft.actor_id,
                    draft.spec.url,
                    *_draft_settings(draft.spec),
                    to_iso(draft.created_at),
                ),
            ) as cursor:
                row = await cursor.fetchone()
        assert row is not None  # RETURNING always yields the row
        return FeedDraft(row[0], draft.actor_id, draft.spec, draft.created_at)

    async def feed_draft(self, draft_id: int) -> FeedDraft | None:
        async with self._conn.execute(
            "SELECT id, actor_id, url, name, language, country, interval_min, created_at"
            " FROM feed_drafts WHERE id = ?",
            (draft_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        spec = FeedSpec(row[3], row[2], row[4], row[5], timedelta(minutes=row[6]))
        return FeedDraft(row[0], row[1], spec, datetime.fromisoformat(row[7]))

    async def drop_feed_draft(self, draft_id: int) -> None:
        await self._write("DELETE FROM feed_drafts WHERE id = ?", (draft_id,))


def _draft_settings(spec: FeedSpec) -> tuple[str, str, str | None, int]:
    return spec.name, spec.language, spec.country, int(spec.interval.total_seconds() // 60)
