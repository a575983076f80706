"""Which store a database setting names: a PostgreSQL URL, or SQLite's file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from storage.store import Store


def is_postgres(database: str | Path) -> bool:
    return isinstance(database, str) and database.startswith(("postgresql://", "postgres://"))


async def open_store(database: str | Path, *, claim_lease: timedelta | None = None) -> Store:
    """The store, open and migrated to the newest schema. `claim_lease`: PostgreSQL's lease on
    the deliveries an instance takes (storage/shared.py)."""
    if is_postgres(database):
        from storage.postgres import PostgresStorage  # psycopg: only for PostgreSQL

        store = await PostgresStorage.open(str(database))
        if claim_lease is not None:
            store.claim_lease = claim_lease
        return store
    from storage.sqlite import SQLiteStorage

    return await SQLiteStorage.open(database)
