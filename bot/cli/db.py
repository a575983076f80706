"""`blockwatch db copy SQLITE_PATH postgresql://...`: moving a database over to PostgreSQL.

Every table is copied in one transaction and the counts checked (storage/copy.py); a target
that holds anything is refused. Stop the service on the SQLite database first (its instance
lock is taken for the copy, so a running one makes the copy wait or refuse), then point
BLOCKWATCH_DB at the new database.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from bot.config import Settings, database_setting
from bot.core.errors import ConfigError


def add_db_commands(commands: Any) -> None:
    """`db` and its actions, on the top-level subparsers."""
    db = commands.add_parser("db", help="move a database: copy SQLite into PostgreSQL")
    actions = db.add_subparsers(metavar="ACTION", required=True)
    copy = actions.add_parser("copy", help="copy every table into an empty PostgreSQL database")
    copy.add_argument("source", metavar="SQLITE_PATH", help="the SQLite file (or sqlite: URL)")
    copy.add_argument("target", metavar="POSTGRESQL_URL", help="postgresql://user:pw@host/db")
    copy.set_defaults(handler=_copy)


def _copy(args: argparse.Namespace, settings: Settings) -> int:
    from storage.copy import copy_database
    from storage.instance import acquire_instance_lock

    source = database_setting(args.source).get("db_path")
    target = database_setting(args.target).get("db_url")
    if not isinstance(source, Path) or not source.is_file():
        raise ConfigError(f"no SQLite database at {args.source}", field="SQLITE_PATH")
    if not isinstance(target, str):
        raise ConfigError(
            "expected postgresql://user:password@host/database", field="POSTGRESQL_URL"
        )

    async def copy() -> int:
        lock = await acquire_instance_lock(source)  # no service writes while we read
        try:
            copied = await copy_database(source, target)
        finally:
            await lock.release()
        counts = ", ".join(f"{table} {rows}" for table, rows in copied.counts.items())
        print(f"copied {copied.rows} rows of {len(copied.counts)} tables: {counts}")
        return 0

    return asyncio.run(copy())
