"""Schema migrations: numbered SQL files applied in order, tracked by PRAGMA user_version.

`schema/0001_initial.sql` takes the database to version 1, `0002_*.sql` to 2, and so on. Each
file runs in one transaction together with the version bump, so a crash mid-migration leaves
the previous version intact. `schema/current.sql` is the schema they build, written out for
reading (its name is not NNNN_name.sql, so it is never applied; tests/storage/test_schema.py
keeps it equal to what they build).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources

import aiosqlite

from bot.core.errors import StorageError

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped in storage/schema, in version order, numbered without gaps."""
    found = []
    for item in resources.files("storage").joinpath("schema").iterdir():
        match = _NAME.match(item.name)
        if match:
            found.append(Migration(int(match.group(1)), item.name, item.read_text("utf-8")))
    found.sort(key=lambda migration: migration.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise StorageError(f"schema migrations are not numbered 1..n: {[m.name for m in found]}")
    return found


async def migrate(conn: aiosqlite.Connection) -> int:
    """Bring the database to the newest schema; return the version it is at now."""
    migrations = available_migrations()
    current = await _user_version(conn)
    newest = migrations[-1].version if migrations else 0
    if current > newest:
        raise StorageError(
            f"database schema version {current} is newer than this Blockwatch knows ({newest})"
        )
    for migration in migrations[current:]:
        log.info("applying schema migration %s", migration.name)
        # executescript commits first, so the migration's statements and the version bump
        # are wrapped in an explicit transaction of their own.
        await conn.executescript(
            f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        )
    return newest


async def _user_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
