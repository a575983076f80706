"""The audit log: one row per moderator action, written inside the action's own transaction
where the action is a write of ours, so an action and its record stand or fall together."""

from __future__ import annotations

from datetime import datetime

from bot.core.moderation import AuditEntry
from storage.codec import to_iso
from storage.dbapi import Connection

# A detail is one line for moderators to read: a pasted essay is cut, not stored whole.
DETAIL_CHARS = 300


async def write_audit(
    conn: Connection, actor_id: int, action: str, detail: str, at: datetime
) -> None:
    """Record one action, inside the caller's transaction."""
    await conn.execute(
        "INSERT INTO audit_log (at, actor_id, action, detail) VALUES (?, ?, ?, ?)",
        (to_iso(at), actor_id, action, " ".join(detail.split())[:DETAIL_CHARS]),
    )


async def read_audit(conn: Connection, limit: int) -> list[AuditEntry]:
    """The newest `limit` actions, newest first."""
    async with conn.execute(
        "SELECT at, actor_id, action, detail FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)
    ) as cursor:
        return [
            AuditEntry(datetime.fromisoformat(at), actor, action, detail)
            for at, actor, action, detail in await cursor.fetchall()
        ]
