"""Which store a database setting names: a PostgreSQL URL, or SQLite's file."""

from __future__ import annotations

from pathlib import Path

from storage.store import Store


def is_postgres(database: str | Path) -> bool:
    return isinstance(database, str) and database.startswith(("postgresql://", "postgres://"))


async def open_store(database: str | Path) -> Store:
    """The store, open and migrated to the newest schema."""
    if is_postgres(database):
        from storage.postgres import PostgresStorage  # psycopg: only for PostgreSQL

        return await PostgresStorage.open(str(database))
    from storage.sqlite import SQLiteStorage

    return await SQLiteStorage.open(database)
